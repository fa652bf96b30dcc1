import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REAL_CRITERIA_DIR } from '../helpers/app.js';
import { seedOrganization, seedUser } from '../helpers/auth.js';
import { cycleToCommission } from '../helpers/cycle.js';
import { getPage, postForm, signIn, visibleText } from '../helpers/pages.js';
import { seedPerson, seedProducer } from '../helpers/registry.js';

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

type Cycle = Awaited<ReturnType<typeof cycleToCommission>>;
let current: Cycle | undefined;
afterEach(async () => {
  await current?.app.close();
  current = undefined;
});

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function cycle(answers: Record<string, 'no_cumple'>) {
  current = await cycleToCommission({ answers });
  return current;
}

/** The dossier's non-conformity of `code`, as the dossier shows it. */
async function ncOf(c: Cycle, code: string) {
  const dossier = (await c.api.get(`/api/v1/dossiers/${c.dossier.id}`).set(c.committee.headers).expect(200)).body;
  return dossier.nonConformities.find((nc: { criterionCode: string }) => nc.criterionCode === code);
}

const agree = (c: Cycle, ncId: string, deadline = inDays(30)) =>
  c.api
    .post(`/api/v1/non-conformities/${ncId}/corrective-actions`)
    .set(c.committee.headers)
    .send({ description: 'Que el niño deje de trabajar en la parcela y vaya a la escuela', responsiblePersonId: c.reviewer, deadline })
    .expect(201);

/** People of another unit of the organisation and another organisation's technician: a team with no part in the dossier. */
function independentTeam(c: Cycle) {
  const unit = seedProducer(c.app, c.org, { household: 'Familia Apaza' });
  const producer = seedPerson(c.app, c.org, { fullName: 'Teodora Apaza', producerId: unit, household: 'Familia Apaza' });
  const technician = seedPerson(c.app, seedOrganization(c.app), { fullName: 'Lic. Marta Ticona', roles: ['technician'] });
  return [
    { personId: producer, kind: 'producer' },
    { personId: technician, kind: 'technician' },
  ];
}

const planFollowUp = (c: Cycle, team: { personId: string; kind: string }[]) =>
  c.api.post(`/api/v1/dossiers/${c.dossier.id}/visits`).set(c.committee.headers).send({ plannedOn: today(), team, purpose: 'follow_up' });

describe('a critical finding (child labour, P5.01 under 2026.4)', () => {
  it('is closed only by an independent follow-up visit, and approval waits for it', async () => {
    const c = await cycle({ 'P5.01': 'no_cumple' });
    const nc = await ncOf(c, 'P5.01');
    expect(nc).toMatchObject({ level: 'critical', followUp: { required: true, means: ['visit'], verified: false } });

    // The committee agrees an action and tries to close it with its own word.
    const action = (await agree(c, nc.id)).body;
    const refused = await c.api
      .post(`/api/v1/corrective-actions/${action.id}/closure`)
      .set(c.committee.headers)
      .send({ notes: 'ya no trabaja' })
      .expect(422);
    expect(refused.body).toMatchObject({
      code: 'FOLLOW_UP_REQUIRED',
      message:
        'Una no conformidad crítica solo se cierra con una visita de seguimiento de un equipo independiente del comité (criterios 2026.4)',
    });
    expect((await ncOf(c, 'P5.01')).correctiveActions[0]).toMatchObject({ closedAt: null, closedBy: null });

    // The commission cannot approve.
    await c.toCommission();
    const session = await c.openSession();
    const approval = await c.decide(session.id, { proposedOutcome: 'approved', sealLevel: 'pleno' }, c.members).expect(422);
    expect(approval.body.code).toBe('OPEN_CRITICAL_NON_CONFORMITIES');
    expect(approval.body.message).toContain('(criterios P5.01: falta una visita de seguimiento de un equipo independiente del comité)');

    // Neither the first visit's reviewer nor a committee member may be on the follow-up team.
    const [independent, technician] = independentTeam(c);
    const withReviewer = await planFollowUp(c, [{ personId: c.reviewer, kind: 'producer' }, technician!]).expect(422);
    expect(withReviewer.body).toMatchObject({
      code: 'FOLLOW_UP_TEAM_NOT_INDEPENDENT',
      issues: [{ path: 'body.team.0.personId', code: 'ORIGINAL_VISIT_TEAM', message: expect.stringContaining('Rosa Mamani') }],
    });
    const committeeUnit = seedProducer(c.app, c.org, { household: 'Familia Limachi' });
    const committeeMember = seedPerson(c.app, c.org, {
      fullName: 'Julia Limachi',
      producerId: committeeUnit,
      household: 'Familia Limachi',
      roles: ['member', 'committee_member'],
    });
    const withCommittee = await planFollowUp(c, [{ personId: committeeMember, kind: 'producer' }, technician!]).expect(422);
    expect(withCommittee.body).toMatchObject({ code: 'FOLLOW_UP_TEAM_NOT_INDEPENDENT', issues: [{ code: 'COMMITTEE_MEMBER' }] });
    expect(withCommittee.body.message).toContain('Julia Limachi es miembro del comité local de la organización');

    // An independent team visits; the dossier stays where it is.
    const visit = (await planFollowUp(c, [independent!, technician!]).expect(201)).body;
    expect(visit).toMatchObject({ purpose: 'follow_up', status: 'planned' });
    const submit = (answers: unknown[], key = `seguimiento-${c.dossier.id}`) =>
      c.api
        .post(`/api/v1/visits/${visit.id}/submission`)
        .set(c.committee.headers)
        .send({ idempotencyKey: key, present: ['Familia Choque'], answers });
    // It answers only the criterion it verifies.
    const everything = c.dossier.applicableCriteria.map((cr) => ({ criterionCode: cr.code, value: 'cumple' }));
    expect((await submit(everything, 'seguimiento-todo').expect(422)).body.code).toBe('ANSWERS_INCOMPLETE');
    const answers = [{ criterionCode: 'P5.01', value: 'cumple', notes: 'El niño va a la escuela; lo confirmó la directora' }];
    await submit(answers).expect(201);
    const replay = await submit(answers).expect(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');

    const dossier = (await c.api.get(`/api/v1/dossiers/${c.dossier.id}`).set(c.committee.headers).expect(200)).body;
    expect(dossier.state).toBe('ready_for_commission');
    const verified = dossier.nonConformities.find((n: { criterionCode: string }) => n.criterionCode === 'P5.01');
    expect(verified.followUp).toEqual({ required: true, means: ['visit'], verified: true });
    expect(verified.correctiveActions[0]).toMatchObject({
      closedBy: 'follow_up_visit',
      closingVisitId: visit.id,
      closingNotes: 'El niño va a la escuela; lo confirmó la directora',
    });
    const audit = await c.api.get(`/api/v1/audit/corrective_action/${action.id}`).set(c.members[0]!.headers).expect(200);
    expect(JSON.stringify(audit.body)).toContain('follow_up_visit');

    await c.decide(session.id, { proposedOutcome: 'approved', sealLevel: 'pleno' }, c.members).expect(201);
  });

  it('stays open when the follow-up visit does not find it fulfilled, and a non-conformity without actions is verified by the visit', async () => {
    const c = await cycle({ 'P5.01': 'no_cumple' });
    const nc = await ncOf(c, 'P5.01');
    const team = independentTeam(c);
    const first = (await planFollowUp(c, team).expect(201)).body;
    // The phone that records it offline gets only the criterion it verifies.
    const capture = (await getPage(c.app, `/app/visitas/${first.id}`, await signIn(c.app, c.committee))).body;
    expect(capture).toContain('P5.01');
    expect(capture).not.toContain('P1.01');
    await c.api
      .post(`/api/v1/visits/${first.id}/submission`)
      .set(c.committee.headers)
      .send({
        idempotencyKey: `seguimiento-1-${nc.id}`,
        present: ['Familia Choque'],
        answers: [{ criterionCode: 'P5.01', value: 'parcial' }],
      })
      .expect(201);
    expect((await ncOf(c, 'P5.01')).followUp.verified).toBe(false);
    const second = (await planFollowUp(c, team).expect(201)).body;
    await c.api
      .post(`/api/v1/visits/${second.id}/submission`)
      .set(c.committee.headers)
      .send({
        idempotencyKey: `seguimiento-2-${nc.id}`,
        present: ['Familia Choque'],
        answers: [{ criterionCode: 'P5.01', value: 'cumple' }],
      })
      .expect(201);
    expect((await ncOf(c, 'P5.01')).followUp.verified).toBe(true);
    // Nothing left to verify: no further follow-up visit.
    expect((await planFollowUp(c, team).expect(409)).body.code).toBe('NO_FOLLOW_UP_PENDING');
    await c.toCommission();
    // The commission's queue no longer counts it as open.
    const queue = await c.api.get('/api/v1/commission/queue').set(c.members[0]!.headers).expect(200);
    expect(queue.body.items[0].openNonConformities).toMatchObject({ critical: 0 });
    const session = await c.openSession();
    await c.decide(session.id, { proposedOutcome: 'approved', sealLevel: 'pleno' }, c.members).expect(201);
  });

  it('is not closed by the commission’s review of the evidence', async () => {
    const c = await cycle({ 'P5.01': 'no_cumple' });
    const action = (await agree(c, (await ncOf(c, 'P5.01')).id)).body;
    const photo = await c.api
      .post(`/api/v1/dossiers/${c.dossier.id}/evidence`)
      .set(c.committee.headers)
      .set('content-type', 'image/png')
      .send(PNG)
      .expect(201);
    const refused = await c.api
      .post(`/api/v1/corrective-actions/${action.id}/commission-review`)
      .set(c.members[0]!.headers)
      .send({ evidenceIds: [photo.body.id], notes: 'La foto muestra al niño en la escuela' })
      .expect(422);
    expect(refused.body.code).toBe('FOLLOW_UP_MEANS_NOT_ALLOWED');
    expect((await ncOf(c, 'P5.01')).correctiveActions[0].closedAt).toBeNull();
  });
});

describe('the committee’s pages for a critical finding', () => {
  it('say it needs an independent follow-up visit, offer no close form, and plan that visit without scripts', async () => {
    const c = await cycle({ 'P5.01': 'no_cumple' });
    await agree(c, (await ncOf(c, 'P5.01')).id);
    const cookie = await signIn(c.app, c.committee);
    const base = `/app/expedientes/${c.dossier.id}`;
    const page = await getPage(c.app, base, cookie);
    expect(visibleText(page.body)).toContain(
      'Una no conformidad crítica solo se cierra con una visita de seguimiento de un equipo independiente del comité (criterios 2026.4). El comité no la cierra por su cuenta',
    );
    expect(page.body).not.toMatch(/\/acciones\/[^"]+\/cerrar/);
    expect(page.body).toContain(`href="${base}/planificar-visita?seguimiento=1"`);

    const plan = await getPage(c.app, `${base}/planificar-visita?seguimiento=1`, cookie);
    expect(plan.body).toContain('<input type="hidden" name="purpose" value="follow_up">');
    const unit = seedProducer(c.app, c.org, { household: 'Familia Apaza' });
    const teodora = seedPerson(c.app, c.org, { fullName: 'Teodora Apaza', producerId: unit, household: 'Familia Apaza' });
    const marta = seedPerson(c.app, c.org, { fullName: 'Lic. Marta Ticona', roles: ['technician'] });
    const url = `${base}/planificar-visita`;
    const fields = { plannedOn: today(), purpose: 'follow_up', [`equipo-${marta}`]: 'technician' };
    const refused = await postForm(c.app, url, { ...fields, [`equipo-${c.reviewer}`]: 'producer' }, { cookie });
    expect(refused.statusCode).toBe(422);
    expect(visibleText(refused.body)).toContain('Rosa Mamani integró el equipo de la visita que encontró la no conformidad');
    expect(refused.body).toContain('<input type="hidden" name="purpose" value="follow_up">');
    const planned = await postForm(c.app, url, { ...fields, [`equipo-${teodora}`]: 'producer' }, { cookie });
    expect(planned.statusCode).toBe(303);
    const visits = (await c.api.get(`/api/v1/visits?dossierId=${c.dossier.id}&status=planned`).set(c.committee.headers).expect(200)).body;
    expect(visits.items).toHaveLength(1);
    const visit = (await c.api.get(`/api/v1/visits/${visits.items[0].id}`).set(c.committee.headers).expect(200)).body;
    expect(visit.purpose).toBe('follow_up');
  });
});

describe('a major finding (P1.01 under 2026.4)', () => {
  it('is closed by the commission’s review of the dossier’s evidence, not by the committee', async () => {
    const c = await cycle({ 'P1.01': 'no_cumple' });
    const nc = await ncOf(c, 'P1.01');
    expect(nc.followUp).toEqual({ required: true, means: ['visit', 'commission_review'], verified: false });
    const action = await c.agreeAction('Recalcular los costos y acordar el precio en asamblea', inDays(60));
    const committeeClose = await c.api
      .post(`/api/v1/corrective-actions/${action.id}/closure`)
      .set(c.committee.headers)
      .send({ notes: 'Asamblea aprobó el nuevo precio' })
      .expect(422);
    expect(committeeClose.body.code).toBe('FOLLOW_UP_REQUIRED');
    expect(committeeClose.body.message).toContain('o la revisión de la evidencia por la comisión de certificación');

    const sheet = await c.api
      .post(`/api/v1/dossiers/${c.dossier.id}/evidence`)
      .set(c.committee.headers)
      .set('content-type', 'image/png')
      .send(PNG)
      .expect(201);
    const review = (evidenceIds: string[], who = c.members[0]!.headers) =>
      c.api
        .post(`/api/v1/corrective-actions/${action.id}/commission-review`)
        .set(who)
        .send({ evidenceIds, notes: 'El acta de asamblea muestra el precio recalculado' });
    await review([sheet.body.id], c.committee.headers).expect(403);
    const foreign = await review(['00000000-0000-4000-8000-000000000000']).expect(422);
    expect(foreign.body).toMatchObject({ code: 'EVIDENCE_NOT_IN_DOSSIER', issues: [{ path: 'body.evidenceIds.0' }] });
    const closed = await review([sheet.body.id]).expect(200);
    expect(closed.body).toMatchObject({ closedBy: 'commission_review', closingEvidenceId: sheet.body.id });
    await review([sheet.body.id]).expect(409);

    await c.toCommission();
    const session = await c.openSession();
    await c.decide(session.id, { proposedOutcome: 'approved', sealLevel: 'pleno' }, c.members).expect(201);
  });
});

describe('a minor finding (P1.02 under 2026.4)', () => {
  it('is still closed by the committee, which is recorded', async () => {
    const c = await cycle({ 'P1.02': 'no_cumple' });
    const nc = await ncOf(c, 'P1.02');
    expect(nc.followUp).toBeNull();
    const action = (
      await c.api
        .post(`/api/v1/non-conformities/${nc.id}/corrective-actions`)
        .set(c.committee.headers)
        .send({ description: 'Firmar contratos escritos con los compradores', responsiblePersonId: c.reviewer, deadline: inDays(60) })
        .expect(201)
    ).body;
    const closed = await c.api
      .post(`/api/v1/corrective-actions/${action.id}/closure`)
      .set(c.committee.headers)
      .send({ notes: 'Contratos firmados con dos compradores' })
      .expect(200);
    expect(closed.body).toMatchObject({ closedBy: 'committee', closingVisitId: null });
    // Nothing awaits a follow-up visit here.
    expect((await planFollowUp(c, independentTeam(c)).expect(409)).body.code).toBe('NO_FOLLOW_UP_PENDING');
    const reviewer = await seedUser(c.app, { role: 'commission' });
    const review = await c.api
      .post(`/api/v1/corrective-actions/${action.id}/commission-review`)
      .set(reviewer.headers)
      .send({ evidenceIds: ['00000000-0000-4000-8000-000000000000'], notes: 'Revisión de la comisión' })
      .expect(409);
    expect(review.body.code).toBe('ALREADY_CLOSED');
  });
});

describe('a dossier pinned to criteria without follow-up (2026.3)', () => {
  it('keeps today’s rule: the committee closes a major finding and the commission may then approve', async () => {
    const c = await cycle({ 'P1.01': 'no_cumple' });
    const lock = JSON.parse(fs.readFileSync(path.join(REAL_CRITERIA_DIR, 'es-cj-bolivia', 'published.lock.json'), 'utf8')) as Record<
      string,
      string
    >;
    c.app.db.$client
      .prepare("UPDATE dossiers SET criteria_version = '2026.3', criteria_hash = ? WHERE id = ?")
      .run(lock['2026.3'], c.dossier.id);
    expect((await ncOf(c, 'P1.01')).followUp).toBeNull();
    const action = await c.agreeAction('Recalcular los costos y acordar el precio en asamblea', inDays(60));
    const closed = await c.api
      .post(`/api/v1/corrective-actions/${action.id}/closure`)
      .set(c.committee.headers)
      .send({ notes: 'Asamblea aprobó el nuevo precio' })
      .expect(200);
    expect(closed.body.closedBy).toBe('committee');
    expect((await planFollowUp(c, independentTeam(c)).expect(409)).body.code).toBe('NO_FOLLOW_UP_PENDING');
    await c.toCommission();
    const session = await c.openSession();
    await c.decide(session.id, { proposedOutcome: 'approved', sealLevel: 'pleno' }, c.members).expect(201);
  });
});
