/**
 * A group certificate as buyers, the registry, the PDF and the commission see it: the organisation with
 * its certified families, each member with its own status (a name only with consent, never an id), and
 * an exclusion made on the commission's page showing on the very next request.
 */
import type { FastifyInstance } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, tempDir } from '../helpers/app.js';
import { groupCertificate, type GroupCycle } from '../helpers/group-cycle.js';
import { getPage, postForm, signIn, UUID, visibleText } from '../helpers/pages.js';
import { binary } from '../helpers/http.js';
import { decodeQr, pdfFlatText } from '../helpers/pdf-reader.js';

let app: FastifyInstance;
let g: GroupCycle;
const ORG = 'Asociación Apícola Suyu';

// Each test builds its app (closed after it by the helper) and runs the whole cycle.
beforeEach(async () => {
  app = await buildTestApp({ dataDir: tempDir('sello-group-public-') });
  g = await groupCertificate(app, { members: 3, name: ORG });
  // The second unit does not want its name in public.
  await g.api.patch(`/api/v1/producers/${g.memberIds[1]!}`).set(g.committee.headers).send({ publicNameConsent: false }).expect(200);
}, 120_000);

type PublicMember = { name: string | null; community: string; status: string; since: string; reason: string | null };
type PublicCertificate = { scope: string; activeMembers?: number; members?: PublicMember[]; producer: string | null; statusLabel: string };

const verification = async () => {
  const res = await g.api.get(`/c/${g.certificate.code}`).set('accept', 'application/json').expect(200);
  return res.body as { certificate: PublicCertificate; signature: string };
};
// The text as read, without the space a closing tag leaves before a colon.
const page = async () => visibleText((await g.api.get(`/c/${g.certificate.code}`).expect(200)).text).replace(/ :/g, ':');
const registry = async (query: string) =>
  (await g.api.get(`/api/v1/public/registry?${query}`).expect(200)).body as {
    items: (PublicCertificate & { code: string })[];
    total: number;
  };
const noIds = (text: string) => {
  for (const id of [...g.memberIds, g.certificate.id, g.org]) expect(text).not.toContain(id);
};

describe('a group certificate in public', () => {
  it('verifies as the organisation with its certified families, each member with its status, a name only with consent', async () => {
    const body = await verification();
    expect(body.signature).toMatch(/^[\w-]+\.[\w-]*\.[\w-]+$/);
    expect(body.certificate).toMatchObject({ scope: 'group', activeMembers: 3, producer: null, statusLabel: 'VIGENTE' });
    const members = body.certificate.members!;
    expect(members).toHaveLength(3);
    expect(members.every((m) => m.status === 'active' && m.reason === null)).toBe(true);
    expect(members.map((m) => m.name).sort()).toEqual(['Familia Socia 01', 'Familia Socia 03', null].sort());
    expect(members.find((m) => m.name === null)!.community).toBe('Comunidad 2');
    noIds(JSON.stringify(body));

    const text = await page();
    expect(text).toContain(`${ORG} — 3 familias certificadas`);
    expect(text).toContain('VIGENTE');
    expect(text).toContain('Familia Socia 01 (Comunidad 1): certificada');
    expect(text).toContain('Unidad productiva de Comunidad 2: certificada');
    expect(text).not.toContain('Familia Socia 02');
    expect(text).not.toMatch(UUID);
  });

  it('is one registry entry with its count and products, found by its members’ names only with consent, and in the CSV', async () => {
    const found = await registry(`q=${encodeURIComponent('Suyu')}`);
    expect(found.total).toBe(1);
    expect(found.items[0]).toMatchObject({ code: g.certificate.code, scope: 'group', activeMembers: 3, producer: null });
    expect(found.items[0]).not.toHaveProperty('members');
    expect((await registry(`q=${encodeURIComponent('Familia Socia 03')}`)).items.map((i) => i.code)).toEqual([g.certificate.code]);
    expect((await registry(`q=${encodeURIComponent('Familia Socia 02')}`)).total).toBe(0);

    const html = visibleText((await g.api.get('/registro?q=Suyu').expect(200)).text);
    expect(html).toContain(ORG);
    expect(html).toContain('3 familias certificadas: Familia Socia 01, Familia Socia 03 y 1 más');
    expect(html).toContain('en grupo, 3 familias certificadas');
    expect(html).toContain('café y miel');
    expect(html).not.toContain('Familia Socia 02');
    expect(html).not.toMatch(UUID);

    const csv = (await g.api.get('/api/v1/public/registry.csv?q=Suyu').expect(200)).text;
    const [header, row] = csv.replace(/^\uFEFF/, '').split('\n');
    const columns = header!.split(',');
    const cells = row!.split(',');
    expect(cells[columns.indexOf('alcance')]).toBe('grupo');
    expect(cells[columns.indexOf('unidades_certificadas')]).toBe('3');
    expect(cells[columns.indexOf('organizacion')]).toBe(ORG);
  });

  it('prints a PDF naming the organisation, the group scope and its members, with the QR of its verification', async () => {
    const res = await g.api
      .get(`/api/v1/certificates/${g.certificate.id}/certificate.pdf`)
      .set(g.chair.headers)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const pdf = res.body as Buffer;
    const text = (await pdfFlatText(pdf)).join('\n');
    expect(text).toContain(ORG);
    expect(text).toContain('Certificación en grupo: 3 unidades productivas');
    expect(text).toContain('Familia Socia 01 Comunidad 1');
    expect(text).toContain('Unidad productiva de Comunidad 2 Comunidad 2');
    expect(text).not.toContain('Familia Socia 02');
    expect(await decodeQr(pdf)).toBe(g.certificate.verificationUrl);
  });

  it('does not vouch for a group whose member rows were changed outside the application', async () => {
    expect((await verification()).certificate.activeMembers).toBe(3);
    app.db.$client
      .prepare(`UPDATE certificate_members SET status = 'excluded', status_since = ?, status_reason = 'x' WHERE producer_id = ?`)
      .run(new Date().toISOString(), g.memberIds[2]!);
    const res = await g.api.get(`/c/${g.certificate.code}`).set('accept', 'application/json').expect(503);
    expect(res.body.code).toBe('CERTIFICATE_RECORD_INCONSISTENT');
  });

  it('excludes a member through the commission page form; the next verification and the registry show it', async () => {
    const cookie = await signIn(app, g.chair);
    const certificatePage = `/app/comision/certificados/${g.certificate.id}`;
    const before = await getPage(app, certificatePage, cookie);
    expect(before.statusCode).toBe(200);
    const action = `${certificatePage}/socios/${g.memberIds[0]!}/excluir`;
    expect(before.body).toContain(`action="${action}"`);
    expect(visibleText(before.body)).toContain('3 unidades productivas certificadas.');

    // Refused in Spanish, nothing written: the reason is too short.
    const refused = await postForm(app, action, { motivo: 'corto', sesion: g.session.id }, { cookie });
    expect(refused.statusCode).toBe(400);
    expect(visibleText(refused.body)).toContain('Explique el motivo (al menos 10 caracteres)');
    expect((await verification()).certificate.activeMembers).toBe(3);

    const reason = 'Vendió miel de otra procedencia con el sello del grupo';
    const done = await postForm(app, action, { motivo: reason, sesion: g.session.id }, { cookie });
    expect(done.statusCode, done.body).toBe(303);
    expect(done.headers.location).toBe(`${certificatePage}?hecho=excluido`);
    const after = visibleText((await getPage(app, `${certificatePage}?hecho=excluido`, cookie)).body);
    expect(after).toContain('Unidad productiva excluida del grupo.');
    expect(after).toContain(`Excluida desde el`);
    expect(after).toContain('2 unidades productivas certificadas; 1 excluida.');

    // The next request: the certificate stays VIGENTE, the count drops, the member shows excluded with its reason.
    const body = await verification();
    expect(body.certificate).toMatchObject({ scope: 'group', activeMembers: 2, statusLabel: 'VIGENTE' });
    expect(body.certificate.members!.find((m) => m.name === 'Familia Socia 01')).toMatchObject({ status: 'excluded', reason });
    const text = await page();
    expect(text).toContain(`${ORG} — 2 familias certificadas`);
    expect(text).toMatch(/Familia Socia 01 \(Comunidad 1\): excluida desde el \d+ de \w+ de \d{4}\. Motivo: Vendió miel/);

    expect((await registry('q=Suyu')).items[0]!.activeMembers).toBe(2);
    expect((await registry(`q=${encodeURIComponent('Familia Socia 01')}`)).total).toBe(0);
    const listed = visibleText((await g.api.get('/registro?q=Suyu').expect(200)).text);
    expect(listed).toContain('2 familias certificadas: Familia Socia 03 y 1 más');
    expect(listed).toContain('en grupo, 2 familias certificadas');
  });
});
