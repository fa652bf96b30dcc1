/**
 * /cifras and its open data: a small world of certificates in two departments (one unit certificate,
 * group certificates with a member excluded, one suspended and one revoked) and persons with and without a
 * declared gender; every number is counted again here, with this test's own queries over the database,
 * and compared with the page's tables, the JSON and the CSV.
 */
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildTestApp, tempDir } from '../helpers/app.js';
import { seedUser } from '../helpers/auth.js';
import { groupCertificate } from '../helpers/group-cycle.js';
import { seedPerson, seedProducer } from '../helpers/registry.js';

let app: FastifyInstance;

type Row = Record<string, unknown>;
const all = (sql: string, ...params: unknown[]) => app.db.$client.prepare(sql).all(...params) as Row[];
const folded = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
const bump = (map: Map<string, number>, key: string, by = 1) => map.set(key, (map.get(key) ?? 0) + by);

/** The figures as this test counts them: straight from the tables, without the service's queries. */
function recount(today: string) {
  // In force: active as acts left it and not past its last valid day (La Paz).
  const inForce = all(
    "SELECT id, scope, producer_id AS producerId, organization_id AS organizationId FROM certificates WHERE status = 'active' AND expires_on >= ?",
    today,
  );
  const unitIds = new Set<string>();
  for (const c of inForce) {
    if (c.scope === 'unit') unitIds.add(String(c.producerId));
    for (const m of all("SELECT producer_id AS id FROM certificate_members WHERE certificate_id = ? AND status = 'active'", c.id)) {
      unitIds.add(String(m.id));
    }
  }
  const orgIds = new Set(inForce.map((c) => String(c.organizationId)));
  const producers = new Map(all('SELECT id, department, products FROM producers').map((p) => [String(p.id), p]));
  const units = new Map<string, number>();
  const products = new Map<string, number>();
  for (const id of unitIds) {
    const p = producers.get(id)!;
    bump(units, String(p.department));
    for (const name of new Set((JSON.parse(String(p.products)) as string[]).map(folded))) bump(products, name);
  }
  const organizations = new Map<string, number>();
  for (const o of all('SELECT id, department FROM organizations')) if (orgIds.has(String(o.id))) bump(organizations, String(o.department));
  const persons = new Map<string, number>();
  for (const p of all('SELECT organization_id AS org, roles, gender FROM persons')) {
    if (!orgIds.has(String(p.org))) continue;
    for (const role of JSON.parse(String(p.roles)) as string[]) bump(persons, `${role}:${(p.gender as string | null) ?? 'undeclared'}`);
  }
  const events = new Map<string, number>();
  for (const e of all("SELECT event, at FROM certificate_events WHERE event IN ('issued', 'suspended', 'revoked')")) {
    const month = new Date(Date.parse(String(e.at)) - 4 * 3_600_000).toISOString().slice(0, 7);
    bump(events, `${month}:${String(e.event)}`);
  }
  return { units, organizations, persons, products, events };
}

type Figure = { id: string; series: string[]; rows: { key: string; label: string; values: Record<string, number> }[] };
type Figures = { asOf: string; figures: Figure[] };

/** The rows of the table in the page's section `id`: the cells' text (without the soft hyphens of long words), header cells included. */
function tableRows(html: string, id: string): string[][] {
  const section = new RegExp(`<section class="figure" aria-labelledby="${id}">([\\s\\S]*?)</section>`).exec(html)?.[1] ?? '';
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(section)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) =>
      cell[1]!
        .replace(/&#39;/g, "'")
        .replace(/\u00ad/g, '')
        .trim(),
    ),
  );
}

/** The world of the test (the helper closes the app after each test, so it is built in the test). */
async function buildWorld() {
  app = await buildTestApp({ dataDir: tempDir('sello-figures-') });
  const admin = await seedUser(app, { role: 'admin' });
  // La Paz: three families with café (one with miel), one of them excluded afterwards.
  const suyu = await groupCertificate(app, { members: 3, name: 'Asociación Apícola Suyu' });
  await suyu.api
    .post(`/api/v1/certificates/${suyu.certificate.id}/members/${suyu.memberIds[2]!}/exclusion`)
    .set(suyu.chair.headers)
    .send({ sessionId: suyu.session.id, reason: 'Vendió café de terceros con el sello' })
    .expect(200);
  // Oruro: two families with quinua and «Miel» written with a capital.
  const sajama = await groupCertificate(app, {
    members: 2,
    name: 'Asociación Quinuera Sajama',
    products: () => ['quinua', 'Miel'],
    peerOrganization: 'Cooperativa de Pares 2',
  });
  await sajama.api.patch(`/api/v1/organizations/${sajama.org}`).set(admin.headers).send({ department: 'oruro' }).expect(200);
  for (const id of sajama.memberIds) {
    await sajama.api.patch(`/api/v1/producers/${id}`).set(admin.headers).send({ department: 'oruro' }).expect(200);
  }
  // One suspended and one revoked: neither counts as certified, both count as events.
  const suspended = await groupCertificate(app, {
    members: 1,
    name: 'Asociación Suspendida',
    products: () => ['cacao'],
    peerOrganization: 'Cooperativa de Pares 3',
  });
  await suspended.api
    .post(`/api/v1/certificates/${suspended.certificate.id}/suspension`)
    .set(suspended.chair.headers)
    .send({ reason: 'Denuncia de trabajo infantil en investigación' })
    .expect(200);
  const revoked = await groupCertificate(app, {
    members: 1,
    name: 'Asociación Revocada',
    products: () => ['cacao'],
    peerOrganization: 'Cooperativa de Pares 4',
  });
  await revoked.api
    .post(`/api/v1/certificates/${revoked.certificate.id}/revocation`)
    .set(revoked.chair.headers)
    .send({ reason: 'Se comprobó trabajo forzoso en la unidad', sessionId: revoked.session.id })
    .expect(200);

  // Persons with and without a declared gender; those of the suspended organisation are not counted.
  const unit = seedProducer(app, suyu.org, { products: ['café'] });
  for (const gender of ['woman', 'woman', 'man', null] as const) seedPerson(app, suyu.org, { roles: ['member'], producerId: unit, gender });
  seedPerson(app, suyu.org, { roles: ['reviewer', 'committee_member'], gender: 'woman' });
  seedPerson(app, suyu.org, { roles: ['committee_member'], gender: 'other' });
  seedPerson(app, sajama.org, { roles: ['member', 'reviewer'], gender: 'man' });
  seedPerson(app, sajama.org, { roles: ['commission_member'], gender: 'woman' });
  seedPerson(app, suspended.org, { roles: ['member'], gender: 'woman' });
}

describe('/cifras and its open data', () => {
  it('counts what the database holds, the same in the page, the JSON and the CSV, and shows a change on the next request', async () => {
    await buildWorld();
    const json = await app.inject({ method: 'GET', url: '/api/v1/public/figures' });
    expect(json.statusCode).toBe(200);
    const figures = json.json<Figures>();
    const figure = (id: string) => figures.figures.find((f) => f.id === id)!;
    const expected = recount(figures.asOf);

    // The world as built, so that a recount that found nothing cannot pass.
    expect(Object.fromEntries(expected.units)).toEqual({ 'la-paz': 2, oruro: 2 });
    expect(Object.fromEntries(expected.organizations)).toEqual({ 'la-paz': 1, oruro: 1 });
    const month = figures.asOf.slice(0, 7);
    expect([`${month}:issued`, `${month}:suspended`, `${month}:revoked`].map((k) => expected.events.get(k))).toEqual([4, 1, 1]);

    // a) units and organisations by department
    const departments = figure('departments');
    const departmentCodes = [...new Set([...expected.units.keys(), ...expected.organizations.keys()])];
    const byDepartment = departmentCodes.map((d) => ({
      d,
      units: expected.units.get(d) ?? 0,
      organizations: expected.organizations.get(d) ?? 0,
    }));
    byDepartment.sort((a, b) => b.units - a.units || b.organizations - a.organizations || a.d.localeCompare(b.d));
    expect(departments.rows.map((r) => [r.key, r.values])).toEqual(
      byDepartment.map(({ d, units, organizations }) => [d, { units, organizations }]),
    );

    // b) women's participation, by role, not declared apart
    for (const row of figure('women').rows) {
      const n = (g: string) => expected.persons.get(`${row.key}:${g}`) ?? 0;
      const declared = n('woman') + n('man') + n('other');
      expect(row.values, row.key).toEqual({
        woman: n('woman'),
        man: n('man'),
        other: n('other'),
        undeclared: n('undeclared'),
        total: declared + n('undeclared'),
        womenPercent: declared === 0 ? 0 : Math.round((100 * n('woman')) / declared),
      });
    }
    expect(figure('women').rows.find((r) => r.key === 'member')!.values).toMatchObject({ woman: 2, man: 2, undeclared: 1 });

    // c) products, «Miel» and «miel» one product
    const products = figure('products');
    expect(Object.fromEntries(products.rows.map((r) => [folded(r.label), r.values.units]))).toEqual(Object.fromEntries(expected.products));
    expect(products.rows.find((r) => folded(r.label) === 'miel')!.values.units).toBe(3);

    // d) events by La Paz month
    const events = figure('events');
    expect(events.rows).toHaveLength(12);
    expect(events.rows.at(-1)!.key).toBe(month);
    for (const row of events.rows) {
      for (const kind of ['issued', 'suspended', 'revoked'])
        expect(row.values[kind], `${row.key} ${kind}`).toBe(expected.events.get(`${row.key}:${kind}`) ?? 0);
    }

    // The page: four inline SVG charts with role img, title and description, and their tables with the same numbers.
    const page = await app.inject({ method: 'GET', url: '/cifras' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-store, max-age=0');
    const html = page.body;
    const svgs = html.match(/<svg [^>]*>/g) ?? [];
    expect(svgs.length).toBeGreaterThanOrEqual(4);
    for (const svg of svgs) expect(svg).toMatch(/role="img" aria-labelledby="[\w-]+-t [\w-]+-d"/);
    expect(html.match(/<title id=/g)).toHaveLength(svgs.length);
    expect(html.match(/<desc id=/g)).toHaveLength(svgs.length);
    expect(html).not.toContain('<script');
    expect(html).toContain('href="/api/v1/public/figures.csv"');
    expect(html).toContain('href="/api/v1/public/figures"');

    expect(tableRows(html, 'cifra-departamentos')).toEqual(
      departments.rows.map((r) => [r.label, String(r.values.units), String(r.values.organizations)]),
    );
    expect(tableRows(html, 'cifra-departamentos').map((r) => r[0])).toEqual(['La Paz', 'Oruro']);
    expect(tableRows(html, 'cifra-mujeres')).toEqual(
      figure('women').rows.map((r) => [
        r.label,
        ...['woman', 'man', 'other', 'undeclared', 'total', 'womenPercent'].map((s) => String(r.values[s])),
      ]),
    );
    expect(tableRows(html, 'cifra-productos')).toEqual(products.rows.map((r) => [r.label, String(r.values.units)]));
    const eventRows = tableRows(html, 'cifra-certificados');
    expect(eventRows.map((r) => r.slice(1))).toEqual(
      events.rows.map((r) => ['issued', 'suspended', 'revoked'].map((s) => String(r.values[s]))),
    );
    expect(html).toContain(
      `Cifras al ${new Intl.DateTimeFormat('es-BO', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${figures.asOf}T00:00:00Z`))}`,
    );

    // The CSV: one number a row, the same as the JSON.
    const csv = await app.inject({ method: 'GET', url: '/api/v1/public/figures.csv' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const [header, ...lines] = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(header).toBe('cifra,clave,etiqueta,serie,valor,al_dia');
    const fromCsv = lines.map((line) => {
      const cells = line.split(',');
      return `${cells[0]}|${cells[1]}|${cells[3]}|${cells[4]}|${cells[5]}`;
    });
    const fromJson = figures.figures.flatMap((f) =>
      f.rows.flatMap((r) => Object.entries(r.values).map(([s, value]) => `${f.id}|${r.key}|${s}|${value}|${figures.asOf}`)),
    );
    expect(fromCsv).toEqual(fromJson);

    // A change (a registry edit, audited) shows on the next request, in the JSON and in the page.
    const before = figures;
    const women = (f: Figures) => f.figures.find((x) => x.id === 'women')!.rows.find((r) => r.key === 'member')!.values.woman!;
    await app.inject({ method: 'GET', url: '/cifras' });
    const org = String(all("SELECT id FROM organizations WHERE name = 'Asociación Apícola Suyu'")[0]!.id);
    seedPerson(app, org, { roles: ['member'], gender: 'woman' });
    const after = (await app.inject({ method: 'GET', url: '/api/v1/public/figures' })).json<Figures>();
    expect(women(after)).toBe(women(before) + 1);
    const changed = (await app.inject({ method: 'GET', url: '/cifras' })).body;
    expect(tableRows(changed, 'cifra-mujeres')[0]![1]).toBe(String(women(after)));
  }, 300_000);
});
