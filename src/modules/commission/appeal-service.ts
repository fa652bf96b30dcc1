/**
 * Appeals against a commission decision or a suspension: filed by the producer
 * or its committee with a reason, decided in a later session only by members
 * who took no part in the appealed act, and applied on the spot when upheld.
 */
import { randomUUID } from 'node:crypto';
import { immediate, type Db } from '../../db/client.js';
import { type Actor, authorize, canActAsCommission, canAppeal } from '../../domain/access.js';
import { appealRecusals, appealTransition, checkAppealVotes, eligibleAppealDeciders } from '../../domain/appeals.js';
import { tally } from '../../domain/commission.js';
import { asSentence } from '../../domain/text.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit-log.js';
import { recordCertificateEvent } from '../certificates/certificate-events.js';
import { createCertificateRepository } from '../certificates/certificate-repository.js';
import type { DossierService } from '../dossiers/dossier-service.js';
import { createAppealRepository, type AppealRow } from './appeal-repository.js';
import { createCommissionRepository } from './commission-repository.js';
import type { AppealDecisionInput, AppealView, NewAppeal } from './commission-schemas.js';
import { createSessionRepository } from './session-repository.js';
import { createVoting } from './voting.js';

export function createAppealService({ db, now, dossiers: dossierService }: { db: Db; now: () => Date; dossiers: DossierService }) {
  const repo = createCommissionRepository(db);
  const appeals = createAppealRepository(db);
  const certificates = createCertificateRepository(db);
  const voting = createVoting(repo, createSessionRepository(db));

  const load = (id: string): AppealRow => {
    const row = appeals.find(id);
    if (!row) throw new AppError('not_found', 'APPEAL_NOT_FOUND', 'No existe esa apelación');
    return row;
  };

  const view = (row: AppealRow): AppealView => {
    const cast = repo.votesOn('appeal', row.id);
    return {
      id: row.id,
      dossierId: row.dossierId,
      decisionId: row.decisionId,
      suspensionEventSeq: row.eventSeq,
      reason: row.reason,
      filedAt: row.filedAt,
      status: row.status,
      sessionId: row.sessionId,
      proposedOutcome: row.proposedOutcome,
      carried: row.proposedOutcome ? tally(cast).carried : null,
      rationale: row.rationale,
      decidedAt: row.decidedAt,
      votes: cast,
      recusals: repo.recusalsOn('appeal', row.id),
    };
  };

  /** The suspension event appealed, with its certificate. */
  const suspension = (seq: number) => {
    const found = certificates.eventWithCertificate(seq);
    if (!found || found.event.event !== 'suspended') {
      throw new AppError('not_found', 'SUSPENSION_NOT_FOUND', `No existe una suspensión con el número de evento ${seq}`, [
        { path: 'body.suspensionEventSeq', message: 'Ese evento no es una suspensión de un certificado' },
      ]);
    }
    return found;
  };

  /** Who may not decide the appeal: those who voted on the appealed decision, or who suspended. */
  const excludedFor = (row: AppealRow): string[] => {
    if (row.decisionId) return repo.votesOn('decision', row.decisionId).map((v) => v.userId);
    const { event } = suspension(row.eventSeq!);
    return event.actorId ? [event.actorId] : [];
  };

  return {
    file(actor: Actor, input: NewAppeal): AppealView {
      const at = now();
      const id = randomUUID();
      immediate(db, () => {
        let dossierId: string;
        if (input.decisionId) {
          const decision = repo.decision(input.decisionId);
          if (!decision)
            throw new AppError('not_found', 'DECISION_NOT_FOUND', 'No existe esa decisión', [
              { path: 'body.decisionId', message: 'No existe esa decisión' },
            ]);
          dossierId = decision.dossierId;
        } else {
          const { certificate } = suspension(input.suspensionEventSeq!);
          if (certificate.status !== 'suspended') throw new AppError('conflict', 'NOT_SUSPENDED', 'El certificado ya no está suspendido');
          dossierId = certificate.dossierId;
        }
        authorize(canAppeal(actor, appeals.dossier(dossierId)), 'Apela el productor afectado o el comité de su organización');
        const act = input.decisionId ? { decisionId: input.decisionId } : { suspensionEventSeq: input.suspensionEventSeq! };
        if (appeals.pendingAgainst(act)) throw new AppError('conflict', 'APPEAL_PENDING', 'Ya hay una apelación pendiente contra ese acto');
        const row = {
          id,
          decisionId: input.decisionId ?? null,
          eventSeq: input.suspensionEventSeq ?? null,
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
        const present = voting.presentMembers(sessionId);
        const excludedUserIds = excludedFor(row);
        const involvement = repo.involvement(row.dossierId);
        const { excluded } = eligibleAppealDeciders(present, excludedUserIds, involvement);
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
          { entity: 'appeal', entityId: appealId, action: 'decide', change: { ...change, votes: input.votes, recusals: recused } },
          at,
        );
        if (input.proposedOutcome === 'upheld') apply(actor, row, input.rationale, sessionId, at);
      });
      return view(load(appealId));
    },

    /** The appeals decided in the session, for its view and its acta. */
    ofSession: (sessionId: string) => appeals.decidedIn(sessionId).map(view),
  };

  /** An upheld appeal reinstates a suspended certificate, or sends the dossier back to the commission. */
  function apply(actor: Actor, row: AppealRow, rationale: string, sessionId: string, at: Date): void {
    if (row.eventSeq !== null) {
      const { certificate } = suspension(row.eventSeq);
      if (certificate.status === 'suspended') {
        recordCertificateEvent(
          db,
          certificate,
          {
            event: 'reinstated',
            at: at.toISOString(),
            actor,
            reason: `Apelación acogida. ${asSentence(rationale)}`,
            sessionId,
            status: 'active',
          },
          at,
        );
      }
      return;
    }
    const dossier = appeals.dossier(row.dossierId);
    if (dossier.state === 'decided') dossierService.transitionWithin(actor, dossier, 'reopen_on_appeal', at);
  }
}
export type AppealService = ReturnType<typeof createAppealService>;
