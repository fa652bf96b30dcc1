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
  const dossierId = await c.anotherDossierAtCommission(producer, 'Familia Apaza', '2026-05-13');
  const decision = await c.api
    .post(`/api/v1/commission/sessions/${session.id}/decisions`)
    .set(c.members[0]!.headers)
    .send({
      dossierId,
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
