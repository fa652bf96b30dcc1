/**
 * The committed snapshot of the API contract (test/openapi/openapi.json) is the document the app
 * serves, so that any change to the contract shows in review; and a client generated from it
 * (test/openapi/sello-api.d.ts, openapi-typescript) type-checks and talks to the running app.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { OPENAPI_SNAPSHOT, snapshotText } from '../../src/cli/openapi-snapshot.js';
import { buildTestApp } from '../helpers/app.js';
import { seedUser } from '../helpers/auth.js';
import type { paths } from '../openapi/sello-api.js';

describe('the OpenAPI snapshot', () => {
  it('is the document /docs/json serves', async () => {
    const app = await buildTestApp();
    await app.ready();
    const served = snapshotText(app);
    const committed = fs.existsSync(OPENAPI_SNAPSHOT) ? fs.readFileSync(OPENAPI_SNAPSHOT, 'utf8') : '';
    expect(
      served === committed,
      'The API contract changed: run `npm run openapi:snapshot` (and `npm run openapi:types`), review the diff of test/openapi/ and commit it',
    ).toBe(true);
  });
});

type Registry = paths['/api/v1/public/registry']['get'];
type Login = paths['/api/v1/auth/login']['post'];
type Me = paths['/api/v1/auth/me']['get'];

/** A fetch typed by the generated client: the query, body and answers are those of the document. */
async function typedFetch<T>(base: string, path: string, init?: RequestInit): Promise<{ status: number; body: T }> {
  const res = await fetch(new URL(path, base), init);
  return { status: res.status, body: (await res.json()) as T };
}

describe('a client generated from the snapshot', () => {
  it('reads the public registry, signs in and reads its account with the types of the document', async () => {
    const app = await buildTestApp();
    const reviewer = await seedUser(app, { role: 'commission' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    const query: NonNullable<Registry['parameters']['query']> = { page: 1, pageSize: 5 };
    const registry = await typedFetch<Registry['responses'][200]['content']['application/json']>(
      base,
      `/api/v1/public/registry?page=${query.page}&pageSize=${query.pageSize}`,
    );
    expect(registry.status).toBe(200);
    expect(registry.body.pageSize).toBe(5);
    expect(Array.isArray(registry.body.items)).toBe(true);

    const refused: Login['requestBody']['content']['application/json'] = { username: reviewer.user.username, password: 'no-es-la-clave-1' };
    const wrong = await typedFetch<Login['responses'][401]['content']['application/json']>(base, '/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(refused),
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toEqual(expect.any(String));

    const me = await typedFetch<Me['responses'][200]['content']['application/json']>(base, '/api/v1/auth/me', {
      headers: { authorization: `Bearer ${reviewer.token}` },
    });
    expect(me.status).toBe(200);
    const role: Me['responses'][200]['content']['application/json']['role'] = me.body.role;
    expect(role).toBe('commission');
    expect(me.body.username).toBe(reviewer.user.username);
  });
});
