/**
 * One certification cycle carried to an issued certificate and a filed appeal, with an
 * account for every role, so that the access matrix can call every authenticated route
 * on real records of the committee's organisation.
 */
import type { FastifyInstance } from 'fastify';
import request from 'supertest';
import { seedOrganization, seedUser, type TestUser } from './auth.js';
import { seedComplaint } from './complaints.js';

/** A 1×1 PNG, as the complaint's photo. */
const ONE_PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
import { cycleToCommission } from './cycle.js';

/** The accounts that call each route: the five roles on the cycle's organisation, and a committee of another one. */
export const ACTORS = ['outsider', 'producer', 'reviewer', 'committee', 'commission', 'admin'] as const;
export type ActorName = (typeof ACTORS)[number];

// A 1×1 PNG.
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

export type RouteWorld = {
  app: FastifyInstance;
  actors: Record<ActorName, TestUser>;
  organizationId: string;
  producerId: string;
  personId: string;
  committeeId: string;
  dossierId: string;
  visitId: string;
  nonConformityId: string;
  correctiveActionId: string;
  evidenceId: string;
  sessionId: string;
  decisionId: string;
  certificateId: string;
  appealId: string;
  /** An API token of the committee account, for the revocation route. */
  tokenId: string;
  /** The commission members present at the session (enough for its quorum). */
  memberIds: string[];
  /** A complaint filed about the certificate, and one nobody took up yet (so ordering a visit stops at its state). */
  complaintId: string;
  receivedComplaintId: string;
};

export async function routeWorld(): Promise<RouteWorld> {
  const c = await cycleToCommission({ answers: { 'P1.01': 'no_cumple' } });
  const api = request(c.app.server);
  const admin = await seedUser(c.app, { role: 'admin' });
  const actors: Record<ActorName, TestUser> = {
    admin,
    commission: c.members[0]!,
    committee: c.committee,
    reviewer: await seedUser(c.app, { role: 'reviewer', organizationId: c.org, personId: c.reviewer }),
    producer: await seedUser(c.app, { role: 'producer', organizationId: c.org, producerId: c.producer }),
    outsider: await seedUser(c.app, { role: 'committee', organizationId: seedOrganization(c.app) }),
  };
  const committee = await api
    .post(`/api/v1/organizations/${c.org}/committees`)
    .set(admin.headers)
    .send({ name: 'Comité de Caranavi' })
    .expect(201);
  const deadline = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const [nc] = await c.nonConformities();
  const action = await c.agreeAction('Recalcular costos y acordar precio en asamblea', deadline);
  const evidence = await api
    .post(`/api/v1/dossiers/${c.dossier.id}/evidence`)
    .set(c.committee.headers)
    .set('content-type', 'image/png')
    .send(PNG)
    .expect(201);
  await c.toCommission('approve_with_conditions');
  const session = await c.openSession();
  const decision = await c
    .decide(session.id, { proposedOutcome: 'approved_with_conditions', sealLevel: 'transicion' }, c.members)
    .expect(201);
  const appeal = await api
    .post('/api/v1/appeals')
    .set(c.committee.headers)
    .send({ decisionId: decision.body.id, reason: 'La visita no consideró la hoja de costos presentada' })
    .expect(201);
  const token = await api.post('/api/v1/auth/tokens').set(c.committee.headers).send({ name: 'para revocar' }).expect(201);
  return {
    app: c.app,
    actors,
    organizationId: c.org,
    producerId: c.producer,
    personId: c.reviewer,
    committeeId: committee.body.id,
    dossierId: c.dossier.id,
    visitId: c.visitId,
    nonConformityId: nc!.id,
    correctiveActionId: action.id,
    evidenceId: evidence.body.id,
    sessionId: session.id,
    decisionId: decision.body.id,
    certificateId: decision.body.certificateId,
    appealId: appeal.body.id,
    tokenId: token.body.id,
    memberIds: c.members.map((m) => m.user.id),
    complaintId: seedComplaint(c.app, {
      what: 'Usan el sello en café de otra zona',
      photo: { body: Buffer.from(ONE_PIXEL_PNG, 'base64'), type: 'image/png', dataDir: c.dataDir },
    }).id,
    receivedComplaintId: seedComplaint(c.app, { what: 'Sello en miel que no es de la cooperativa' }).id,
  };
}
