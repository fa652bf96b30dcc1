/** `npm run demo` in-process: a real certificate on a new database, verifiable and not duplicated on a second run. */
import fs from 'node:fs';
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { canonicalize } from 'json-canonicalize';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDemoClient } from '../../src/cli/demo-api.js';
import { DEMO_ORGANIZATION_NAME, DemoError, runDemo } from '../../src/cli/demo.js';
import { buildTestApp, testConfig } from '../helpers/app.js';
import { countRows, seedUser } from '../helpers/auth.js';
import { decodeQr } from '../helpers/pdf-reader.js';

async function demo(config: ReturnType<typeof testConfig>) {
  const lines: string[] = [];
  const result = await runDemo({ config, out: (line) => lines.push(line), logger: false });
  return { result, output: lines.join('\n') };
}

describe('npm run demo', () => {
  it('certifies the example cooperative through the API, writes both PDFs and prints a URL that verifies', async () => {
    const config = testConfig();
    const { result, output } = await demo(config);

    expect(result.kind).toBe('created');
    const printed = /(http:\/\/localhost:3000\/c\/\S+)/.exec(output)?.[1];
    expect(printed).toBe(`http://localhost:3000/c/${result.certificateCode}`);
    expect(result.certificateCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z*~$=]{4}$/);

    // The printed path answers on a new app over the same data folder, as after `npm start`.
    const app = await buildTestApp({ dataDir: config.dataDir });
    const res = await app.inject({ method: 'GET', url: new URL(printed!).pathname, headers: { accept: 'application/json' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().certificate).toMatchObject({
      code: result.certificateCode,
      status: 'active',
      organization: { name: DEMO_ORGANIZATION_NAME },
      scheme: { version: '2026.4' },
    });

    for (const file of [result.certificatePdf, result.actaPdf]) {
      expect(file).not.toBeNull();
      expect(file!.startsWith(`${config.dataDir}/demo/`)).toBe(true);
      expect(output).toContain(file!);
      expect(fs.readFileSync(file!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }

    // The printed accounts are real: each username with its password, and one of them signs in.
    expect(result.accounts.map((a) => a.role).sort()).toEqual([
      'admin',
      'commission',
      'commission',
      'commission',
      'commission',
      'committee',
      'producer',
      'reviewer',
    ]);
    const width = Math.max(...result.accounts.map((a) => a.username.length));
    for (const a of result.accounts) expect(output).toContain(`${a.username.padEnd(width)}  ${a.password}`);
    const committee = result.accounts.find((a) => a.role === 'committee')!;
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: committee.username, password: committee.password },
    });
    expect(login.statusCode).toBe(200);

    // The cycle left what a real one leaves: a minor «parcial» as an improvement goal, every member's vote, and no live demo token.
    const db = app.db.$client;
    expect(db.prepare('SELECT criterion_code AS code, effect FROM non_conformities').all()).toEqual([
      { code: 'P8.07', effect: 'improvement_goal' },
    ]);
    expect(db.prepare("SELECT vote, count(*) AS n FROM votes WHERE subject = 'decision' GROUP BY vote").all()).toEqual([
      { vote: 'for', n: 3 },
    ]);
    expect(db.prepare('SELECT count(*) AS n FROM api_tokens WHERE revoked_at IS NULL').get()).toEqual({ n: 0 });

    // A second run shows the same certificate and creates nothing.
    const audit = countRows(app, 'audit_log');
    const again = await demo(config);
    expect(again.result).toMatchObject({
      kind: 'existing',
      certificateCode: result.certificateCode,
      verificationUrl: printed,
      certificatePdf: result.certificatePdf,
      actaPdf: result.actaPdf,
      accounts: [],
    });
    expect(again.output).toContain('ya tiene el ejemplo');
    expect(again.output).toContain(printed);
    expect(countRows(app, 'organizations')).toBe(1);
    expect(countRows(app, 'certificates')).toBe(1);
    expect(countRows(app, 'users')).toBe(8);
    expect(countRows(app, 'audit_log')).toBe(audit);
  });

  it('its PDF’s QR opens a page saying VIGENTE with the holder; once revoked the same URL says REVOCADO, in HTML and JSON alike', async () => {
    const config = testConfig();
    const { result } = await demo(config);
    const url = await decodeQr(fs.readFileSync(result.certificatePdf!));
    expect(url).toBe(result.verificationUrl);

    const app = await buildTestApp({ dataDir: config.dataDir });
    const path = new URL(url!).pathname;
    const page = async () => (await app.inject({ url: path, headers: { accept: 'text/html' } })).body;
    const json = async () => (await app.inject({ url: path, headers: { accept: 'application/json' } })).json().certificate;
    expect(await page()).toContain('VIGENTE');
    expect(await page()).toContain(DEMO_ORGANIZATION_NAME);
    expect(await json()).toMatchObject({ statusLabel: 'VIGENTE', organization: { name: DEMO_ORGANIZATION_NAME } });

    const commission = result.accounts.find((a) => a.role === 'commission')!;
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: commission.username, password: commission.password },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const headers = { cookie, origin: 'http://localhost:3000' };
    const session = await app.inject({
      method: 'POST',
      url: '/api/v1/commission/sessions',
      headers,
      payload: {
        heldOn: '2026-12-01',
        place: 'Sede de la Plataforma, La Paz',
        presentUserIds: app.db.$client
          .prepare("SELECT id FROM users WHERE role = 'commission' AND commission_seat = 'titular'")
          .all()
          .map((u) => (u as { id: string }).id),
      },
    });
    expect(session.statusCode).toBe(201);
    const certificateId = (app.db.$client.prepare('SELECT id FROM certificates').get() as { id: string }).id;
    const revoked = await app.inject({
      method: 'POST',
      url: `/api/v1/certificates/${certificateId}/revocation`,
      headers,
      payload: { reason: 'Se comprobó el uso del sello en café de terceros', sessionId: session.json().id },
    });
    expect(revoked.statusCode).toBe(200);

    const after = await page();
    expect(after).toContain('REVOCADO');
    expect(after).not.toContain('VIGENTE');
    expect(await json()).toMatchObject({ status: 'revoked', statusLabel: 'REVOCADO', organization: { name: DEMO_ORGANIZATION_NAME } });
  });

  it('refuses a database that already holds other data, writing nothing', async () => {
    const config = testConfig();
    const app = await buildTestApp({ dataDir: config.dataDir });
    await seedUser(app, { role: 'admin' });
    const audit = countRows(app, 'audit_log');

    const run = demo(config);
    await expect(run).rejects.toBeInstanceOf(DemoError);
    await expect(run).rejects.toThrow(/ya tiene datos \(1 cuenta, 0 organizaciones\).*SELLO_DATA_DIR=/);
    expect(countRows(app, 'audit_log')).toBe(audit);
    expect(countRows(app, 'organizations')).toBe(0);
    expect(fs.existsSync(`${config.dataDir}/demo`)).toBe(false);
  });

  it('stops on an answer other than 2xx, with the step in Spanish and the error body', async () => {
    const app = await buildTestApp();
    const api = createDemoClient(app);
    const call = api.json({ step: 'leer el expediente', url: '/api/v1/dossiers/00000000-0000-4000-8000-000000000000' }, z.unknown());
    await expect(call).rejects.toMatchObject({
      name: 'DemoError',
      message: 'No se pudo leer el expediente: GET /api/v1/dossiers/00000000-0000-4000-8000-000000000000 respondió 401.',
      detail: expect.stringContaining('"code": "AUTHENTICATION_REQUIRED"'),
    });
  });

  it('is found on the public side as a buyer looks for it: the home page’s code field, the registry by product, municipality and code, the signed suppliers list and the offline status list', async () => {
    const config = testConfig();
    const { result } = await demo(config);
    const app = await buildTestApp({ dataDir: config.dataDir });
    const code = result.certificateCode;
    const get = (url: string, accept = 'text/html') => app.inject({ method: 'GET', url, headers: { accept } });

    // The code as typed from a label without a QR (small letters, no dashes) leads to the certificate's page.
    const typed = await get(`/verificar?codigo=${encodeURIComponent(code.replace(/-/g, '').toLowerCase())}`);
    expect(typed.statusCode).toBe(303);
    const page = await get(typed.headers.location as string);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('VIGENTE');

    for (const q of ['miel', 'Caranavi', 'la paz', code, code.replace(/-/g, '').toLowerCase()]) {
      const registry = await get(`/registro?q=${encodeURIComponent(q)}`);
      expect(registry.statusCode, q).toBe(200);
      expect(registry.body, q).toContain(code);
      const open = (await get(`/api/v1/public/registry?q=${encodeURIComponent(q)}`, 'application/json')).json<{
        items: { code: string }[];
      }>();
      expect(
        open.items.map((i) => i.code),
        q,
      ).toContain(code);
    }

    const suppliers = (await get('/api/v1/public/suppliers?municipio=Caranavi&product=miel', 'application/json')).json<{
      items: { name: string; certificates: { code: string }[] }[];
      signature: string;
    }>();
    expect(suppliers.items.map((s) => s.name)).toEqual([DEMO_ORGANIZATION_NAME]);
    expect(suppliers.items[0]!.certificates.map((c) => c.code)).toContain(code);
    const jwks = createLocalJWKSet((await get('/.well-known/jwks.json', 'application/json')).json<JSONWebKeySet>());
    const { signature, ...unsigned } = suppliers;
    const signed = await compactVerify(signature, jwks, { algorithms: ['EdDSA'] });
    expect(new TextDecoder().decode(signed.payload)).toBe(canonicalize(unsigned));

    const list = await compactVerify((await get('/api/v1/public/status-list', 'application/jose')).body, jwks, { algorithms: ['EdDSA'] });
    const payload = JSON.parse(new TextDecoder().decode(list.payload)) as { statuses: string[]; certificates: [string, number][] };
    const entry = payload.certificates.find(([listed]) => listed === code);
    expect(entry && payload.statuses[entry[1]]).toBe('active');
  });
});
