/**
 * Corrective actions agreed by the local committee for a non-conformity: a
 * responsible person, a deadline within the scheme's limit, and a closing record.
 */
import { randomUUID } from 'node:crypto';
import { immediate, type Db } from '../../db/client.js';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import { type Actor, authorize, canActAsCommission, canManageDossier, canReadDossier } from '../../domain/access.js';
import { laPazDate } from '../../domain/certificate-state.js';
import { followUpMeans, followUpRequiredMessage } from '../../domain/follow-up.js';
import { AppError, notFound } from '../../errors.js';
import { appendAudit } from '../audit/audit-log.js';
import { recordTimeEventsForAction } from '../certificates/certificate-events.js';
import { createCorrectiveActionRepository } from './corrective-action-repository.js';
import type { Closure, CommissionReview, CorrectiveAction, NewCorrectiveAction } from './corrective-action-schemas.js';
import { createFollowUpRepository } from './follow-up-repository.js';

const DAY_MS = 86_400_000;

export function createCorrectiveActionService(db: Db, now: () => Date, catalog: CriteriaCatalog) {
  const repo = createCorrectiveActionRepository(db);
  const followUpRepo = createFollowUpRepository(db);
  /** How the non-conformity must be verified under its dossier's criteria version, or null when the committee closes it. */
  const meansOf = (found: NonNullable<ReturnType<typeof repo.nonConformity>>) => {
    const version = catalog.version(found.scheme, found.criteriaVersion);
    return { means: followUpMeans(found.nc.level, version.decisionPolicy), version: version.version };
  };

  /** The non-conformity, with its dossier's organisation and producer. */
  const nonConformity = (ncId: string) => {
    const found = repo.nonConformity(ncId);
    if (!found) throw notFound('NON_CONFORMITY_NOT_FOUND', 'No existe esa no conformidad');
    return found;
  };
  const get = (id: string): CorrectiveAction => {
    const action = repo.action(id);
    if (!action) throw notFound('CORRECTIVE_ACTION_NOT_FOUND', 'No existe esa acción correctiva');
    return action;
  };

  return {
    create(actor: Actor, ncId: string, input: NewCorrectiveAction): CorrectiveAction {
      const at = now();
      const id = randomUUID();
      immediate(db, () => {
        const { nc, ...dossier } = nonConformity(ncId);
        authorize(canManageDossier(actor, dossier), 'Solo el comité de la organización acuerda acciones correctivas');
        if (repo.organizationOfPerson(input.responsiblePersonId) !== dossier.organizationId) {
          throw new AppError('invalid', 'UNKNOWN_PERSON', 'La persona responsable debe ser de la misma organización', [
            { path: 'body.responsiblePersonId', message: 'No es de esta organización' },
          ]);
        }
        const today = laPazDate(at);
        const days = (Date.parse(input.deadline) - Date.parse(today)) / DAY_MS;
        if (days < 0) {
          throw new AppError('invalid', 'DEADLINE_IN_PAST', 'El plazo no puede estar en el pasado', [
            { path: 'body.deadline', message: 'Esa fecha ya pasó' },
          ]);
        }
        if (nc.correctiveActionMaxDays !== null && days > nc.correctiveActionMaxDays) {
          throw new AppError(
            'invalid',
            'DEADLINE_TOO_LONG',
            `Para un criterio de este nivel, el plazo máximo es de ${nc.correctiveActionMaxDays} días`,
            [{ path: 'body.deadline', message: `Máximo ${nc.correctiveActionMaxDays} días desde hoy` }],
          );
        }
        const row = { id, nonConformityId: ncId, ...input, createdAt: at.toISOString() };
        repo.insert(row);
        appendAudit(db, actor, { entity: 'corrective_action', entityId: id, action: 'create', change: row }, at);
      });
      return get(id);
    },

    close(actor: Actor, id: string, input: Closure): CorrectiveAction {
      const at = now();
      immediate(db, () => {
        const action = get(id);
        const found = nonConformity(action.nonConformityId);
        const { nc, ...dossier } = found;
        authorize(canManageDossier(actor, dossier), 'Solo el comité de la organización cierra acciones correctivas');
        if (action.closedAt) throw new AppError('conflict', 'ALREADY_CLOSED', 'Esta acción correctiva ya fue cerrada');
        const { means, version } = meansOf(found);
        if (means) throw new AppError('unprocessable', 'FOLLOW_UP_REQUIRED', followUpRequiredMessage(nc.level, means, version));
        // A condition of a certificate closed late: its overdue suspension is recorded before the closure lifts it.
        recordTimeEventsForAction(db, id, at);
        const change = {
          closedAt: at.toISOString(),
          closingNotes: input.notes,
          closingEvidenceId: input.evidenceId ?? null,
          closedBy: 'committee' as const,
        };
        repo.close(id, change);
        appendAudit(db, actor, { entity: 'corrective_action', entityId: id, action: 'close', change }, at);
      });
      return get(id);
    },

    /** The commission closes an action after reviewing the evidence, where the level's follow-up allows it. */
    commissionReview(actor: Actor, id: string, input: CommissionReview): CorrectiveAction {
      authorize(canActAsCommission(actor), 'Solo la comisión de certificación revisa la evidencia de una acción correctiva');
      const at = now();
      immediate(db, () => {
        const action = get(id);
        const found = nonConformity(action.nonConformityId);
        if (action.closedAt) throw new AppError('conflict', 'ALREADY_CLOSED', 'Esta acción correctiva ya fue cerrada');
        const { means, version } = meansOf(found);
        if (!means?.includes('commission_review')) {
          throw new AppError(
            'unprocessable',
            'FOLLOW_UP_MEANS_NOT_ALLOWED',
            means
              ? followUpRequiredMessage(found.nc.level, means, version)
              : `Esta no conformidad no necesita verificación de seguimiento: la cierra el comité local (criterios ${version})`,
          );
        }
        if (input.sessionId && !repo.sessionExists(input.sessionId)) {
          throw notFound('SESSION_NOT_FOUND', 'No existe esa sesión de la comisión');
        }
        const known = new Set(followUpRepo.evidenceOfDossier(found.nc.dossierId, input.evidenceIds));
        const foreign = input.evidenceIds.flatMap((e, i) =>
          known.has(e) ? [] : [{ path: `body.evidenceIds.${i}`, message: 'No es una evidencia de este expediente' }],
        );
        if (foreign.length > 0) {
          throw new AppError('unprocessable', 'EVIDENCE_NOT_IN_DOSSIER', 'Cada evidencia debe ser del expediente de esta acción', foreign);
        }
        recordTimeEventsForAction(db, id, at);
        const change = {
          closedAt: at.toISOString(),
          closingNotes: input.notes,
          closingEvidenceId: input.evidenceIds[0]!,
          closedBy: 'commission_review' as const,
        };
        repo.close(id, change);
        const review = { evidenceIds: input.evidenceIds, sessionId: input.sessionId ?? null };
        appendAudit(
          db,
          actor,
          { entity: 'corrective_action', entityId: id, action: 'commission_review', change: { ...change, ...review } },
          at,
        );
      });
      return get(id);
    },

    listForNonConformity(actor: Actor, ncId: string): CorrectiveAction[] {
      const { nc: _nc, ...dossier } = nonConformity(ncId);
      authorize(canReadDossier(actor, dossier), 'No tiene acceso a este expediente');
      return repo.actionsOf(ncId);
    },
  };
}
export type CorrectiveActionService = ReturnType<typeof createCorrectiveActionService>;
