import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { seedOrganization, seedUser } from '../helpers/auth.js';
import { seedPerson, seedProducer } from '../helpers/registry.js';

const auditOf = (app: FastifyInstance, id: string) =>
  (
    app.db.$client.prepare("SELECT change FROM audit_log WHERE entity = 'user' AND entity_id = ? AND action = 'update'").all(id) as {
      change: string;
    }[]
  ).map((r) => JSON.parse(r.change) as Record<string, unknown>);

async function world() {
  const app = await buildTestApp();
  const org = seedOrganization(app, 'Cooperativa Agropecuaria Señor de Mayo');
  const admin = await seedUser(app, { role: 'admin' });
  return { app, org, admin };
}

describe('PATCH /api/v1/users/:id: role and organisation', () => {
  it('changes the role with the ties it needs, refuses a role without its organisation, and audits the change', async () => {
    const { app, org, admin } = await world();
    const account = await seedUser(app, { role: 'commission' });
    const patch = (payload: object) =>
      app.inject({ method: 'PATCH', url: `/api/v1/users/${account.user.id}`, headers: admin.headers, payload });
    const missing = await patch({ role: 'committee' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().issues).toEqual([{ path: 'body.organizationId', message: 'Este rol necesita una organización' }]);
    const unknown = await patch({ role: 'committee', organizationId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().issues[0].message).toBe('No existe esa organización');
    const ok = await patch({ role: 'committee', organizationId: org });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ role: 'committee', organizationId: org });
    expect(auditOf(app, account.user.id)).toEqual([
      { role: { before: 'commission', after: 'committee' }, organizationId: { before: null, after: org } },
    ]);
    // Back to the commission: the organisation goes with the role it came with.
    expect((await patch({ role: 'commission' })).json()).toMatchObject({ role: 'commission', organizationId: null });
    const committee = await seedUser(app, { role: 'committee', organizationId: org });
    const refused = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${account.user.id}`,
      headers: committee.headers,
      payload: { role: 'admin' },
    });
    expect(refused.statusCode).toBe(403);
  });

  it('ties a producer account to a unit of its organisation and a person of it, and drops the unit when the role changes', async () => {
    const { app, org, admin } = await world();
    const other = seedOrganization(app, 'Asociación de Artesanas de Tarabuco');
    const unit = seedProducer(app, org);
    const foreignUnit = seedProducer(app, other);
    const person = seedPerson(app, org, { fullName: 'Juana Choque' });
    const account = await seedUser(app, { role: 'reviewer', organizationId: org });
    const patch = (payload: object) =>
      app.inject({ method: 'PATCH', url: `/api/v1/users/${account.user.id}`, headers: admin.headers, payload });
    expect((await patch({ role: 'producer' })).json().issues[0].path).toBe('body.producerId');
    expect((await patch({ role: 'producer', producerId: foreignUnit })).json().issues[0].message).toBe(
      'La unidad productiva no pertenece a esa organización',
    );
    expect((await patch({ personId: seedPerson(app, other) })).json().issues[0].message).toBe('La persona no pertenece a esa organización');
    const producer = await patch({ role: 'producer', producerId: unit, personId: person });
    expect(producer.statusCode).toBe(200);
    expect(producer.json()).toMatchObject({ role: 'producer', organizationId: org, producerId: unit, personId: person });
    expect((await patch({ role: 'committee' })).json()).toMatchObject({ role: 'committee', organizationId: org, producerId: null });
    // The same values again change nothing and write no history.
    const entries = auditOf(app, account.user.id).length;
    expect((await patch({ role: 'committee', organizationId: org })).statusCode).toBe(200);
    expect(auditOf(app, account.user.id)).toHaveLength(entries);
  });

  it('keeps at least one enabled administration account', async () => {
    const { app, admin } = await world();
    const alone = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${admin.user.id}`,
      headers: admin.headers,
      payload: { disabled: true },
    });
    expect(alone.statusCode).toBe(409);
    expect(alone.json().code).toBe('LAST_ADMIN');
    const demoted = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${admin.user.id}`,
      headers: admin.headers,
      payload: { role: 'commission' },
    });
    expect(demoted.statusCode).toBe(409);
    const second = await seedUser(app, { role: 'admin' });
    const now = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${admin.user.id}`,
      headers: second.headers,
      payload: { role: 'commission' },
    });
    expect(now.statusCode).toBe(200);
    expect(now.json()).toMatchObject({ role: 'commission', organizationId: null });
  });
});
