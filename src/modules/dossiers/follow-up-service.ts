/**
 * Follow-up verification of a dossier's non-conformities (src/domain/follow-up.ts): which ones still await it,
 * the independence of a follow-up visit's team, and what a submitted follow-up visit closes. Runs inside the
 * caller's transaction.
 */
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../domain/access.js';
import {
  checkFollowUpIndependence,
  followUpMeans,
  nonConformityClosed,
  type FollowUpMeans,
  type FollowUpPolicy,
} from '../../domain/follow-up.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit-log.js';
import { recordTimeEventsForAction } from '../certificates/certificate-events.js';
import { applicableCriteria, checkAnswers } from './dossier-criteria.js';
import { createDossierRepository, type DossierRow } from './dossier-repository.js';
import type { SubmitVisit } from './dossier-schemas.js';
import { createFollowUpRepository, followUpVerifications } from './follow-up-repository.js';
import type { VisitRepository } from './visit-repository.js';

type NonConformityRow = ReturnType<ReturnType<typeof createFollowUpRepository>['effectiveNonConformities']>[number];
type ActionRow = ReturnType<ReturnType<typeof createFollowUpRepository>['actionsOf']>[number];
/** How a dossier's non-conformity stands with respect to follow-up. */
export type FollowUpState = { required: true; means: FollowUpMeans[]; verified: boolean };

export function createFollowUp(db: Db, catalog: CriteriaCatalog) {
  const repo = createFollowUpRepository(db);
  const dossierRepo = createDossierRepository(db);
  const policyOf = (d: DossierRow): FollowUpPolicy => catalog.version(d.scheme, d.criteriaVersion).decisionPolicy;

  /** Each non-conformity given whose level needs follow-up, with its means and whether it was verified. */
  const statesOf = (d: DossierRow, ncs: readonly NonConformityRow[], actions: readonly ActionRow[]) => {
    const policy = policyOf(d);
    const verified = followUpVerifications(db, d.id);
    const states = new Map<string, FollowUpState>();
    for (const nc of ncs) {
      const means = followUpMeans(nc.level, policy);
      if (!means) continue;
      const byVisit = verified.some((v) => v.criterionCode === nc.criterionCode && v.submittedAt > nc.createdAt);
      const own = actions.filter((a) => a.nonConformityId === nc.id);
      states.set(nc.id, { required: true, means, verified: nonConformityClosed(true, own, byVisit) });
    }
    return states;
  };

  /** The dossier's non-conformities a follow-up visit may verify and that still await it, with their actions. */
  const pendingForVisit = (d: DossierRow) => {
    const ncs = repo.effectiveNonConformities(d.id);
    const actions = repo.actionsOf(ncs.map((nc) => nc.id));
    const states = statesOf(d, ncs, actions);
    return ncs
      .filter((nc) => {
        const state = states.get(nc.id);
        return state !== undefined && !state.verified && state.means.includes('visit');
      })
      .map((nc) => ({ nc, actions: actions.filter((a) => a.nonConformityId === nc.id) }));
  };

  return {
    statesOf,
    /** Criterion codes a follow-up visit of the dossier answers: those of its non-conformities awaiting one. */
    criteriaToVerify: (d: DossierRow) => [...new Set(pendingForVisit(d).map((p) => p.nc.criterionCode))],

    /** A follow-up visit is planned only while a non-conformity awaits one. */
    refuseWithoutPending(d: DossierRow): void {
      if (pendingForVisit(d).length > 0) return;
      throw new AppError(
        'conflict',
        'NO_FOLLOW_UP_PENDING',
        'Este expediente no tiene no conformidades abiertas que deban verificarse con una visita de seguimiento',
      );
    },

    /** Refuses a follow-up team with someone who took part in what it verifies, naming each person and why. */
    refuseDependentTeam(d: DossierRow, team: { personId: string; name: string }[]): void {
      const pending = pendingForVisit(d);
      const violations = checkFollowUpIndependence({
        team,
        originalTeamPersonIds: repo.originalTeamPersonIds(d.id),
        committeePersonIds: repo.committeePersonIds(d.organizationId),
        actionAuthorPersonIds: repo.actionAuthorPersonIds(pending.flatMap((p) => p.actions.map((a) => a.id))),
      });
      if (violations.length === 0) return;
      const index = new Map(team.map((m, i) => [m.personId, i]));
      throw new AppError(
        'unprocessable',
        'FOLLOW_UP_TEAM_NOT_INDEPENDENT',
        `El equipo de una visita de seguimiento debe ser independiente del comité y de la primera visita: ${violations.map((v) => v.message).join('; ')}`,
        violations.map((v) => ({ path: `body.team.${index.get(v.personId)}.personId`, message: v.message, code: v.rule })),
      );
    },

    /**
     * Records a follow-up visit's answers (only the criteria awaiting follow-up, all of them) with its audit entry.
     * A «cumple» closes the open corrective actions of that criterion's non-conformities, by the follow-up visit;
     * any other answer leaves them open. The dossier does not move.
     */
    submit(
      actor: Actor,
      d: DossierRow,
      visitRepo: VisitRepository,
      visitId: string,
      input: SubmitVisit & { visitedOn: string; submissionHash: string },
      at: Date,
    ): void {
      const pending = pendingForVisit(d);
      const codes = new Set(pending.map((p) => p.nc.criterionCode));
      const applicable = applicableCriteria(catalog, d, dossierRepo.sectorsOf(d));
      checkAnswers(input.answers, new Map([...applicable].filter(([code]) => codes.has(code))), true);
      visitRepo.recordSubmission(visitId, {
        present: input.present,
        observations: input.observations ?? null,
        visitedOn: input.visitedOn,
        submittedAt: at.toISOString(),
        submittedBy: actor.userId,
        idempotencyKey: input.idempotencyKey,
        submissionHash: input.submissionHash,
        answers: input.answers,
      });
      const { submissionHash: _h, ...submitted } = input;
      const fulfilled = new Map(input.answers.filter((a) => a.value === 'cumple').map((a) => [a.criterionCode, a]));
      const closed: string[] = [];
      for (const { nc, actions } of pending) {
        const answer = fulfilled.get(nc.criterionCode);
        if (!answer) continue;
        for (const action of actions.filter((a) => a.closedAt === null)) {
          const closure = {
            closedAt: at.toISOString(),
            closingNotes: answer.notes ?? `Verificado en la visita de seguimiento del ${input.visitedOn}: cumple`,
            closingEvidenceId: null,
            closedBy: 'follow_up_visit' as const,
            closingVisitId: visitId,
          };
          // A condition of a certificate closed late: its overdue suspension is recorded before the closure lifts it.
          recordTimeEventsForAction(db, action.id, at);
          if (!repo.close(action.id, closure)) continue;
          closed.push(action.id);
          appendAudit(db, actor, { entity: 'corrective_action', entityId: action.id, action: 'close', change: closure }, at);
        }
      }
      appendAudit(db, actor, { entity: 'visit', entityId: visitId, action: 'submit', change: { ...submitted, closedActions: closed } }, at);
    },
  };
}
export type FollowUp = ReturnType<typeof createFollowUp>;
