/**
 * Dossiers waiting for the commission for every reason, driven through the real API on a clock
 * that moves one second per reading (so that "oldest waiting first" has one answer):
 *
 * - Familia Choque Quispe (La Paz, cycle 2026): first decision; a non-conformity of each level
 *   (the minor one closed by a corrective action with a photo, the major one with an action
 *   agreed), a self-assessment that disagrees with the visit on all four, a photo; its cycle 2025
 *   was approved with a certificate.
 * - Taller Flores Condori (La Paz): deferred by the commission.
 * - Familia Apaza (La Paz): denied, then back by an upheld appeal (reopened).
 * - Artesanías Tinku (Potosí, another organisation): first decision.
 * - Familia Rojas (Cochabamba, the first organisation): first decision.
 * - Unidad Mamani: its visit is recorded but the committee has not sent it: not in the queue.
 */
import type request from 'supertest';
import { PNG } from './access-world.js';
import { seedOrganization, seedUser, type TestUser } from './auth.js';
import { cycleToCommission } from './cycle.js';
import { seedProducer } from './registry.js';

/** The answers of the first dossier's visit: one non-conformity of each level. */
export const CHOQUE_ANSWERS = { 'P5.01': 'no_cumple', 'P1.01': 'parcial', 'P1.02': 'no_cumple', 'P1.04': 'no_cumple' } as const;

type Api = ReturnType<typeof request>;

/** Opens a dossier for the producer and carries it through visit and recommendation; sends it unless told not to. */
async function dossierToCommission(
  api: Api,
  committee: TestUser,
  team: { reviewer: string; technician: string },
  producerId: string,
  { cycle = 2026, send = true, outcome = 'approve' }: { cycle?: number; send?: boolean; outcome?: string } = {},
): Promise<string> {
  const dossier = await api.post('/api/v1/dossiers').set(committee.headers).send({ producerId, cycle }).expect(201);
  const id = dossier.body.id as string;
  const visit = await api
    .post(`/api/v1/dossiers/${id}/visits`)
    .set(committee.headers)
    .send({
      plannedOn: '2026-05-20',
      team: [
        { personId: team.reviewer, kind: 'producer' },
        { personId: team.technician, kind: 'technician' },
      ],
    })
    .expect(201);
  const answers = (dossier.body.applicableCriteria as { code: string }[]).map((c) => ({ criterionCode: c.code, value: 'cumple' }));
  await api
    .post(`/api/v1/visits/${visit.body.id}/submission`)
    .set(committee.headers)
    .send({ idempotencyKey: `visita-${id}`, present: ['La familia'], answers })
    .expect(201);
  if (send) {
    await api
      .post(`/api/v1/dossiers/${id}/recommendation`)
      .set(committee.headers)
      .send({ outcome, rationale: 'Recomendación del comité tras la visita' })
      .expect(200);
    await api.post(`/api/v1/dossiers/${id}/events`).set(committee.headers).send({ event: 'send_to_commission' }).expect(200);
  }
  return id;
}

/**
 * `startAt`: where the clock starts (by default 2 November 2026, 09:00 in Bolivia). A browser keeps
 * the session cookie only until the app's clock says it expires, so browser tests start near now.
 */
export async function queueWorld({ startAt = Date.parse('2026-11-02T13:00:00Z') }: { startAt?: number } = {}) {
  let clock = startAt;
  const c = await cycleToCommission({ answers: CHOQUE_ANSWERS, members: 7, now: () => new Date((clock += 1000)) });
  const { api, committee } = c;
  const team = { reviewer: c.reviewer, technician: c.technician };
  const [first, second] = [c.members.slice(0, 3), c.members.slice(3)];

  // The first dossier: the producer's own answers say «cumple» everywhere; a photo of the critical finding.
  const criteria = c.dossier.applicableCriteria.map((cr) => cr.code);
  await api
    .post(`/api/v1/dossiers/${c.dossier.id}/self-assessment`)
    .set(committee.headers)
    .send({
      answers: criteria.map((code) => ({ criterionCode: code, value: 'cumple', notes: code === 'P5.01' ? 'Todo en regla' : undefined })),
    })
    .expect(201);
  await api
    .post(`/api/v1/dossiers/${c.dossier.id}/evidence?visitId=${c.visitId}&criterionCode=P5.01`)
    .set(committee.headers)
    .set('content-type', 'image/png')
    .send(PNG)
    .expect(201);
  // Corrective actions: one agreed for the major finding, one for the minor finding closed with a photo.
  const ncs = await c.nonConformities();
  const ncOf = (code: string) => ncs.find((nc) => nc.criterionCode === code)!.id;
  const inDays = (days: number) => new Date(clock + days * 86_400_000).toISOString().slice(0, 10);
  const agree = (code: string, description: string, days: number) =>
    api
      .post(`/api/v1/non-conformities/${ncOf(code)}/corrective-actions`)
      .set(committee.headers)
      .send({ description, responsiblePersonId: c.reviewer, deadline: inDays(days) })
      .expect(201);
  await agree('P1.01', 'Recalcular los costos y acordar el precio en asamblea', 30);
  const contracts = await agree('P1.02', 'Firmar contratos escritos con los compradores', 60);
  const closingPhoto = await api
    .post(`/api/v1/dossiers/${c.dossier.id}/evidence?criterionCode=P1.02`)
    .set(committee.headers)
    .set('content-type', 'image/png')
    .send(PNG)
    .expect(201);
  await api
    .post(`/api/v1/corrective-actions/${contracts.body.id}/closure`)
    .set(committee.headers)
    .send({ notes: 'Contratos firmados con dos compradores', evidenceId: closingPhoto.body.id })
    .expect(200);
  await c.toCommission('deny');
  const choque = c.dossier.id;

  // Its previous cycle, approved with a certificate.
  const choque2025 = await dossierToCommission(api, committee, team, c.producer, { cycle: 2025 });
  const session = await c.openSession(first, '2026-11-02');
  const decide = (dossierId: string, body: Record<string, unknown>, vote: 'for' | 'against' = 'for') =>
    api
      .post(`/api/v1/commission/sessions/${session.id}/decisions`)
      .set(first[0]!.headers)
      .send({
        dossierId,
        rationale: 'Fundamento de la comisión tras revisar el expediente',
        ...body,
        votes: first.map((m) => ({ userId: m.user.id, vote, ...(vote === 'against' ? { rationale: 'Falta la hoja de costos' } : {}) })),
      })
      .expect(201);
  const approved = await decide(choque2025, { proposedOutcome: 'approved', sealLevel: 'pleno' });

  const flores = await dossierToCommission(
    api,
    committee,
    team,
    seedProducer(c.app, c.org, { name: 'Taller Flores Condori', household: 'Familia Flores' }),
  );
  const apaza = await dossierToCommission(
    api,
    committee,
    team,
    seedProducer(c.app, c.org, { name: 'Familia Apaza', household: 'Familia Apaza' }),
  );
  const orgB = seedOrganization(c.app, 'Asociación de Artesanas Tinku');
  const committeeB = await seedUser(c.app, { role: 'committee', organizationId: orgB });
  const tinku = await dossierToCommission(
    api,
    committeeB,
    team,
    seedProducer(c.app, orgB, {
      name: 'Artesanías Tinku',
      household: 'Familia Tinku',
      sectors: ['artesania'],
      department: 'potosi',
      municipality: 'Potosí',
      community: 'Cantumarca',
    }),
  );
  const rojas = await dossierToCommission(
    api,
    committee,
    team,
    seedProducer(c.app, c.org, { name: 'Familia Rojas', household: 'Familia Rojas', department: 'cochabamba', municipality: 'Sacaba' }),
  );
  const mamani = await dossierToCommission(
    api,
    committee,
    team,
    seedProducer(c.app, c.org, { name: 'Unidad Mamani', household: 'Familia Mamani Apaza' }),
    { send: false },
  );

  // Flores: the proposal does not carry, so the commission defers it.
  await decide(flores, { proposedOutcome: 'approved', sealLevel: 'pleno', rationale: 'Falta la hoja de costos firmada' }, 'against');
  // Apaza: denied, appealed, and the appeal upheld by members who did not decide: back before the commission.
  const denied = await decide(apaza, { proposedOutcome: 'denied' });
  const appeal = await api
    .post('/api/v1/appeals')
    .set(committee.headers)
    .send({ decisionId: denied.body.id, reason: 'La visita no consideró la hoja de costos presentada' })
    .expect(201);
  const later = await c.openSession(second, '2026-11-02');
  await api
    .post(`/api/v1/commission/sessions/${later.id}/appeals/${appeal.body.id}/decision`)
    .set(second[0]!.headers)
    .send({
      proposedOutcome: 'upheld',
      rationale: 'La hoja de costos estaba en el expediente y no se evaluó',
      votes: second.map((m) => ({ userId: m.user.id, vote: 'for' })),
    })
    .expect(200);

  return {
    ...c,
    orgB,
    committeeB,
    certificateId: approved.body.certificateId as string,
    /** The session of the first decisions (members 1 to 3), and the later one that upheld the appeal (members 4 to 7). */
    sessions: { first: { id: session.id, members: first }, later: { id: later.id, members: second } },
    dossiers: { choque, choque2025, flores, apaza, tinku, rojas, mamani },
  };
}
export type QueueWorld = Awaited<ReturnType<typeof queueWorld>>;
