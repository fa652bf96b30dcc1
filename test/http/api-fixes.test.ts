/**
 * The server keeps to its OpenAPI document: records named that do not exist answer 404, an
 * account is asked for before anything is validated, methods a path lacks answer 405 with
 * `Allow`, limits say when to come back, consistency proofs only where RFC 9162 defines them,
 * empty numbers are refused, and router errors come in the one error shape.
 */
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { countRows, seedOrganization, seedUser } from '../helpers/auth.js';
import { getPage, signIn, SAME_ORIGIN } from '../helpers/pages.js';
import { seedPerson } from '../helpers/registry.js';

const NOBODY = '5b0c7c1e-2f4a-4d3b-9a61-0c8e2d7f9a10';
const errorShape = { statusCode: expect.any(Number), code: expect.any(String), error: expect.any(String), message: expect.any(String) };

describe('records named that do not exist', () => {
  it('answers 404 naming the field when an account names an organisation, person or unit that does not exist, and writes nothing', async () => {
    const app = await buildTestApp();
    const admin = await seedUser(app, { role: 'admin' });
    const org = seedOrganization(app, 'Asociación de Productores Ecológicos de Caranavi');
    const users = countRows(app, 'users');
    const create = (fields: object) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: admin.headers,
        payload: { username: 'nueva.cuenta', displayName: 'Cuenta nueva', password: 'una-clave-larga-de-prueba', ...fields },
      });
    const noOrg = await create({ role: 'committee', organizationId: NOBODY });
    expect(noOrg.statusCode).toBe(404);
    expect(noOrg.json()).toEqual({
      ...errorShape,
      statusCode: 404,
      code: 'ORGANIZATION_NOT_FOUND',
      issues: [{ path: 'body.organizationId', message: 'No existe esa organización' }],
    });
    const noPerson = await create({ role: 'commission', personId: NOBODY });
    expect(noPerson.statusCode).toBe(404);
    expect(noPerson.json()).toMatchObject({ code: 'PERSON_NOT_FOUND', issues: [{ path: 'body.personId' }] });
    const noUnit = await create({ role: 'producer', organizationId: org, producerId: NOBODY });
    expect(noUnit.statusCode).toBe(404);
    expect(noUnit.json()).toMatchObject({ code: 'PRODUCER_NOT_FOUND', issues: [{ path: 'body.producerId' }] });
    expect(countRows(app, 'users')).toBe(users);

    const account = await seedUser(app, { role: 'committee', organizationId: org });
    const patch = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${account.user.id}`,
      headers: admin.headers,
      payload: { personId: NOBODY },
    });
    expect(patch.statusCode).toBe(404);
    expect(patch.json()).toMatchObject({ code: 'PERSON_NOT_FOUND', issues: [{ path: 'body.personId' }] });
    // A person that exists, of the account's organisation, is taken.
    const person = seedPerson(app, org);
    const ok = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${account.user.id}`,
      headers: admin.headers,
      payload: { personId: person },
    });
    expect(ok.statusCode).toBe(200);
  });
});

describe('an account before validation', () => {
  it('answers 401 to an anonymous request with a bad parameter or body, without the validation details', async () => {
    const app = await buildTestApp();
    for (const [method, url, payload] of [
      ['GET', '/api/v1/users/no-es-un-uuid', undefined],
      ['POST', '/api/v1/users', { username: 1 }],
      ['GET', '/api/v1/certificates?page=cero', undefined],
      ['POST', `/api/v1/dossiers/${NOBODY}/events`, { event: 'nada' }],
    ] as const) {
      const res = await app.inject({ method, url, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(401);
      expect(res.json(), `${method} ${url}`).toEqual({ ...errorShape, statusCode: 401, code: 'AUTHENTICATION_REQUIRED' });
    }
    // An ended session is anonymous too.
    const ended = await app.inject({ method: 'GET', url: '/api/v1/users/no-es-un-uuid', headers: { cookie: 'sello_sesion=caducada' } });
    expect(ended.statusCode).toBe(401);
  });

  it('still validates for signed-in callers, and lets anyone reach the routes that need no account', async () => {
    const app = await buildTestApp();
    const admin = await seedUser(app, { role: 'admin' });
    const bad = await app.inject({ method: 'GET', url: '/api/v1/users/no-es-un-uuid', headers: admin.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'params.id' }] });
    // Sign-in, the criteria and the public side answer anonymous callers as before.
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: '' } });
    expect(login.statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/api/v1/criteria/' })).statusCode).toBe(200);
    const draft = await app.inject({ method: 'POST', url: '/api/v1/criteria/validate', payload: {} });
    expect(draft.statusCode).toBe(422);
    expect((await app.inject({ method: 'GET', url: '/api/v1/transparency/sth' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/public/registry?page=x' })).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(200);
    // Pages still send anonymous people to the sign-in page.
    const page = await getPage(app, '/app');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/entrar?volver=%2Fapp');
  });

  it('keeps the session cookie and its CSRF check', async () => {
    const app = await buildTestApp();
    const admin = await seedUser(app, { role: 'admin' });
    const cookie = await signIn(app, admin);
    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    const payload = {
      name: 'Cooperativa Integral Sajama',
      kind: 'cooperativa',
      department: 'Oruro',
      municipality: 'Curahuara de Carangas',
    };
    const foreign = await app.inject({
      method: 'POST',
      url: '/api/v1/organizations',
      headers: { cookie, origin: 'https://otro.example' },
      payload,
    });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().code).toBe('CSRF_REJECTED');
    const own = await app.inject({ method: 'POST', url: '/api/v1/organizations', headers: { cookie, ...SAME_ORIGIN }, payload });
    expect(own.statusCode).toBe(201);
  });
});

describe('methods a path lacks', () => {
  it('answers 405 with Allow, in the error shape; unknown paths stay 404 and HEAD works where GET does', async () => {
    const app = await buildTestApp();
    const admin = await seedUser(app, { role: 'admin' });
    const del = await app.inject({ method: 'DELETE', url: `/api/v1/dossiers/${NOBODY}`, headers: admin.headers });
    expect(del.statusCode).toBe(405);
    expect(del.headers.allow).toBe('GET, HEAD');
    expect(del.json()).toEqual({ ...errorShape, statusCode: 405, code: 'METHOD_NOT_ALLOWED' });
    expect(del.headers['content-type']).toContain('application/json');
    // Anonymous callers learn the same: the document is public.
    expect((await app.inject({ method: 'PUT', url: '/api/v1/users' })).headers.allow).toBe('GET, HEAD, POST');
    const users = await app.inject({ method: 'DELETE', url: `/api/v1/users/${NOBODY}`, headers: admin.headers });
    expect(users.statusCode).toBe(405);
    expect(users.headers.allow).toBe('GET, HEAD, PATCH');
    const unknown = await app.inject({ method: 'GET', url: '/api/v1/no-existe', headers: admin.headers });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('ROUTE_NOT_FOUND');
    expect((await app.inject({ method: 'DELETE', url: '/api/v1/no-existe' })).statusCode).toBe(404);
    const head = await app.inject({ method: 'HEAD', url: '/health' });
    expect(head.statusCode).toBe(200);
  });
});

describe('limits say when to come back', () => {
  it('sends Retry-After with the 429 of the sign-in and of the public routes', async () => {
    const app = await buildTestApp({ publicRateLimitPerMinute: 1 }, { loginLimits: { perAccount: 1 } });
    await seedUser(app, { role: 'admin', username: 'rosa' });
    await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'rosa', password: 'incorrecta-123' } });
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'rosa', password: 'incorrecta-123' },
    });
    expect(login.statusCode).toBe(429);
    expect(Number(login.headers['retry-after'])).toBeGreaterThan(0);
    await app.inject({ method: 'GET', url: '/api/v1/transparency/sth' });
    const limited = await app.inject({ method: 'GET', url: '/api/v1/transparency/sth' });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({ ...errorShape, code: 'RATE_LIMITED' });
  });
});

describe('consistency proofs and numbers in the query', () => {
  it('refuses first=0 and first=second (RFC 9162 defines the proof for 0 < first < second)', async () => {
    const app = await buildTestApp();
    for (const query of ['first=0&second=5', 'first=3&second=3', 'first=4&second=2']) {
      const res = await app.inject({ method: 'GET', url: `/api/v1/transparency/consistency?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.json(), query).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'query.first' }] });
    }
  });

  it('refuses an empty number instead of reading it as 0 or as the default', async () => {
    const app = await buildTestApp();
    const admin = await seedUser(app, { role: 'admin' });
    for (const url of [
      '/api/v1/transparency/consistency?first=&second=2',
      '/api/v1/transparency/proof?leafIndex=',
      '/api/v1/public/registry?page=',
    ]) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().issues[0].message, url).toBe('Escriba un número entero, sin decimales ni espacios');
    }
    for (const url of ['/api/v1/certificates?pageSize=', '/api/v1/dossiers?cycle=', '/api/v1/organizations?page=']) {
      const res = await app.inject({ method: 'GET', url, headers: admin.headers });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().code, url).toBe('VALIDATION_FAILED');
    }
    // Absent, the optional ones keep their defaults.
    const defaults = await app.inject({ method: 'GET', url: '/api/v1/certificates', headers: admin.headers });
    expect(defaults.json()).toMatchObject({ page: 1, pageSize: 20 });
  });
});

describe('router errors', () => {
  it('answers a path parameter over 100 characters with 414 in the error shape, in Spanish', async () => {
    const app = await buildTestApp();
    const admin = await seedUser(app, { role: 'admin' });
    for (const url of [`/api/v1/users/${'a'.repeat(101)}`, `/c/${'X'.repeat(150)}`]) {
      const res = await app.inject({ method: 'GET', url, headers: admin.headers });
      expect(res.statusCode, url).toBe(414);
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.json()).toEqual({
        statusCode: 414,
        code: 'PARAM_TOO_LONG',
        error: 'URI Too Long',
        message: 'Un dato de la dirección pasa de 100 caracteres: revise el enlace o el identificador',
      });
    }
    expect((await app.inject({ method: 'GET', url: `/api/v1/users/${'a'.repeat(100)}`, headers: admin.headers })).statusCode).toBe(400);
  });
});
