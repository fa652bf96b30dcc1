import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildTestApp, REAL_CRITERIA_DIR } from '../helpers/app.js';
import { countRows, seedUser } from '../helpers/auth.js';

type YamlCriteria = { version: string; sectors: { code: string }[]; principles: { criteria: { code: string; sectors: string[] }[] }[] };

/** The criteria of the YAML file itself, read here without the application's loader. */
const yamlVersion = (version: string): YamlCriteria =>
  parse(fs.readFileSync(path.join(REAL_CRITERIA_DIR, 'es-cj-bolivia', `${version}.yaml`), 'utf8')) as YamlCriteria;

const organization = (kind: string, name: string) => ({ name, kind, department: 'Cochabamba', municipality: 'Cochabamba' });

describe('kinds of organisation', () => {
  it.each([
    ['oecom', 'OECOM Totora Pampa'],
    ['comunidad', 'Comunidad Campesina Jatun Pampa'],
    ['tienda_solidaria', 'Tienda Solidaria Sumaj Kawsay'],
  ])('registers an organisation of kind %s and returns it as written', async (kind, name) => {
    const app = await buildTestApp();
    const admin = await seedUser(app, { role: 'admin' });
    const created = await request(app.server).post('/api/v1/organizations').set(admin.headers).send(organization(kind, name)).expect(201);
    const read = await request(app.server).get(`/api/v1/organizations/${created.body.id}`).set(admin.headers).expect(200);
    expect(read.body).toMatchObject({ name, kind, department: 'cochabamba' });
  });

  it('refuses an unknown kind, naming the kinds in words, and writes nothing', async () => {
    const app = await buildTestApp();
    const admin = await seedUser(app, { role: 'admin' });
    const before = countRows(app, 'organizations');
    const res = await request(app.server)
      .post('/api/v1/organizations')
      .set(admin.headers)
      .send(organization('sindicato', 'Sindicato Agrario'))
      .expect(400);
    expect(res.body.issues).toEqual([expect.objectContaining({ path: 'body.kind' })]);
    expect(res.body.issues[0].message).toContain('«oecom»');
    expect(res.body.issues[0].message).toContain('tienda solidaria o comunitaria');
    expect(countRows(app, 'organizations')).toBe(before);
  });

  it('documents every kind in the API description', async () => {
    const app = await buildTestApp();
    const doc = await request(app.server).get('/docs/json').expect(200);
    const text = JSON.stringify(doc.body);
    for (const kind of ['oecom', 'comunidad', 'tienda_solidaria', 'oeca', 'empresa_es']) expect(text).toContain(kind);
  });
});

describe('a tienda solidaria', () => {
  it('registers a unit of sector comercializacion whose dossier answers exactly the 2026.4 criteria of that sector', async () => {
    const app = await buildTestApp();
    const api = request(app.server);
    const admin = await seedUser(app, { role: 'admin' });
    const shop = await api
      .post('/api/v1/organizations')
      .set(admin.headers)
      .send(organization('tienda_solidaria', 'Tienda Solidaria de la Red de Comercio Justo'))
      .expect(201);
    const committee = await seedUser(app, { role: 'committee', organizationId: shop.body.id });
    const unit = await api
      .post('/api/v1/producers')
      .set(committee.headers)
      .send({
        organizationId: shop.body.id,
        name: 'Tienda Solidaria Sumaj Kawsay',
        sectors: ['comercializacion'],
        products: ['café', 'quinua', 'tejidos'],
        department: 'Cochabamba',
        municipality: 'Cochabamba',
        community: 'Zona Central',
        household: 'Tienda Sumaj Kawsay',
        pledgeSignedOn: '2025-04-02',
        publicNameConsent: true,
      })
      .expect(201);
    expect(unit.body.sectors).toEqual(['comercializacion']);

    const dossier = await api.post('/api/v1/dossiers').set(committee.headers).send({ producerId: unit.body.id, cycle: 2026 }).expect(201);
    const yaml = yamlVersion('2026.4');
    expect(dossier.body.criteriaVersion).toBe(yaml.version);
    expect(yaml.sectors.map((s) => s.code)).toContain('comercializacion');
    const expected = yaml.principles.flatMap((p) => p.criteria).filter((c) => c.sectors.includes('comercializacion'));
    const applicable = (dossier.body.applicableCriteria as { code: string }[]).map((c) => c.code);
    expect(applicable.length).toBeGreaterThan(0);
    expect(applicable.sort()).toEqual(expected.map((c) => c.code).sort());
    // Criteria only for producing sectors (e.g. artisans' or farmers' own practices) are left out.
    const all = yaml.principles.flatMap((p) => p.criteria);
    expect(applicable.length).toBeLessThan(all.length);
  });

  it('lists comercializacion among the sectors a producer may declare', async () => {
    const app = await buildTestApp();
    const admin = await seedUser(app, { role: 'admin' });
    const org = await request(app.server)
      .post('/api/v1/organizations')
      .set(admin.headers)
      .send(organization('oecom', 'OECOM Totora Pampa'))
      .expect(201);
    const refused = await request(app.server)
      .post('/api/v1/producers')
      .set(admin.headers)
      .send({
        organizationId: org.body.id,
        name: 'Familia Mamani',
        sectors: ['comercio'],
        products: ['papa'],
        department: 'Chuquisaca',
        municipality: 'Yotala',
        community: 'Totora Pampa',
        household: 'Mamani',
        pledgeSignedOn: '2025-04-02',
        publicNameConsent: false,
      })
      .expect(400);
    expect(refused.body.issues).toEqual([
      expect.objectContaining({ path: 'body.sectors.0', message: expect.stringContaining('comercializacion') }),
    ]);
  });
});
