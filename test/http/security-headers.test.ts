import fastifyHelmet from '@fastify/helmet';
import Fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import { helmetOptions } from '../../src/http/security-headers.js';
import { PUBLIC_DATA_HELMET, PUBLIC_PAGE_HELMET } from '../../src/modules/public/public-headers.js';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { seedOrganization, seedUser } from '../helpers/auth.js';
import { cspDirectives } from '../helpers/headers.js';
import { getPage, signIn } from '../helpers/pages.js';

/** The /app pages' policy, as the pages have always sent it. */
const PAGE_CSP = cspDirectives(
  "default-src 'self'; img-src 'self' data: blob:; script-src 'self'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
);
/** The public verification and registry pages' policy: inline style only, nothing else. */
const PUBLIC_PAGE_CSP = cspDirectives(
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
);

function expectProtected(res: LightMyRequestResponse, what: string) {
  expect(res.headers['x-content-type-options'], what).toBe('nosniff');
  expect(res.headers['x-frame-options'], what).toBe('DENY');
  expect(cspDirectives(res.headers['content-security-policy'])['frame-ancestors'], what).toBe("'none'");
  expect(res.headers['referrer-policy'], what).toMatch(/^(same-origin|no-referrer)$/);
  expect(res.headers['x-powered-by'], what).toBeUndefined();
}

async function world() {
  const app = await buildTestApp();
  const org = seedOrganization(app, 'Asociación de Apicultores de Caranavi');
  const committee = await seedUser(app, { role: 'committee', organizationId: org, username: 'ana.quispe', displayName: 'Ana Quispe' });
  return { app, committee };
}

const get = (app: FastifyInstance, url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

describe('security headers on every response', () => {
  it('the API: JSON, a refusal, a validation error, an unknown route and /health carry them, with the strict policy', async () => {
    const { app, committee } = await world();
    const responses = {
      json: await get(app, '/api/v1/criteria/', committee.headers),
      refusal: await get(app, '/api/v1/users'),
      validation: await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 42 } }),
      unknown: await get(app, '/api/v1/no-existe'),
      health: await get(app, '/health'),
    };
    expect(responses.json.statusCode).toBe(200);
    expect(responses.refusal.statusCode).toBe(401);
    expect(responses.validation.statusCode).toBe(400);
    expect(responses.unknown.statusCode).toBe(404);
    for (const [what, res] of Object.entries(responses)) {
      expectProtected(res, what);
      expect(cspDirectives(res.headers['content-security-policy']), what).toEqual(PAGE_CSP);
      expect(res.headers['referrer-policy'], what).toBe('same-origin');
      expect(res.headers['cross-origin-resource-policy'], what).toBe('same-origin');
    }
    // Served over plain HTTP (the test address), HSTS would only pin a wrong address.
    expect(responses.json.headers['strict-transport-security']).toBeUndefined();
  });

  it('the pages under /app and /entrar keep their own policy', async () => {
    const { app, committee } = await world();
    const cookie = await signIn(app, committee);
    for (const url of ['/entrar', '/app', '/app/no-existe', '/app/sw.js']) {
      const res = await getPage(app, url, url === '/entrar' ? undefined : cookie);
      expect(res.statusCode, url).toBe(url === '/app/no-existe' ? 404 : 200);
      expectProtected(res, url);
      expect(cspDirectives(res.headers['content-security-policy']), url).toEqual(PAGE_CSP);
      expect(res.headers['referrer-policy'], url).toBe('same-origin');
    }
  });

  it('/docs and its files get a policy swagger-ui renders under, still without scripts from elsewhere or inline', async () => {
    const { app } = await world();
    const page = await get(app, '/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger-ui-bundle.js');
    const script = await get(app, '/docs/static/swagger-ui-bundle.js');
    expect(script.statusCode).toBe(200);
    for (const [what, res] of Object.entries({ page, script, spec: await get(app, '/docs/json') })) {
      expectProtected(res, what);
      const csp = cspDirectives(res.headers['content-security-policy']);
      expect(csp['script-src'], what).toBe("'self'");
      expect(csp['default-src'], what).toBe("'self'");
      expect(csp['object-src'], what).toBe("'none'");
      expect(csp['base-uri'], what).toBe("'none'");
    }
  });

  it('the public pages keep their inline-style policy; public data may be read from other sites', async () => {
    const { app } = await world();
    const pages = {
      verification: await get(app, '/c/7K3M-9QXA-2F4P'),
      registry: await get(app, '/registro'),
      figures: await get(app, '/cifras'),
    };
    expect(pages.verification.statusCode).toBe(404);
    expect(pages.figures.statusCode).toBe(200);
    expect(pages.verification.headers['content-type']).toContain('text/html');
    expect(pages.registry.statusCode).toBe(200);
    for (const [what, res] of Object.entries(pages)) {
      expectProtected(res, what);
      expect(cspDirectives(res.headers['content-security-policy']), what).toEqual(PUBLIC_PAGE_CSP);
      expect(res.headers['referrer-policy'], what).toBe('no-referrer');
      expect(res.headers['cross-origin-resource-policy'], what).toBe('cross-origin');
    }
    const data = {
      verification: await get(app, '/c/7K3M-9QXA-2F4P', { accept: 'application/json' }),
      registry: await get(app, '/api/v1/public/registry'),
      csv: await get(app, '/api/v1/public/registry.csv'),
      figures: await get(app, '/api/v1/public/figures'),
      figuresCsv: await get(app, '/api/v1/public/figures.csv'),
      keys: await get(app, '/.well-known/jwks.json'),
      treeHead: await get(app, '/api/v1/transparency/sth'),
    };
    expect(data.verification.headers['content-type']).toContain('application/json');
    for (const [what, res] of Object.entries(data)) {
      expect(res.statusCode, what).toBeLessThan(500);
      expectProtected(res, what);
      expect(res.headers['cross-origin-resource-policy'], what).toBe('cross-origin');
    }
  });

  it('over HTTPS, browsers are also told to come back only over HTTPS', async () => {
    const app = await buildTestApp({ publicBaseUrl: 'https://sello.example.bo' });
    for (const url of ['/health', '/entrar', '/registro']) {
      expect((await get(app, url)).headers['strict-transport-security'], url).toMatch(/^max-age=31536000\b/);
    }
  });

  it('the public routes send, worked out once, exactly the headers helmet itself would send with their options', async () => {
    for (const publicBaseUrl of ['http://localhost:3000', 'https://sello.example.bo']) {
      // What @fastify/helmet sends on routes that carry the public options, with the app's defaults.
      const reference = Fastify();
      await reference.register(fastifyHelmet, helmetOptions({ publicBaseUrl }));
      reference.get('/page', { helmet: PUBLIC_PAGE_HELMET }, async () => 'x');
      reference.get('/data', { helmet: PUBLIC_DATA_HELMET }, async () => 'x');
      const app = await buildTestApp({ publicBaseUrl });
      const security = (res: LightMyRequestResponse) =>
        Object.fromEntries(
          Object.entries(res.headers).filter(([name]) => !/^(content-|cache-control|vary|date|connection|x-ratelimit|etag)/.test(name)),
        );
      const expected = { page: security(await get(reference, '/page')), data: security(await get(reference, '/data')) };
      expect(Object.keys(expected.page).length, publicBaseUrl).toBeGreaterThan(8);
      for (const url of ['/c/7K3M-9QXA-2F4P', '/registro'])
        expect(security(await get(app, url)), `${publicBaseUrl}${url}`).toEqual(expected.page);
      for (const url of ['/api/v1/public/registry', '/api/v1/public/registry.csv', '/.well-known/jwks.json']) {
        expect(security(await get(app, url)), `${publicBaseUrl}${url}`).toEqual(expected.data);
      }
      await reference.close();
    }
  });
});
