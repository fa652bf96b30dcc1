/**
 * Rules the server applies that the OpenAPI document states too: the body of reinstatements and
 * revocations requires the session, the dossier steps are the two a client may ask for, "one of"
 * and "at least one field" rules, the nine departments, and the length of trimmed text.
 */
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { seedUser } from '../helpers/auth.js';

type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; required?: string[] };
type Document = { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>> };

async function documentAndApp() {
  const app = await buildTestApp();
  const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json<Document>();
  const body = (path: string, method: string): Schema => {
    const schema = doc.paths[path]?.[method]?.requestBody?.content['application/json']?.schema;
    expect(schema, `${method} ${path}`).toBeDefined();
    return schema!;
  };
  return { app, body };
}

describe('the document states the rules the server applies', () => {
  it('requires the session for reinstatement and revocation, not for suspension', async () => {
    const { body } = await documentAndApp();
    expect(body('/api/v1/certificates/{id}/reinstatement', 'post').required).toContain('sessionId');
    expect(body('/api/v1/certificates/{id}/revocation', 'post').required).toContain('sessionId');
    expect(body('/api/v1/certificates/{id}/suspension', 'post').required ?? []).not.toContain('sessionId');
  });

  it('lists only the dossier steps a client may ask for, and the server refuses the others as the document says', async () => {
    const { app, body } = await documentAndApp();
    expect(body('/api/v1/dossiers/{id}/events', 'post').properties!.event!.enum).toEqual(['send_to_commission', 'return_to_committee']);
    const committee = await seedUser(app, { role: 'admin' });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/dossiers/5b0c7c1e-2f4a-4d3b-9a61-0c8e2d7f9a10/events',
      headers: committee.headers,
      payload: { event: 'decide' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'body.event' }] });
  });

  it('states "exactly one of" and "at least one field" in JSON Schema words', async () => {
    const { body } = await documentAndApp();
    expect(body('/api/v1/appeals', 'post').oneOf).toEqual([
      { required: ['decisionId'] },
      { required: ['suspensionEventSeq'] },
      { required: ['revocationEventSeq'] },
    ]);
    expect(body('/api/v1/commission/sessions/{id}/agenda', 'post').oneOf).toHaveLength(3);
    expect(body('/api/v1/persons/{id}/ties', 'post').oneOf).toEqual([{ required: ['producerId'] }, { required: ['organizationId'] }]);
    for (const path of ['/api/v1/organizations/{id}', '/api/v1/producers/{id}', '/api/v1/persons/{id}']) {
      expect(body(path, 'patch').minProperties, path).toBe(1);
    }
    expect(body('/api/v1/users/', 'post').description).toContain('committee, reviewer y producer necesitan organizationId');
  });

  it('lists the nine departments, which the server reads', async () => {
    const { app, body } = await documentAndApp();
    const department = body('/api/v1/organizations', 'post').properties!.department!;
    expect(department.enum).toEqual(expect.arrayContaining(['La Paz', 'Potosí', 'la-paz', 'potosi', 'santa-cruz', 'Pando']));
    expect(department.enum).toHaveLength(18);
    const admin = await seedUser(app, { role: 'admin' });
    for (const value of department.enum as string[]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/organizations',
        headers: admin.headers,
        payload: { name: `Cooperativa de ${value}`, kind: 'cooperativa', department: value, municipality: 'Capital' },
      });
      expect(res.statusCode, value).toBe(201);
    }
  });

  it('states that typed text is counted without its surrounding spaces, and the server agrees', async () => {
    const { app, body } = await documentAndApp();
    const name = body('/api/v1/organizations', 'post').properties!.name!;
    expect(name).toMatchObject({ minLength: 1, pattern: '\\S' });
    expect(JSON.stringify(body('/api/v1/organizations', 'post'))).not.toContain('x-trimmed');
    const admin = await seedUser(app, { role: 'admin' });
    const create = (value: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/organizations',
        headers: admin.headers,
        payload: { name: value, kind: 'cooperativa', department: 'Beni', municipality: 'Riberalta' },
      });
    // Matches the pattern: accepted, trimmed. Does not: refused, as the document says.
    expect((await create('  Cooperativa Castañera  ')).json().name).toBe('Cooperativa Castañera');
    expect(new RegExp(name.pattern as string).test('   ')).toBe(false);
    expect((await create('   ')).statusCode).toBe(400);
    // A longer minimum: the reason of a suspension.
    const reason = body('/api/v1/certificates/{id}/suspension', 'post').properties!.reason!;
    expect(reason).toMatchObject({ minLength: 10, pattern: '\\S[\\s\\S]{8,}\\S' });
  });
});
