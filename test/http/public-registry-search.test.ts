/**
 * The public registry's search as a buyer uses it: a product, a municipality, a department or a
 * certificate's code typed in the one box (or the municipality filter) finds an organisation in
 * Caranavi (La Paz) that sells honey, on the page /registro and in the open data (JSON per
 * certificate, JSON per organisation, CSV) alike; an organisation is one result with every
 * certificate of it; a unit that did not consent is never named.
 */
import { describe, expect, it } from 'vitest';
import { seedUser } from '../helpers/auth.js';
import { cycleToCommission } from '../helpers/cycle.js';
import { UUID, visibleText } from '../helpers/pages.js';
import { seedProducer } from '../helpers/registry.js';

type Cycle = Awaited<ReturnType<typeof cycleToCommission>>;
type Organization = {
  name: string;
  kind: string;
  municipality: string;
  department: string;
  certifiedUnits: number;
  namedUnits: string[];
  products: string[];
  certificates: { code: string; producer: string | null; status: string }[];
};

const ORG = 'Cooperativa Cafetalera y Apícola Sol de Yungas';

/** The cycle's certificate, held by an organisation of Caranavi whose unit grows coffee and keeps bees. */
async function certifiedInCaranavi(): Promise<{ c: Cycle; code: string }> {
  const c = await cycleToCommission();
  const admin = await seedUser(c.app, { role: 'admin' });
  await c.api.patch(`/api/v1/organizations/${c.org}`).set(admin.headers).send({ name: ORG, municipality: 'Caranavi' }).expect(200);
  const { certificate } = await c.approve();
  return { c, code: certificate.code };
}

/** Another unit of the same organisation certified in a later session: its certificate's code. */
async function certifyAnotherUnit(c: Cycle, name: string, publicNameConsent: boolean): Promise<string> {
  const producerId = seedProducer(c.app, c.org, {
    name,
    household: name,
    products: ['miel', 'polen'],
    municipality: 'Caranavi',
    publicNameConsent,
  });
  const dossierId = await c.anotherDossierAtCommission(producerId, name, '2026-05-20');
  const session = await c.openSession(c.members, '2026-06-20');
  const decision = await c.decide(session.id, { dossierId, proposedOutcome: 'approved', sealLevel: 'pleno' }, c.members).expect(201);
  return (
    (
      await c.api
        .get(`/api/v1/certificates/${decision.body.certificateId as string}`)
        .set(c.committee.headers)
        .expect(200)
    ).body as {
      code: string;
    }
  ).code;
}

const query = (params: Record<string, string>) => new URLSearchParams(params).toString();

/** What each public reading of the registry finds for the same filters: codes on the page, in both JSON and in the CSV. */
async function foundEverywhere(c: Cycle, params: Record<string, string>) {
  const qs = query(params);
  const page = (await c.api.get(`/registro?${qs}`).expect(200)).text;
  const certificates = (await c.api.get(`/api/v1/public/registry?${qs}`).expect(200)).body as { items: { code: string }[]; total: number };
  const organizations = (await c.api.get(`/api/v1/public/registry/organizations?${qs}`).expect(200)).body as {
    items: Organization[];
    total: number;
  };
  const csv = (await c.api.get(`/api/v1/public/registry.csv?${qs}`).expect(200)).text;
  const csvCodes = csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[0]);
  return {
    page,
    pageText: visibleText(page),
    certificates: certificates.items.map((i) => i.code),
    organizations: organizations.items,
    organizationTotal: organizations.total,
    csv: csvCodes,
  };
}

describe('the registry search finds an organisation the way people type', () => {
  it('by product, municipality, department and code (with or without dashes, in lower case), on the page and in the open data', async () => {
    const { c, code } = await certifiedInCaranavi();
    const searches: Record<string, string>[] = [
      { q: 'miel' },
      { q: 'MIEL' },
      { q: 'Caranavi' },
      { municipio: 'caranavi' },
      { q: 'la paz' },
      { q: 'La Paz' },
      { q: 'sol de yungas' },
      { q: 'apicola' },
      { q: code },
      { q: code.replace(/-/g, '') },
      { q: code.toLowerCase() },
      { q: code.replace(/-/g, '').toLowerCase() },
    ];
    for (const params of searches) {
      const found = await foundEverywhere(c, params);
      const label = JSON.stringify(params);
      expect(found.certificates, label).toEqual([code]);
      expect(found.csv, label).toEqual([code]);
      expect(
        found.organizations.map((o) => o.name),
        label,
      ).toEqual([ORG]);
      expect(
        found.organizations[0]!.certificates.map((x) => x.code),
        label,
      ).toEqual([code]);
      expect(found.pageText, label).toContain(ORG);
      expect(found.page, label).toContain(`/c/${code}"`);
      expect(found.pageText, label).toContain('1 de 1 organizaciones');
    }
    // The organisation as the page shows it: kind, place, its certified unit (named with consent), its products.
    const { organizations, pageText } = await foundEverywhere(c, { q: 'miel' });
    expect(organizations[0]).toMatchObject({
      kind: 'cooperativa',
      municipality: 'Caranavi',
      department: 'La Paz',
      certifiedUnits: 1,
      namedUnits: ['Familia Choque Quispe'],
      products: ['café pergamino', 'miel'],
    });
    expect(pageText).toContain('Cooperativa · Caranavi, La Paz');
    expect(pageText).toContain('1 familia certificada: Familia Choque Quispe');
    expect(pageText).toContain('café pergamino y miel');
    expect(pageText).toContain('Vigente');
    expect(pageText).not.toMatch(UUID);

    // What does not describe it finds nothing, on every reading: the searches above can fail.
    const misses: Record<string, string>[] = [{ q: 'Potosi' }, { q: 'quinua' }, { municipio: 'Coroico' }, { q: 'ZZZZ-ZZZZ-ZZZZ' }];
    for (const params of misses) {
      const found = await foundEverywhere(c, params);
      expect(found.certificates, JSON.stringify(params)).toEqual([]);
      expect(found.csv, JSON.stringify(params)).toEqual([]);
      expect(found.organizations, JSON.stringify(params)).toEqual([]);
      expect(found.pageText).toContain('Ninguna organización coincide con la búsqueda.');
    }
  }, 120_000);

  it('gives one result per organisation listing each of its certificates, and never names a unit without consent', async () => {
    const { c, code } = await certifiedInCaranavi();
    const hidden = 'Familia Reservada Ticona';
    const other = await certifyAnotherUnit(c, hidden, false);
    expect(other).not.toBe(code);

    const { page, pageText, certificates, organizations, organizationTotal, csv } = await foundEverywhere(c, { q: 'miel' });
    expect(certificates.sort()).toEqual([code, other].sort());
    expect(csv.sort()).toEqual([code, other].sort());
    expect(organizationTotal).toBe(1);
    expect(organizations).toHaveLength(1);
    const [org] = organizations;
    expect(org!.certificates.map((x) => x.code).sort()).toEqual([code, other].sort());
    expect(org!.certifiedUnits).toBe(2);
    expect(org!.namedUnits).toEqual(['Familia Choque Quispe']);
    expect(org!.products).toEqual(expect.arrayContaining(['café pergamino', 'miel', 'polen']));
    expect(org!.products.filter((p) => p === 'miel')).toHaveLength(1);

    // The page: the organisation once, both codes linked to their verification, the unnamed unit only counted.
    expect(pageText.split(ORG).length - 1).toBe(1);
    expect(page).toContain(`/c/${code}"`);
    expect(page).toContain(`/c/${other}"`);
    expect(pageText).toContain('1 de 1 organizaciones');
    expect(pageText).toContain('2 familias certificadas: Familia Choque Quispe y 1 más');
    expect(pageText).toContain('una unidad productiva, válido hasta');

    // The organisation alone, by its exact name (the page's link to all its certificates); a part of the name is not it.
    const alone = await foundEverywhere(c, { organization: ORG });
    expect(alone.certificates.sort()).toEqual([code, other].sort());
    expect(alone.organizations.map((o) => o.name)).toEqual([ORG]);
    expect((await foundEverywhere(c, { organization: 'Cooperativa Cafetalera' })).certificates).toEqual([]);

    // Its name finds nothing, and it appears nowhere in public.
    expect((await foundEverywhere(c, { q: 'Reservada' })).certificates).toEqual([]);
    for (const url of [
      '/registro?q=miel',
      '/api/v1/public/registry?q=miel',
      '/api/v1/public/registry/organizations?q=miel',
      '/api/v1/public/registry.csv',
    ]) {
      expect((await c.api.get(url).expect(200)).text, url).not.toContain('Reservada');
    }
  }, 180_000);
});
