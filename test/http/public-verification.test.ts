import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/domain/content-hash.js';
import { leafHash, verifyInclusion } from '../../src/domain/merkle.js';
import { verifyJws } from '../../src/signing/jws.js';
import { cycleToCommission } from '../helpers/cycle.js';

/** An approved certificate of a producer who did not consent to appear by name. */
async function issued() {
  const c = await cycleToCommission();
  c.app.db.$client.prepare('UPDATE producers SET public_name_consent = 0 WHERE id = ?').run(c.producer);
  const { session, certificate: cert } = await c.approve();
  const path = new URL(cert.verificationUrl).pathname;
  const json = async (p = path) => (await c.api.get(p).set('accept', 'application/json').expect(200)).body;
  const page = (p = path) => c.api.get(p).set('accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
  return { ...c, session, cert, path, json, page };
}

const b64 = (s: string) => Buffer.from(s, 'base64');

describe('GET /c/<code>', () => {
  it('says VIGENTE with the holder, in a small page with no external resource, and JSON agrees', async () => {
    const c = await issued();
    const res = await c.page().expect(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['cache-control']).toContain('no-store');
    expect(Buffer.byteLength(res.text)).toBeLessThan(20 * 1024);
    expect(res.text).toContain('VIGENTE');
    expect(res.text).toContain('Cooperativa Agropecuaria Señor de Mayo');
    expect(res.text).toContain('localhost:3000');
    // The one absolute link is the footer's official address, the configured one (http://localhost:3000 in tests).
    expect(res.text.replaceAll('href="http://localhost:3000/"', '')).not.toMatch(/<script|(src|href)=["']?https?:|@import|url\(/i);
    expect(res.text).toContain('http://localhost:3000/c/');
    // No consent: the family's name is not shown.
    expect(res.text).not.toContain('Familia Choque Quispe');

    const body = await c.json();
    expect(body.certificate).toMatchObject({
      code: c.cert.code,
      status: 'active',
      statusLabel: 'VIGENTE',
      producer: null,
      sealLevel: 'Pleno',
    });
    expect(body.certificate.organization.name).toBe('Cooperativa Agropecuaria Señor de Mayo');
    expect(Object.keys(body.certificate).sort()).toEqual(
      [
        'code',
        'expiresOn',
        'issuedOn',
        'organization',
        'producer',
        'products',
        'region',
        'scheme',
        'scope',
        'sealLevel',
        'sectors',
        'status',
        'statusLabel',
        'statusReason',
        'statusSince',
        'verificationUrl',
      ].sort(),
    );
    expect(JSON.stringify(body)).not.toMatch(/household|Familia Choque|dossier|personId|userId/);
  });

  it('shows a revocation on the very next request, in HTML and JSON', async () => {
    const c = await issued();
    expect((await c.json()).certificate.status).toBe('active');
    await c.api
      .post(`/api/v1/certificates/${c.cert.id}/revocation`)
      .set(c.members[0]!.headers)
      .send({ reason: 'Se comprobó venta de café de terceros con el sello', sessionId: c.session.id })
      .expect(200);
    const res = await c.page().expect(200);
    expect(res.text).toContain('REVOCADO');
    expect(res.text).not.toContain('VIGENTE');
    const body = await c.json();
    expect(body.certificate).toMatchObject({
      status: 'revoked',
      statusLabel: 'REVOCADO',
      statusReason: 'Se comprobó venta de café de terceros con el sello',
    });
  });

  it('forgives case, separators and I/L/O, and tells a mistyped code from an unknown one', async () => {
    const c = await issued();
    const sloppy = c.cert.code.toLowerCase().replace(/-/g, '').replace(/1/g, 'l').replace(/0/g, 'o');
    expect((await c.json(`/c/${encodeURIComponent(sloppy)}`)).certificate.code).toBe(c.cert.code);

    const data = c.cert.code.replace(/-/g, '');
    const wrongCheck = data.slice(0, 11) + (data[11] === '0' ? '1' : '0');
    const mistyped = await c.api.get(`/c/${wrongCheck}`).set('accept', 'application/json').expect(404);
    expect(mistyped.body).toMatchObject({
      statusCode: 404,
      code: 'CERTIFICATE_CODE_MISTYPED',
      issues: [{ path: 'params.code', code: 'bad_check', message: 'Compare los caracteres uno por uno con el código impreso' }],
    });
    const malformed = await c.api.get('/c/7K3M-9QXA').set('accept', 'application/json').expect(404);
    expect(malformed.body.issues[0].message).toContain('tres grupos de cuatro, como 7K3M-9QXA-2F4P');
    const unknownCode = (await import('../../src/domain/certificate-code.js')).generateCertificateCode(() => new Uint8Array(7).fill(7));
    const unknown = await c.api.get(`/c/${unknownCode}`).set('accept', 'application/json').expect(404);
    expect(unknown.body).toMatchObject({
      statusCode: 404,
      code: 'CERTIFICATE_NOT_FOUND',
      message: expect.stringContaining('falsificación'),
    });

    const unknownPage = await c.page(`/c/${unknownCode}`).expect(404);
    const mistypedPage = await c.page(`/c/${wrongCheck}`).expect(404);
    expect(unknownPage.text).toMatch(/posible falsificación/i);
    expect(mistypedPage.text).not.toMatch(/posible falsificación/i);
    expect(mistypedPage.text).not.toEqual(unknownPage.text);
  });

  it('signs the JSON: the JWS verifies with the published key and fails after any byte of the payload changes', async () => {
    const c = await issued();
    const body = await c.json();
    const jwks = (await c.api.get('/.well-known/jwks.json').expect(200)).body;
    const { signature, ...content } = body;
    const verified = await verifyJws(signature, jwks);
    expect(canonicalJson(verified.payload)).toBe(canonicalJson(content));

    const [header, payload, sig] = (signature as string).split('.');
    const bytes = Buffer.from(payload!, 'base64url');
    for (const i of [0, Math.floor(bytes.length / 2), bytes.length - 1]) {
      const changed = Buffer.from(bytes);
      changed[i] = changed[i]! ^ 0x01;
      await expect(verifyJws(`${header}.${changed.toString('base64url')}.${sig}`, jwks)).rejects.toThrow();
    }
  });

  it('proves the issuance is in the transparency log under the signed tree head', async () => {
    const c = await issued();
    const body = await c.json();
    const jwks = (await c.api.get('/.well-known/jwks.json').expect(200)).body;
    const sth = (await c.api.get('/api/v1/transparency/sth').expect(200)).body;
    const { signature, ...head } = sth;
    expect(canonicalJson((await verifyJws(signature, jwks)).payload)).toBe(canonicalJson(head));

    const index = body.transparency.issuanceLogIndex as number;
    const { entries } = (await c.api.get(`/api/v1/transparency/entries?start=${index}&end=${index + 1}`).expect(200)).body;
    expect(entries[0].entry).toMatchObject({ certificateCode: c.cert.code, event: 'issued' });
    const proof = (await c.api.get(`/api/v1/transparency/proof?leafIndex=${index}&treeSize=${sth.treeSize}`).expect(200)).body;
    const leaf = leafHash(Buffer.from(canonicalJson(entries[0].entry), 'utf8'));
    const check = { leafHash: leaf, index, treeSize: sth.treeSize, proof: proof.auditPath.map(b64), root: b64(sth.rootHash) };
    expect(verifyInclusion(check)).toBe(true);
    expect(verifyInclusion({ ...check, leafHash: leafHash(Buffer.from(canonicalJson({ ...entries[0].entry, event: 'revoked' }))) })).toBe(
      false,
    );
  });

  it('limits each client on public routes with the one error shape', async () => {
    const c = await issued();
    const { buildTestApp } = await import('../helpers/app.js');
    const limited = await buildTestApp({ dataDir: c.dataDir, verifyRateLimitPerMinute: 2 });
    const api = request(limited.server);
    await api.get(c.path).expect(200);
    await api.get(c.path).expect(200);
    const res = await api.get(c.path).set('accept', 'application/json').expect(429);
    expect(res.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
  });

  it('lets one address read a certificate many times but stops it after a few unknown codes', async () => {
    const c = await issued();
    const { buildTestApp } = await import('../helpers/app.js');
    const limited = await buildTestApp({ dataDir: c.dataDir, unknownCodeLimitPerMinute: 3 });
    const api = request(limited.server);
    for (let i = 0; i < 40; i++) await api.get(c.path).set('accept', 'application/json').expect(200);
    for (let i = 0; i < 3; i++) await api.get('/c/AAAA-AAAA-AAAA').set('accept', 'application/json').expect(404);
    const res = await api.get('/c/BBBB-BBBB-BBBB').set('accept', 'application/json').expect(429);
    expect(res.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it.each([
    ['behind a trusted proxy, keys each client on X-Forwarded-For', ['127.0.0.1', '::1', '::ffff:127.0.0.1'], 200, 404],
    ['without a trusted proxy, ignores X-Forwarded-For', false, 429, 429],
  ] as const)('%s', async (_name, trustProxy, secondValid, secondUnknown) => {
    const c = await issued();
    const { buildTestApp } = await import('../helpers/app.js');
    const limited = await buildTestApp({
      dataDir: c.dataDir,
      trustProxy: trustProxy === false ? false : [...trustProxy],
      verifyRateLimitPerMinute: 2,
      unknownCodeLimitPerMinute: 1,
    });
    const api = request(limited.server);
    const first = { 'x-forwarded-for': '203.0.113.1' };
    const second = { 'x-forwarded-for': '203.0.113.2' };
    await api.get(c.path).set(first).expect(200);
    await api.get(c.path).set(first).expect(200);
    await api.get(c.path).set(first).expect(429);
    await api.get(c.path).set(second).expect(secondValid);

    const other = await buildTestApp({
      dataDir: c.dataDir,
      trustProxy: trustProxy === false ? false : [...trustProxy],
      unknownCodeLimitPerMinute: 1,
    });
    const api2 = request(other.server);
    await api2.get('/c/AAAA-AAAA-AAAA').set(first).expect(404);
    await api2.get('/c/AAAA-AAAA-AAAA').set(first).expect(429);
    await api2.get('/c/AAAA-AAAA-AAAA').set(second).expect(secondUnknown);
  });
});

describe('the public registry', () => {
  it('lists certified organisations with filters, keeps lost certificates with their status, and exports CSV and JSON', async () => {
    const c = await issued();
    const all = (await c.api.get('/api/v1/public/registry').expect(200)).body;
    expect(all.items.map((i: { code: string; status: string }) => [i.code, i.status])).toEqual([[c.cert.code, 'active']]);
    expect((await c.api.get('/api/v1/public/registry?department=La Paz&product=cafe&sector=agricola').expect(200)).body.total).toBe(1);
    expect((await c.api.get('/api/v1/public/registry?department=potosi').expect(200)).body.total).toBe(0);
    expect((await c.api.get('/api/v1/public/registry?q=señor de mayo').expect(200)).body.total).toBe(1);
    expect((await c.api.get('/api/v1/public/registry?q=choque').expect(200)).body.total).toBe(0);
    await c.api.get('/api/v1/public/registry?estado=x').expect(400);

    await c.api
      .post(`/api/v1/certificates/${c.cert.id}/revocation`)
      .set(c.members[0]!.headers)
      .send({ reason: 'Incumplimiento grave comprobado', sessionId: c.session.id })
      .expect(200);
    const lost = (await c.api.get('/api/v1/public/registry?status=revoked').expect(200)).body;
    expect(lost.items).toEqual([expect.objectContaining({ code: c.cert.code, statusLabel: 'REVOCADO' })]);

    const csv = await c.api.get('/api/v1/public/registry.csv').expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.split('\n')[1]).toContain(c.cert.code);
    expect(csv.text).toContain('REVOCADO');

    const html = await c.api.get('/registro?q=mayo').expect(200);
    expect(html.text).toContain('Cooperativa Agropecuaria Señor de Mayo');
    expect(Buffer.byteLength(html.text)).toBeLessThan(20 * 1024);
  });
});
