import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { CriteriaVersion } from '../../src/domain/criteria.js';
import { buildTestApp } from '../helpers/app.js';

type Version = CriteriaVersion & { principles: { criteria: { code: string; sectors: string[] }[] }[] };
const codes = (v: Version) => v.principles.flatMap((p) => p.criteria.map((c) => c.code));

describe('GET /api/v1/criteria', () => {
  it('lists the es-cj-bolivia scheme with its published versions, the 2027.1 draft, and their hashes', async () => {
    const app = await buildTestApp();
    const res = await request(app.server).get('/api/v1/criteria').expect(200);
    const scheme = res.body.schemes.find((s: { scheme: string }) => s.scheme === 'es-cj-bolivia');
    expect(scheme.name.es).toMatch(/Economía Solidaria/);
    expect(scheme.currentVersion).toBe('2026.4');
    expect(scheme.versions.map((v: { version: string }) => v.version)).toEqual([
      '2025.1',
      '2026.1',
      '2026.2',
      '2026.3',
      '2026.4',
      '2027.1',
    ]);
    for (const v of scheme.versions) {
      expect(v.status).toBe(v.version === '2027.1' ? 'draft' : 'published');
      expect(v.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(v.criteria).toBeGreaterThanOrEqual(30);
    }
  });

  it('returns one scheme, and 404 with a stable code for an unknown one', async () => {
    const app = await buildTestApp();
    await request(app.server).get('/api/v1/criteria/es-cj-bolivia').expect(200);
    const res = await request(app.server).get('/api/v1/criteria/otro-sello').expect(404);
    expect(res.body.code).toBe('CRITERIA_SCHEME_NOT_FOUND');
  });
});

describe('GET /api/v1/criteria/:scheme/:version', () => {
  it('returns the whole version with its hash', async () => {
    const app = await buildTestApp();
    const list = await request(app.server).get('/api/v1/criteria');
    const res = await request(app.server).get('/api/v1/criteria/es-cj-bolivia/2025.1').expect(200);
    const version = res.body as Version;
    expect(version.version).toBe('2025.1');
    expect(version.principles.length).toBeGreaterThanOrEqual(8);
    expect(codes(version).length).toBeGreaterThanOrEqual(30);
    const summary = list.body.schemes[0].versions[0];
    expect(version.contentHash).toBe(summary.contentHash);
    expect(version.sourceFile).toBe('es-cj-bolivia/2025.1.yaml');
  });

  it('?sector=artesania returns only the criteria that apply to artisans', async () => {
    const app = await buildTestApp();
    const all = (await request(app.server).get('/api/v1/criteria/es-cj-bolivia/2026.1')).body as Version;
    const res = await request(app.server).get('/api/v1/criteria/es-cj-bolivia/2026.1?sector=artesania').expect(200);
    const filtered = res.body as Version;
    const criteria = filtered.principles.flatMap((p) => p.criteria);
    expect(criteria.length).toBeGreaterThan(0);
    expect(criteria.every((c) => c.sectors.includes('artesania'))).toBe(true);
    const expected = all.principles.flatMap((p) => p.criteria).filter((c) => c.sectors.includes('artesania'));
    expect(criteria.map((c) => c.code)).toEqual(expected.map((c) => c.code));
    expect(criteria.length).toBeLessThan(codes(all).length);
    // The hash names the whole version, filtered or not.
    expect(filtered.contentHash).toBe(all.contentHash);
  });

  it('refuses an unknown sector with 400 naming the valid ones', async () => {
    const app = await buildTestApp();
    const res = await request(app.server).get('/api/v1/criteria/es-cj-bolivia/2026.1?sector=mineria').expect(400);
    expect(res.body.code).toBe('UNKNOWN_SECTOR');
    expect(res.body.issues[0].path).toBe('query.sector');
    expect(res.body.issues[0].message).toContain('artesania');
  });

  it('answers 404 for a version that does not exist', async () => {
    const app = await buildTestApp();
    const res = await request(app.server).get('/api/v1/criteria/es-cj-bolivia/2019.1').expect(404);
    expect(res.body.code).toBe('CRITERIA_VERSION_NOT_FOUND');
  });
});

describe('GET /api/v1/criteria/:scheme/diff', () => {
  it('shows the real differences between 2025.1 and 2026.1', async () => {
    const app = await buildTestApp();
    const get = async (v: string) => (await request(app.server).get(`/api/v1/criteria/es-cj-bolivia/${v}`)).body as Version;
    const from = await get('2025.1');
    const to = await get('2026.1');
    const res = await request(app.server).get('/api/v1/criteria/es-cj-bolivia/diff?from=2025.1&to=2026.1').expect(200);
    const diff = res.body as {
      added: { code: string }[];
      changed: { code: string; fields: string[] }[];
      retired: { code: string; reason?: { es: string } }[];
      unchanged: number;
    };
    const before = new Set(codes(from));
    const after = new Set(codes(to));
    expect(diff.added.map((c) => c.code).sort()).toEqual([...after].filter((c) => !before.has(c)).sort());
    expect(diff.retired.map((c) => c.code).sort()).toEqual([...before].filter((c) => !after.has(c)).sort());
    expect(diff.added.length).toBeGreaterThan(0);
    expect(diff.changed.length).toBeGreaterThan(0);
    expect(diff.retired.length).toBeGreaterThan(0);
    expect(diff.retired.every((r) => r.reason?.es)).toBe(true);
    expect(diff.changed.every((c) => c.fields.length > 0)).toBe(true);
    expect(diff.added.length + diff.changed.length + diff.unchanged).toBe(after.size);
  });

  it('shows the sector, scope and follow-up changes of 2026.4, as the API documents them', async () => {
    const app = await buildTestApp();
    const res = await request(app.server).get('/api/v1/criteria/es-cj-bolivia/diff?from=2026.3&to=2026.4').expect(200);
    expect(res.body.sectorsAdded).toEqual([expect.objectContaining({ code: 'comercializacion' })]);
    expect(res.body.sectorsRemoved).toEqual([]);
    expect(res.body.policyChanged).toEqual([
      expect.objectContaining({ level: 'critical', fields: ['followUp'], to: expect.objectContaining({ followUp: ['visit'] }) }),
      expect.objectContaining({
        level: 'major',
        fields: ['followUp'],
        to: expect.objectContaining({ followUp: ['visit', 'commission_review'] }),
      }),
    ]);
    expect((res.body.changed as { fields: string[] }[]).every((c) => c.fields.includes('scope'))).toBe(true);
    const doc = await request(app.server).get('/docs/json').expect(200);
    expect(Object.keys(doc.body.components.schemas.CriteriaDiff.properties)).toEqual(
      expect.arrayContaining(['sectorsAdded', 'sectorsRemoved', 'policyChanged']),
    );
  });

  it('answers 404 when one side does not exist', async () => {
    const app = await buildTestApp();
    await request(app.server).get('/api/v1/criteria/es-cj-bolivia/diff?from=2025.1&to=2030.1').expect(404);
  });
});

describe('POST /api/v1/criteria/validate', () => {
  it('accepts the published 2026.1 content as it is, with the same hash', async () => {
    const app = await buildTestApp();
    const version = (await request(app.server).get('/api/v1/criteria/es-cj-bolivia/2026.1')).body as Record<string, unknown>;
    const { contentHash, sourceFile: _s, ...content } = version;
    const res = await request(app.server).post('/api/v1/criteria/validate').send(content).expect(200);
    expect(res.body).toMatchObject({ valid: true, scheme: 'es-cj-bolivia', version: '2026.1', contentHash });
  });

  it('lists every problem of a draft with paths under body', async () => {
    const app = await buildTestApp();
    const version = (await request(app.server).get('/api/v1/criteria/es-cj-bolivia/2026.1')).body as Version;
    const { contentHash: _h, sourceFile: _s, ...content } = version;
    const draft = structuredClone({ ...content, version: '2027.1', status: 'draft', previousVersion: '2026.1' }) as Version;
    const dropped = draft.principles[0]!.criteria.pop()!;
    draft.principles[1]!.criteria[0]!.sectors.push('pesca');
    const res = await request(app.server).post('/api/v1/criteria/validate').send(draft).expect(422);
    expect(res.body.code).toBe('CRITERIA_INVALID');
    const messages = (res.body.issues as { path: string; message: string }[]).map((i) => `${i.path} ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^body\.principles\.1\.criteria\.0\.sectors\.\d+ Sector desconocido: pesca/),
        expect.stringContaining(`${dropped.code} de la versión 2026.1 desaparece sin declararse retirado`),
      ]),
    );
  });

  it('refuses a changed published version', async () => {
    const app = await buildTestApp();
    const version = (await request(app.server).get('/api/v1/criteria/es-cj-bolivia/2025.1')).body as Version;
    const { contentHash: _h, sourceFile: _s, ...content } = version;
    const res = await request(app.server)
      .post('/api/v1/criteria/validate')
      .send({ ...content, issuingBody: 'Otra entidad' })
      .expect(422);
    expect(res.body.issues).toEqual([{ path: 'body.version', message: expect.stringContaining('ya está publicada') }]);
  });

  it('refuses a body that is not an object with 400', async () => {
    const app = await buildTestApp();
    const res = await request(app.server).post('/api/v1/criteria/validate').send([1, 2]).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });
});
