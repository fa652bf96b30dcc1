/**
 * Group certification, the files: the organisation's own dossier answers the criteria about the
 * organisation once per cycle, each member's dossier those about the family unit; an organisation's
 * visit is made by people from outside it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildTestApp, REAL_CRITERIA_DIR, tempDir } from '../helpers/app.js';
import { seedOrganization, seedUser, type TestUser } from '../helpers/auth.js';
import { seedPerson, seedProducer } from '../helpers/registry.js';

type YamlCriterion = { code: string; scope: 'organization' | 'unit'; sectors: string[] };
const criteria2026_4 = (
  parse(fs.readFileSync(path.join(REAL_CRITERIA_DIR, 'es-cj-bolivia', '2026.4.yaml'), 'utf8')) as {
    principles: { criteria: YamlCriterion[] }[];
  }
).principles.flatMap((p) => p.criteria);
const codesFor = (scope: 'organization' | 'unit', sectors: string[]) =>
  criteria2026_4
    .filter((c) => c.scope === scope && c.sectors.some((s) => sectors.includes(s)))
    .map((c) => c.code)
    .sort();

let app: FastifyInstance;
let committee: TestUser;
let org: string;
let units: string[];

beforeEach(async () => {
  app = await buildTestApp({ dataDir: tempDir('sello-group-') });
  org = seedOrganization(app, 'Asociación de Apicultores Flor de Caranavi');
  committee = await seedUser(app, { role: 'committee', organizationId: org });
  units = [
    seedProducer(app, org, { name: 'Familia Quispe', household: 'Quispe', sectors: ['agricola'] }),
    seedProducer(app, org, { name: 'Familia Mamani', household: 'Mamani', sectors: ['artesania'] }),
  ];
});
afterEach(async () => {
  await app.close();
});

const open = (body: object) =>
  request(app.server)
    .post('/api/v1/dossiers')
    .set(committee.headers)
    .send({ cycle: 2026, ...body });

describe('the organisation’s own dossier and its members’', () => {
  it('answer the organisation criteria once and the unit criteria in each member’s file', async () => {
    const own = await open({ scope: 'organization', organizationId: org }).expect(201);
    expect(own.body).toMatchObject({
      scope: 'organization',
      producer: null,
      organization: { id: org, name: 'Asociación de Apicultores Flor de Caranavi' },
      holderName: 'Asociación de Apicultores Flor de Caranavi',
      sectors: ['agricola', 'artesania'],
      criteriaVersion: '2026.4',
    });
    const ownCodes = (own.body.applicableCriteria as { code: string }[]).map((c) => c.code).sort();
    expect(ownCodes).toEqual(codesFor('organization', ['agricola', 'artesania']));
    expect(ownCodes).toContain('P2.01');

    const member = await open({ scope: 'member', producerId: units[0] }).expect(201);
    const memberCodes = (member.body.applicableCriteria as { code: string }[]).map((c) => c.code).sort();
    expect(memberCodes).toEqual(codesFor('unit', ['agricola']));
    expect(memberCodes).toContain('P5.01');
    expect(memberCodes.filter((c) => ownCodes.includes(c))).toEqual([]);

    // A second organisation file for the cycle, or a member that is also certified alone, is refused.
    const again = await open({ scope: 'organization', organizationId: org }).expect(409);
    expect(again.body).toMatchObject({
      code: 'DOSSIER_EXISTS',
      message: expect.stringContaining('la organización Asociación de Apicultores'),
    });
    await open({ scope: 'unit', producerId: units[0] }).expect(409);

    // The search finds the organisation's file by its name (and its members' files, whose organisation it is).
    const list = await request(app.server).get('/api/v1/dossiers?q=apicultores').set(committee.headers).expect(200);
    expect(list.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: own.body.id, scope: 'organization', producer: null }),
        expect.objectContaining({ id: member.body.id, scope: 'member', producer: { id: units[0], name: 'Familia Quispe' } }),
      ]),
    );
    expect(list.body.total).toBe(2);
  });

  it('needs the organisation’s file before a member’s, and says which fields a scope takes', async () => {
    const missing = await open({ scope: 'member', producerId: units[1] }).expect(422);
    expect(missing.body).toMatchObject({
      code: 'ORGANIZATION_DOSSIER_MISSING',
      message: 'Para certificar en grupo, abra primero el expediente de la organización para el ciclo 2026',
    });
    const wrong = await open({ scope: 'organization', producerId: units[1] }).expect(400);
    expect(wrong.body.issues.map((f: { path: string }) => f.path).sort()).toEqual(['body.organizationId', 'body.producerId']);
    expect(await request(app.server).get('/api/v1/dossiers').set(committee.headers).expect(200)).toHaveProperty('body.total', 0);
  });

  it('is visited by people from outside the organisation', async () => {
    const own = await open({ scope: 'organization', organizationId: org }).expect(201);
    const insider = seedPerson(app, org, { fullName: 'Juana Quispe', producerId: units[0], household: 'Quispe' });
    const otherOrg = seedOrganization(app, 'Cooperativa Integral Sapecho');
    const outsider = seedPerson(app, otherOrg, { fullName: 'Pedro Condori', producerId: seedProducer(app, otherOrg) });
    const technician = seedPerson(app, seedOrganization(app), { fullName: 'Ing. Ana Flores', roles: ['technician'] });
    const plan = (team: object[]) =>
      request(app.server).post(`/api/v1/dossiers/${own.body.id}/visits`).set(committee.headers).send({ plannedOn: '2026-05-12', team });

    const refused = await plan([
      { personId: insider, kind: 'producer' },
      { personId: technician, kind: 'technician' },
    ]).expect(422);
    expect(refused.body.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'OWN_ORGANIZATION',
          message: 'Juana Quispe pertenece a la organización visitada: nadie evalúa a su propia organización',
        }),
        expect.objectContaining({ code: 'NOT_ENOUGH_OTHER_PRODUCERS' }),
      ]),
    );

    const visit = await plan([
      { personId: outsider, kind: 'producer' },
      { personId: technician, kind: 'technician' },
    ]).expect(201);
    const answers = (own.body.applicableCriteria as { code: string }[]).map((c) => ({ criterionCode: c.code, value: 'cumple' }));
    await request(app.server)
      .post(`/api/v1/visits/${visit.body.id}/submission`)
      .set(committee.headers)
      .send({ idempotencyKey: 'visita-organizacion', present: ['Directiva'], answers })
      .expect(201);
    const after = await request(app.server).get(`/api/v1/dossiers/${own.body.id}`).set(committee.headers).expect(200);
    expect(after.body.state).toBe('visit_done');
    const report = await request(app.server).get(`/api/v1/visits/${visit.body.id}/report.pdf`).set(committee.headers);
    expect(report.status).toBe(200);
  });
});
