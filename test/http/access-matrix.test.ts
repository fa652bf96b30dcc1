/**
 * Walks role × endpoint × own/other organisation and checks the status each
 * combination must get, plus anonymous access. Refused writes change nothing.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../src/domain/access.js';
import { buildTestApp } from '../helpers/app.js';
import { countRows, seedUser, type TestUser } from '../helpers/auth.js';

type World = {
  app: FastifyInstance;
  users: Record<Role, TestUser>;
  own: { organizationId: string; producerId: string; personId: string };
  other: { organizationId: string; producerId: string; personId: string };
};

const producerBody = (name: string) => ({
  name,
  sectors: ['agricola'],
  products: ['café'],
  department: 'La Paz',
  municipality: 'Caranavi',
  community: 'Villa Bolinda',
  household: `Familia ${name}`,
  pledgeSignedOn: '2025-05-10',
  publicNameConsent: true,
});

async function world(): Promise<World> {
  const app = await buildTestApp();
  const admin = await seedUser(app, { role: 'admin' });
  const make = async (name: string) => {
    const org = await request(app.server)
      .post('/api/v1/organizations')
      .set(admin.headers)
      .send({ name, kind: 'cooperativa', department: 'La Paz', municipality: 'Caranavi' })
      .expect(201);
    const producer = await request(app.server)
      .post('/api/v1/producers')
      .set(admin.headers)
      .send({ organizationId: org.body.id, ...producerBody(`Unidad ${name}`) })
      .expect(201);
    const person = await request(app.server)
      .post('/api/v1/persons')
      .set(admin.headers)
      .send({ organizationId: org.body.id, producerId: producer.body.id, fullName: `Socia ${name}`, roles: ['member'] })
      .expect(201);
    return { organizationId: org.body.id as string, producerId: producer.body.id as string, personId: person.body.id as string };
  };
  const own = await make('Cooperativa Agraria A');
  const other = await make('Asociación B');
  const users = {
    admin,
    commission: await seedUser(app, { role: 'commission' }),
    committee: await seedUser(app, { role: 'committee', organizationId: own.organizationId }),
    reviewer: await seedUser(app, { role: 'reviewer', organizationId: own.organizationId }),
    producer: await seedUser(app, { role: 'producer', organizationId: own.organizationId, producerId: own.producerId }),
  };
  return { app, users, own, other };
}

type Case = {
  name: string;
  send: (w: World, target: World['own']) => request.Test;
  /** Expected status per role for [own organisation, other organisation]. */
  expect: Record<Role, [number, number]>;
  table?: string;
};

const CASES: Case[] = [
  {
    name: 'GET /producers/:id',
    send: (w, t) => request(w.app.server).get(`/api/v1/producers/${t.producerId}`),
    expect: { admin: [200, 200], commission: [200, 200], committee: [200, 403], reviewer: [200, 403], producer: [200, 403] },
  },
  {
    name: 'PATCH /producers/:id',
    send: (w, t) => request(w.app.server).patch(`/api/v1/producers/${t.producerId}`).send({ community: 'Nueva comunidad' }),
    expect: { admin: [200, 200], commission: [403, 403], committee: [200, 403], reviewer: [403, 403], producer: [403, 403] },
    table: 'producers',
  },
  {
    name: 'POST /producers',
    send: (w, t) =>
      request(w.app.server)
        .post('/api/v1/producers')
        .send({ organizationId: t.organizationId, ...producerBody(`Nueva ${Math.random().toString(36).slice(2)}`) }),
    expect: { admin: [201, 201], commission: [403, 403], committee: [201, 403], reviewer: [403, 403], producer: [403, 403] },
    table: 'producers',
  },
  {
    name: 'GET /persons/:id',
    send: (w, t) => request(w.app.server).get(`/api/v1/persons/${t.personId}`),
    expect: { admin: [200, 200], commission: [200, 200], committee: [200, 403], reviewer: [200, 403], producer: [200, 403] },
  },
  {
    name: 'GET /organizations/:id',
    send: (w, t) => request(w.app.server).get(`/api/v1/organizations/${t.organizationId}`),
    expect: { admin: [200, 200], commission: [200, 200], committee: [200, 403], reviewer: [200, 403], producer: [200, 403] },
  },
  {
    name: 'PATCH /organizations/:id',
    send: (w, t) => request(w.app.server).patch(`/api/v1/organizations/${t.organizationId}`).send({ municipality: 'Coroico' }),
    expect: { admin: [200, 200], commission: [403, 403], committee: [403, 403], reviewer: [403, 403], producer: [403, 403] },
    table: 'organizations',
  },
  {
    name: 'GET /organizations/:id/producers.csv',
    send: (w, t) => request(w.app.server).get(`/api/v1/organizations/${t.organizationId}/producers.csv`),
    expect: { admin: [200, 200], commission: [200, 200], committee: [200, 403], reviewer: [200, 403], producer: [403, 403] },
  },
  {
    name: 'GET /audit/producer/:id',
    send: (w, t) => request(w.app.server).get(`/api/v1/audit/producer/${t.producerId}`),
    expect: { admin: [200, 200], commission: [200, 200], committee: [403, 403], reviewer: [403, 403], producer: [403, 403] },
  },
  {
    name: 'GET /users',
    send: (w) => request(w.app.server).get('/api/v1/users'),
    expect: { admin: [200, 200], commission: [403, 403], committee: [403, 403], reviewer: [403, 403], producer: [403, 403] },
  },
];

describe('access matrix', () => {
  it('gives every role the status it must get on own and other organisations’ records', async () => {
    const w = await world();
    const failures: string[] = [];
    for (const c of CASES) {
      for (const role of Object.keys(c.expect) as Role[]) {
        for (const [i, target] of [w.own, w.other].entries()) {
          const expected = c.expect[role][i]!;
          const before = c.table ? countRows(w.app, c.table) : 0;
          const auditBefore = countRows(w.app, 'audit_log');
          const res = await c.send(w, target).set(w.users[role].headers);
          const where = `${role} ${c.name} ${i === 0 ? 'own' : 'other'}`;
          if (res.status !== expected) failures.push(`${where}: expected ${expected}, got ${res.status}`);
          if (res.status >= 400) {
            expect(res.body, where).toMatchObject({ statusCode: res.status, code: expect.any(String), message: expect.any(String) });
            if (c.table) expect(countRows(w.app, c.table), `${where} wrote`).toBe(before);
            expect(countRows(w.app, 'audit_log'), `${where} audited a refused write`).toBe(auditBefore);
          } else if (c.table) {
            expect(countRows(w.app, 'audit_log'), `${where} left no audit entry`).toBeGreaterThan(auditBefore);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers 401 to anonymous requests on every non-public endpoint', async () => {
    const w = await world();
    for (const c of CASES) {
      const res = await c.send(w, w.own);
      expect(res.status, c.name).toBe(401);
      expect(res.body.code).toBe('AUTHENTICATION_REQUIRED');
    }
  });
});
