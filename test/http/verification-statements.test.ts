/**
 * /c/<code> serves a signed statement produced once: the same bytes until an event on the certificate,
 * a direct change of its row or its nextUpdate replaces it; compressed when asked; and no session or
 * token is looked up on public routes.
 */
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cycleToCommission } from '../helpers/cycle.js';

const MIN = 60_000;

async function issued() {
  let clock = Date.parse('2026-06-10T15:00:00Z');
  const now = () => new Date(clock);
  const c = await cycleToCommission({ now });
  const { session, certificate } = await c.approve();
  const { id, code } = certificate;
  const path = `/c/${code}`;
  const get = (headers: Record<string, string> = {}) => c.app.inject({ method: 'GET', url: path, headers });
  const json = async () => {
    const res = await get({ accept: 'application/json' });
    expect(res.statusCode).toBe(200);
    return {
      body: res.body,
      parsed: res.json<{ producedAt: string; nextUpdate: string; certificate: { status: string; statusLabel: string } }>(),
    };
  };
  return { ...c, id, code, path, get, json, session, advance: (ms: number) => (clock += ms) };
}

describe('signed status statements', () => {
  it('serves the same bytes until an event on the certificate, which shows on the next request', async () => {
    const c = await issued();
    const first = await c.json();
    expect(first.parsed.certificate.status).toBe('active');
    expect(first.parsed.producedAt).toBe('2026-06-10T15:00:00.000Z');
    expect(first.parsed.nextUpdate).toBe('2026-06-10T15:05:00.000Z');
    expect(first.parsed).not.toHaveProperty('checkedAt');
    c.advance(MIN);
    expect((await c.json()).body).toBe(first.body);

    await c.api
      .post(`/api/v1/certificates/${c.id}/suspension`)
      .set(c.members[0]!.headers)
      .send({ reason: 'Denuncia de un comprador en investigación' })
      .expect(200);
    const after = await c.json();
    expect(after.parsed.certificate.statusLabel).toBe('SUSPENDIDO');
    expect(after.parsed.producedAt).toBe('2026-06-10T15:01:00.000Z');
    const page = await c.get({ accept: 'text/html' });
    expect(page.body).toContain('SUSPENDIDO');
  });

  it('produces it again at its nextUpdate, and a raw change of the row is checked, not served', async () => {
    const c = await issued();
    const first = await c.json();
    c.advance(5 * MIN);
    const later = await c.json();
    expect(later.parsed.producedAt).toBe('2026-06-10T15:05:00.000Z');
    expect(later.body).not.toBe(first.body);

    c.app.db.$client.prepare("UPDATE certificates SET status = 'suspended', status_reason = 'falso' WHERE id = ?").run(c.id);
    const res = await c.get({ accept: 'application/json' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'CERTIFICATE_RECORD_INCONSISTENT' });
  });

  it('sends the JSON and the page compressed once when asked, and plain otherwise', async () => {
    const c = await issued();
    for (const accept of ['application/json', 'text/html']) {
      const plain = await c.get({ accept });
      expect(plain.headers['content-encoding']).toBeUndefined();
      const gzip = await c.get({ accept, 'accept-encoding': 'gzip' });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gzip.headers.vary).toContain('Accept-Encoding');
      expect(zlib.gunzipSync(gzip.rawPayload).toString()).toBe(plain.body);
      const br = await c.get({ accept, 'accept-encoding': 'gzip, br' });
      expect(br.headers['content-encoding']).toBe('br');
      expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    }
    // The registry page is kept as bytes too, with the same negotiation.
    const registry = (headers: Record<string, string>) => c.app.inject({ method: 'GET', url: '/registro', headers });
    const page = await registry({});
    expect(page.headers['content-encoding']).toBeUndefined();
    expect(page.body).toContain('Cooperativa Agropecuaria Señor de Mayo');
    const gzipped = await registry({ 'accept-encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toContain('Accept-Encoding');
    expect(zlib.gunzipSync(gzipped.rawPayload).toString()).toBe(page.body);
    expect(zlib.brotliDecompressSync((await registry({ 'accept-encoding': 'br' })).rawPayload).toString()).toBe(page.body);
    // Other responses are compressed by the app from 1 KiB, when asked.
    const docs = await c.app.inject({ method: 'GET', url: '/docs/json', headers: { 'accept-encoding': 'gzip' } });
    expect(docs.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(docs.rawPayload).toString()).toContain('/c/{code}');
    const small = await c.app.inject({ method: 'GET', url: '/.well-known/jwks.json', headers: { 'accept-encoding': 'gzip' } });
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('looks up no token or session on public routes, and still does elsewhere', async () => {
    const c = await issued();
    const bogus = { authorization: 'Bearer sello_no-existe', accept: 'application/json' };
    expect((await c.get(bogus)).statusCode).toBe(200);
    expect((await c.app.inject({ method: 'GET', url: '/api/v1/public/registry', headers: bogus })).statusCode).toBe(200);
    expect((await c.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bogus })).statusCode).toBe(401);

    const login = await c.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: c.committee.user.username, password: c.committee.password },
    });
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.map((k) => `${k.name}=${k.value}`).join('; ');
    expect((await c.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(200);
    // Without the sessions table any session lookup fails: public routes must not make one.
    c.app.db.$client.exec('ALTER TABLE sessions RENAME TO sessions_away');
    expect((await c.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(500);
    for (const url of [c.path, '/registro', '/api/v1/public/registry', '/.well-known/jwks.json']) {
      const res = await c.app.inject({ method: 'GET', url, headers: { cookie, accept: 'application/json' } });
      expect(res.statusCode, url).toBe(200);
    }
  });
});
