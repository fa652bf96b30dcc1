/**
 * Group certification from end to end, as the scheme's people live it: an organisation with twelve member
 * families gets one organisation visit and twelve member visits, the organisation criteria are answered
 * once, one group certificate lists the twelve families and its QR leads to them; a critical finding in
 * one family removes only that family, and the transparency log still verifies.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildTestApp, REAL_CRITERIA_DIR, tempDir } from '../helpers/app.js';
import { expectRecordsVerify } from '../helpers/cli.js';
import { groupCertificate } from '../helpers/group-cycle.js';
import { visibleText } from '../helpers/pages.js';
import { binary } from '../helpers/http.js';
import { decodeQr } from '../helpers/pdf-reader.js';

const ORG = 'Asociación de Productores Ecológicos Yungas';
const organizationCriteria = (
  parse(fs.readFileSync(path.join(REAL_CRITERIA_DIR, 'es-cj-bolivia', '2026.4.yaml'), 'utf8')) as {
    principles: { criteria: { code: string; scope: string; sectors: string[] }[] }[];
  }
).principles
  .flatMap((p) => p.criteria)
  .filter((c) => c.scope === 'organization' && c.sectors.includes('agricola'))
  .map((c) => c.code);

let app: FastifyInstance;
let dataDir: string;
beforeEach(async () => {
  dataDir = tempDir('sello-group-e2e-');
  app = await buildTestApp({ dataDir });
});
afterEach(async () => {
  await app.close();
});

it('certifies twelve families in one group certificate and removes only the family with a critical finding', async () => {
  const g = await groupCertificate(app, { members: 12, name: ORG });

  // One organisation visit and twelve member visits; each organisation criterion answered once, in the organisation's.
  const visits = app.db.$client
    .prepare(
      "SELECT d.scope, count(*) AS n FROM visits v JOIN dossiers d ON d.id = v.dossier_id WHERE v.status = 'submitted' GROUP BY d.scope ORDER BY d.scope",
    )
    .all();
  expect(visits).toEqual([
    { scope: 'member', n: 12 },
    { scope: 'organization', n: 1 },
  ]);
  const answered = app.db.$client
    .prepare(
      `SELECT a.criterion_code AS code, d.scope, count(*) AS n FROM answers a JOIN visits v ON v.id = a.source_id
       JOIN dossiers d ON d.id = v.dossier_id WHERE a.source = 'visit' AND a.criterion_code IN (${organizationCriteria.map(() => '?').join(',')})
       GROUP BY a.criterion_code, d.scope`,
    )
    .all(...organizationCriteria);
  expect(answered).toHaveLength(organizationCriteria.length);
  expect(answered.every((r) => (r as { scope: string; n: number }).scope === 'organization' && (r as { n: number }).n === 1)).toBe(true);

  // The certificate's QR leads to the page that lists the twelve families.
  const pdf = (
    await g.api.get(`/api/v1/certificates/${g.certificate.id}/certificate.pdf`).set(g.chair.headers).buffer(true).parse(binary).expect(200)
  ).body as Buffer;
  const scanned = await decodeQr(pdf);
  expect(scanned).toBe(g.certificate.verificationUrl);
  const publicPath = new URL(scanned!).pathname;
  const page = async () => visibleText((await g.api.get(publicPath).expect(200)).text);
  expect(await page()).toMatch(new RegExp(`VIGENTE[\\s\\S]*${ORG} — 12 familias certificadas`));

  // A visit finds a child working in one family (P5.01, critical): the commission excludes that family only.
  const family = g.memberIds[4]!;
  const reason = 'Trabajo infantil comprobado en la visita (criterio P5.01, crítico)';
  await g.api
    .post(`/api/v1/certificates/${g.certificate.id}/members/${family}/exclusion`)
    .set(g.chair.headers)
    .send({ sessionId: g.session.id, reason })
    .expect(200);

  const after = await page();
  expect(after).toMatch(new RegExp(`VIGENTE[\\s\\S]*${ORG} — 11 familias certificadas`));
  expect(after).toMatch(/Familia Socia 05[^]*excluida desde el[^]*Trabajo infantil comprobado/);
  const signed = (await g.api.get(publicPath).set('accept', 'application/json').expect(200)).body as {
    certificate: { status: string; activeMembers: number; members: { name: string | null; status: string; reason: string | null }[] };
  };
  expect(signed.certificate).toMatchObject({ status: 'active', activeMembers: 11 });
  expect(signed.certificate.members.filter((m) => m.status === 'excluded')).toEqual([
    expect.objectContaining({ name: 'Familia Socia 05', reason }),
  ]);

  // The exclusion is a leaf of the transparency log; the log and the audit trail verify.
  const events = (await g.api.get(`/api/v1/certificates/${g.certificate.id}`).set(g.chair.headers).expect(200)).body.events as {
    event: string;
    producerId: string | null;
  }[];
  expect(events.at(-1)).toMatchObject({ event: 'member_excluded', producerId: family });
  await expectRecordsVerify(dataDir);
}, 180_000);
