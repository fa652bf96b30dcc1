import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { countRows, seedUser } from '../helpers/auth.js';
import { UNSAFE_TEXT_MESSAGE } from '../../src/human-text.js';
import { VALIDATION_FAILED_MESSAGE } from '../../src/errors.js';

async function withCommittee() {
  const app = await buildTestApp();
  const admin = await seedUser(app, { role: 'admin' });
  const org = await request(app.server)
    .post('/api/v1/organizations')
    .set(admin.headers)
    .send({ name: 'Asociación de Tejedoras Warmi', kind: 'asociacion', department: 'Oruro', municipality: 'Oruro' })
    .expect(201);
  const committee = await seedUser(app, { role: 'committee', organizationId: org.body.id });
  return { app, admin, committee, orgId: org.body.id as string };
}

const producer = (orgId: string, name: string) => ({
  organizationId: orgId,
  name,
  sectors: ['artesania'],
  products: ['tejidos'],
  department: 'Oruro',
  municipality: 'Oruro',
  community: 'Challapata',
  household: 'Mamani',
});

describe('text people type', () => {
  it.each([
    ['a NUL', 'Familia\u0000Mamani'],
    ['a right-to-left override', 'Familia \u202EinamaM'],
    ['a line break in a one-line field', 'Familia\r\nMamani'],
    ['a lone surrogate', 'Familia Mamani \uD800'],
    ['a first-strong isolate', 'Familia \u2068Mamani\u2069'],
  ])('refuses a name with %s, in the one error shape, writing nothing', async (_what, name) => {
    const { app, committee, orgId } = await withCommittee();
    const before = countRows(app, 'producers');
    const auditBefore = countRows(app, 'audit_log');
    const res = await request(app.server).post('/api/v1/producers').set(committee.headers).send(producer(orgId, name)).expect(400);
    expect(res.body).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      error: 'Bad Request',
      message: VALIDATION_FAILED_MESSAGE,
      issues: [expect.objectContaining({ path: 'body.name', message: UNSAFE_TEXT_MESSAGE })],
    });
    expect(countRows(app, 'producers')).toBe(before);
    expect(countRows(app, 'audit_log')).toBe(auditBefore);
  });

  it('refuses the same characters in an update and in an account name', async () => {
    const { app, admin, committee, orgId } = await withCommittee();
    const created = await request(app.server)
      .post('/api/v1/producers')
      .set(committee.headers)
      .send(producer(orgId, 'Familia Mamani'))
      .expect(201);
    const patch = await request(app.server)
      .patch(`/api/v1/producers/${created.body.id}`)
      .set(committee.headers)
      .send({ community: 'Challapata\u202E' })
      .expect(400);
    expect(patch.body.issues).toEqual([expect.objectContaining({ path: 'body.community', message: UNSAFE_TEXT_MESSAGE })]);
    const user = await request(app.server)
      .post('/api/v1/users')
      .set(admin.headers)
      .send({ username: 'tejedora', displayName: 'Rosa\tMamani', password: 'una-clave-larga-1', role: 'admin' })
      .expect(400);
    expect(user.body.issues).toEqual([expect.objectContaining({ path: 'body.displayName', message: UNSAFE_TEXT_MESSAGE })]);
    const stored = await request(app.server).get(`/api/v1/producers/${created.body.id}`).set(committee.headers).expect(200);
    expect(stored.body.community).toBe('Challapata');
  });

  it('stores decomposed input composed (NFC), so it is found and compared one way', async () => {
    const { app, committee, orgId } = await withCommittee();
    const decomposed = 'Familia Choque Mamani de Potosi\u0301';
    const created = await request(app.server)
      .post('/api/v1/producers')
      .set(committee.headers)
      .send(producer(orgId, decomposed))
      .expect(201);
    expect(created.body.name).toBe('Familia Choque Mamani de Potosí');
    const row = app.db.$client.prepare('SELECT name FROM producers WHERE id = ?').get(created.body.id) as { name: string };
    expect(row.name).toBe('Familia Choque Mamani de Potosí'.normalize('NFC'));
    expect(row.name.length).toBe(decomposed.length - 1);
  });
});
