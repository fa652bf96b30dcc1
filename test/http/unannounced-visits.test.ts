/**
 * Unannounced visits: the commission plans one (here a surveillance visit on a certified unit), the
 * visited organisation's accounts see nothing of it (API, pages, the reviewer's list, the visit page
 * used offline) until the commission records it; then everyone who sees visits sees it, marked as
 * made without notice. A committee may not ask for one; the team's conflict-of-interest rules apply.
 */
import { describe, expect, it } from 'vitest';
import { laPazDate } from '../../src/domain/certificate-state.js';
import { dayInWords } from '../../src/domain/text.js';
import { countRows, seedOrganization, seedUser } from '../helpers/auth.js';
import { countRowsWhere } from './pages-fixtures.js';
import { cycleToCommission } from '../helpers/cycle.js';
import { getPage, postForm, signIn, visibleText } from '../helpers/pages.js';
import { seedPerson, seedProducer } from '../helpers/registry.js';

const addDays = (days: number) => new Date(Date.parse(laPazDate(new Date())) + days * 86_400_000).toISOString().slice(0, 10);
const dayText = (iso: string) => iso.split('-').reverse().join('/');

/** A certified unit, the commission, a reviewer account of the visited organisation and an outside team. */
async function world() {
  const c = await cycleToCommission();
  await c.approve();
  const commission = c.members[0]!;
  const reviewerUser = await seedUser(c.app, { role: 'reviewer', organizationId: c.org, personId: c.reviewer });
  const producerUser = await seedUser(c.app, { role: 'producer', organizationId: c.org, producerId: c.producer });
  const outside = seedOrganization(c.app, 'Asociación de Productores de Irupana');
  const inspectorUnit = seedProducer(c.app, outside, { household: 'Familia Cusi' });
  const inspector = seedPerson(c.app, outside, { fullName: 'Juana Cusi', producerId: inspectorUnit, household: 'Familia Cusi' });
  const agronomist = seedPerson(c.app, outside, { fullName: 'Ing. Marta Rojas', roles: ['technician'] });
  const team = [
    { personId: inspector, kind: 'producer' },
    { personId: agronomist, kind: 'technician' },
  ];
  return { ...c, commission, reviewerUser, producerUser, inspector, agronomist, team };
}
type World = Awaited<ReturnType<typeof world>>;

const planSurveillance = (w: World, plannedOn: string) =>
  w.api
    .post(`/api/v1/dossiers/${w.dossier.id}/visits`)
    .set(w.commission.headers)
    .send({ plannedOn, team: w.team, purpose: 'surveillance', unannounced: true });

const auditOf = (w: World, visitId: string) =>
  w.app.db.$client.prepare(`SELECT action, change FROM audit_log WHERE entity = 'visit' AND entity_id = ? ORDER BY rowid`).all(visitId) as {
    action: string;
    change: string;
  }[];

describe('unannounced visits', () => {
  it('the commission plans a surveillance visit that the visited organisation cannot see until it is recorded', async () => {
    const w = await world();
    const plannedOn = addDays(5);
    const planned = await planSurveillance(w, plannedOn).expect(201);
    const visitId = planned.body.id as string;
    expect(planned.body).toMatchObject({ purpose: 'surveillance', unannounced: true, status: 'planned' });
    const [plan] = auditOf(w, visitId);
    expect(plan?.action).toBe('plan');
    expect(JSON.parse(plan!.change)).toMatchObject({ unannounced: true, purpose: 'surveillance' });

    // The commission sees it, everywhere, marked «Sin aviso».
    await w.api.get(`/api/v1/visits/${visitId}`).set(w.commission.headers).expect(200);
    const commissionList = await w.api.get('/api/v1/visits').set(w.commission.headers).expect(200);
    expect(commissionList.body.items.map((v: { id: string }) => v.id)).toContain(visitId);
    const commissionCookie = await signIn(w.app, w.commission);
    const commissionPage = visibleText((await getPage(w.app, `/app/comision/expedientes/${w.dossier.id}`, commissionCookie)).body);
    expect(commissionPage).toContain(`Visita de vigilancia planificada para el ${dayInWords(plannedOn)} · Sin aviso`);
    const commissionVisitPage = await getPage(w.app, `/app/visitas/${visitId}`, commissionCookie);
    expect(commissionVisitPage.statusCode).toBe(200);
    expect(visibleText(commissionVisitPage.body)).toContain('Visita sin aviso a Familia Choque Quispe');

    // The visited organisation's accounts: not in the dossier, not in lists, not by id, not on pages.
    for (const user of [w.committee, w.reviewerUser, w.producerUser]) {
      const dossier = await w.api.get(`/api/v1/dossiers/${w.dossier.id}`).set(user.headers).expect(200);
      expect(dossier.body.visits.map((v: { id: string }) => v.id)).not.toContain(visitId);
      const list = await w.api.get('/api/v1/visits').set(user.headers).expect(200);
      expect(list.body.items.map((v: { id: string }) => v.id)).not.toContain(visitId);
      const planned = await w.api.get('/api/v1/visits?status=planned').set(user.headers).expect(200);
      expect(planned.body.total).toBe(0);
      const byId = await w.api.get(`/api/v1/visits/${visitId}`).set(user.headers).expect(404);
      expect(byId.body.code).toBe('VISIT_NOT_FOUND');
      await w.api.get(`/api/v1/visits/${visitId}/report.pdf`).set(user.headers).expect(404);
      const cookie = await signIn(w.app, user);
      for (const url of ['/app', `/app/expedientes/${w.dossier.id}`]) {
        const page = await getPage(w.app, url, cookie);
        expect(page.statusCode).toBe(200);
        expect(visibleText(page.body)).not.toContain(dayText(plannedOn));
        expect(visibleText(page.body)).not.toContain(dayInWords(plannedOn));
        expect(page.body).not.toContain(visitId);
        expect(visibleText(page.body)).not.toMatch(/sin aviso|Juana Cusi/i);
      }
      // The visit page is what the phone stores for offline capture: nothing for them.
      expect((await getPage(w.app, `/app/visitas/${visitId}`, cookie)).statusCode).toBe(404);
    }
    // The reviewer account is not on the team, but its home lists only its own visits anyway: the
    // inspector's account (another organisation) is not linked here. The committee's cancelling is 404 too.
    const cancel = await w.api.post(`/api/v1/visits/${visitId}/cancel`).set(w.committee.headers).send({ reason: 'No sabemos nada' });
    expect(cancel.status).toBe(404);
    const answers = w.dossier.applicableCriteria.map((c, i) => ({
      criterionCode: c.code,
      value: i === 0 ? 'no_cumple' : 'cumple',
      ...(i === 0 ? { notes: 'Se encontró un envase sin etiqueta' } : {}),
    }));
    const submitted = await w.api
      .post(`/api/v1/visits/${visitId}/submission`)
      .set(w.committee.headers)
      .send({ idempotencyKey: 'comite-intenta', present: ['Familia Choque'], answers });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(404);

    // The commission records it: a surveillance visit answers every applicable criterion; the dossier stays decided.
    const recorded = await w.api
      .post(`/api/v1/visits/${visitId}/submission`)
      .set(w.commission.headers)
      .send({ idempotencyKey: `vigilancia-${visitId}`, visitedOn: laPazDate(new Date()), present: ['Familia Choque'], answers })
      .expect(201);
    expect(recorded.body).toMatchObject({ status: 'submitted', unannounced: true });
    expect(auditOf(w, visitId).map((a) => a.action)).toEqual(['plan', 'submit']);
    const state = w.app.db.$client.prepare('SELECT state FROM dossiers WHERE id = ?').get(w.dossier.id) as { state: string };
    expect(state.state).toBe('decided');
    const findings = w.app.db.$client.prepare('SELECT criterion_code FROM non_conformities WHERE visit_id = ?').all(visitId);
    expect(findings).toEqual([{ criterion_code: answers[0]!.criterionCode }]);

    // Now the committee sees it, marked as made without notice.
    const seen = await w.api.get(`/api/v1/visits/${visitId}`).set(w.committee.headers).expect(200);
    expect(seen.body.unannounced).toBe(true);
    const dossier = await w.api.get(`/api/v1/dossiers/${w.dossier.id}`).set(w.committee.headers).expect(200);
    expect(dossier.body.visits.find((v: { id: string }) => v.id === visitId)).toMatchObject({ unannounced: true, status: 'submitted' });
    const cookie = await signIn(w.app, w.committee);
    const page = visibleText((await getPage(w.app, `/app/expedientes/${w.dossier.id}`, cookie)).body);
    expect(page).toContain('Registrada, sin aviso');
  });

  it('refuses a committee asking for an unannounced visit, and the commission asking for an announced one; nothing written', async () => {
    const w = await world();
    const visits = countRows(w.app, 'visits');
    const audit = countRowsWhere(w.app, 'audit_log', "entity = 'visit'");
    const asked = await w.api
      .post(`/api/v1/dossiers/${w.dossier.id}/visits`)
      .set(w.committee.headers)
      .send({ plannedOn: addDays(3), team: w.team, unannounced: true })
      .expect(403);
    expect(asked.body.message).toContain('Una visita sin aviso la planifica solo la comisión de certificación');
    const surveillance = await w.api
      .post(`/api/v1/dossiers/${w.dossier.id}/visits`)
      .set(w.committee.headers)
      .send({ plannedOn: addDays(3), team: w.team, purpose: 'surveillance' })
      .expect(403);
    expect(surveillance.body.message).toContain('vigilancia');
    const announced = await w.api
      .post(`/api/v1/dossiers/${w.dossier.id}/visits`)
      .set(w.commission.headers)
      .send({ plannedOn: addDays(3), team: w.team, purpose: 'surveillance' })
      .expect(400);
    expect(announced.body.code).toBe('SURVEILLANCE_NOT_UNANNOUNCED');
    const regular = await w.api
      .post(`/api/v1/dossiers/${w.dossier.id}/visits`)
      .set(w.commission.headers)
      .send({ plannedOn: addDays(3), team: w.team });
    expect(regular.status).toBe(403);
    expect(regular.body.message).toContain('La comisión solo planifica visitas sin aviso');
    // The commission's form is not the committee's either.
    const cookie = await signIn(w.app, w.committee);
    expect((await getPage(w.app, `/app/comision/expedientes/${w.dossier.id}/visita-sin-aviso`, cookie)).statusCode).toBe(403);
    expect(countRows(w.app, 'visits')).toBe(visits);
    expect(countRowsWhere(w.app, 'audit_log', "entity = 'visit'")).toBe(audit);
  });

  it('applies the same conflict-of-interest rules to the team, and needs a certified unit for surveillance', async () => {
    const w = await world();
    const visits = countRows(w.app, 'visits');
    const audit = countRowsWhere(w.app, 'audit_log', "entity = 'visit'");
    // A relative of the visited family (same household, another unit) on the team.
    const cousinUnit = seedProducer(w.app, w.org, { household: 'Familia Choque' });
    const cousin = seedPerson(w.app, w.org, { fullName: 'Eva Choque', producerId: cousinUnit, household: 'Familia Choque' });
    const refused = await w.api
      .post(`/api/v1/dossiers/${w.dossier.id}/visits`)
      .set(w.commission.headers)
      .send({
        plannedOn: addDays(4),
        team: [{ personId: cousin, kind: 'producer' }, w.team[1]],
        purpose: 'surveillance',
        unannounced: true,
      })
      .expect(422);
    expect(refused.body.code).toBe('VISIT_TEAM_REFUSED');
    expect(refused.body.issues[0].path).toBe('body.team.0.personId');
    // Someone of the visited unit itself.
    const own = seedPerson(w.app, w.org, { fullName: 'Mario Choque', producerId: w.producer, household: 'Familia Choque' });
    await w.api
      .post(`/api/v1/dossiers/${w.dossier.id}/visits`)
      .set(w.commission.headers)
      .send({ plannedOn: addDays(4), team: [{ personId: own, kind: 'producer' }], purpose: 'surveillance', unannounced: true })
      .expect(422);
    // The same refusal on the commission's page, next to the person.
    const cookie = await signIn(w.app, w.commission);
    const form = await getPage(w.app, `/app/comision/expedientes/${w.dossier.id}/visita-sin-aviso`, cookie);
    expect(form.statusCode).toBe(200);
    expect(visibleText(form.body)).toContain('Planificar una visita sin aviso');
    const page = await postForm(
      w.app,
      `/app/comision/expedientes/${w.dossier.id}/visita-sin-aviso`,
      { plannedOn: addDays(4), purpose: 'surveillance', [`equipo-${cousin}`]: 'producer' },
      { cookie },
    );
    expect(page.statusCode).toBe(422);
    expect(visibleText(page.body)).toContain('El equipo no cumple las reglas de conflicto de interés');

    // An open dossier of a unit with no certificate: no surveillance visit.
    const other = seedProducer(w.app, w.org, { name: 'Familia Ticona', household: 'Familia Ticona' });
    const open = await w.api.post('/api/v1/dossiers').set(w.committee.headers).send({ producerId: other, cycle: 2026 }).expect(201);
    const uncertified = await w.api
      .post(`/api/v1/dossiers/${open.body.id as string}/visits`)
      .set(w.commission.headers)
      .send({ plannedOn: addDays(4), team: w.team, purpose: 'surveillance', unannounced: true })
      .expect(409);
    expect(uncertified.body.code).toBe('NOT_CERTIFIED');
    expect(countRows(w.app, 'visits')).toBe(visits);
    expect(countRowsWhere(w.app, 'audit_log', "entity = 'visit'")).toBe(audit);
  });

  it('an unannounced regular visit does not stop the committee planning its own, and the commission plans it from its page', async () => {
    const w = await world();
    const other = seedProducer(w.app, w.org, { name: 'Familia Ticona', household: 'Familia Ticona' });
    const open = await w.api.post('/api/v1/dossiers').set(w.committee.headers).send({ producerId: other, cycle: 2026 }).expect(201);
    const dossierId = open.body.id as string;
    const cookie = await signIn(w.app, w.commission);
    const planned = await postForm(
      w.app,
      `/app/comision/expedientes/${dossierId}/visita-sin-aviso`,
      { plannedOn: addDays(6), purpose: 'regular', [`equipo-${w.inspector}`]: 'producer', [`equipo-${w.agronomist}`]: 'technician' },
      { cookie },
    );
    expect(planned.statusCode).toBe(303);
    const [visit] = (await w.api.get(`/api/v1/visits?dossierId=${dossierId}`).set(w.commission.headers).expect(200)).body.items;
    expect(visit).toMatchObject({ unannounced: true, status: 'planned' });
    // The commission, who sees it, may not plan a second one.
    const second = await w.api
      .post(`/api/v1/dossiers/${dossierId}/visits`)
      .set(w.commission.headers)
      .send({ plannedOn: addDays(7), team: w.team, unannounced: true })
      .expect(409);
    expect(second.body.code).toBe('VISIT_ALREADY_PLANNED');
    // The committee plans its own without learning of the other one.
    await w.api
      .post(`/api/v1/dossiers/${dossierId}/visits`)
      .set(w.committee.headers)
      .send({ plannedOn: addDays(8), team: w.team })
      .expect(201);
    const seen = await w.api.get(`/api/v1/dossiers/${dossierId}`).set(w.committee.headers).expect(200);
    expect(seen.body.visits).toHaveLength(1);
    expect(seen.body.visits[0].unannounced).toBe(false);
    // The commission cancels the unannounced one; the committee still sees nothing of it.
    await w.api
      .post(`/api/v1/visits/${visit.id as string}/cancel`)
      .set(w.commission.headers)
      .send({ reason: 'Ya la hará el comité' })
      .expect(200);
    await w.api
      .get(`/api/v1/visits/${visit.id as string}`)
      .set(w.committee.headers)
      .expect(404);
  });
});
