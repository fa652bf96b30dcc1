/**
 * Appeals against a commission decision, a suspension or a revocation (the latter within the
 * deadline of the criteria): filed by the producer or its committee with a reason, decided in a
 * later session only by members who took no part in the appealed act, and applied on the spot when upheld.
 */
import { randomUUID } from 'node:crypto';
import { immediate, type Db } from '../../db/client.js';
import { type Actor, authorize, canActAsCommission, canAppeal } from '../../domain/access.js';
import {
  appealRecusals,
  appealTransition,
  checkAppealVotes,
  eligibleAppealDeciders,
  type AppealExclusionRule,
} from '../../domain/appeals.js';
import { tally, votingMembers, type CommissionMember } from '../../domain/commission.js';
import { asSentence } from '../../domain/text.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit-log.js';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import type { DossierService } from '../dossiers/dossier-service.js';
import {
  createAppealRepository,
  type AppealRow,
  type AppealableRevocation,
  type CurrentSuspension,
  type DecisionOfDossier,
  type DescribedAppeal,
} from './appeal-repository.js';
import { createAppealCertificateEffect } from './appeal-certificate-effect.js';
import { createAppealedActs } from './appealed-acts.js';
import { createCommissionRepository } from './commission-repository.js';
import type { AppealDecisionInput, AppealView, NewAppeal } from './commission-schemas.js';
import { createSessionRepository } from './session-repository.js';
import { COMMISSION_ONLY } from './session-service.js';
import { createVoting } from './voting.js';

/** A member as a ballot names them. */
type Member = Pick<CommissionMember, 'userId' | 'name' | 'seat'>;

/** Who may vote on an appeal in a session, shown before the vote. */
export type AppealBallot = {
  quorum: number;
  /** Present members who may not vote, with the rule and the reason in words. */
  excluded: (Member & { rule: AppealExclusionRule; reason: string })[];
  /** Present members who vote: titulares not excluded, and suplentes taking empty seats. */
  voting: Member[];
  /** Present suplentes who do not vote unless a seat becomes empty (a titular excuses themself). */
  standby: Member[];
  /** Voters missing for the quorum (0 when there is quorum). */
  missing: number;
};

/** What the producer or their committee may appeal on a dossier. */
export type Appealable = { decisions: DecisionOfDossier[]; suspensions: CurrentSuspension[]; revocations: AppealableRevocation[] };

/** Appeals waiting for the commission: a handful at a time, never a page's worth. */
const MAX_FILED = 200;

type AppealDeps = { db: Db; catalog: CriteriaCatalog; now: () => Date; dossiers: DossierService };

export function createAppealService({ db, catalog, now, dossiers: dossierService }: AppealDeps) {
  const repo = createCommissionRepository(db);
  const appeals = createAppealRepository(db);
  const acts = createAppealedActs(db, catalog);
  const effect = createAppealCertificateEffect(db, catalog);
  const voting = createVoting(repo, createSessionRepository(db));

  const load = (id: string): AppealRow => {
    const row = appeals.find(id);
    if (!row) throw new AppError('not_found', 'APPEAL_NOT_FOUND', 'No existe esa apelación');
    return row;
  };

  const view = (row: AppealRow): AppealView => {
    const cast = repo.votesOn('appeal', row.id);
    const revocation = row.eventSeq !== null && acts.kindOf(row.eventSeq) === 'revoked';
    return {
      id: row.id,
      dossierId: row.dossierId,
      decisionId: row.decisionId,
      suspensionEventSeq: revocation ? null : row.eventSeq,
      revocationEventSeq: revocation ? row.eventSeq : null,
      reason: row.reason,
      filedAt: row.filedAt,
      status: row.status,
      sessionId: row.sessionId,
      proposedOutcome: row.proposedOutcome,
      carried: row.proposedOutcome ? tally(cast).carried : null,
      rationale: row.rationale,
      certificateEffect: row.status === 'upheld' ? effect.chosen(row.id) : null,
      decidedAt: row.decidedAt,
      votes: cast,
      recusals: repo.recusalsOn('appeal', row.id),
    };
  };

  /** The certificate event appealed (a suspension or a revocation), with its certificate. */
  const appealedEvent = (seq: number) => (acts.kindOf(seq) === 'revoked' ? acts.revocation(seq) : acts.suspension(seq));

  /** Who may not decide the appeal: those who voted on the appealed decision, or who suspended or revoked. */
  const excludedFor = (row: AppealRow): string[] => {
    if (row.decisionId) return repo.votesOn('decision', row.decisionId).map((v) => v.userId);
    const { event } = appealedEvent(row.eventSeq!);
    return event.actorId ? [event.actorId] : [];
  };

  /** The present members and who of them may not decide the appeal: act takers and conflicts of interest. */
  const deciders = (sessionId: string, row: AppealRow) => {
    const present = voting.presentMembers(sessionId);
    const excludedUserIds = excludedFor(row);
    const involvement = repo.involvement(row.dossierId);
    return { present, excludedUserIds, involvement, ...eligibleAppealDeciders(present, excludedUserIds, involvement) };
  };

  return {
    file(actor: Actor, input: NewAppeal): AppealView {
      const at = now();
      const id = randomUUID();
      immediate(db, () => {
        let dossierId: string;
        let revoked: ReturnType<typeof acts.revocation> | undefined;
        if (input.decisionId) {
          const decision = repo.decision(input.decisionId);
          if (!decision)
            throw new AppError('not_found', 'DECISION_NOT_FOUND', 'No existe esa decisión', [
              { path: 'body.decisionId', message: 'No existe esa decisión' },
            ]);
          dossierId = decision.dossierId;
        } else if (input.suspensionEventSeq !== undefined) {
          dossierId = acts.standing(acts.suspension(input.suspensionEventSeq)).certificate.dossierId;
        } else {
          revoked = acts.standing(acts.revocation(input.revocationEventSeq!));
          dossierId = revoked.certificate.dossierId;
        }
        authorize(canAppeal(actor, appeals.dossier(dossierId)), 'Apela el productor afectado o el comité de su organización');
        if (revoked) acts.refuseLateRevocationAppeal(revoked, at);
        const eventSeq = input.suspensionEventSeq ?? input.revocationEventSeq ?? null;
        const act = input.decisionId ? { decisionId: input.decisionId } : { eventSeq: eventSeq! };
        if (appeals.pendingAgainst(act)) throw new AppError('conflict', 'APPEAL_PENDING', 'Ya hay una apelación pendiente contra ese acto');
        const row = {
          id,
          decisionId: input.decisionId ?? null,
          eventSeq,
          dossierId,
          reason: input.reason,
          filedBy: actor.userId,
          filedAt: at.toISOString(),
          status: 'filed' as const,
        };
        appeals.insert(row);
        appendAudit(db, actor, { entity: 'appeal', entityId: id, action: 'file', change: row }, at);
      });
      return view(load(id));
    },

    get(actor: Actor, id: string): AppealView {
      const row = load(id);
      // Whoever may read the dossier may read its appeals.
      dossierService.get(actor, row.dossierId);
      return view(row);
    },

    decide(actor: Actor, sessionId: string, appealId: string, input: AppealDecisionInput): AppealView {
      authorize(canActAsCommission(actor), 'Solo la comisión de certificación registra sesiones y decisiones');
      const at = now();
      immediate(db, () => {
        const session = voting.openSession(sessionId);
        const row = load(appealId);
        const next = appealTransition(row.status, input.proposedOutcome === 'upheld' ? 'uphold' : 'reject');
        if (!next.ok) throw new AppError('conflict', 'APPEAL_STATE', next.message, [{ path: 'status', message: row.status }]);
        const issued = effect.check(row, input);
        const chosen = issued ? { certificateEffect: input.certificateEffect } : {};
        const { present, excludedUserIds, involvement, excluded } = deciders(sessionId, row);
        const recused = voting.withVoluntary(present, appealRecusals(excluded), input.recusals);
        voting.refuseViolations(
          checkAppealVotes({
            quorum: session.quorum,
            seats: session.seats ?? undefined,
            present,
            excludedUserIds,
            involvement,
            recusals: recused.filter((r) => r.kind === 'voluntary'),
            votes: input.votes,
          }),
          input.votes,
        );
        const t = tally(input.votes);
        if (!t.carried) {
          throw new AppError(
            'unprocessable',
            'PROPOSAL_NOT_CARRIED',
            `La propuesta no obtuvo mayoría (${t.for} a favor, ${t.against} en contra): no se registró ninguna resolución`,
            [{ path: 'body.votes', message: 'Hace falta mayoría simple de los votos emitidos', code: 'PROPOSAL_NOT_CARRIED' }],
          );
        }
        const change = {
          status: input.proposedOutcome,
          sessionId,
          proposedOutcome: input.proposedOutcome,
          rationale: input.rationale,
          decidedAt: at.toISOString(),
        };
        appeals.update(appealId, change);
        voting.record('appeal', appealId, input.votes, recused);
        appendAudit(
          db,
          actor,
          {
            entity: 'appeal',
            entityId: appealId,
            action: 'decide',
            change: { ...change, ...chosen, votes: input.votes, recusals: recused },
          },
          at,
        );
        if (input.proposedOutcome === 'upheld') apply(actor, row, input.rationale, sessionId, at);
        if (issued && input.certificateEffect === 'withdraw') effect.withdraw(actor, issued, input.rationale, sessionId, at);
      });
      return view(load(appealId));
    },

    /** The appeals decided in the session, for its view and its acta. */
    ofSession: (sessionId: string) => appeals.decidedIn(sessionId).map(view),

    /** One appeal with the names and numbers a person reads, for the commission. */
    described(actor: Actor, id: string): DescribedAppeal {
      authorize(canActAsCommission(actor), COMMISSION_ONLY);
      const found = appeals.described(id);
      if (!found) throw new AppError('not_found', 'APPEAL_NOT_FOUND', 'No existe esa apelación');
      return found;
    },

    /** The appeals waiting for a session (all, oldest first) and a page of those decided (latest first). */
    list(actor: Actor, decidedPage: { page: number; pageSize: number }) {
      authorize(canActAsCommission(actor), COMMISSION_ONLY);
      const { rows, total } = appeals.decided(decidedPage.pageSize, (decidedPage.page - 1) * decidedPage.pageSize);
      return { filed: appeals.filed(MAX_FILED), decided: { items: rows, total, ...decidedPage } };
    },

    /** Who took the appealed act (voted the decision, or suspended or revoked), by name: they never decide the appeal. */
    actTakers(actor: Actor, id: string): { userId: string; name: string }[] {
      authorize(canActAsCommission(actor), COMMISSION_ONLY);
      return appeals.userNames(excludedFor(load(id))).map((u) => ({ userId: u.id, name: u.name }));
    },

    /** Who may vote on the appeal in the session, and why the others may not: the same rules `decide` applies. */
    ballot(actor: Actor, sessionId: string, appealId: string): AppealBallot {
      authorize(canActAsCommission(actor), COMMISSION_ONLY);
      const session = voting.session(sessionId);
      const { present, excluded } = deciders(sessionId, load(appealId));
      const voters = votingMembers(present, appealRecusals(excluded), session.seats ?? undefined);
      const brief = ({ userId, name, seat }: CommissionMember): Member => ({ userId, name, seat });
      const standsAside = new Set([...excluded.map((e) => e.userId), ...voters.map((m) => m.userId)]);
      return {
        quorum: session.quorum,
        excluded: excluded.flatMap((e) => {
          const member = present.find((m) => m.userId === e.userId);
          return member ? [{ ...brief(member), rule: e.rule, reason: e.reason }] : [];
        }),
        voting: voters.map(brief),
        standby: present.filter((m) => !standsAside.has(m.userId)).map(brief),
        missing: Math.max(0, session.quorum - voters.length),
      };
    },

    /** The decisions, current suspensions and revocations of the dossier that the person may appeal, with whether one is already appealed. */
    appealable(actor: Actor, dossierId: string): Appealable {
      const dossier = dossierService.get(actor, dossierId);
      authorize(
        canAppeal(actor, { organizationId: dossier.organization.id, producerId: dossier.producer?.id ?? null }),
        'Apela el productor afectado o el comité de su organización',
      );
      const revocations = appeals.revocationsOf(dossier.id).map((r) => ({ ...r, ...acts.revocationDeadline(r, now()) }));
      return { decisions: appeals.decisionsOf(dossier.id), suspensions: appeals.suspensionsOf(dossier.id), revocations };
    },
  };

  /**
   * An upheld appeal reinstates a suspended or revoked certificate (the appealed act is left without
   * effect), or sends the dossier back to the commission (its certificate as the appeal decision says).
   */
  function apply(actor: Actor, row: AppealRow, rationale: string, sessionId: string, at: Date): void {
    if (row.eventSeq !== null) {
      acts.undo(actor, appealedEvent(row.eventSeq), { reason: `Apelación acogida. ${asSentence(rationale)}`, sessionId, at });
      return;
    }
    const dossier = appeals.dossier(row.dossierId);
    if (dossier.state === 'decided') dossierService.transitionWithin(actor, dossier, 'reopen_on_appeal', at);
  }
}
export type AppealService = ReturnType<typeof createAppealService>;
