/**
 * What the commission's certificate pages need: the search over every certificate, one certificate
 * with the numbers of the resolution that issued it and of the sessions its events were agreed in,
 * the open sessions to choose from, the status acts and the exclusion of a group's member. An act agreed in a session also puts the
 * certificate on that session's agenda, in the same transaction: both are written or neither.
 */
import { immediate, type Db } from '../../db/client.js';
import { authorize, canActAsCommission, type Actor } from '../../domain/access.js';
import type { CertificateAct, StoredStatus } from '../../domain/certificate-state.js';
import { createCertificateRepository } from '../certificates/certificate-repository.js';
import type { CertificateView } from '../certificates/certificate-schemas.js';
import type { CertificateService } from '../certificates/certificate-service.js';
import { createCommissionRepository } from '../commission/commission-repository.js';
import { humanNumber } from '../commission/numbers.js';
import type { SessionService } from '../commission/session-service.js';
import type { SanctionChoice } from '../criteria/sanction-citation.js';
import { createSessionChoices, type SessionChoice, type SessionName } from './session-choices.js';

export type CertificatePage = {
  certificate: CertificateView;
  /** What the commission's acts set (the effective status also counts time). */
  stored: StoredStatus;
  /** The resolution that issued it: «Resolución N° 12/2026», and its session. */
  resolution: { number: string | null; session: SessionName | null };
  /** The sessions the events were agreed in, by session id. */
  sessions: Record<string, SessionName>;
  /** Who recorded each event, by event number. */
  recordedBy: Record<number, string>;
  openSessions: SessionChoice[];
  /** The sanctions each act may cite, from the catalogue in force: empty lists when there is none. */
  sanctions?: Record<CertificateAct | 'exclude', SanctionChoice[]>;
};

/** Certificates shown per page of the list. */
export const CERTIFICATES_PAGE_SIZE = 20;

/** How the act is named on the session's agenda. */
const AGENDA_NOTE: Record<CertificateAct, string> = {
  suspend: 'Suspensión del certificado',
  reinstate: 'Rehabilitación del certificado',
  revoke: 'Revocación del certificado',
};

export function createCertificatePagesService({
  db,
  certificates,
  sessions,
}: {
  db: Db;
  certificates: CertificateService;
  sessions: SessionService;
}) {
  const repo = createCertificateRepository(db);
  const commission = createCommissionRepository(db);
  const choices = createSessionChoices(db, sessions);

  const gate = (actor: Actor) =>
    authorize(canActAsCommission(actor), 'Solo la comisión de certificación suspende, rehabilita o revoca certificados');

  return {
    gate,

    list: (actor: Actor, query: { q?: string | undefined; page: number }) =>
      certificates.search(actor, { q: query.q, page: query.page, pageSize: CERTIFICATES_PAGE_SIZE }),

    certificate(actor: Actor, id: string): CertificatePage {
      gate(actor);
      const certificate = certificates.get(actor, id);
      const decision = commission.decision(certificate.decisionId);
      const sessionIds = new Set([...certificate.events.flatMap((e) => (e.sessionId ? [e.sessionId] : [])), decision?.sessionId]);
      const named: Record<string, SessionName> = {};
      for (const sessionId of sessionIds) {
        const name = sessionId ? choices.name(sessionId) : undefined;
        if (sessionId && name) named[sessionId] = name;
      }
      return {
        certificate,
        stored: repo.find(id)!.status,
        resolution: { number: decision ? humanNumber(decision) : null, session: decision ? (named[decision.sessionId] ?? null) : null },
        sessions: named,
        recordedBy: Object.fromEntries(repo.eventActors(id)),
        openSessions: choices.open(actor),
        sanctions: {
          suspend: certificates.sanctionChoices(certificate.scheme, ['suspension']).choices,
          reinstate: [],
          revoke: certificates.sanctionChoices(certificate.scheme, ['revocation']).choices,
          exclude: certificates.sanctionChoices(certificate.scheme, ['member_exclusion']).choices,
        },
      };
    },

    /** Suspends, reinstates or revokes; with a session, it must be open and attended, and the act goes on its agenda. */
    act(
      actor: Actor,
      id: string,
      act: CertificateAct,
      input: { reason: string; sessionId?: string | undefined; sanctionCode?: string | undefined },
    ): CertificateView {
      gate(actor);
      return immediate(db, () => {
        if (input.sessionId) choices.requireOpen(actor, input.sessionId, { attended: true });
        const view = certificates.act(actor, id, act, input);
        if (input.sessionId) choices.ensureOnAgenda(actor, input.sessionId, { certificateId: id, note: AGENDA_NOTE[act] });
        return view;
      });
    },

    /** Excludes a member of a group certificate, agreed in an open session the person attended, which gets it on its agenda. */
    excludeMember(
      actor: Actor,
      id: string,
      producerId: string,
      input: { reason: string; sessionId: string; sanctionCode?: string | undefined },
    ): CertificateView {
      gate(actor);
      return immediate(db, () => {
        choices.requireOpen(actor, input.sessionId, { attended: true });
        const view = certificates.excludeMember(actor, id, producerId, input);
        choices.ensureOnAgenda(actor, input.sessionId, { certificateId: id, note: 'Exclusión de un socio del grupo' });
        return view;
      });
    },
  };
}
export type CertificatePagesService = ReturnType<typeof createCertificatePagesService>;
