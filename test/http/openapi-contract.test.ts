/**
 * The OpenAPI document is a contract: every operation of /docs/json is called on the records of
 * one certification cycle (a certified unit, a session, a decision, an appeal...), with valid
 * requests by every account and invalid ones (anonymous, unknown ids, bad and too long path
 * parameters, bodies that are not valid or not JSON), and each answer must be declared by the
 * document: its status, its media type, and a JSON body valid against the declared schema.
 * No request may get a 5xx. An operation without a request maker here fails the test.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ROUTE_CASES } from '../helpers/access-routes.js';
import { ACTORS, routeWorld, type RouteWorld } from '../helpers/access-world.js';
import { buildTestApp } from '../helpers/app.js';
import { questionAnswer } from '../helpers/complaints.js';
import { contractChecker, operationsOf, type OpenApiDocument } from '../helpers/openapi-check.js';

type Call = () => PromiseLike<request.Response>;
type PublicWorld = RouteWorld & { code: string; password: string; username: string; trackingNumber: string };

const api = (w: RouteWorld) => request(w.app.server);
const TOO_LONG = 'x'.repeat(101);

/** Valid and invalid requests for the operations anyone may call (the others come from the access matrix). */
const PUBLIC_REQUESTS: Record<string, (w: PublicWorld) => Call[]> = {
  'GET /health': (w) => [() => api(w).get('/health'), () => api(w).get('/health').set('authorization', 'Bearer token-que-no-existe')],
  'GET /api/v1/criteria/': (w) => [() => api(w).get('/api/v1/criteria/')],
  'POST /api/v1/criteria/validate': (w) => [
    async () => {
      const version = (await api(w).get('/api/v1/criteria/es-cj-bolivia/2026.1')).body as Record<string, unknown>;
      const { contentHash: _h, sourceFile: _s, ...content } = version;
      return api(w).post('/api/v1/criteria/validate').send(content);
    },
    () => api(w).post('/api/v1/criteria/validate').send({ version: '2027.1', status: 'draft' }),
    () => api(w).post('/api/v1/criteria/validate').send([1, 2]),
    () => api(w).post('/api/v1/criteria/validate').set('content-type', 'text/plain').send('nada'),
  ],
  'GET /api/v1/criteria/{scheme}': (w) => [
    () => api(w).get('/api/v1/criteria/es-cj-bolivia'),
    () => api(w).get('/api/v1/criteria/otro-esquema'),
    () => api(w).get('/api/v1/criteria/NO_VALE'),
  ],
  'GET /api/v1/criteria/{scheme}/diff': (w) => [
    () => api(w).get('/api/v1/criteria/es-cj-bolivia/diff?from=2026.1&to=2026.4'),
    () => api(w).get('/api/v1/criteria/es-cj-bolivia/diff?from=2026.1&to=2099.1'),
    () => api(w).get('/api/v1/criteria/es-cj-bolivia/diff?from=ayer'),
  ],
  'GET /api/v1/criteria/{scheme}/{version}': (w) => [
    () => api(w).get('/api/v1/criteria/es-cj-bolivia/2026.4?sector=agricola'),
    () => api(w).get('/api/v1/criteria/es-cj-bolivia/2099.1'),
    () => api(w).get('/api/v1/criteria/es-cj-bolivia/version'),
  ],
  'POST /api/v1/auth/login': (w) => [
    () => api(w).post('/api/v1/auth/login').send({ username: w.username, password: w.password }),
    () => api(w).post('/api/v1/auth/login').send({ username: w.username, password: 'otra-contraseña-larga' }),
    () => api(w).post('/api/v1/auth/login').send({}),
  ],
  'GET /': (w) => [() => api(w).get('/'), () => api(w).get('/?lang=en')],
  'GET /verificar': (w) => [
    () => api(w).get(`/verificar?codigo=${encodeURIComponent(w.code)}`),
    () => api(w).get('/verificar?codigo='),
    () => api(w).get('/verificar?codigo=no-es-un-codigo'),
  ],
  'GET /c/{code}': (w) => [
    () => api(w).get(`/c/${w.code}`),
    () => api(w).get(`/c/${w.code}`).set('accept', 'application/json'),
    () => api(w).get('/c/ZZZZ-ZZZZ-ZZZZ').set('accept', 'application/json'),
    () => api(w).get('/c/ZZZZ-ZZZZ-ZZZZ'),
    () => api(w).get(`/c/${w.code}?lang=fr`),
  ],
  'GET /registro': (w) => [() => api(w).get('/registro'), () => api(w).get('/registro?page=cero')],
  'GET /api/v1/public/registry': (w) => [
    () => api(w).get('/api/v1/public/registry'),
    () => api(w).get('/api/v1/public/registry?pageSize=1000'),
  ],
  'GET /api/v1/public/registry.csv': (w) => [
    () => api(w).get('/api/v1/public/registry.csv'),
    () => api(w).get('/api/v1/public/registry.csv?page=0'),
  ],
  'GET /api/v1/public/registry/organizations': (w) => [
    () => api(w).get('/api/v1/public/registry/organizations'),
    () => api(w).get('/api/v1/public/registry/organizations?page=-1'),
  ],
  'GET /proveedores': (w) => [() => api(w).get('/proveedores?department=La%20Paz'), () => api(w).get(`/proveedores?product=${TOO_LONG}`)],
  'GET /api/v1/public/suppliers': (w) => [
    () => api(w).get('/api/v1/public/suppliers'),
    () => api(w).get(`/api/v1/public/suppliers?municipality=${TOO_LONG}`),
  ],
  'GET /api/v1/public/suppliers.csv': (w) => [
    () => api(w).get('/api/v1/public/suppliers.csv'),
    () => api(w).get(`/api/v1/public/suppliers.csv?product=${TOO_LONG}`),
  ],
  'GET /cifras': (w) => [() => api(w).get('/cifras'), () => api(w).get('/cifras?anio=nunca')],
  'GET /api/v1/public/figures': (w) => [() => api(w).get('/api/v1/public/figures')],
  'GET /api/v1/public/figures.csv': (w) => [() => api(w).get('/api/v1/public/figures.csv')],
  'GET /api/v1/public/status-list': (w) => [
    () => api(w).get('/api/v1/public/status-list'),
    async () => {
      const first = await api(w).get('/api/v1/public/status-list');
      return api(w).get('/api/v1/public/status-list').set('if-none-match', String(first.headers.etag));
    },
  ],
  'GET /verificador': (w) => [() => api(w).get('/verificador'), () => api(w).get('/verificador?lang=en')],
  'GET /.well-known/jwks.json': (w) => [() => api(w).get('/.well-known/jwks.json')],
  'GET /denuncias/nueva': (w) => [() => api(w).get(`/denuncias/nueva?codigo=${w.code}`), () => api(w).get('/denuncias/nueva?lang=en')],
  'POST /denuncias': (w) => [
    async () => {
      const form = (await api(w).get('/denuncias/nueva')).text;
      const token = /name="questionToken" value="([^"]+)"/.exec(form)![1]!;
      return api(w)
        .post('/denuncias')
        .field({
          subject: 'seal_use',
          what: 'Venden miel con el sello en la feria',
          questionToken: token,
          answer: questionAnswer(form),
          website: '',
        });
    },
    () => api(w).post('/denuncias').field({ subject: 'seal_use', what: '' }),
    () => api(w).post('/denuncias').set('content-type', 'application/json').send('{"what":'),
  ],
  'GET /denuncias/seguimiento': (w) => [
    () => api(w).get('/denuncias/seguimiento'),
    () => api(w).get('/denuncias/seguimiento?numero=den1234abcd'),
  ],
  'GET /denuncias/{trackingNumber}': (w) => [
    () => api(w).get(`/denuncias/${w.trackingNumber}`),
    () => api(w).get('/denuncias/DEN-0000-0000'),
    () => api(w).get('/denuncias/no-es-un-numero'),
  ],
  'GET /api/v1/public/complaints/question': (w) => [() => api(w).get('/api/v1/public/complaints/question')],
  'POST /api/v1/public/complaints': (w) => [
    async () => {
      const q = (await api(w).get('/api/v1/public/complaints/question')).body as { question: string; token: string };
      return api(w)
        .post('/api/v1/public/complaints')
        .send({
          subject: 'organization',
          code: w.code,
          what: 'Venden café de otra zona con el sello',
          questionToken: q.token,
          answer: questionAnswer(q.question),
        });
    },
    () => api(w).post('/api/v1/public/complaints').send({ subject: 'organization', what: 'x', questionToken: 'falso', answer: '3' }),
    () => api(w).post('/api/v1/public/complaints').send({}),
  ],
  'GET /api/v1/public/complaints/{trackingNumber}': (w) => [
    () => api(w).get(`/api/v1/public/complaints/${w.trackingNumber}`),
    () => api(w).get('/api/v1/public/complaints/DEN-0000-0000'),
  ],
  'GET /api/v1/transparency/sth': (w) => [() => api(w).get('/api/v1/transparency/sth')],
  'GET /api/v1/transparency/proof': (w) => [
    () => api(w).get('/api/v1/transparency/proof?leafIndex=0'),
    () => api(w).get('/api/v1/transparency/proof?leafIndex=9999'),
    () => api(w).get('/api/v1/transparency/proof?leafIndex=0&treeSize=9999'),
    () => api(w).get('/api/v1/transparency/proof?leafIndex=uno'),
  ],
  'GET /api/v1/transparency/consistency': (w) => [
    async () => {
      const { treeSize } = (await api(w).get('/api/v1/transparency/sth')).body as { treeSize: number };
      // A proof between two different sizes (RFC 9162 defines none for equal sizes or from 0).
      expect(treeSize, 'the acts of the walk add events to the transparency log').toBeGreaterThan(1);
      return api(w).get(`/api/v1/transparency/consistency?first=1&second=${treeSize}`);
    },
    () => api(w).get('/api/v1/transparency/consistency?first=1&second=9999'),
    () => api(w).get('/api/v1/transparency/consistency?first=dos'),
  ],
  'GET /api/v1/transparency/entries': (w) => [
    () => api(w).get('/api/v1/transparency/entries?start=0&end=2'),
    () => api(w).get('/api/v1/transparency/entries?start=5&end=1'),
  ],
};

/**
 * Acts the access matrix's requests reach past the permission check but that the cycle's state
 * refuses (409/422, declared and checked above): the world is past the step they belong to
 * (the visit is recorded, the session decided, the appeal filed). Their successes are exercised by
 * their own tests; a request that succeeds here must leave this list (checked below).
 */
const STATE_BOUND = new Set([
  // Refused by what the world holds rather than its step: the real criteria require no training (so any
  // topic is refused), the code sent to tie the complaint is unknown, the complaint is not yet taken up.
  'POST /api/v1/persons/{id}/trainings',
  'POST /api/v1/complaints/{id}/link',
  'POST /api/v1/complaints/{id}/unannounced-visit',
  'DELETE /api/v1/persons/{id}/ties/{tieId}',
  'POST /api/v1/dossiers/{id}/self-assessment',
  'POST /api/v1/dossiers/{id}/visits',
  'POST /api/v1/visits/{id}/submission',
  'POST /api/v1/visits/{id}/cancel',
  'POST /api/v1/visits/{id}/corrections',
  'POST /api/v1/dossiers/{id}/recommendation',
  'POST /api/v1/dossiers/{id}/events',
  'POST /api/v1/corrective-actions/{id}/closure',
  'POST /api/v1/certificates/{id}/members/{producerId}/exclusion',
  'POST /api/v1/commission/sessions/{id}/agenda',
  'POST /api/v1/commission/sessions/{id}/deferrals',
  'POST /api/v1/commission/sessions/{id}/decisions',
  'POST /api/v1/appeals',
  'POST /api/v1/commission/sessions/{id}/appeals/{appealId}/decision',
]);

/** The path of an operation with every parameter set to `value`. */
const pathWith = (path: string, value: string) => path.replace(/\{[^}]+\}/g, encodeURIComponent(value));

/** Requests that no valid client sends, made from the document alone: the answers must still be declared. */
function invalidRequests(w: RouteWorld, route: string, doc: OpenApiDocument): { name: string; call: Call }[] {
  const [method, path] = route.split(' ') as [string, string];
  const m = method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  const operation = doc.paths[path]![m]!;
  const admin = w.actors.admin.headers;
  const calls: { name: string; call: Call }[] = [];
  const send = (url: string) => api(w)[m](url);
  if (path.includes('{')) {
    calls.push({ name: 'unknown id', call: () => send(pathWith(path, randomUUID())).set(admin) });
    calls.push({ name: 'bad parameter', call: () => send(pathWith(path, 'no válido')).set(admin) });
    calls.push({ name: 'bad parameter, anonymous', call: () => send(pathWith(path, 'no válido')) });
    calls.push({ name: 'parameter too long', call: () => send(pathWith(path, TOO_LONG)).set(admin) });
  }
  if (operation.parameters?.some((p) => p.in === 'query')) {
    calls.push({ name: 'unknown query field', call: () => send(`${pathWith(path, randomUUID())}?campo_desconocido=1`).set(admin) });
  }
  if (m !== 'get') {
    calls.push({ name: 'JSON body of the wrong shape', call: () => send(pathWith(path, randomUUID())).set(admin).send([1, 2, 3]) });
    calls.push({
      name: 'malformed JSON',
      call: () => send(pathWith(path, randomUUID())).set(admin).set('content-type', 'application/json').send('{"a":'),
    });
    calls.push({
      name: 'unsupported media type',
      call: () => send(pathWith(path, randomUUID())).set(admin).set('content-type', 'text/x-nada').send('nada'),
    });
  }
  return calls;
}

/** The document alone, from an app without records. */
async function documentOnly(): Promise<OpenApiDocument> {
  const app = await buildTestApp();
  return (await request(app.server).get('/docs/json').expect(200)).body as OpenApiDocument;
}

async function contractWorld(): Promise<{ w: PublicWorld; doc: OpenApiDocument }> {
  const w = await routeWorld();
  const certificate = await api(w).get(`/api/v1/certificates/${w.certificateId}`).set(w.actors.admin.headers).expect(200);
  const doc = (await api(w).get('/docs/json').expect(200)).body as OpenApiDocument;
  const { user, password } = w.actors.reviewer;
  const { tracking_number: trackingNumber } = w.app.db.$client
    .prepare('SELECT tracking_number FROM complaints WHERE id = ?')
    .get(w.complaintId) as { tracking_number: string };
  return { w: { ...w, code: certificate.body.code as string, username: user.username, password, trackingNumber }, doc };
}

describe('the OpenAPI document as a contract', () => {
  it('has a request maker for every operation, and none for operations that are gone', async () => {
    const doc = await documentOnly();
    const known = [...ROUTE_CASES.map((c) => c.route), ...Object.keys(PUBLIC_REQUESTS)].sort();
    expect(known, 'operations of /docs/json without requests in this test, or requests for operations that are gone').toEqual(
      operationsOf(doc).sort(),
    );
  });

  it('declares every status, media type and body the app answers on every operation, and no request gets a 5xx', async () => {
    const { w, doc } = await contractWorld();
    const check = contractChecker(doc);
    const problems: string[] = [];
    const succeeded = new Set<string>();
    const record = (route: string, label: string, res: request.Response) => {
      if (res.status < 400) succeeded.add(route);
      problems.push(...check(route, res).map((p) => `${p} [${label}]`));
    };

    // Invalid requests first, while every record of the cycle is as the world left it.
    for (const route of operationsOf(doc)) {
      for (const { name, call } of invalidRequests(w, route, doc)) record(route, name, await call());
    }
    for (const c of ROUTE_CASES) {
      record(c.route, 'anonymous', await c.send(w));
      // One refused account first, so that a write by an allowed one cannot change its answer; then every allowed one.
      const refused = ACTORS.find((actor) => !c.allowed.includes(actor));
      for (const actor of [...(refused ? [refused] : []), ...c.allowed]) {
        record(c.route, actor, await c.send(w).set(w.actors[actor].headers));
      }
    }
    // Public reads last, when the acts above have added events to the registry and its transparency log.
    for (const [route, calls] of Object.entries(PUBLIC_REQUESTS)) {
      for (const [i, call] of calls(w).entries()) record(route, `public request ${i + 1}`, await call());
    }

    expect(problems).toEqual([]);
    expect(
      operationsOf(doc).filter((route) => !succeeded.has(route) && !STATE_BOUND.has(route)),
      'operations that no request of this test got a success from',
    ).toEqual([]);
    expect(
      [...STATE_BOUND].filter((route) => succeeded.has(route)),
      'operations that now succeed here: take them out of STATE_BOUND',
    ).toEqual([]);
    // About 1,200 requests: the cycle's records are built once and walked in one test.
  }, 120_000);

  it('declares how to authenticate: bearer token and session cookie on authenticated operations, none on public ones', async () => {
    const doc = await documentOnly();
    expect(Object.keys(doc.components.securitySchemes ?? {}).sort()).toEqual(['bearerToken', 'sessionCookie']);
    const publicRoutes = new Set(Object.keys(PUBLIC_REQUESTS));
    for (const route of operationsOf(doc)) {
      const [method, path] = route.split(' ') as [string, string];
      const security = doc.paths[path]![method.toLowerCase()]!.security;
      if (!publicRoutes.has(route)) expect(security, route).toEqual([{ bearerToken: [] }, { sessionCookie: [] }]);
      // Open to anyone: either no security, or credentials optional ({} first).
      else expect(security === undefined || JSON.stringify(security[0]) === '{}', route).toBe(true);
    }
  });
});
