/**
 * What the appeal pages need. For the commission: the appeals waiting and decided, one appeal with
 * who took the appealed act, the open sessions, and, for the session chosen, who may vote and who
 * may not and why (before the vote); deciding puts the appeal on the session's agenda in the same
 * transaction. For the producer or their committee: what on their dossier can be appealed, and filing.
 */
import { immediate, type Db } from '../../db/client.js';
import { authorize, canActAsCommission, type Actor } from '../../domain/access.js';
import { AppError } from '../../errors.js';
import type { AppealBallot, Appealable, AppealService } from '../commission/appeal-service.js';
import type { DescribedAppeal } from '../commission/appeal-repository.js';
import type { AppealDecisionInput, AppealView } from '../commission/commission-schemas.js';
import type { SessionService } from '../commission/session-service.js';
import { createCertificateRepository } from '../certificates/certificate-repository.js';
import type { DossierService } from '../dossiers/dossier-service.js';
import { createSessionChoices, type SessionChoice } from './session-choices.js';

export type AppealPagesDeps = { db: Db; appeals: AppealService; sessions: SessionService; dossiers: DossierService };

export type AppealPage = {
  appeal: DescribedAppeal;
  /** Votes and recusals, once decided. */
  votes: Pick<AppealView, 'votes' | 'recusals' | 'carried'>;
  /** Who took the appealed act: they never vote on the appeal. */
  actTakers: { userId: string; name: string }[];
  /** The certificate the appealed decision issued, and what the upheld appeal decided about it. */
  issued: { code: string; effect: AppealView['certificateEffect'] } | null;
  openSessions: SessionChoice[];
  /** The session the vote is taken in, and who votes there. */
  chosen: { session: SessionChoice; ballot: AppealBallot } | null;
};

/** The act appealed, as the lodging form names it. */
export type AppealedChoice = { decisionId: string } | { suspensionEventSeq: number } | { revocationEventSeq: number };

export type Lodging = { dossier: { id: string; producer: string; organizationId: string; cycle: number }; appealable: Appealable };

/** Decided appeals shown per page. */
export const APPEALS_PAGE_SIZE = 20;

export function createAppealPagesService({ db, appeals, sessions, dossiers }: AppealPagesDeps) {
  const choices = createSessionChoices(db, sessions);
  const certificates = createCertificateRepository(db);
  const gate = (actor: Actor) => authorize(canActAsCommission(actor), 'Solo la comisión de certificación resuelve las apelaciones');

  return {
    gate,

    list: (actor: Actor, page: number) => appeals.list(actor, { page, pageSize: APPEALS_PAGE_SIZE }),

    /** The appeal; while it waits, the open sessions and, for the one chosen (or the only one), its ballot. */
    appeal(actor: Actor, id: string, sessionId?: string): AppealPage {
      const appeal = appeals.described(actor, id);
      const { votes, recusals, carried, certificateEffect } = appeals.get(actor, id);
      const issued = appeal.decision ? certificates.byDecision(appeal.decision.id) : undefined;
      const openSessions = appeal.status === 'filed' ? choices.open(actor) : [];
      const session = sessionId ? openSessions.find((s) => s.id === sessionId) : openSessions.length === 1 ? openSessions[0] : undefined;
      return {
        appeal,
        votes: { votes, recusals, carried },
        actTakers: appeals.actTakers(actor, id),
        issued: issued ? { code: issued.code, effect: certificateEffect } : null,
        openSessions,
        chosen: session ? { session, ballot: appeals.ballot(actor, session.id, id) } : null,
      };
    },

    /** Decides the appeal in an open session, putting it on the session's agenda first if it is not there. */
    decide(actor: Actor, id: string, sessionId: string, input: AppealDecisionInput): AppealView {
      gate(actor);
      return immediate(db, () => {
        choices.requireOpen(actor, sessionId, { attended: false });
        choices.ensureOnAgenda(actor, sessionId, { appealId: id, note: 'Apelación' });
        return appeals.decide(actor, sessionId, id, input);
      });
    },

    /** The dossier and what on it the person may appeal (refused unless they may appeal it). */
    lodging(actor: Actor, dossierId: string): Lodging {
      const appealable = appeals.appealable(actor, dossierId);
      const dossier = dossiers.get(actor, dossierId);
      return {
        dossier: { id: dossier.id, producer: dossier.holderName, organizationId: dossier.organization.id, cycle: dossier.cycle },
        appealable,
      };
    },

    /**
     * Files the appeal against a decision, suspension or revocation of this dossier that has no appeal
     * waiting; a revocation past its deadline is refused by the appeal itself, with the deadline named.
     */
    file(actor: Actor, dossierId: string, act: AppealedChoice, reason: string): AppealView {
      const { decisions, suspensions, revocations } = appeals.appealable(actor, dossierId);
      const offered =
        'decisionId' in act
          ? decisions.some((d) => d.id === act.decisionId && !d.pending)
          : 'suspensionEventSeq' in act
            ? suspensions.some((s) => s.seq === act.suspensionEventSeq && !s.pending)
            : revocations.some((r) => r.seq === act.revocationEventSeq && !r.pending);
      if (!offered) {
        const text = 'Elija una de las decisiones, suspensiones o revocaciones de la lista';
        throw new AppError('invalid', 'NOT_APPEALABLE', text, [{ path: 'body.acto', message: text }]);
      }
      return appeals.file(actor, { ...act, reason });
    },
  };
}
export type AppealPagesService = ReturnType<typeof createAppealPagesService>;
