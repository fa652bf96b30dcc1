import { createHash } from 'node:crypto';
import { createCanvas } from '@napi-rs/canvas';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { binary } from '../helpers/http.js';
import { pdfFlatText, pdfImageCounts } from '../helpers/pdf-reader.js';
import { countRows, seedOrganization, seedUser } from '../helpers/auth.js';
import { seedPerson, seedProducer } from '../helpers/registry.js';

async function setting(options: Parameters<typeof buildTestApp>[1] = {}) {
  const app = await buildTestApp({}, options);
  const org = seedOrganization(app);
  const committee = await seedUser(app, { role: 'committee', organizationId: org });
  const visited = seedProducer(app, org, { name: 'Familia Choque Quispe', household: 'Familia Choque', sectors: ['agricola'] });
  const unitA = seedProducer(app, org, { household: 'Familia Mamani' });
  const producerA = seedPerson(app, org, { fullName: 'Rosa Mamani', producerId: unitA, household: 'Familia Mamani' });
  const technician = seedPerson(app, org, { fullName: 'Ing. Luis Flores', roles: ['technician'] });
  const cousin = seedPerson(app, org, { fullName: 'Juana Choque', producerId: seedProducer(app, org), household: 'familia choque' });
  const fromVisited = seedPerson(app, org, { fullName: 'Pedro Choque', producerId: visited, household: 'Familia Choque' });
  const api = request(app.server);
  const open = async (producerId: string, cycle = 2026) =>
    (await api.post('/api/v1/dossiers').set(committee.headers).send({ producerId, cycle }).expect(201)).body as {
      id: string;
      criteriaVersion: string;
      criteriaHash: string;
      applicableCriteria: { code: string; level: string }[];
    };
  return { app, api, org, committee, visited, unitA, producerA, technician, cousin, fromVisited, open };
}

const validTeam = (s: Awaited<ReturnType<typeof setting>>) => [
  { personId: s.producerA, kind: 'producer' },
  { personId: s.technician, kind: 'technician' },
];

describe('planning a peer visit', () => {
  it('accepts a valid team and pins the dossier’s criteria version', async () => {
    const s = await setting();
    const dossier = await s.open(s.visited);
    expect(dossier.criteriaVersion).toBe('2026.4');
    expect(dossier.criteriaHash).toMatch(/^sha256:/);
    const visit = await s.api
      .post(`/api/v1/dossiers/${dossier.id}/visits`)
      .set(s.committee.headers)
      .send({ plannedOn: '2026-05-12', team: validTeam(s) })
      .expect(201);
    expect(visit.body).toMatchObject({ status: 'planned', criteriaVersion: '2026.4', criteriaHash: dossier.criteriaHash });
    expect(visit.body.team.map((m: { fullName: string }) => m.fullName)).toEqual(['Ing. Luis Flores', 'Rosa Mamani']);
  });

  it.each(['1999-12-31', '2999-01-01'])(
    'refuses an implausible planned day (%s), giving the range, and writes nothing',
    async (plannedOn) => {
      const s = await setting();
      const dossier = await s.open(s.visited);
      const before = countRows(s.app, 'visits');
      const res = await s.api
        .post(`/api/v1/dossiers/${dossier.id}/visits`)
        .set(s.committee.headers)
        .send({ plannedOn, team: validTeam(s) })
        .expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'PLANNED_ON_OUT_OF_RANGE' });
      expect(res.body.message).toContain('entre 2000-01-01 y ');
      expect(res.body.issues).toEqual([expect.objectContaining({ path: 'body.plannedOn' })]);
      expect(countRows(s.app, 'visits')).toBe(before);
    },
  );

  it('refuses a reviewer from the visited household, naming the rule and the person, and writes nothing', async () => {
    const s = await setting();
    const dossier = await s.open(s.visited);
    const before = countRows(s.app, 'visits');
    const res = await s.api
      .post(`/api/v1/dossiers/${dossier.id}/visits`)
      .set(s.committee.headers)
      .send({ plannedOn: '2026-05-12', team: [...validTeam(s), { personId: s.cousin, kind: 'producer' }] })
      .expect(422);
    expect(res.body.code).toBe('VISIT_TEAM_REFUSED');
    expect(res.body.issues).toEqual([
      { path: 'body.team.2.personId', code: 'SAME_HOUSEHOLD', message: expect.stringContaining('Juana Choque') },
    ]);
    expect(countRows(s.app, 'visits')).toBe(before);

    const own = await s.api
      .post(`/api/v1/dossiers/${dossier.id}/visits`)
      .set(s.committee.headers)
      .send({
        plannedOn: '2026-05-12',
        team: [
          { personId: s.fromVisited, kind: 'producer' },
          { personId: s.technician, kind: 'technician' },
        ],
      })
      .expect(422);
    expect(own.body.issues.map((i: { code: string }) => i.code)).toEqual(['OWN_UNIT', 'NOT_ENOUGH_OTHER_PRODUCERS']);
  });

  it('refuses a trading visit: the visited unit reviewed the reviewer’s unit last cycle', async () => {
    const s = await setting();
    const earlier = await s.open(s.unitA, 2025);
    await s.api
      .post(`/api/v1/dossiers/${earlier.id}/visits`)
      .set(s.committee.headers)
      .send({
        plannedOn: '2025-06-01',
        team: [
          { personId: s.fromVisited, kind: 'producer' },
          { personId: s.technician, kind: 'technician' },
        ],
      })
      .expect(201);
    const dossier = await s.open(s.visited, 2026);
    const res = await s.api
      .post(`/api/v1/dossiers/${dossier.id}/visits`)
      .set(s.committee.headers)
      .send({ plannedOn: '2026-05-12', team: validTeam(s) })
      .expect(422);
    expect(res.body.issues).toEqual([expect.objectContaining({ code: 'TRADING_VISIT', path: 'body.team.0.personId' })]);
  });

  it('applies the rules of the pinned version: 2026.1 requires a consumer or technician', async () => {
    const s = await setting();
    const dossier = await s.open(s.visited);
    const other = seedPerson(s.app, s.org, { fullName: 'Marco Ticona', producerId: seedProducer(s.app, s.org) });
    const res = await s.api
      .post(`/api/v1/dossiers/${dossier.id}/visits`)
      .set(s.committee.headers)
      .send({
        plannedOn: '2026-05-12',
        team: [
          { personId: s.producerA, kind: 'producer' },
          { personId: other, kind: 'producer' },
        ],
      })
      .expect(422);
    expect(res.body.issues.map((i: { code: string }) => i.code)).toEqual(['CONSUMER_OR_TECHNICIAN_REQUIRED']);
  });
});

describe('recording a visit', () => {
  async function planned(options: Parameters<typeof buildTestApp>[1] = {}) {
    const s = await setting(options);
    const dossier = await s.open(s.visited);
    const visit = await s.api
      .post(`/api/v1/dossiers/${dossier.id}/visits`)
      .set(s.committee.headers)
      .send({ plannedOn: '2026-05-12', team: validTeam(s) })
      .expect(201);
    const codes = dossier.applicableCriteria.map((c) => c.code);
    return { ...s, dossier, visitId: visit.body.id as string, codes };
  }

  it('refuses a visit missing an applicable criterion, listing its code, and writes nothing', async () => {
    const s = await planned();
    const [missing, ...rest] = s.codes;
    const auditBefore = countRows(s.app, 'audit_log');
    const res = await s.api
      .post(`/api/v1/visits/${s.visitId}/submission`)
      .set(s.committee.headers)
      .send({
        idempotencyKey: 'clave-0001',
        present: ['Familia Choque'],
        answers: [...rest.map((c) => ({ criterionCode: c, value: 'cumple' })), { criterionCode: 'P99.01', value: 'cumple' }],
      })
      .expect(422);
    expect(res.body.code).toBe('ANSWERS_INCOMPLETE');
    expect(res.body.message).toContain(missing);
    expect(res.body.issues).toEqual(
      expect.arrayContaining([
        { path: 'body.answers', code: 'MISSING', message: `Falta la respuesta al criterio ${missing}` },
        expect.objectContaining({ code: 'UNKNOWN', message: expect.stringContaining('P99.01') }),
      ]),
    );
    expect(countRows(s.app, 'answers')).toBe(0);
    expect(countRows(s.app, 'audit_log')).toBe(auditBefore);
  });

  it('stores a complete visit with version and hash, derives non-conformities, and a resend creates nothing', async () => {
    const s = await planned();
    const answers = s.codes.map((c) => ({ criterionCode: c, value: 'cumple' }));
    const set = (code: string, value: string, notes?: string) =>
      Object.assign(
        answers.find((a) => a.criterionCode === code)!,
        { value, notes },
      );
    set('P5.01', 'no_cumple', 'Dos niños de 10 años cosechando en horario escolar');
    set('P1.01', 'parcial');
    set('P8.07', 'no_cumple');
    set('P9.03', 'parcial'); // progressive + parcial: no non-conformity
    const body = {
      idempotencyKey: 'visita-2026-0001',
      present: ['Rosa Mamani', 'Familia Choque'],
      answers,
      observations: 'Visita realizada con lluvia',
    };

    const first = await s.api.post(`/api/v1/visits/${s.visitId}/submission`).set(s.committee.headers).send(body).expect(201);
    expect(first.body).toMatchObject({ status: 'submitted', criteriaVersion: '2026.4', criteriaHash: s.dossier.criteriaHash });
    expect(first.body.answers).toHaveLength(s.codes.length);
    const again = await s.api.post(`/api/v1/visits/${s.visitId}/submission`).set(s.committee.headers).send(body).expect(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(countRows(s.app, 'visits')).toBe(1);
    expect(countRows(s.app, 'answers')).toBe(s.codes.length);

    const other = await s.api
      .post(`/api/v1/visits/${s.visitId}/submission`)
      .set(s.committee.headers)
      .send({ ...body, observations: 'otra' })
      .expect(409);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

    // Permissions come before the key: another organisation's committee replaying it is refused, not shown the visit.
    const stranger = await seedUser(s.app, { role: 'committee', organizationId: seedOrganization(s.app) });
    const replayed = await s.api.post(`/api/v1/visits/${s.visitId}/submission`).set(stranger.headers).send(body).expect(403);
    expect(replayed.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    expect(replayed.body).not.toHaveProperty('answers');

    const dossier = await s.api.get(`/api/v1/dossiers/${s.dossier.id}`).set(s.committee.headers).expect(200);
    expect(dossier.body.state).toBe('visit_done');
    expect(
      dossier.body.nonConformities.map((n: { criterionCode: string; level: string; effect: string }) => [
        n.criterionCode,
        n.level,
        n.effect,
      ]),
    ).toEqual([
      ['P1.01', 'major', 'requires_conditions'],
      ['P5.01', 'critical', 'blocks_approval'],
      ['P8.07', 'minor', 'improvement_goal'],
    ]);
    expect(dossier.body.nonConformities[1].evidence).toContain('niños');
  });

  it('moves the dossier through its states and refuses skipped steps, naming the current state', async () => {
    const s = await planned();
    const skip = await s.api
      .post(`/api/v1/dossiers/${s.dossier.id}/events`)
      .set(s.committee.headers)
      .send({ event: 'send_to_commission' })
      .expect(409);
    expect(skip.body).toMatchObject({ code: 'DOSSIER_STATE', message: expect.stringContaining('«abierto»') });
    const early = await s.api
      .post(`/api/v1/dossiers/${s.dossier.id}/recommendation`)
      .set(s.committee.headers)
      .send({ outcome: 'approve', rationale: 'Todo en orden según la visita' })
      .expect(409);
    expect(early.body.message).toContain('«abierto»');

    const selfAnswers = s.codes.map((c) => ({ criterionCode: c, value: 'cumple' }));
    await s.api
      .post(`/api/v1/dossiers/${s.dossier.id}/self-assessment`)
      .set(s.committee.headers)
      .send({ answers: selfAnswers })
      .expect(201);
    const peer = s.codes.map((c) => ({ criterionCode: c, value: c === 'P8.07' ? 'no_cumple' : 'cumple' }));
    await s.api
      .post(`/api/v1/visits/${s.visitId}/submission`)
      .set(s.committee.headers)
      .send({ idempotencyKey: 'k-states-1', present: ['Familia Choque'], answers: peer })
      .expect(201);
    const reviewed = await s.api
      .post(`/api/v1/dossiers/${s.dossier.id}/recommendation`)
      .set(s.committee.headers)
      .send({ outcome: 'approve_with_conditions', rationale: 'Compostera pendiente, plazo de 90 días' })
      .expect(200);
    expect(reviewed.body.state).toBe('committee_reviewed');
    expect(reviewed.body.disagreements).toEqual([{ criterionCode: 'P8.07', selfAssessment: 'cumple', peers: 'no_cumple' }]);
    const sent = await s.api
      .post(`/api/v1/dossiers/${s.dossier.id}/events`)
      .set(s.committee.headers)
      .send({ event: 'send_to_commission' })
      .expect(200);
    expect(sent.body.state).toBe('ready_for_commission');
    const direct = await s.api
      .post(`/api/v1/dossiers/${s.dossier.id}/events`)
      .set(s.committee.headers)
      .send({ event: 'decide' })
      .expect(400);
    // Steps that only happen as part of another record are not in the route's list.
    expect(direct.body).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'body.event' }] });
    const history = await s.api
      .get(`/api/v1/audit/dossier/${s.dossier.id}`)
      .set((await seedUser(s.app, { role: 'commission' })).headers)
      .expect(200);
    expect(history.body.entries.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'self_assessment',
      'record_visit',
      'committee_review',
      'recommend',
      'send_to_commission',
    ]);
  });

  it('corrects a submitted visit with a new record that points at it, leaving the original as it was', async () => {
    const s = await planned();
    const answers = s.codes.map((c) => ({ criterionCode: c, value: c === 'P1.01' ? 'no_cumple' : 'cumple' }));
    const original = await s.api
      .post(`/api/v1/visits/${s.visitId}/submission`)
      .set(s.committee.headers)
      .send({ idempotencyKey: 'k-corr-0001', present: ['Familia Choque'], answers })
      .expect(201);
    const fixed = answers.map((a) => ({
      ...a,
      value: 'cumple',
      ...(a.criterionCode === 'P1.01' ? { notes: 'Recibos de pago revisados: el precio sí cubre costos' } : {}),
    }));
    const body = {
      idempotencyKey: 'k-corr-0002',
      present: ['Familia Choque'],
      answers: fixed,
      reason: 'Se anotó «no cumple» por error en P1.01; los recibos lo desmienten',
    };
    const correction = await s.api.post(`/api/v1/visits/${s.visitId}/corrections`).set(s.committee.headers).send(body).expect(201);
    expect(correction.body).toMatchObject({
      correctsVisitId: s.visitId,
      status: 'submitted',
      correctionReason: body.reason,
      criteriaHash: s.dossier.criteriaHash,
    });
    expect((await s.api.post(`/api/v1/visits/${s.visitId}/corrections`).set(s.committee.headers).send(body).expect(200)).body.id).toBe(
      correction.body.id,
    );

    const before = await s.api.get(`/api/v1/visits/${s.visitId}`).set(s.committee.headers).expect(200);
    expect(before.body.answers).toEqual(original.body.answers);
    expect(before.body.correctedByVisitId).toBe(correction.body.id);
    const dossier = await s.api.get(`/api/v1/dossiers/${s.dossier.id}`).set(s.committee.headers).expect(200);
    expect(dossier.body.nonConformities).toEqual([]);
    expect(dossier.body.visits).toHaveLength(2);

    const twice = await s.api
      .post(`/api/v1/visits/${s.visitId}/corrections`)
      .set(s.committee.headers)
      .send({ ...body, idempotencyKey: 'k-corr-0003' })
      .expect(409);
    expect(twice.body.code).toBe('VISIT_ALREADY_CORRECTED');
    await s.api
      .post(`/api/v1/dossiers/${s.dossier.id}/recommendation`)
      .set(s.committee.headers)
      .send({ outcome: 'approve', rationale: 'Visita corregida, todo conforme' })
      .expect(200);
    const late = await s.api
      .post(`/api/v1/visits/${correction.body.id}/corrections`)
      .set(s.committee.headers)
      .send({ ...body, idempotencyKey: 'k-corr-0004' })
      .expect(409);
    expect(late.body).toMatchObject({ code: 'DOSSIER_STATE', message: expect.stringContaining('«revisado por el comité»') });
  });

  it('gives the producer and the committee the visit report as a Spanish PDF', async () => {
    const s = await planned();
    const answers = s.codes.map((c) => ({
      criterionCode: c,
      value: c === 'P8.07' ? 'parcial' : 'cumple',
      ...(c === 'P8.07' ? { notes: 'Compostera a medio construir' } : {}),
    }));
    await s.api
      .post(`/api/v1/visits/${s.visitId}/submission`)
      .set(s.committee.headers)
      .send({ idempotencyKey: 'k-report-01', present: ['Familia Choque', 'Rosa Mamani'], answers, observations: 'Visita con lluvia' })
      .expect(201);
    const producerUser = await seedUser(s.app, { role: 'producer', organizationId: s.org, producerId: s.visited });
    const res = await s.api.get(`/api/v1/visits/${s.visitId}/report.pdf`).set(producerUser.headers).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = (await pdfFlatText(res.body as Buffer)).join('\n');
    for (const expected of [
      'Familia Choque Quispe',
      'Rosa Mamani',
      'Ing. Luis Flores',
      'Compostera a medio construir',
      'Visita con lluvia',
      s.dossier.criteriaHash.slice(0, 20),
    ])
      expect(text).toContain(expected);
    const outsider = await seedUser(s.app, { role: 'committee', organizationId: seedOrganization(s.app) });
    await s.api.get(`/api/v1/visits/${s.visitId}/report.pdf`).set(outsider.headers).expect(403);
  });

  it('records the day the visit took place: given, checked against today in Bolivia, or the day of sending', async () => {
    // 00:30 on 21 May in UTC is still 20 May in Bolivia.
    const s = await planned({ now: () => new Date('2026-05-21T00:30:00Z') });
    const answers = s.codes.map((c) => ({ criterionCode: c, value: 'cumple' }));
    const body = { idempotencyKey: 'k-visited-01', present: ['Familia Choque'], answers };
    const send = (extra: object) =>
      s.api
        .post(`/api/v1/visits/${s.visitId}/submission`)
        .set(s.committee.headers)
        .send({ ...body, ...extra });
    const auditBefore = countRows(s.app, 'audit_log');

    const future = await send({ visitedOn: '2026-05-21' }).expect(400);
    expect(future.body).toMatchObject({ code: 'VISITED_ON_OUT_OF_RANGE', issues: [{ path: 'body.visitedOn' }] });
    expect(future.body.message).toContain('posterior a hoy (2026-05-20)');
    const old = await send({ visitedOn: '2025-05-19' }).expect(400);
    expect(old.body).toMatchObject({ code: 'VISITED_ON_OUT_OF_RANGE', issues: [{ path: 'body.visitedOn' }] });
    const malformed = await send({ visitedOn: '14/05/2026' }).expect(400);
    expect(malformed.body.issues).toEqual([expect.objectContaining({ path: 'body.visitedOn' })]);
    expect(countRows(s.app, 'answers')).toBe(0);
    expect(countRows(s.app, 'audit_log')).toBe(auditBefore);

    const first = await send({ visitedOn: '2026-05-12' }).expect(201);
    expect(first.body.visitedOn).toBe('2026-05-12');
    const replay = await send({ visitedOn: '2026-05-12' }).expect(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    // The day is part of the submission: the same key with another day is another submission.
    expect((await send({ visitedOn: '2026-05-13' }).expect(409)).body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await send({}).expect(409)).body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const history = await s.api
      .get(`/api/v1/audit/visit/${s.visitId}`)
      .set((await seedUser(s.app, { role: 'commission' })).headers)
      .expect(200);
    expect(history.body.entries.at(-1).change).toMatchObject({ visitedOn: '2026-05-12' });

    // Absent: the day it was sent, in Bolivia; a correction keeps the corrected visit's day unless it says otherwise.
    const t = await planned({ now: () => new Date('2026-05-21T00:30:00Z') });
    const defaulted = await t.api
      .post(`/api/v1/visits/${t.visitId}/submission`)
      .set(t.committee.headers)
      .send({ idempotencyKey: 'k-visited-02', present: ['Familia Choque'], answers })
      .expect(201);
    expect(defaulted.body.visitedOn).toBe('2026-05-20');
    const again = await t.api
      .post(`/api/v1/visits/${t.visitId}/submission`)
      .set(t.committee.headers)
      .send({ idempotencyKey: 'k-visited-02', present: ['Familia Choque'], answers })
      .expect(200);
    expect(again.body.visitedOn).toBe('2026-05-20');
    const corrected = await t.api
      .post(`/api/v1/visits/${t.visitId}/corrections`)
      .set(t.committee.headers)
      .send({ idempotencyKey: 'k-visited-03', present: ['Familia Choque'], answers, reason: 'Faltaba anotar a una persona presente' })
      .expect(201);
    expect(corrected.body.visitedOn).toBe('2026-05-20');
  });

  it('prints the visit day, the levels, the corrective actions and the photos in the report', async () => {
    const s = await planned({ now: () => new Date('2026-05-20T15:00:00Z') });
    const answers = s.codes.map((c) => ({ criterionCode: c, value: c === 'P1.01' ? 'no_cumple' : 'cumple' }));
    const canvas = createCanvas(160, 120);
    const context = canvas.getContext('2d');
    context.fillStyle = '#3b7d4a';
    context.fillRect(0, 0, 160, 120);
    const jpeg = canvas.encodeSync('jpeg', 80);
    await s.api
      .post(`/api/v1/dossiers/${s.dossier.id}/evidence?visitId=${s.visitId}&criterionCode=P1.01`)
      .set(s.committee.headers)
      .set('content-type', 'image/jpeg')
      .send(jpeg)
      .expect(201);
    await s.api
      .post(`/api/v1/visits/${s.visitId}/submission`)
      .set(s.committee.headers)
      .send({ idempotencyKey: 'k-report-02', present: ['Familia Choque'], answers, visitedOn: '2026-05-12' })
      .expect(201);
    const nc = (await s.api.get(`/api/v1/dossiers/${s.dossier.id}`).set(s.committee.headers)).body.nonConformities[0] as { id: string };
    await s.api
      .post(`/api/v1/non-conformities/${nc.id}/corrective-actions`)
      .set(s.committee.headers)
      .send({ description: 'Recalcular costos y acordar precio en asamblea', responsiblePersonId: s.producerA, deadline: '2026-07-31' })
      .expect(201);

    const res = await s.api.get(`/api/v1/visits/${s.visitId}/report.pdf`).set(s.committee.headers).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-disposition']).toContain('2026-05-12');
    const text = (await pdfFlatText(res.body as Buffer)).join('\n');
    for (const expected of [
      'Fecha de la visita 12 de mayo de 2026 (2026-05-12) Registrada en Sello 20 de mayo de 2026 (2026-05-20)',
      'No cumple Mayor',
      'P1.01 Mayor Recalcular costos y acordar precio en asamblea Rosa Mamani 31/07/2026 Pendiente',
      'Foto 1 · JPEG',
    ])
      expect(text).toContain(expected);
    expect((await pdfImageCounts(res.body as Buffer)).reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('keeps other organisations out of the dossier', async () => {
    const s = await planned();
    const outsider = await seedUser(s.app, { role: 'committee', organizationId: seedOrganization(s.app) });
    await s.api.get(`/api/v1/dossiers/${s.dossier.id}`).set(outsider.headers).expect(403);
    await s.api
      .post(`/api/v1/dossiers/${s.dossier.id}/visits`)
      .set(outsider.headers)
      .send({ plannedOn: '2026-05-12', team: validTeam(s) })
      .expect(403);
    await s.api.get(`/api/v1/dossiers/${s.dossier.id}`).expect(401);
  });
});

describe('corrective actions', () => {
  it('takes a responsible person and a deadline within the level’s limit, and closes with a record where the committee may close it', async () => {
    const s = await setting();
    const dossier = await s.open(s.visited);
    const visit = await s.api
      .post(`/api/v1/dossiers/${dossier.id}/visits`)
      .set(s.committee.headers)
      .send({ plannedOn: '2026-05-12', team: validTeam(s) })
      .expect(201);
    const answers = dossier.applicableCriteria.map((c) => ({
      criterionCode: c.code,
      value: ['P1.01', 'P1.02'].includes(c.code) ? 'no_cumple' : 'cumple',
    }));
    await s.api
      .post(`/api/v1/visits/${visit.body.id}/submission`)
      .set(s.committee.headers)
      .send({ idempotencyKey: 'k-ca-0001', present: ['Familia Choque'], answers })
      .expect(201);
    const ncs = (await s.api.get(`/api/v1/dossiers/${dossier.id}`).set(s.committee.headers)).body.nonConformities as {
      id: string;
      criterionCode: string;
      correctiveActionMaxDays: number;
    }[];
    const nc = ncs.find((n) => n.criterionCode === 'P1.01')!;
    const minor = ncs.find((n) => n.criterionCode === 'P1.02')!;
    expect(nc.correctiveActionMaxDays).toBe(90);

    const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    const body = { description: 'Recalcular costos y acordar precio en asamblea', responsiblePersonId: s.producerA };
    const tooLong = await s.api
      .post(`/api/v1/non-conformities/${nc.id}/corrective-actions`)
      .set(s.committee.headers)
      .send({ ...body, deadline: inDays(120) })
      .expect(400);
    expect(tooLong.body).toMatchObject({ code: 'DEADLINE_TOO_LONG', issues: [{ path: 'body.deadline' }] });
    expect(countRows(s.app, 'corrective_actions')).toBe(0);

    const created = await s.api
      .post(`/api/v1/non-conformities/${nc.id}/corrective-actions`)
      .set(s.committee.headers)
      .send({ ...body, deadline: inDays(60) })
      .expect(201);
    expect(created.body).toMatchObject({ closedAt: null, deadline: inDays(60) });
    // A major finding under 2026.4 is closed only by a follow-up verification, not by the committee.
    const major = await s.api
      .post(`/api/v1/corrective-actions/${created.body.id}/closure`)
      .set(s.committee.headers)
      .send({ notes: 'Asamblea del 3 de julio aprobó el nuevo precio' })
      .expect(422);
    expect(major.body.code).toBe('FOLLOW_UP_REQUIRED');
    const contracts = await s.api
      .post(`/api/v1/non-conformities/${minor.id}/corrective-actions`)
      .set(s.committee.headers)
      .send({ description: 'Firmar contratos escritos con los compradores', responsiblePersonId: s.producerA, deadline: inDays(120) })
      .expect(201);
    const closed = await s.api
      .post(`/api/v1/corrective-actions/${contracts.body.id}/closure`)
      .set(s.committee.headers)
      .send({ notes: 'Contratos firmados con dos compradores' })
      .expect(200);
    expect(closed.body).toMatchObject({ closedAt: expect.any(String), closedBy: 'committee' });
    await s.api
      .post(`/api/v1/corrective-actions/${contracts.body.id}/closure`)
      .set(s.committee.headers)
      .send({ notes: 'otra vez cerrada' })
      .expect(409);
    const list = await s.api.get(`/api/v1/non-conformities/${nc.id}/corrective-actions`).set(s.committee.headers).expect(200);
    expect(list.body).toHaveLength(1);
  });
});

describe('evidence', () => {
  // A 1×1 PNG.
  const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

  it('stores a photo by its SHA-256, serves it to the dossier’s readers only, and refuses what is not an image', async () => {
    const s = await setting();
    const dossier = await s.open(s.visited);
    const up = await s.api
      .post(`/api/v1/dossiers/${dossier.id}/evidence?criterionCode=P8.07`)
      .set(s.committee.headers)
      .set('content-type', 'image/png')
      .send(PNG)
      .expect(201);
    expect(up.body).toMatchObject({ mediaType: 'image/png', size: PNG.length, criterionCode: 'P8.07' });
    expect(up.body.sha256).toBe(createHash('sha256').update(PNG).digest('hex'));

    const down = await s.api.get(`/api/v1/evidence/${up.body.id}`).set(s.committee.headers).buffer(true).parse(binary).expect(200);
    expect(down.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(down.body as Buffer, PNG)).toBe(0);

    const outsider = await seedUser(s.app, { role: 'committee', organizationId: seedOrganization(s.app) });
    await s.api.get(`/api/v1/evidence/${up.body.id}`).set(outsider.headers).expect(403);
    await s.api.get(`/api/v1/evidence/${up.body.id}`).expect(401);

    const before = countRows(s.app, 'evidence_files');
    const fake = await s.api
      .post(`/api/v1/dossiers/${dossier.id}/evidence`)
      .set(s.committee.headers)
      .set('content-type', 'image/jpeg')
      .send(Buffer.from('no soy una foto'))
      .expect(400);
    expect(fake.body.code).toBe('UNSUPPORTED_FILE_TYPE');
    await s.api
      .post(`/api/v1/dossiers/${dossier.id}/evidence`)
      .set(s.committee.headers)
      .set('content-type', 'image/png')
      .send(Buffer.alloc(9 * 1024 * 1024))
      .expect(413);
    await s.api
      .post(`/api/v1/dossiers/${dossier.id}/evidence`)
      .set(s.committee.headers)
      .set('content-type', 'text/plain')
      .send('hola')
      .expect(415);
    expect(countRows(s.app, 'evidence_files')).toBe(before);
  });
});
