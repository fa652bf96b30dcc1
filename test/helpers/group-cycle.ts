/**
 * A group certification cycle driven through the real API: an organisation with `members` units, its own
 * dossier and one member dossier per unit, one visit each (every applicable criterion answered «cumple»),
 * the committee's review, and a commission session that approves the members and then the organisation,
 * which issues the group certificate with them.
 */
import type { FastifyInstance } from 'fastify';
import request from 'supertest';
import { seedOrganization, seedUser, type TestUser } from './auth.js';
import { seedPerson, seedProducer } from './registry.js';

export type GroupCycleOptions = {
  /** How many member units the organisation has, each with its own dossier approved in the session. */
  members: number;
  /** The organisation's name. */
  name?: string;
  /** Products of each member unit, by position (default: «café» and, for every other unit, «miel»). */
  products?: (i: number) => string[];
  /** The cycle, as its year; default 2026. */
  cycle?: number;
  /** The name of the organisation whose member visits this one (several groups in one app need their own). */
  peerOrganization?: string;
};

type Dossier = { id: string; applicableCriteria: { code: string }[] };
type Decision = { id: string; outcome: string; certificateId: string | null };

/** The organisation's dossier and its members' at the commission, nothing decided yet. */
export async function groupAtCommission(app: FastifyInstance, options: GroupCycleOptions) {
  const api = request(app.server);
  const cycle = options.cycle ?? 2026;
  const org = seedOrganization(app, options.name ?? 'Asociación de Productores Ecológicos Alto Beni');
  const committee = await seedUser(app, { role: 'committee', organizationId: org });
  // Peers: a unit of the organisation that is not a member of this cycle visits the members; people from
  // outside visit the organisation itself; a technician goes with each team.
  const reviewerUnit = seedProducer(app, org, { name: 'Familia Revisora', household: 'Familia Revisora' });
  const reviewer = seedPerson(app, org, { fullName: 'Rosa Mamani', producerId: reviewerUnit, household: 'Familia Revisora' });
  const otherOrg = seedOrganization(app, options.peerOrganization ?? 'Cooperativa Integral Sapecho');
  const outsider = seedPerson(app, otherOrg, { fullName: 'Pedro Condori', producerId: seedProducer(app, otherOrg) });
  const technician = seedPerson(app, seedOrganization(app), { fullName: 'Ing. Ana Flores', roles: ['technician'] });

  const commission: TestUser[] = [];
  for (let i = 0; i < 4; i++) {
    const person = seedPerson(app, seedOrganization(app), { fullName: `Comisionada ${i + 1}`, roles: ['commission_member'] });
    commission.push(await seedUser(app, { role: 'commission', personId: person, displayName: `Comisionada ${i + 1}` }));
  }
  const chair = commission[0]!;

  const products = options.products ?? ((i: number) => (i % 2 === 0 ? ['café'] : ['café', 'miel']));
  let unitCount = 0;
  const newUnit = () => {
    const i = unitCount++;
    return seedProducer(app, org, {
      name: `Familia Socia ${String(i + 1).padStart(2, '0')}`,
      household: `Familia Socia ${i + 1}`,
      products: products(i),
      community: `Comunidad ${i + 1}`,
    });
  };

  const open = async (body: object) =>
    (
      await api
        .post('/api/v1/dossiers')
        .set(committee.headers)
        .send({ cycle, ...body })
        .expect(201)
    ).body as Dossier;

  /** One visit that answers every applicable criterion «cumple», the committee's recommendation, and the dossier sent on. */
  const toCommission = async (dossier: Dossier, team: { personId: string; kind: string }[]) => {
    const visit = await api
      .post(`/api/v1/dossiers/${dossier.id}/visits`)
      .set(committee.headers)
      .send({ plannedOn: `${cycle}-05-12`, team })
      .expect(201);
    await api
      .post(`/api/v1/visits/${visit.body.id}/submission`)
      .set(committee.headers)
      .send({
        idempotencyKey: `visita-${dossier.id}`,
        present: ['Presentes en la visita'],
        answers: dossier.applicableCriteria.map((c) => ({ criterionCode: c.code, value: 'cumple' })),
      })
      .expect(201);
    await api
      .post(`/api/v1/dossiers/${dossier.id}/recommendation`)
      .set(committee.headers)
      .send({ outcome: 'approve', rationale: 'Recomendación del comité tras la visita' })
      .expect(200);
    await api.post(`/api/v1/dossiers/${dossier.id}/events`).set(committee.headers).send({ event: 'send_to_commission' }).expect(200);
  };
  const memberTeam = [
    { personId: reviewer, kind: 'producer' },
    { personId: technician, kind: 'technician' },
  ];
  const organizationTeam = [
    { personId: outsider, kind: 'producer' },
    { personId: technician, kind: 'technician' },
  ];

  const openSession = async (heldOn = `${cycle}-06-10`) =>
    (
      await api
        .post('/api/v1/commission/sessions')
        .set(chair.headers)
        .send({ heldOn, place: 'Sede de la Plataforma, La Paz', startsAt: '09:00', presentUserIds: commission.map((m) => m.user.id) })
        .expect(201)
    ).body as { id: string };

  /** Every commission member votes for the proposal: the raw response, to check refusals too. */
  const decide = (sessionId: string, dossierId: string, body: Record<string, unknown> = {}) =>
    api
      .post(`/api/v1/commission/sessions/${sessionId}/decisions`)
      .set(chair.headers)
      .send({
        dossierId,
        proposedOutcome: 'approved',
        sealLevel: 'pleno',
        rationale: 'Fundamento de la comisión tras revisar el expediente',
        ...body,
        votes: commission.map((m) => ({ userId: m.user.id, vote: 'for' })),
      });
  const approve = async (sessionId: string, dossierId: string) => (await decide(sessionId, dossierId).expect(201)).body as Decision;

  /** A new member unit with its dossier at the commission (opened in the organisation's cycle). */
  const memberAtCommission = async () => {
    const producerId = newUnit();
    const dossier = await open({ scope: 'member', producerId });
    await toCommission(dossier, memberTeam);
    return { producerId, dossier };
  };

  // The organisation's file first (a member's needs it), then the members'; their visits one after another
  // (each request is a short immediate transaction, so running them at once gains little on SQLite).
  const organizationDossier = await open({ scope: 'organization', organizationId: org });
  const members: { producerId: string; dossier: Dossier }[] = [];
  for (let i = 0; i < options.members; i++) members.push(await memberAtCommission());
  await toCommission(organizationDossier, organizationTeam);

  return {
    memberIds: members.map((m) => m.producerId),
    memberDossierIds: members.map((m) => m.dossier.id),
    organizationDossierId: organizationDossier.id,
    org,
    committee,
    commission,
    chair,
    api,
    memberTeam,
    open,
    toCommission,
    memberAtCommission,
    openSession,
    decide,
    approve,
  };
}

/**
 * The whole cycle: the members and then the organisation approved in one session, which issues the group
 * certificate with every member. Returns the certificate, the member units and the means to go on.
 */
export async function groupCertificate(app: FastifyInstance, options: GroupCycleOptions) {
  const g = await groupAtCommission(app, options);
  const session = await g.openSession();
  const memberDecisions: Decision[] = [];
  for (const dossierId of g.memberDossierIds) memberDecisions.push(await g.approve(session.id, dossierId));
  const organizationDecision = await g.approve(session.id, g.organizationDossierId);
  const certificate = (await g.api.get(`/api/v1/certificates/${organizationDecision.certificateId!}`).set(g.chair.headers).expect(200))
    .body as { id: string; code: string; verificationUrl: string };
  return {
    ...g,
    certificate: { id: certificate.id, code: certificate.code, verificationUrl: certificate.verificationUrl },
    session,
    memberDecisions,
    organizationDecision,
  };
}
export type GroupCycle = Awaited<ReturnType<typeof groupCertificate>>;
