/**
 * One planned visit per dossier at a time, and cancelling a planned visit that will not take place:
 * over the API (POST /api/v1/visits/{id}/cancel) and from the committee's dossier page.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { historyOf } from '../../src/modules/audit/audit-log.js';
import { buildTestApp } from '../helpers/app.js';
import { countRows, seedOrganization, seedUser } from '../helpers/auth.js';
import { getPage, postForm, signIn, visibleText } from '../helpers/pages.js';
import { seedPerson, seedProducer } from '../helpers/registry.js';

async function setting() {
  const app = await buildTestApp();
  const org = seedOrganization(app, 'Cooperativa Agropecuaria Señor de Mayo');
  const committee = await seedUser(app, { role: 'committee', organizationId: org });
  const visited = seedProducer(app, org, { name: 'Familia Choque Quispe', household: 'Familia Choque', sectors: ['agricola'] });
  const unitA = seedProducer(app, org, { household: 'Familia Mamani' });
  const producerA = seedPerson(app, org, { fullName: 'Rosa Mamani', producerId: unitA, household: 'Familia Mamani' });
  const technician = seedPerson(app, org, { fullName: 'Ing. Luis Flores', roles: ['technician'] });
  const api = request(app.server);
  const dossier = (await api.post('/api/v1/dossiers').set(committee.headers).send({ producerId: visited, cycle: 2026 }).expect(201))
    .body as {
    id: string;
    applicableCriteria: { code: string }[];
  };
  const answers = dossier.applicableCriteria.map((c) => ({ criterionCode: c.code, value: 'cumple' }));
  const team = [
    { personId: producerA, kind: 'producer' },
    { personId: technician, kind: 'technician' },
  ];
  const plan = (plannedOn: string) => api.post(`/api/v1/dossiers/${dossier.id}/visits`).set(committee.headers).send({ plannedOn, team });
  const first = (await plan('2026-05-12').expect(201)).body as { id: string };
  return { app, api, org, committee, dossier, answers, plan, visitId: first.id };
}

const visitStatus = (s: Awaited<ReturnType<typeof setting>>, id: string) =>
  (s.app.db.$client.prepare('SELECT status FROM visits WHERE id = ?').get(id) as { status: string }).status;

describe('one planned visit per dossier', () => {
  it('refuses planning a second visit while one is planned, naming its date, and writes nothing', async () => {
    const s = await setting();
    const visits = countRows(s.app, 'visits');
    const audit = countRows(s.app, 'audit_log');
    const res = await s.plan('2026-06-20').expect(409);
    expect(res.body).toMatchObject({ statusCode: 409, code: 'VISIT_ALREADY_PLANNED' });
    expect(res.body.message).toContain('12 de mayo de 2026');
    expect(res.body.message).toMatch(/regístrela o cancélela/);
    expect(countRows(s.app, 'visits')).toBe(visits);
    expect(countRows(s.app, 'audit_log')).toBe(audit);
  });

  it('cancels a planned visit with its reason, audited; then another visit can be planned', async () => {
    const s = await setting();
    const cancelled = await s.api
      .post(`/api/v1/visits/${s.visitId}/cancel`)
      .set(s.committee.headers)
      .send({ reason: '  La familia no estará ese día\r\npor la cosecha  ' })
      .expect(200);
    expect(cancelled.body).toMatchObject({ id: s.visitId, status: 'cancelled', plannedOn: '2026-05-12' });
    const entry = historyOf(s.app.db, 'visit', s.visitId).at(-1)!;
    expect(entry).toMatchObject({ action: 'cancel', actorId: s.committee.user.id });
    expect(entry.change).toEqual({
      status: { before: 'planned', after: 'cancelled' },
      reason: 'La familia no estará ese día\npor la cosecha',
    });

    const listed = await s.api.get(`/api/v1/visits?dossierId=${s.dossier.id}&status=cancelled`).set(s.committee.headers).expect(200);
    expect(listed.body.items.map((v: { id: string }) => v.id)).toEqual([s.visitId]);
    const next = await s.plan('2026-06-20').expect(201);
    expect(next.body.status).toBe('planned');
    // Only the new one is pending now: a third is refused, naming the new date.
    expect((await s.plan('2026-07-01').expect(409)).body.message).toContain('20 de junio de 2026');
  });

  it('a cancelled visit cannot be recorded nor cancelled again; a recorded one cannot be cancelled', async () => {
    const s = await setting();
    await s.api.post(`/api/v1/visits/${s.visitId}/cancel`).set(s.committee.headers).send({ reason: 'Cambio de equipo' }).expect(200);
    const audit = countRows(s.app, 'audit_log');
    const submit = await s.api
      .post(`/api/v1/visits/${s.visitId}/submission`)
      .set(s.committee.headers)
      .send({ idempotencyKey: 'envio-cancelada-1', present: ['Familia Choque'], answers: s.answers })
      .expect(409);
    expect(submit.body.code).toBe('VISIT_CANCELLED');
    expect(submit.body.message).toContain('cancelada');
    const again = await s.api.post(`/api/v1/visits/${s.visitId}/cancel`).set(s.committee.headers).send({ reason: 'Otra vez' }).expect(409);
    expect(again.body.code).toBe('VISIT_NOT_PLANNED');
    expect(countRows(s.app, 'audit_log')).toBe(audit);
    expect(visitStatus(s, s.visitId)).toBe('cancelled');

    const next = (await s.plan('2026-06-20').expect(201)).body as { id: string };
    await s.api
      .post(`/api/v1/visits/${next.id}/submission`)
      .set(s.committee.headers)
      .send({ idempotencyKey: 'envio-nueva-1', present: ['Familia Choque'], answers: s.answers })
      .expect(201);
    const recorded = await s.api
      .post(`/api/v1/visits/${next.id}/cancel`)
      .set(s.committee.headers)
      .send({ reason: 'Demasiado tarde' })
      .expect(409);
    expect(recorded.body.code).toBe('VISIT_NOT_PLANNED');
    expect(visitStatus(s, next.id)).toBe('submitted');
  });

  it.each([
    ['no reason', {}],
    ['an empty reason', { reason: '   ' }],
    ['a reason with a direction override', { reason: 'Motivo \u202E oculto' }],
  ])('refuses cancelling with %s, and writes nothing', async (_what, body) => {
    const s = await setting();
    const audit = countRows(s.app, 'audit_log');
    const res = await s.api.post(`/api/v1/visits/${s.visitId}/cancel`).set(s.committee.headers).send(body).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.issues).toEqual([expect.objectContaining({ path: 'body.reason' })]);
    expect(visitStatus(s, s.visitId)).toBe('planned');
    expect(countRows(s.app, 'audit_log')).toBe(audit);
  });

  it('refuses another organisation’s committee and an anonymous request', async () => {
    const s = await setting();
    const other = await seedUser(s.app, { role: 'committee', organizationId: seedOrganization(s.app, 'Otra asociación') });
    const audit = countRows(s.app, 'audit_log');
    const res = await s.api.post(`/api/v1/visits/${s.visitId}/cancel`).set(other.headers).send({ reason: 'No debería poder' }).expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
    await s.api.post(`/api/v1/visits/${s.visitId}/cancel`).send({ reason: 'Sin cuenta' }).expect(401);
    expect(visitStatus(s, s.visitId)).toBe('planned');
    expect(countRows(s.app, 'audit_log')).toBe(audit);
  });
});

describe('a cancelled visit never took place', () => {
  it('does not count for the conflict-of-interest rules: its team may then trade visits', async () => {
    const app = await buildTestApp();
    const org = seedOrganization(app);
    const committee = await seedUser(app, { role: 'committee', organizationId: org });
    const api = request(app.server);
    const visited = seedProducer(app, org, { household: 'Familia Choque' });
    const unitA = seedProducer(app, org, { household: 'Familia Mamani' });
    const rosa = seedPerson(app, org, { fullName: 'Rosa Mamani', producerId: unitA, household: 'Familia Mamani' });
    const pedro = seedPerson(app, org, { fullName: 'Pedro Choque', producerId: visited, household: 'Familia Choque' });
    const technician = seedPerson(app, org, { fullName: 'Ing. Luis Flores', roles: ['technician'] });
    const open = async (producerId: string, cycle: number) =>
      (await api.post('/api/v1/dossiers').set(committee.headers).send({ producerId, cycle }).expect(201)).body.id as string;
    const plan = (dossierId: string, plannedOn: string, producerPerson: string) =>
      api
        .post(`/api/v1/dossiers/${dossierId}/visits`)
        .set(committee.headers)
        .send({
          plannedOn,
          team: [
            { personId: producerPerson, kind: 'producer' },
            { personId: technician, kind: 'technician' },
          ],
        });
    // Last cycle, Pedro (of the visited unit) was to visit Rosa's unit.
    const earlier = (await plan(await open(unitA, 2025), '2025-06-01', pedro).expect(201)).body.id as string;
    const dossier = await open(visited, 2026);
    expect((await plan(dossier, '2026-05-12', rosa).expect(422)).body.issues).toEqual([expect.objectContaining({ code: 'TRADING_VISIT' })]);
    await api.post(`/api/v1/visits/${earlier}/cancel`).set(committee.headers).send({ reason: 'No se hizo: la familia viajó' }).expect(200);
    await plan(dossier, '2026-05-12', rosa).expect(201);
  });
});

describe('/app/expedientes/:id: cancelling a planned visit from the page', () => {
  it('offers cancelling instead of planning while a visit is planned; the form needs a reason, then planning is offered again', async () => {
    const s = await setting();
    const cookie = await signIn(s.app, s.committee);
    const base = `/app/expedientes/${s.dossier.id}`;
    const page = await getPage(s.app, base, cookie);
    const cancelHref = `${base}/visitas/${s.visitId}/cancelar`;
    expect(page.body).toContain(`href="${cancelHref}"`);
    expect(visibleText(page.body)).toContain('Cancelar la visita del 12 de mayo de 2026');
    expect(visibleText(page.body)).not.toContain('Planificar una visita');

    const form = await getPage(s.app, cancelHref, cookie);
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/<form class="form" method="post"/);
    expect(form.body).toContain('<label for="campo-reason">Por qué se cancela</label>');

    const audit = countRows(s.app, 'audit_log');
    const empty = await postForm(s.app, cancelHref, { reason: '' }, { cookie });
    expect(empty.statusCode).toBe(400);
    expect(visibleText(empty.body)).toContain('Explique por qué se cancela la visita');
    const hidden = await postForm(s.app, cancelHref, { reason: 'Motivo \u202E oculto' }, { cookie });
    expect(hidden.statusCode).toBe(400);
    expect(visibleText(hidden.body)).toContain('No se admiten caracteres de control ni de dirección de texto');
    // A form posted from another site is refused before anything is read.
    const forged = await s.app.inject({
      method: 'POST',
      url: cancelHref,
      payload: 'reason=Desde+otro+sitio',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://otro.example', cookie },
    });
    expect(forged.statusCode).toBe(403);
    expect(countRows(s.app, 'audit_log')).toBe(audit);
    expect(visitStatus(s, s.visitId)).toBe('planned');

    const done = await postForm(s.app, cancelHref, { reason: 'La familia pidió otra fecha' }, { cookie });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`${base}?hecho=visita-cancelada`);
    expect(visitStatus(s, s.visitId)).toBe('cancelled');
    const after = visibleText((await getPage(s.app, done.headers.location!, cookie)).body);
    expect(after).toContain('Visita cancelada.');
    expect(after).toMatch(/12 de mayo de 2026 Cancelada/);
    expect(after).toContain('Planificar una visita');
    expect(after).not.toContain('Cancelar la visita del');
    // The cancelled visit's form is gone: it says why instead.
    const gone = await getPage(s.app, cancelHref, cookie);
    expect(gone.statusCode).toBe(409);
    expect(visibleText(gone.body)).toContain('Esta visita ya no está planificada');
  });

  it('refuses the form to another organisation’s committee', async () => {
    const s = await setting();
    const other = await seedUser(s.app, { role: 'committee', organizationId: seedOrganization(s.app, 'Otra asociación') });
    const cookie = await signIn(s.app, other);
    const url = `/app/expedientes/${s.dossier.id}/visitas/${s.visitId}/cancelar`;
    expect((await getPage(s.app, url, cookie)).statusCode).toBe(403);
    const res = await postForm(s.app, url, { reason: 'Desde otra organización' }, { cookie });
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain('Familia Choque');
    expect(visitStatus(s, s.visitId)).toBe('planned');
  });
});
