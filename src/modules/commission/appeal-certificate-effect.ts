/**
 * What an upheld appeal against a decision that issued a certificate does to that certificate, as the
 * appeal decision says: withdrawn at once (revoked in the appeal's session), or kept until the commission
 * decides the reopened dossier again, when it is revoked naming the new certificate or the denial.
 * Every revocation is an ordinary commission act: a 'revoked' event with its session, logged and audited.
 */
import type { Db } from '../../db/client.js';
import type { CertificateEffect } from '../../domain/appeals.js';
import { humanNumber } from '../../domain/numbering.js';
import { asSentence } from '../../domain/text.js';
import { AppError } from '../../errors.js';
import { historyOf, type AuditActor } from '../audit/audit-log.js';
import { recordCertificateEvent, recordTimeEvents } from '../certificates/certificate-events.js';
import { createCertificateRepository, type CertificateRow } from '../certificates/certificate-repository.js';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import { createAppealRepository, type AppealRow } from './appeal-repository.js';

const PATH = 'body.certificateEffect';

export function createAppealCertificateEffect(db: Db, catalog: CriteriaCatalog) {
  const certificates = createCertificateRepository(db);
  const appeals = createAppealRepository(db);

  /** «N° 07/2026», or the date of its session for a resolution without a number. */
  const resolution = (decisionId: string): string => {
    const { decision, session } = certificates.decisionReference(decisionId);
    const number = humanNumber(decision);
    return number ? `N° ${number}` : `de la sesión del ${session.heldOn}`;
  };

  /** Revokes the certificate as a commission act of the session, unless time or an earlier act already revoked it. */
  const revoke = (actor: AuditActor, row: CertificateRow, reason: string, sessionId: string, at: Date): void => {
    const limit = catalog.suspensionLimit(row.scheme, row.criteriaVersion);
    recordTimeEvents(db, row, at, limit);
    const current = certificates.find(row.id)!;
    if (current.status === 'revoked') return;
    recordCertificateEvent(
      db,
      current,
      { event: 'revoked', at: at.toISOString(), actor, reason, sessionId, status: 'revoked', suspensionLimit: limit },
      at,
    );
  };

  return {
    /**
     * The certificate the appealed decision issued, when the appeal is upheld; refuses a missing choice
     * for it, or a choice where there is no such certificate.
     */
    check(
      row: AppealRow,
      input: { proposedOutcome: string; certificateEffect?: CertificateEffect | undefined },
    ): CertificateRow | undefined {
      const issued = row.decisionId ? certificates.byDecision(row.decisionId) : undefined;
      const needed = issued !== undefined && input.proposedOutcome === 'upheld';
      if (needed && !input.certificateEffect) {
        const message = `La resolución apelada emitió el certificado ${issued.code}: indique si se retira ahora («withdraw») o se mantiene hasta la nueva decisión («replace»)`;
        throw new AppError('unprocessable', 'CERTIFICATE_EFFECT_REQUIRED', message, [
          { path: PATH, message, code: 'CERTIFICATE_EFFECT_REQUIRED' },
        ]);
      }
      if (!needed && input.certificateEffect) {
        const message =
          'Qué pasa con el certificado se indica solo al acoger una apelación contra una resolución que emitió un certificado';
        throw new AppError('unprocessable', 'CERTIFICATE_EFFECT_UNEXPECTED', message, [
          { path: PATH, message, code: 'CERTIFICATE_EFFECT_UNEXPECTED' },
        ]);
      }
      return needed ? issued : undefined;
    },

    /** Withdraws the certificate of the upheld appeal's decision now, in the appeal's session. */
    withdraw(actor: AuditActor, certificate: CertificateRow, rationale: string, sessionId: string, at: Date): void {
      const reason = `Retirado por apelación acogida contra la resolución ${resolution(certificate.decisionId)}: ${asSentence(rationale)}`;
      revoke(actor, certificate, reason, sessionId, at);
    },

    /**
     * After a new decision on the dossier (not a deferral): revokes the certificates whose decision an
     * upheld appeal left without effect and that were kept until now, naming the new certificate or the denial.
     */
    redecided(
      actor: AuditActor,
      dossierId: string,
      decision: { id: string; certificateId: string | null },
      sessionId: string,
      at: Date,
    ): void {
      const issued = decision.certificateId ? certificates.find(decision.certificateId) : undefined;
      for (const old of certificates.ofDossier(dossierId)) {
        if (old.id === decision.certificateId || old.status === 'revoked' || !appeals.upheldAgainst(old.decisionId)) continue;
        const reason = issued
          ? `Reemplazado por el certificado ${issued.code} (apelación acogida)`
          : `Revocado: tras la apelación acogida, la comisión denegó la certificación en la resolución ${resolution(decision.id)}`;
        revoke(actor, old, reason, sessionId, at);
      }
    },

    /** What the appeal decision chose for the certificate, as its audit entry recorded it; null when there was no choice. */
    chosen(appealId: string): CertificateEffect | null {
      const decided = historyOf(db, 'appeal', appealId).find((e) => e.action === 'decide');
      const effect = (decided?.change as { certificateEffect?: unknown } | undefined)?.certificateEffect;
      return effect === 'withdraw' || effect === 'replace' ? effect : null;
    },
  };
}
export type AppealCertificateEffect = ReturnType<typeof createAppealCertificateEffect>;
