/**
 * Reviewer training: persons' training records (who records and reads them, what is valid), and visit
 * planning checking the training the criteria require of every member of the team.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp, REAL_CRITERIA_DIR } from '../helpers/app.js';
import { countRows, seedOrganization, seedUser } from '../helpers/auth.js';
import { CATALOGUE_VERSION, criteriaWithCatalogue } from '../helpers/catalogue-criteria.js';
import { seedPerson, seedProducer } from '../helpers/registry.js';

const TODAY = new Date('2026-12-01T15:00:00Z');

async function world({ whenMissing = 'refuse', criteriaDir }: { whenMissing?: 'refuse' | 'warn'; criteriaDir?: string } = {}) {
  criteriaDir ??= criteriaWithCatalogue({ whenMissing });
  const app = await buildTestApp({ criteriaDir }, { now: () => TODAY });
  const api = request(app.server);
  const org = seedOrganization(app, 'Cooperativa Agropecuaria Señor de Mayo');
  const committee = await seedUser(app, { role: 'committee', organizationId: org });
  const producer = seedProducer(app, org, { name: 'Familia Choque Quispe', household: 'Familia Choque', products: ['café'] });
  const reviewerUnit = seedProducer(app, org, { household: 'Familia Mamani' });
  const reviewer = seedPerson(app, org, { fullName: 'Ana Quispe', producerId: reviewerUnit, household: 'Familia Mamani' });
  const technician = seedPerson(app, seedOrganization(app), { fullName: 'Ing. Luis Flores', roles: ['technician'] });
  const dossier = (await api.post('/api/v1/dossiers').set(committee.headers).send({ producerId: producer, cycle: 2026 }).expect(201))
    .body as { id: string; criteriaVersion: string };
  // The technician is of another organisation: the administration records trainings for anyone.
  const admin = await seedUser(app, { role: 'admin' });
  const train = (personId: string, topic: string, completedOn = '2026-06-01', headers = admin.headers) =>
    api
      .post(`/api/v1/persons/${personId}/trainings`)
      .set(headers)
      .send({ topic, criteriaVersion: CATALOGUE_VERSION, completedOn, trainer: 'Plataforma de Comercio Justo' });
  const plan = (plannedOn = '2026-12-10') =>
    api
      .post(`/api/v1/dossiers/${dossier.id}/visits`)
      .set(committee.headers)
      .send({
        plannedOn,
        team: [
          { personId: reviewer, kind: 'producer' },
          { personId: technician, kind: 'technician' },
        ],
      });
  return { app, api, org, committee, reviewer, technician, dossier, train, plan };
}

describe('training records', () => {
  it('are recorded by the committee of the person and the administration, read by the commission, and audited', async () => {
    const w = await world();
    const created = await w.train(w.reviewer, 'visita_pares', '2026-06-01', w.committee.headers).expect(201);
    expect(created.body).toMatchObject({
      topic: 'visita_pares',
      topicName: 'Cómo se hace una visita de pares',
      criteriaVersion: CATALOGUE_VERSION,
      completedOn: '2026-06-01',
      validUntil: '2028-05-31',
      trainer: 'Plataforma de Comercio Justo',
    });
    const audit = w.app.db.$client.prepare("SELECT action FROM audit_log WHERE entity = 'training_record'").all();
    expect(audit).toEqual([{ action: 'create' }]);

    await w.train(w.reviewer, 'principios_spg', '2026-05-01').expect(201);
    const commission = await seedUser(w.app, { role: 'commission' });
    const listed = await w.api.get(`/api/v1/persons/${w.reviewer}/trainings`).set(commission.headers).expect(200);
    expect(listed.body.map((t: { topic: string }) => t.topic)).toEqual(['visita_pares', 'principios_spg']);

    await w.train(w.reviewer, 'visita_pares', '2026-06-01', commission.headers).expect(403);
    const outsider = await seedUser(w.app, { role: 'committee', organizationId: seedOrganization(w.app) });
    await w.train(w.reviewer, 'visita_pares', '2026-06-01', outsider.headers).expect(403);
    await w.api.get(`/api/v1/persons/${w.reviewer}/trainings`).set(outsider.headers).expect(403);
    expect(countRows(w.app, 'training_records')).toBe(2);
  });

  it('refuse a topic the criteria do not name and a date in the future', async () => {
    const w = await world();
    const topic = await w.train(w.reviewer, 'cocina').expect(400);
    expect(topic.body.code).toBe('UNKNOWN_TRAINING_TOPIC');
    expect(topic.body.message).toContain('«Cómo se hace una visita de pares» (visita_pares)');
    expect(topic.body.issues[0].path).toBe('body.topic');
    const future = await w.train(w.reviewer, 'visita_pares', '2026-12-02').expect(400);
    expect(future.body.code).toBe('COMPLETED_IN_FUTURE');
    await w.train('00000000-0000-4000-8000-000000000000', 'visita_pares').expect(404);
    expect(countRows(w.app, 'training_records')).toBe(0);
  });

  it('under the real criteria (no training rules), name no topic', async () => {
    const app = await buildTestApp({}, { now: () => TODAY });
    const org = seedOrganization(app);
    const committee = await seedUser(app, { role: 'committee', organizationId: org });
    const person = seedPerson(app, org);
    const res = await request(app.server)
      .post(`/api/v1/persons/${person}/trainings`)
      .set(committee.headers)
      .send({ topic: 'visita_pares', criteriaVersion: '2026.4', completedOn: '2026-06-01', trainer: 'Plataforma' })
      .expect(400);
    expect(res.body.message).toBe('Los criterios 2026.4 no piden capacitaciones');
  });
});

describe('planning a visit with an untrained reviewer', () => {
  it('is refused naming each person and the training missing, writing nothing; allowed once it is recorded', async () => {
    const w = await world();
    await w.train(w.technician, 'principios_spg').expect(201);
    await w.train(w.technician, 'visita_pares').expect(201);
    await w.train(w.reviewer, 'principios_spg').expect(201);
    const refused = await w.plan().expect(422);
    expect(refused.body.code).toBe('REVIEWER_NOT_TRAINED');
    expect(refused.body.message).toBe(
      `Ana Quispe no tiene la capacitación «Cómo se hace una visita de pares» vigente (criterios ${CATALOGUE_VERSION})`,
    );
    expect(refused.body.issues).toEqual([expect.objectContaining({ path: 'body.team.0.personId', code: 'REVIEWER_NOT_TRAINED' })]);
    expect(countRows(w.app, 'visits')).toBe(0);

    await w.train(w.reviewer, 'visita_pares').expect(201);
    const planned = await w.plan().expect(201);
    expect(planned.body.trainingWarnings).toEqual([]);
  });

  it('is refused when the training lapsed (validForYears) before the visit', async () => {
    const w = await world();
    for (const person of [w.reviewer, w.technician]) {
      await w.train(person, 'principios_spg').expect(201);
      // Two years from 2024-12-01: counts up to 2026-11-30, not on the visit's day.
      await w.train(person, 'visita_pares', '2024-12-01').expect(201);
    }
    const refused = await w.plan().expect(422);
    expect(refused.body.issues.map((i: { path: string }) => i.path)).toEqual(['body.team.0.personId', 'body.team.1.personId']);
    expect(refused.body.message).toContain('Ing. Luis Flores no tiene la capacitación «Cómo se hace una visita de pares» vigente');
  });

  it('where the scheme warns, is planned with the warning stored, audited and shown', async () => {
    const w = await world({ whenMissing: 'warn' });
    await w.train(w.technician, 'principios_spg').expect(201);
    await w.train(w.technician, 'visita_pares').expect(201);
    const planned = await w.plan().expect(201);
    expect(planned.body.trainingWarnings).toEqual([
      { personId: w.reviewer, fullName: 'Ana Quispe', topics: ['principios_spg', 'visita_pares'] },
    ]);
    const stored = w.app.db.$client.prepare('SELECT training_warnings AS t FROM visits').get() as { t: string };
    expect(JSON.parse(stored.t)).toEqual([{ personId: w.reviewer, topics: ['principios_spg', 'visita_pares'] }]);
    const audit = w.app.db.$client.prepare("SELECT change FROM audit_log WHERE entity = 'visit' AND action = 'plan'").get() as {
      change: string;
    };
    expect(audit.change).toContain('trainingWarnings');
  });

  it('under the real criteria checks no training', async () => {
    const w = await world({ criteriaDir: REAL_CRITERIA_DIR });
    expect(w.dossier.criteriaVersion).toBe('2026.4');
    const planned = await w.plan().expect(201);
    expect(planned.body.trainingWarnings).toEqual([]);
  });
});
