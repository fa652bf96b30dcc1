/**
 * A person's ties to production units and organisations (POST/GET/DELETE /api/v1/persons/{id}/ties),
 * and the conflict-of-interest rule on former ties when a visit is planned.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { historyOf } from '../../src/modules/audit/audit-log.js';
import { buildTestApp } from '../helpers/app.js';
import { countRows, seedOrganization, seedUser } from '../helpers/auth.js';
import { seedPerson, seedProducer } from '../helpers/registry.js';

async function setting() {
  const app = await buildTestApp();
  const org = seedOrganization(app, 'Cooperativa Agropecuaria Señor de Mayo');
  const committee = await seedUser(app, { role: 'committee', organizationId: org });
  const admin = await seedUser(app, { role: 'admin' });
  const visited = seedProducer(app, org, { name: 'Familia Choque Quispe', household: 'Familia Choque', sectors: ['agricola'] });
  const unitA = seedProducer(app, org, { name: 'Familia Mamani', household: 'Familia Mamani' });
  const otherUnit = seedProducer(app, org, { name: 'Taller Ticona', household: 'Familia Ticona' });
  const reviewer = seedPerson(app, org, { fullName: 'Juana Pérez', producerId: unitA, household: 'Familia Mamani' });
  const technician = seedPerson(app, org, { fullName: 'Ing. Luis Flores', roles: ['technician'] });
  const otherOrg = seedOrganization(app, 'Asociación de Artesanas Warmi');
  const foreignUnit = seedProducer(app, otherOrg, { name: 'Taller Warmi' });
  const api = request(app.server);
  const addTie = (body: object, personId = reviewer, as = committee) =>
    api.post(`/api/v1/persons/${personId}/ties`).set(as.headers).send(body);
  const ties = (personId = reviewer) => api.get(`/api/v1/persons/${personId}/ties`).set(committee.headers).expect(200);
  return { app, api, org, committee, admin, visited, unitA, otherUnit, reviewer, technician, otherOrg, foreignUnit, addTie, ties };
}

describe('recording a person’s ties', () => {
  it('records a tie to a unit and an ongoing one to an organisation, each audited, and lists them ongoing first', async () => {
    const s = await setting();
    const past = await s.addTie({ kind: 'worked_for', producerId: s.visited, startedOn: '2019-04-01', endedOn: '2025-03-03' }).expect(201);
    expect(past.body).toMatchObject({
      personId: s.reviewer,
      kind: 'worked_for',
      producerId: s.visited,
      organizationId: null,
      targetName: 'Familia Choque Quispe',
      startedOn: '2019-04-01',
      endedOn: '2025-03-03',
    });
    const ongoing = await s.addTie({ kind: 'member_of', organizationId: s.org, startedOn: '2010-01-01' }).expect(201);
    expect(ongoing.body).toMatchObject({
      organizationId: s.org,
      producerId: null,
      endedOn: null,
      targetName: 'Cooperativa Agropecuaria Señor de Mayo',
    });

    const entry = historyOf(s.app.db, 'person_tie', past.body.id).at(-1)!;
    expect(entry).toMatchObject({ action: 'create', actorId: s.committee.user.id });
    expect(entry.change).toEqual({
      id: past.body.id,
      personId: s.reviewer,
      kind: 'worked_for',
      producerId: s.visited,
      organizationId: null,
      startedOn: '2019-04-01',
      endedOn: '2025-03-03',
    });
    expect(historyOf(s.app.db, 'person_tie', ongoing.body.id)).toHaveLength(1);

    const listed = await s.ties();
    expect(listed.body.map((t: { id: string }) => t.id)).toEqual([ongoing.body.id, past.body.id]);
  });

  it.each([
    ['no unit nor organisation', { kind: 'worked_for', startedOn: '2020-01-01' }, 'body.producerId'],
    [
      'both a unit and an organisation',
      { kind: 'worked_for', startedOn: '2020-01-01', producerId: 'U', organizationId: 'O' },
      'body.producerId',
    ],
    ['an unknown kind', { kind: 'amigo_de', producerId: 'U', startedOn: '2020-01-01' }, 'body.kind'],
    ['a day that is not a date', { kind: 'traded_with', producerId: 'U', startedOn: '2020-02-30' }, 'body.startedOn'],
  ])('refuses %s in the one error shape, and writes nothing', async (_name, template, path) => {
    const s = await setting();
    const body = JSON.parse(JSON.stringify(template).replace('"U"', `"${s.visited}"`).replace('"O"', `"${s.org}"`));
    const rows = countRows(s.app, 'person_ties');
    const audit = countRows(s.app, 'audit_log');
    const res = await s.addTie(body).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', error: 'Bad Request' });
    expect(res.body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    expect(countRows(s.app, 'person_ties')).toBe(rows);
    expect(countRows(s.app, 'audit_log')).toBe(audit);
  });

  it('refuses an end before the start or after today, naming the field, and writes nothing', async () => {
    const s = await setting();
    const backwards = await s
      .addTie({ kind: 'worked_for', producerId: s.visited, startedOn: '2020-01-01', endedOn: '2019-12-31' })
      .expect(400);
    expect(backwards.body).toMatchObject({ statusCode: 400, code: 'TIE_DATES_INVALID' });
    expect(backwards.body.issues).toEqual([{ path: 'body.endedOn', message: expect.stringContaining('antes de empezar') }]);
    const future = await s
      .addTie({ kind: 'worked_for', producerId: s.visited, startedOn: '2020-01-01', endedOn: '2999-01-01' })
      .expect(400);
    expect(future.body.issues).toEqual([{ path: 'body.endedOn', message: expect.stringContaining('deje la fecha de fin vacía') }]);
    expect(countRows(s.app, 'person_ties')).toBe(0);
  });

  it('answers a unit of another organisation as missing to a committee; the administration may record it', async () => {
    const s = await setting();
    const res = await s.addTie({ kind: 'traded_with', producerId: s.foreignUnit, startedOn: '2020-01-01' }).expect(400);
    expect(res.body).toMatchObject({
      code: 'TIE_TARGET_NOT_FOUND',
      issues: [{ path: 'body.producerId', message: 'No existe esa unidad productiva' }],
    });
    const org = await s.addTie({ kind: 'member_of', organizationId: s.otherOrg, startedOn: '2020-01-01' }).expect(400);
    expect(org.body.issues).toEqual([{ path: 'body.organizationId', message: 'No existe esa organización' }]);
    expect(countRows(s.app, 'person_ties')).toBe(0);
    await s.addTie({ kind: 'traded_with', producerId: s.foreignUnit, startedOn: '2020-01-01' }, s.reviewer, s.admin).expect(201);
  });

  it('lets only who may modify the person record or remove a tie', async () => {
    const s = await setting();
    const outsider = await seedUser(s.app, { role: 'committee', organizationId: s.otherOrg });
    const reviewerAccount = await seedUser(s.app, { role: 'reviewer', organizationId: s.org, personId: s.reviewer });
    const body = { kind: 'worked_for', producerId: s.visited, startedOn: '2020-01-01' };
    await s.addTie(body, s.reviewer, outsider).expect(403);
    await s.addTie(body, s.reviewer, reviewerAccount).expect(403);
    const tie = await s.addTie(body).expect(201);
    await s.api.get(`/api/v1/persons/${s.reviewer}/ties`).set(reviewerAccount.headers).expect(200);
    await s.api.get(`/api/v1/persons/${s.reviewer}/ties`).set(outsider.headers).expect(403);
    await s.api.delete(`/api/v1/persons/${s.reviewer}/ties/${tie.body.id}`).set(reviewerAccount.headers).expect(403);
    expect(countRows(s.app, 'person_ties')).toBe(1);
  });

  it('removes a tie, keeping in the audit what it said; a tie of another person is not found', async () => {
    const s = await setting();
    const tie = await s.addTie({ kind: 'worked_for', producerId: s.visited, startedOn: '2020-01-01', endedOn: '2025-03-03' }).expect(201);
    const wrong = await s.api.delete(`/api/v1/persons/${s.technician}/ties/${tie.body.id}`).set(s.committee.headers).expect(404);
    expect(wrong.body).toMatchObject({ statusCode: 404, code: 'TIE_NOT_FOUND' });
    await s.api.delete(`/api/v1/persons/${s.reviewer}/ties/${tie.body.id}`).set(s.committee.headers).expect(204);
    expect((await s.ties()).body).toEqual([]);
    const entry = historyOf(s.app.db, 'person_tie', tie.body.id).at(-1)!;
    expect(entry).toMatchObject({ action: 'remove', actorId: s.committee.user.id });
    expect(entry.change).toMatchObject({ id: tie.body.id, producerId: s.visited, endedOn: '2025-03-03' });
    await s.api.delete(`/api/v1/persons/${s.reviewer}/ties/${tie.body.id}`).set(s.committee.headers).expect(404);
  });
});

describe('planning a visit with a reviewer’s former ties', () => {
  const plan = async (s: Awaited<ReturnType<typeof setting>>, plannedOn = '2026-05-12') => {
    const dossier = await s.api.post('/api/v1/dossiers').set(s.committee.headers).send({ producerId: s.visited, cycle: 2026 }).expect(201);
    const team = [
      { personId: s.reviewer, kind: 'producer' },
      { personId: s.technician, kind: 'technician' },
    ];
    return {
      dossier: dossier.body,
      res: await s.api.post(`/api/v1/dossiers/${dossier.body.id}/visits`).set(s.committee.headers).send({ plannedOn, team }),
    };
  };

  it('refuses a reviewer who worked for the visited unit within the window, naming rule, person, tie and end, and writes nothing', async () => {
    const s = await setting();
    await s.addTie({ kind: 'worked_for', producerId: s.visited, startedOn: '2019-04-01', endedOn: '2025-03-03' }).expect(201);
    const visits = countRows(s.app, 'visits');
    const { dossier, res } = await plan(s);
    expect(dossier.criteriaVersion).toBe('2026.4');
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ statusCode: 422, code: 'VISIT_TEAM_REFUSED' });
    const message =
      'Juana Pérez no puede visitar esta unidad: trabajó para la unidad productiva «Familia Choque Quispe» hasta el 3 de marzo de 2025, dentro de los 2 años que fija la regla de vínculos anteriores (criterios 2026.4)';
    expect(res.body.issues).toEqual([{ path: 'body.team.0.personId', code: 'FORMER_TIE', message }]);
    expect(res.body.message).toContain(message);
    expect(countRows(s.app, 'visits')).toBe(visits);
  });

  it('refuses an ongoing membership of the visited unit’s organisation', async () => {
    const s = await setting();
    await s.addTie({ kind: 'member_of', organizationId: s.org, startedOn: '2010-01-01' }).expect(201);
    const { res } = await plan(s);
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual([
      expect.objectContaining({
        code: 'FORMER_TIE',
        message: expect.stringContaining('es socio o miembro de la organización «Cooperativa Agropecuaria Señor de Mayo»'),
      }),
    ]);
  });

  it('allows a tie that ended two years or more before the visit, and ties to other units', async () => {
    const s = await setting();
    await s.addTie({ kind: 'traded_with', producerId: s.visited, startedOn: '2018-01-01', endedOn: '2024-05-12' }).expect(201);
    await s.addTie({ kind: 'worked_for', producerId: s.otherUnit, startedOn: '2018-01-01' }).expect(201);
    const { res } = await plan(s, '2026-05-12');
    expect(res.status).toBe(201);
    expect(res.body.team.map((m: { fullName: string }) => m.fullName)).toEqual(['Ing. Luis Flores', 'Juana Pérez']);
  });

  it('measures the window from the planned day: the same tie is refused for a visit a day earlier', async () => {
    const s = await setting();
    await s.addTie({ kind: 'traded_with', producerId: s.visited, startedOn: '2018-01-01', endedOn: '2024-05-12' }).expect(201);
    const { res } = await plan(s, '2026-05-11');
    expect(res.status).toBe(422);
    expect(res.body.issues).toEqual([
      expect.objectContaining({ code: 'FORMER_TIE', message: expect.stringContaining('hasta el 12 de mayo de 2024') }),
    ]);
  });
});
