/**
 * Walks role × endpoint × own/other organisation and checks the status each
 * combination must get, plus anonymous access. Refused writes change nothing.
 * Then every authenticated route of the API (a route missing from the table fails):
 * who gets past the permission check, and 401 without credentials.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../src/domain/access.js';
import { ROUTE_CASES } from '../helpers/access-routes.js';
import { ACTORS, routeWorld } from '../helpers/access-world.js';
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

/** Routes anyone may call: health, criteria, login, the home page, the public registry, suppliers, figures and verification, the transparency log. */
const PUBLIC_ROUTES = [
  'GET /health',
  'GET /api/v1/criteria/',
  'POST /api/v1/criteria/validate',
  'GET /api/v1/criteria/{scheme}',
  'GET /api/v1/criteria/{scheme}/diff',
  'GET /api/v1/criteria/{scheme}/{version}',
  'POST /api/v1/auth/login',
  'GET /',
  'GET /verificar',
  'GET /c/{code}',
  'GET /registro',
  'GET /api/v1/public/registry',
  'GET /api/v1/public/registry.csv',
  'GET /proveedores',
  'GET /api/v1/public/suppliers',
  'GET /api/v1/public/suppliers.csv',
  'GET /cifras',
  'GET /api/v1/public/figures',
  'GET /api/v1/public/figures.csv',
  'GET /api/v1/public/registry/organizations',
  'GET /api/v1/public/status-list',
  'GET /verificador',
  'GET /.well-known/jwks.json',
  'GET /api/v1/transparency/sth',
  'GET /api/v1/transparency/proof',
  'GET /api/v1/transparency/consistency',
  'GET /api/v1/transparency/entries',
  'GET /denuncias/nueva',
  'POST /denuncias',
  'GET /denuncias/seguimiento',
  'GET /denuncias/{trackingNumber}',
  'GET /api/v1/public/complaints/question',
  'POST /api/v1/public/complaints',
  'GET /api/v1/public/complaints/{trackingNumber}',
];

describe('access matrix over every authenticated route', () => {
  it('has an entry for every route of the API that is not public', async () => {
    const app = await buildTestApp();
    const paths = (app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths;
    const documented = Object.entries(paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const authenticated = documented.filter((route) => !PUBLIC_ROUTES.includes(route)).sort();
    expect(
      ROUTE_CASES.map((c) => c.route).sort(),
      'routes without an entry in the access matrix, or entries for routes that are gone',
    ).toEqual(authenticated);
    expect(
      PUBLIC_ROUTES.filter((route) => !documented.includes(route)),
      'public routes that are gone',
    ).toEqual([]);
  });

  it('lets through exactly the accounts the rules of src/domain/access.ts allow, and refuses the others', async () => {
    const w = await routeWorld();
    const failures: string[] = [];
    for (const c of ROUTE_CASES) {
      // Refused accounts first, so that a write by an allowed one cannot change their answer.
      for (const actor of [...ACTORS].sort((a, b) => Number(c.allowed.includes(a)) - Number(c.allowed.includes(b)))) {
        const auditBefore = countRows(w.app, 'audit_log');
        const res = await c.send(w).set(w.actors[actor].headers);
        const allowed = c.allowed.includes(actor);
        const refusal = c.refusal ?? 403;
        if (allowed ? res.status === 401 || res.status === refusal : res.status !== refusal) {
          failures.push(
            `${actor} ${c.route}: expected ${allowed ? 'to pass the permission check' : refusal}, got ${res.status} ${res.body?.code ?? ''}`,
          );
        }
        if (!allowed) expect(countRows(w.app, 'audit_log'), `${actor} ${c.route} audited a refused request`).toBe(auditBefore);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers 401 to anonymous requests on every authenticated route', async () => {
    const w = await routeWorld();
    for (const c of ROUTE_CASES) {
      const res = await c.send(w);
      expect(res.status, c.route).toBe(401);
      expect(res.body.code, c.route).toBe('AUTHENTICATION_REQUIRED');
    }
  });
});
