/** The demo's certification cycle through the API, as its participants would do it: dossier, self-assessment, peer visit,
 * committee, commission and certificate (checked at its public URL); the demo's API tokens are revoked at the end. */
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../domain/access.js';
import { laPazDate, laPazTime } from '../domain/certificate-state.js';
import { LEVEL_LABEL } from '../domain/non-conformities.js';
import { createAuthService } from '../modules/auth/auth-service.js';
import { createLoginLimiter } from '../modules/auth/login-limiter.js';
import { CertificateSchema, type CertificateView } from '../modules/certificates/certificate-schemas.js';
import { DecisionSchema, SessionSchema } from '../modules/commission/commission-schemas.js';
import { CorrectiveActionSchema } from '../modules/dossiers/corrective-action-schemas.js';
import { DossierSchema, VisitSchema } from '../modules/dossiers/dossier-schemas.js';
import { VerificationSchema } from '../modules/public/public-schemas.js';
import type { User } from '../modules/users/users-schemas.js';
import { DemoError, type DemoClient } from './demo-api.js';
import {
  DEMO_ACCOUNTS,
  DEMO_DECISION_RATIONALE,
  DEMO_IMPROVEMENT_ACTION,
  DEMO_RECOMMENDATION,
  DEMO_SELF_ASSESSMENT_DIFFERENCES,
  DEMO_SESSION_PLACE,
  DEMO_VISIT_ANSWERS,
  DEMO_VISIT_OBSERVATIONS,
  DEMO_VISIT_PRESENT,
} from './demo-data.js';
import { addDays, registerDemoParticipants, type DemoAccount, type Signed } from './demo-participants.js';

export type { DemoAccount } from './demo-participants.js';

export type DemoCycleResult = {
  accounts: DemoAccount[];
  certificate: CertificateView;
  sessionHeldOn: string;
  certificatePdf: Buffer;
  actaPdf: Buffer;
};

const actorOf = (user: User): Actor => ({
  userId: user.id,
  username: user.username,
  role: user.role,
  organizationId: user.organizationId,
  producerId: user.producerId,
});

export async function driveDemoCycle(app: FastifyInstance, api: DemoClient, progress: (line: string) => void): Promise<DemoCycleResult> {
  const now = () => new Date();
  const today = laPazDate(now());
  const auth = createAuthService(app.db, createLoginLimiter(), now, app.passwords);
  const signed: Signed[] = [];
  const sign = (user: User): Signed => {
    const { token, info } = auth.createApiToken(actorOf(user), 'npm run demo');
    const s = { user, token, tokenId: info.id };
    signed.push(s);
    return s;
  };

  try {
    // The first administrator, the registry and the accounts (their tokens land in `signed`).
    const { accounts, units, people, as } = await registerDemoParticipants(app, api, progress, { now, today }, sign);
    const token = (key: string) => as[key]!.token;

    // The dossier, pinned to the scheme's current criteria version, and the producer's self-assessment.
    const opened = await api.json(
      {
        step: 'abrir el expediente',
        method: 'POST',
        url: '/api/v1/dossiers',
        token: token('committee'),
        body: { producerId: units.visited.id },
      },
      DossierSchema,
    );
    const answersFrom = (found: Record<string, { value: string; notes: string }>) =>
      opened.applicableCriteria.map(({ code }) => ({
        criterionCode: code,
        value: found[code]?.value ?? 'cumple',
        ...(found[code] ? { notes: found[code].notes } : {}),
      }));
    const selfAnswers = answersFrom({ ...DEMO_VISIT_ANSWERS, ...DEMO_SELF_ASSESSMENT_DIFFERENCES });
    const visitAnswers = answersFrom(DEMO_VISIT_ANSWERS);
    await api.json(
      {
        step: 'registrar la autoevaluación',
        method: 'POST',
        url: `/api/v1/dossiers/${opened.id}/self-assessment`,
        token: token('producer'),
        body: { answers: selfAnswers },
      },
      DossierSchema,
    );
    progress(
      `✓ Expediente ${opened.cycle} de ${opened.holderName}, con criterios ${opened.scheme} ${opened.criteriaVersion} (${opened.applicableCriteria.length} aplicables) y autoevaluación`,
    );

    // The peer visit: a producer of another unit, a technician and a consumer.
    const planned = await api.json(
      {
        step: 'planificar la visita de pares',
        method: 'POST',
        url: `/api/v1/dossiers/${opened.id}/visits`,
        token: token('committee'),
        body: {
          plannedOn: addDays(today, -12),
          team: [
            { personId: people.reviewer.id, kind: 'producer' },
            { personId: people.technician.id, kind: 'technician' },
            { personId: people.consumer.id, kind: 'consumer' },
          ],
        },
      },
      VisitSchema,
    );
    const visit = await api.json(
      {
        step: 'registrar la visita de pares',
        method: 'POST',
        url: `/api/v1/visits/${planned.id}/submission`,
        token: token('reviewer'),
        body: {
          idempotencyKey: `ejemplo-visita-${planned.id}`,
          present: DEMO_VISIT_PRESENT,
          observations: DEMO_VISIT_OBSERVATIONS,
          answers: visitAnswers,
        },
      },
      VisitSchema,
    );
    const count = (value: string) => visit.answers.filter((a) => a.value === value).length;
    progress(
      `✓ Visita de pares del ${visit.plannedOn}: ${count('cumple')} cumple, ${count('parcial')} parcial, ${count('no_cumple')} no cumple, ${count('no_aplica')} no aplica`,
    );

    // The committee: an agreed action for each improvement goal, its recommendation, and off to the commission.
    const reviewed = await api.json(
      { step: 'leer el expediente', url: `/api/v1/dossiers/${opened.id}`, token: token('committee') },
      DossierSchema,
    );
    for (const nc of reviewed.nonConformities.filter((n) => n.effect === 'improvement_goal')) {
      await api.json(
        {
          step: `acordar la acción de mejora del criterio ${nc.criterionCode}`,
          method: 'POST',
          url: `/api/v1/non-conformities/${nc.id}/corrective-actions`,
          token: token('committee'),
          body: {
            description: DEMO_IMPROVEMENT_ACTION,
            responsiblePersonId: people.producerMember.id,
            deadline: addDays(today, Math.min(180, nc.correctiveActionMaxDays ?? 180)),
          },
        },
        CorrectiveActionSchema,
      );
      progress(
        `✓ Meta de mejora en ${nc.criterionCode} (criterio ${LEVEL_LABEL[nc.level as keyof typeof LEVEL_LABEL] ?? nc.level}), con una acción acordada con la familia`,
      );
    }
    await api.json(
      {
        step: 'registrar la recomendación del comité',
        method: 'POST',
        url: `/api/v1/dossiers/${opened.id}/recommendation`,
        token: token('committee'),
        body: { outcome: 'approve', rationale: DEMO_RECOMMENDATION },
      },
      DossierSchema,
    );
    await api.json(
      {
        step: 'enviar el expediente a la comisión',
        method: 'POST',
        url: `/api/v1/dossiers/${opened.id}/events`,
        token: token('committee'),
        body: { event: 'send_to_commission' },
      },
      DossierSchema,
    );
    progress('✓ El comité local recomienda aprobar y envía el expediente a la comisión');

    // The commission: a session with quorum, every present member's vote, the certificate issued.
    const members = DEMO_ACCOUNTS.filter((a) => a.seat === 'titular').map((a) => as[a.key]!);
    const chair = members[0]!.token;
    const session = await api.json(
      {
        step: 'abrir la sesión de la comisión',
        method: 'POST',
        url: '/api/v1/commission/sessions',
        token: chair,
        body: { heldOn: today, place: DEMO_SESSION_PLACE, startsAt: laPazTime(now()), presentUserIds: members.map((m) => m.user.id) },
      },
      SessionSchema,
    );
    const decision = await api.json(
      {
        step: 'registrar la decisión de la comisión',
        method: 'POST',
        url: `/api/v1/commission/sessions/${session.id}/decisions`,
        token: chair,
        body: {
          dossierId: opened.id,
          proposedOutcome: 'approved',
          sealLevel: 'pleno',
          rationale: DEMO_DECISION_RATIONALE,
          votes: members.map((m, i) => ({
            userId: m.user.id,
            vote: 'for',
            ...(i === 0 ? { rationale: 'Visita completa y bien documentada.' } : {}),
          })),
        },
      },
      DecisionSchema,
    );
    if (decision.outcome !== 'approved' || !decision.certificateId) {
      throw new DemoError(
        `La comisión no aprobó el expediente (resultado: ${decision.outcome}); no hay certificado.`,
        JSON.stringify(decision, null, 2),
      );
    }
    await api.json(
      { step: 'cerrar la sesión de la comisión', method: 'POST', url: `/api/v1/commission/sessions/${session.id}/close`, token: chair },
      SessionSchema,
    );
    progress(
      `✓ Sesión N° ${session.number ?? '—'} de la comisión del ${session.heldOn}: Resolución N° ${decision.number ?? '—'}, aprobado por ${decision.tally.for} votos a favor, ${decision.tally.against} en contra`,
    );

    const certificate = await api.json(
      { step: 'leer el certificado', url: `/api/v1/certificates/${decision.certificateId}`, token: chair },
      CertificateSchema,
    );
    // What a buyer scanning the QR code gets: checked before telling people to open it.
    const verified = await api.json(
      {
        step: 'verificar el certificado en su URL pública',
        url: new URL(certificate.verificationUrl).pathname,
        accept: 'application/json',
      },
      VerificationSchema,
    );
    if (verified.certificate.status !== 'active') {
      throw new DemoError(
        `La verificación pública muestra el certificado ${verified.certificate.code} como «${verified.certificate.statusLabel}», no vigente.`,
      );
    }
    progress(
      `✓ Certificado ${certificate.code} emitido: sello ${certificate.sealLevel}, vigente del ${certificate.issuedOn} al ${certificate.expiresOn}`,
    );

    const certificatePdf = await api.pdf({
      step: 'descargar el certificado en PDF',
      url: `/api/v1/certificates/${certificate.id}/certificate.pdf`,
      token: chair,
    });
    const actaPdf = await api.pdf({
      step: 'descargar el acta de la sesión en PDF',
      url: `/api/v1/commission/sessions/${session.id}/acta.pdf`,
      token: chair,
    });
    return { accounts, certificate, sessionHeldOn: session.heldOn, certificatePdf, actaPdf };
  } finally {
    // The demo's tokens were never shown to anyone: revoke them so none stays valid.
    for (const s of signed) {
      try {
        await api.noContent({
          step: 'revocar un token del ejemplo',
          method: 'DELETE',
          url: `/api/v1/auth/tokens/${s.tokenId}`,
          token: s.token,
        });
      } catch {
        // Best effort: a failure here must not hide the error that stopped the demo.
      }
    }
  }
}
