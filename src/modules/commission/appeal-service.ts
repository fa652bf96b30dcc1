/**
 * Appeals against a commission decision or a suspension: filed by the producer
 * or its committee with a reason, decided in a later session only by members
 * who took no part in the appealed act, and applied on the spot when upheld.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { immediate, type Db } from '../../db/client.js';
import { appeals, certificateEvents, certificates, decisions, dossiers } from '../../db/schema.js';
import { type Actor, authorize, canCreateIn } from '../../domain/access.js';
import { appealTransition, checkAppealVotes, eligibleAppealDeciders } from '../../domain/appeals.js';
import { tally } from '../../domain/commission.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit-log.js';
import { recordCertificateEvent } from '../certificates/certificate-events.js';
import type { DossierService } from '../dossiers/dossier-service.js';
import type { AppealDecisionInput, AppealView, NewAppeal } from './commission-schemas.js';
import { requireCommission, type CommissionService } from './commission-service.js';

type AppealRow = typeof appeals.$inferSelect;

export function createAppealService({ db, now, commission, dossiers: dossierService }: { db: Db; now: () => Date; commission: CommissionService; dossiers: DossierService }) {
  const { repo } = commission;

  const load = (id: string): AppealRow => {
    const row = db.select().from(appeals).where(eq(appeals.id, id)).get();
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
    const found = db
      .select({ event: certificateEvents, certificate: certificates })
      .from(certificateEvents)
      .innerJoin(certificates, eq(certificates.id, certificateEvents.certificateId))
      .where(eq(certificateEvents.seq, seq))
      .get();
    if (!found || found.event.event !== 'suspended') {
      throw new AppError('not_found', 'SUSPENSION_NOT_FOUND', `No existe una suspensión con el número de evento ${seq}`, [{ path: 'body.suspensionEventSeq', message: 'No es una suspensión' }]);
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
    view,

    file(actor: Actor, input: NewAppeal): AppealView {
      const at = now();
      const id = randomUUID();
      immediate(db, () => {
        let dossierId: string;
        if (input.decisionId) {
          const decision = db.select().from(decisions).where(eq(decisions.id, input.decisionId)).get();
          if (!decision) throw new AppError('not_found', 'DECISION_NOT_FOUND', 'No existe esa decisión', [{ path: 'body.decisionId', message: 'No existe' }]);
          dossierId = decision.dossierId;
        } else {
          const { certificate } = suspension(input.suspensionEventSeq!);
          if (certificate.status !== 'suspended') throw new AppError('conflict', 'NOT_SUSPENDED', 'El certificado ya no está suspendido');
          dossierId = certificate.dossierId;
        }
        const dossier = db.select().from(dossiers).where(eq(dossiers.id, dossierId)).get()!;
        const own = actor.role === 'producer' && actor.producerId === dossier.producerId;
        authorize(own || canCreateIn(actor, dossier.organizationId), 'Apela el productor afectado o el comité de su organización');
        const pending = db
          .select({ id: appeals.id })
          .from(appeals)
          .where(
            and(
              eq(appeals.status, 'filed'),
              input.decisionId ? eq(appeals.decisionId, input.decisionId) : eq(appeals.eventSeq, input.suspensionEventSeq!),
            ),
          )
          .get();
        if (pending) throw new AppError('conflict', 'APPEAL_PENDING', 'Ya hay una apelación pendiente contra ese acto');
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
        db.insert(appeals).values(row).run();
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
      requireCommission(actor);
      const at = now();
      immediate(db, () => {
        const session = commission.openSession(sessionId);
        const row = load(appealId);
        const next = appealTransition(row.status, input.proposedOutcome === 'upheld' ? 'uphold' : 'reject');
        if (!next.ok) throw new AppError('conflict', 'APPEAL_STATE', next.message, [{ path: 'status', message: row.status }]);
        const present = commission.presentMembers(sessionId);
        const excludedUserIds = excludedFor(row);
        const involvement = repo.involvement(row.dossierId);
        const { excluded } = eligibleAppealDeciders(present, excludedUserIds, involvement);
        const recused = commission.withVoluntary(
          present,
          excluded.map((e) => ({ userId: e.userId, reason: e.reason, kind: 'automatic' as const, rule: e.rule })),
          input.recusals,
        );
        commission.refuseViolations(
          checkAppealVotes({ quorum: session.quorum, present, excludedUserIds, involvement, recusals: recused.filter((r) => r.kind === 'voluntary'), votes: input.votes }),
          input.votes,
        );
        const t = tally(input.votes);
        if (!t.carried) {
          throw new AppError('unprocessable', 'PROPOSAL_NOT_CARRIED', `La propuesta no obtuvo mayoría (${t.for} a favor, ${t.against} en contra): no se registró ninguna resolución`, [
            { path: 'body.votes', message: 'Mayoría simple de los votos emitidos', code: 'PROPOSAL_NOT_CARRIED' },
          ]);
        }
        const change = { status: input.proposedOutcome, sessionId, proposedOutcome: input.proposedOutcome, rationale: input.rationale, decidedAt: at.toISOString() };
        db.update(appeals).set(change).where(eq(appeals.id, appealId)).run();
        commission.recordVotes('appeal', appealId, input.votes, recused);
        appendAudit(db, actor, { entity: 'appeal', entityId: appealId, action: 'decide', change: { ...change, votes: input.votes, recusals: recused } }, at);
        if (input.proposedOutcome === 'upheld') apply(actor, row, input.rationale, sessionId, at);
      });
      return view(load(appealId));
    },

    ofSession: (sessionId: string) => db.select().from(appeals).where(eq(appeals.sessionId, sessionId)).orderBy(asc(appeals.decidedAt)).all().map(view),
  };

  /** An upheld appeal reinstates a suspended certificate, or sends the dossier back to the commission. */
  function apply(actor: Actor, row: AppealRow, rationale: string, sessionId: string, at: Date): void {
    if (row.eventSeq !== null) {
      const { certificate } = suspension(row.eventSeq);
      if (certificate.status === 'suspended') {
        recordCertificateEvent(
          db,
          certificate,
          { event: 'reinstated', at: at.toISOString(), actor, reason: `Apelación acogida: ${rationale}`, sessionId, status: 'active' },
          at,
        );
      }
      return;
    }
    const dossier = db.select().from(dossiers).where(eq(dossiers.id, row.dossierId)).get()!;
    if (dossier.state === 'decided') dossierService.transitionWithin(actor, dossier, 'reopen_on_appeal', at);
  }
}
export type AppealService = ReturnType<typeof createAppealService>;
