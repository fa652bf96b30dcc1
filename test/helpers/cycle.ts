/**
 * A certification cycle driven through the real API up to the commission:
 * organisation, producer, reviewers, a submitted peer visit with chosen
 * answers, the committee's recommendation, and commission members.
 */
import type { FastifyInstance } from 'fastify';
import request from 'supertest';
import type { Config } from '../../src/config.js';
import { buildTestApp, tempDir } from './app.js';
import { seedOrganization, seedUser, type TestUser } from './auth.js';
import { seedPerson, seedProducer } from './registry.js';

/** A 1×1 PNG, as the photo that shows a corrective action done. */
const CLOSING_PHOTO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

export type CycleOptions = {
  /** Answers other than «cumple», by criterion code. */
  answers?: Record<string, 'parcial' | 'no_cumple' | 'no_aplica'>;
  /** How many commission members to create (the scheme's quorum is 3). */
  members?: number;
  /** Fixed clock for the app. */
  now?: () => Date;
  /** Settings other than the test defaults (e.g. the public base URL). */
  config?: Partial<Config>;
};

export async function cycleToCommission(options: CycleOptions = {}) {
  const dataDir = tempDir('sello-cycle-');
  const app: FastifyInstance = await buildTestApp({ ...options.config, dataDir }, options.now ? { now: options.now } : {});
  const api = request(app.server);
  const org = seedOrganization(app, 'Cooperativa Agropecuaria Señor de Mayo');
  const committee = await seedUser(app, { role: 'committee', organizationId: org });
  const producer = seedProducer(app, org, {
    name: 'Familia Choque Quispe',
    household: 'Familia Choque',
    sectors: ['agricola'],
    products: ['café pergamino', 'miel'],
    department: 'la-paz',
    municipality: 'Caranavi',
  });
  const reviewerUnit = seedProducer(app, org, { household: 'Familia Mamani' });
  const reviewer = seedPerson(app, org, { fullName: 'Rosa Mamani', producerId: reviewerUnit, household: 'Familia Mamani' });
  const technician = seedPerson(app, seedOrganization(app), { fullName: 'Ing. Luis Flores', roles: ['technician'] });

  const dossier = (await api.post('/api/v1/dossiers').set(committee.headers).send({ producerId: producer, cycle: 2026 }).expect(201))
    .body as {
    id: string;
    applicableCriteria: { code: string }[];
  };
  const visit = await api
    .post(`/api/v1/dossiers/${dossier.id}/visits`)
    .set(committee.headers)
    .send({
      plannedOn: '2026-05-12',
      team: [
        { personId: reviewer, kind: 'producer' },
        { personId: technician, kind: 'technician' },
      ],
    })
    .expect(201);
  const answers = dossier.applicableCriteria.map((c) => ({ criterionCode: c.code, value: options.answers?.[c.code] ?? 'cumple' }));
  await api
    .post(`/api/v1/visits/${visit.body.id}/submission`)
    .set(committee.headers)
    .send({ idempotencyKey: `visita-${dossier.id}`, present: ['Familia Choque'], answers })
    .expect(201);

  const members: TestUser[] = [];
  for (let i = 0; i < (options.members ?? 4); i++) {
    const person = seedPerson(app, seedOrganization(app), { fullName: `Comisionada ${i + 1}`, roles: ['commission_member'] });
    members.push(await seedUser(app, { role: 'commission', personId: person, displayName: `Comisionada ${i + 1}` }));
  }

  const toCommission = async (outcome: 'approve' | 'approve_with_conditions' | 'deny' = 'approve') => {
    await api
      .post(`/api/v1/dossiers/${dossier.id}/recommendation`)
      .set(committee.headers)
      .send({ outcome, rationale: 'Recomendación del comité tras la visita' })
      .expect(200);
    await api.post(`/api/v1/dossiers/${dossier.id}/events`).set(committee.headers).send({ event: 'send_to_commission' }).expect(200);
  };

  const nonConformities = async () =>
    (await api.get(`/api/v1/dossiers/${dossier.id}`).set(committee.headers).expect(200)).body.nonConformities as {
      id: string;
      criterionCode: string;
      level: string;
    }[];

  /** The committee agrees a corrective action, by the visit's reviewer, for the first non-conformity. */
  const agreeAction = async (description: string, deadline: string) => {
    const [nc] = await nonConformities();
    return (
      await api
        .post(`/api/v1/non-conformities/${nc!.id}/corrective-actions`)
        .set(committee.headers)
        .send({ description, responsiblePersonId: reviewer, deadline })
        .expect(201)
    ).body as { id: string; deadline: string };
  };

  /**
   * Closes a corrective action of a major finding the honest way under criteria 2026.4: the committee uploads
   * the evidence and the commission reviews it (the committee alone may not close it).
   */
  const closeByCommissionReview = async (actionId: string, notes: string) => {
    const evidence = await api
      .post(`/api/v1/dossiers/${dossier.id}/evidence`)
      .set(committee.headers)
      .set('content-type', 'image/png')
      .send(CLOSING_PHOTO)
      .expect(201);
    return api
      .post(`/api/v1/corrective-actions/${actionId}/commission-review`)
      .set(members[0]!.headers)
      .send({ evidenceIds: [evidence.body.id], notes })
      .expect(200);
  };

  const openSession = async (present: TestUser[] = members, heldOn = '2026-06-10') =>
    (
      await api
        .post('/api/v1/commission/sessions')
        .set(members[0]!.headers)
        .send({ heldOn, place: 'Sede de la Plataforma, La Paz', startsAt: '09:00', presentUserIds: present.map((m) => m.user.id) })
        .expect(201)
    ).body as { id: string };

  /** Every listed member votes `vote` on a proposal in the session. */
  const decide = (sessionId: string, body: Record<string, unknown>, voters: TestUser[], vote: 'for' | 'against' | 'abstain' = 'for') =>
    api
      .post(`/api/v1/commission/sessions/${sessionId}/decisions`)
      .set(members[0]!.headers)
      .send({
        dossierId: dossier.id,
        rationale: 'Fundamento de la comisión tras revisar el expediente',
        ...body,
        votes: voters.map((m) => ({
          userId: m.user.id,
          vote,
          ...(vote === 'against' ? { rationale: 'Falta revisar la hoja de costos' } : {}),
        })),
      });

  /**
   * Another production unit of the organisation through its own dossier: a visit by the same team with every
   * criterion «cumple», the committee's recommendation to approve, and the dossier sent to the commission.
   */
  const anotherDossierAtCommission = async (producerId: string, present: string, plannedOn: string) => {
    const other = (await api.post('/api/v1/dossiers').set(committee.headers).send({ producerId, cycle: 2026 }).expect(201)).body as {
      id: string;
      applicableCriteria: { code: string }[];
    };
    const otherVisit = await api
      .post(`/api/v1/dossiers/${other.id}/visits`)
      .set(committee.headers)
      .send({
        plannedOn,
        team: [
          { personId: reviewer, kind: 'producer' },
          { personId: technician, kind: 'technician' },
        ],
      })
      .expect(201);
    await api
      .post(`/api/v1/visits/${otherVisit.body.id as string}/submission`)
      .set(committee.headers)
      .send({
        idempotencyKey: `visita-${other.id}`,
        present: [present],
        answers: other.applicableCriteria.map((a) => ({ criterionCode: a.code, value: 'cumple' })),
      })
      .expect(201);
    await api
      .post(`/api/v1/dossiers/${other.id}/recommendation`)
      .set(committee.headers)
      .send({ outcome: 'approve', rationale: 'Recomendación del comité tras la visita' })
      .expect(200);
    await api.post(`/api/v1/dossiers/${other.id}/events`).set(committee.headers).send({ event: 'send_to_commission' }).expect(200);
    return other.id;
  };

  /** Sends the dossier to the commission, which approves it at level pleno in a new session: the certificate issued. */
  const approve = async () => {
    await toCommission();
    const session = await openSession();
    const decision = await decide(session.id, { proposedOutcome: 'approved', sealLevel: 'pleno' }, members).expect(201);
    const certificate = (
      await api
        .get(`/api/v1/certificates/${decision.body.certificateId as string}`)
        .set(committee.headers)
        .expect(200)
    ).body as { id: string; code: string; verificationUrl: string };
    return { session, certificate };
  };

  return {
    app,
    dataDir,
    api,
    org,
    committee,
    producer,
    reviewer,
    technician,
    dossier,
    visitId: visit.body.id as string,
    members,
    toCommission,
    nonConformities,
    agreeAction,
    closeByCommissionReview,
    openSession,
    decide,
    approve,
    anotherDossierAtCommission,
  };
}
