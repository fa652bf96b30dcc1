import { describe, expect, it } from 'vitest';
import { verifyJws } from '../../src/signing/jws.js';
import { cycleToCommission } from '../helpers/cycle.js';
import { twoCertificates } from '../helpers/two-certificates.js';

const LIST = '/api/v1/public/status-list';

type Payload = {
  format: string;
  issuer: string;
  producedAt: string;
  nextUpdate: string;
  statuses: string[];
  columns: string[];
  holders: [string, string | null][];
  productLists: string[][];
  certificates: [string, number, string, number, number][];
};

/** The list as a client checks it: the JWS verified with a key of the published JWKS. */
async function fetchList(api: Awaited<ReturnType<typeof twoCertificates>>['api']) {
  const res = await api.get(LIST).expect(200);
  const jwks = (await api.get('/.well-known/jwks.json').expect(200)).body;
  const verified = await verifyJws(res.text, jwks, { typ: 'sello-lista-estados+jws' });
  expect(jwks.keys.map((k: { kid: string }) => k.kid)).toContain(verified.kid);
  const payload = verified.payload as Payload;
  const entry = (code: string) => {
    const row = payload.certificates.find((c) => c[0] === code);
    if (!row) return undefined;
    return {
      status: payload.statuses[row[1]],
      expiresOn: row[2],
      holder: payload.holders[row[3]],
      products: payload.productLists[row[4]],
    };
  };
  return { res, payload, entry, etag: res.headers.etag as string };
}

describe('GET /api/v1/public/status-list', () => {
  it('signs every public certificate with its status, expiry and holder as the public sees it', async () => {
    const c = await twoCertificates();
    const { res, payload, entry } = await fetchList(c.api);
    expect(res.headers['content-type']).toBe('application/jose');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['etag']).toMatch(/^W\/"[\w-]+"$/);
    expect(payload).toMatchObject({ format: 'sello-lista-estados/1', issuer: 'localhost:3000' });
    expect(Date.parse(payload.nextUpdate)).toBeGreaterThan(Date.parse(payload.producedAt));
    expect(payload.certificates.map((e) => e[0]).sort()).toEqual([c.first.code, c.second.code].sort());
    // The cycle's unit agreed to be named; the second did not: only its organisation shows.
    expect(entry(c.first.code)).toMatchObject({
      status: 'active',
      holder: ['Cooperativa Agropecuaria Señor de Mayo', 'Familia Choque Quispe'],
      products: ['café pergamino', 'miel'],
    });
    expect(entry(c.second.code)).toMatchObject({
      status: 'active',
      holder: ['Cooperativa Agropecuaria Señor de Mayo', null],
      products: ['miel'],
    });
    const expiresOn = (await c.api.get(c.first.verificationUrl.replace('http://localhost:3000', '')).set('accept', 'application/json')).body
      .certificate.expiresOn;
    expect(entry(c.first.code)!.expiresOn).toBe(expiresOn);
    expect(res.text).not.toMatch(/Familia Apaza/);
  });

  it('changes with a revocation, with a new entity tag; answers 304 to the tag it holds', async () => {
    const c = await twoCertificates();
    const before = await fetchList(c.api);
    // Nothing changed: the same signed bytes, and 304 for the tag the phone holds.
    const again = await c.api.get(LIST).expect(200);
    expect(again.text).toBe(before.res.text);
    const notModified = await c.api.get(LIST).set('if-none-match', before.etag).expect(304);
    expect(notModified.text).toBe('');
    expect(notModified.headers.etag).toBe(before.etag);

    await c.revoke(c.second);
    const after = await fetchList(c.api);
    expect(after.etag).not.toBe(before.etag);
    expect(after.entry(c.second.code)!.status).toBe('revoked');
    expect(after.entry(c.first.code)!.status).toBe('active');
    // The old tag no longer matches: the new list comes whole; the new tag gets 304.
    expect((await c.api.get(LIST).set('if-none-match', before.etag).expect(200)).text).toBe(after.res.text);
    await c.api.get(LIST).set('if-none-match', after.etag).expect(304);
  });

  it('says how long it may be used: a day, or until time alone changes a status, and is produced again then', async () => {
    let clock = Date.parse('2026-06-10T15:00:00Z');
    const c = await cycleToCommission({ now: () => new Date(clock) });
    await c.approve();
    const first = await fetchList(c.api);
    expect(Date.parse(first.payload.nextUpdate) - Date.parse(first.payload.producedAt)).toBe(24 * 3_600_000);
    const [, , expiresOn] = first.payload.certificates[0]!;
    // At noon of the last valid day (Bolivia, UTC-4), the list is good until that day ends, not for a whole day.
    clock = Date.parse(`${expiresOn}T16:00:00Z`);
    const last = await fetchList(c.api);
    expect(last.etag).not.toBe(first.etag);
    expect(last.payload.producedAt).toBe(new Date(clock).toISOString());
    const endOfDay = new Date(`${expiresOn}T04:00:00Z`);
    endOfDay.setUTCDate(endOfDay.getUTCDate() + 1);
    expect(last.payload.nextUpdate).toBe(endOfDay.toISOString());
  });

  it('is compressed when the client accepts it, under the same entity tag', async () => {
    const c = await cycleToCommission();
    await c.approve();
    const plain = await c.api.get(LIST).set('accept-encoding', 'identity').expect(200);
    const gzip = await c.api.get(LIST).set('accept-encoding', 'gzip').expect(200);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.text).toBe(plain.text);
    expect(gzip.headers.etag).toBe(plain.headers.etag);
  });
});

describe('GET /verificador', () => {
  it('is a page with its own policy for its script, worker and manifest, and a form that works without script', async () => {
    const c = await cycleToCommission();
    const res = await c.api.get('/verificador').expect(200);
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("worker-src 'self'");
    expect(csp).toContain("manifest-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.text).toMatch(/<script type="module" src="\/verificador\/verifier-[0-9a-f]{12}\.js"><\/script>/);
    expect(res.text).toContain('<noscript>');
    expect(res.text).toContain('necesita JavaScript');
    // Nothing is loaded from elsewhere; the only absolute link is the footer's to the site itself.
    expect(res.text).not.toMatch(/src=["']?https?:/);
    const absoluteLinks = [...res.text.matchAll(/href=["']?(https?:[^"'\s>]+)/g)].map((m) => m[1]);
    expect(absoluteLinks).toEqual(['http://localhost:3000/']);
    // Other public pages keep their policy: no script at all.
    const registry = await c.api.get('/registro').expect(200);
    expect(registry.headers['content-security-policy']).not.toContain('script-src');
    expect(registry.text).not.toContain('<script');

    // Without the script, the form is the home page's online check.
    expect(res.text).toContain('<form id="verificar" method="get" action="/verificar">');

    const manifest = JSON.parse((await c.api.get(res.text.match(/rel="manifest" href="([^"]+)"/)![1]!).expect(200)).text);
    expect(manifest).toMatchObject({ start_url: '/verificador', scope: '/verificador', lang: 'es' });
    const icon = await c.api.get(manifest.icons[0].src).expect(200);
    expect(icon.headers['content-type']).toContain('image/svg+xml');
    const worker = await c.api.get('/verificador-sw.js').expect(200);
    expect(worker.text).toContain('"/verificador"');
    for (const href of JSON.parse(worker.text.match(/const PRECACHE = (\[[^\]]*\]);/)![1]!) as string[]) await c.api.get(href).expect(200);
  });
});
