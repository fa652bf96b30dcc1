/**
 * Two certificates of one organisation in one app, both through the real API: the cycle's (Familia Choque
 * Quispe) and a second production unit's, approved in the same commission session; and a revocation.
 */
import { cycleToCommission } from './cycle.js';
import { seedProducer } from './registry.js';

type Certificate = { id: string; code: string; verificationUrl: string };

export async function twoCertificates(options: Parameters<typeof cycleToCommission>[0] = {}) {
  const c = await cycleToCommission(options);
  const { session, certificate: first } = await c.approve();
  const producer = seedProducer(c.app, c.org, {
    name: 'Familia Apaza Condori',
    household: 'Familia Apaza',
    sectors: ['agricola'],
    products: ['miel'],
    publicNameConsent: false,
  });
  const dossier = (await c.api.post('/api/v1/dossiers').set(c.committee.headers).send({ producerId: producer, cycle: 2026 }).expect(201))
    .body as { id: string; applicableCriteria: { code: string }[] };
  const visit = (
    await c.api
      .post(`/api/v1/dossiers/${dossier.id}/visits`)
      .set(c.committee.headers)
      .send({
        plannedOn: '2026-05-13',
        team: [
          { personId: c.reviewer, kind: 'producer' },
          { personId: c.technician, kind: 'technician' },
        ],
      })
      .expect(201)
  ).body as { id: string };
  await c.api
    .post(`/api/v1/visits/${visit.id}/submission`)
    .set(c.committee.headers)
    .send({
      idempotencyKey: `visita-${dossier.id}`,
      present: ['Familia Apaza'],
      answers: dossier.applicableCriteria.map((k) => ({ criterionCode: k.code, value: 'cumple' })),
    })
    .expect(201);
  await c.api
    .post(`/api/v1/dossiers/${dossier.id}/recommendation`)
    .set(c.committee.headers)
    .send({ outcome: 'approve', rationale: 'Recomendación del comité tras la visita' })
    .expect(200);
  await c.api.post(`/api/v1/dossiers/${dossier.id}/events`).set(c.committee.headers).send({ event: 'send_to_commission' }).expect(200);
  const decision = await c.api
    .post(`/api/v1/commission/sessions/${session.id}/decisions`)
    .set(c.members[0]!.headers)
    .send({
      dossierId: dossier.id,
      rationale: 'Fundamento de la comisión tras revisar el expediente',
      proposedOutcome: 'approved',
      sealLevel: 'pleno',
      votes: c.members.map((m) => ({ userId: m.user.id, vote: 'for' })),
    })
    .expect(201);
  const second = (
    await c.api
      .get(`/api/v1/certificates/${decision.body.certificateId as string}`)
      .set(c.committee.headers)
      .expect(200)
  ).body as Certificate;

  /** The commission revokes a certificate in the session. */
  const revoke = (certificate: Certificate, reason = 'Se comprobó venta de miel de terceros con el sello') =>
    c.api
      .post(`/api/v1/certificates/${certificate.id}/revocation`)
      .set(c.members[0]!.headers)
      .send({ reason, sessionId: session.id })
      .expect(200);

  return { ...c, session, first, second, revoke };
}
