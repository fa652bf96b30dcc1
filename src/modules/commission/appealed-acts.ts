/**
 * The certificate acts an appeal can name by event number — a suspension or a revocation — and
 * the revocation's appeal deadline, set by the criteria version the certificate was issued under.
 */
import type { Db } from '../../db/client.js';
import type { Actor } from '../../domain/access.js';
import { appealLastDay, lateRevocationAppeal, revocationAppealDays } from '../../domain/appeal-deadline.js';
import { AppError } from '../../errors.js';
import { recordCertificateEvent, recordTimeEvents } from '../certificates/certificate-events.js';
import { createCertificateRepository } from '../certificates/certificate-repository.js';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';

/** The appealable acts on a certificate, by the event that records them. */
export type AppealedEventKind = 'suspended' | 'revoked';

const NOT_FOUND: Record<AppealedEventKind, { code: string; what: string; path: string }> = {
  suspended: { code: 'SUSPENSION_NOT_FOUND', what: 'una suspensión', path: 'body.suspensionEventSeq' },
  revoked: { code: 'REVOCATION_NOT_FOUND', what: 'una revocación', path: 'body.revocationEventSeq' },
};

export function createAppealedActs(db: Db, catalog: CriteriaCatalog) {
  const certificates = createCertificateRepository(db);

  /** The event `seq` with its certificate, when it records an act of `kind`. */
  const act = (seq: number, kind: AppealedEventKind) => {
    const found = certificates.eventWithCertificate(seq);
    if (!found || found.event.event !== kind) {
      const { code, what, path } = NOT_FOUND[kind];
      throw new AppError('not_found', code, `No existe ${what} con el número de evento ${seq}`, [
        { path, message: `Ese evento no es ${what} de un certificado` },
      ]);
    }
    // A revocation the system recorded when a suspension passed its maximum follows from that suspension: it is the one appealed.
    if (kind === 'revoked' && found.event.automatic) {
      const message =
        'Esta revocación la registró el sistema porque la suspensión superó su duración máxima: no se apela por separado; se apela la suspensión';
      throw new AppError('conflict', 'REVOCATION_BY_RULE', message, [{ path: NOT_FOUND.revoked.path, message }]);
    }
    return found;
  };

  return {
    suspension: (seq: number) => act(seq, 'suspended'),
    revocation: (seq: number) => act(seq, 'revoked'),

    /** The act, refused unless the certificate is still under it (suspended, or revoked). */
    standing<A extends ReturnType<typeof act>>(found: A): A {
      const { event, certificate } = found;
      if (certificate.status !== event.event) {
        throw event.event === 'suspended'
          ? new AppError('conflict', 'NOT_SUSPENDED', 'El certificado ya no está suspendido')
          : new AppError('conflict', 'NOT_REVOKED', 'El certificado ya no está revocado');
      }
      return found;
    },

    /** Which act the event of an appeal records. */
    kindOf: (seq: number): AppealedEventKind | undefined => {
      const event = certificates.eventWithCertificate(seq)?.event.event;
      return event === 'suspended' || event === 'revoked' ? event : undefined;
    },

    /** The last day to appeal a revocation taken at `at` on a certificate, and whether it has passed at `now`. */
    revocationDeadline(revocation: { at: string; scheme: string; criteriaVersion: string }, now: Date) {
      const version = catalog.version(revocation.scheme, revocation.criteriaVersion);
      const revokedAt = new Date(revocation.at);
      return {
        lastDay: appealLastDay(revokedAt, revocationAppealDays(version)),
        late: lateRevocationAppeal(revokedAt, now, version) !== undefined,
      };
    },

    /**
     * Undoes the appealed act of an upheld appeal with a reinstatement, while the certificate is still
     * under that act. What time did comes first: a suspension past its maximum was already revoked by the system, for good.
     */
    undo(actor: Actor, appealed: ReturnType<typeof act>, event: { reason: string; sessionId: string; at: Date }): void {
      const { scheme, criteriaVersion, id } = appealed.certificate;
      recordTimeEvents(db, appealed.certificate, event.at, catalog.suspensionLimit(scheme, criteriaVersion));
      const certificate = certificates.find(id)!;
      if (certificate.status !== appealed.event.event) return;
      recordCertificateEvent(
        db,
        certificate,
        { event: 'reinstated', at: event.at.toISOString(), actor, reason: event.reason, sessionId: event.sessionId, status: 'active' },
        event.at,
      );
    },

    /** Refuses an appeal against the revocation filed after the deadline of the certificate's criteria version. */
    refuseLateRevocationAppeal(found: ReturnType<typeof act>, filedAt: Date): void {
      const { event, certificate } = found;
      const version = catalog.version(certificate.scheme, certificate.criteriaVersion);
      const late = lateRevocationAppeal(new Date(event.at), filedAt, version);
      if (late) {
        throw new AppError('unprocessable', 'APPEAL_DEADLINE_PASSED', late, [
          { path: 'body.revocationEventSeq', message: late, code: 'APPEAL_DEADLINE_PASSED' },
        ]);
      }
    },
  };
}
export type AppealedActs = ReturnType<typeof createAppealedActs>;
