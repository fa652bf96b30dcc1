/**
 * Corrective actions agreed by the local committee for a non-conformity: a
 * responsible person, a deadline within the scheme's limit, and a closing record.
 */
import { randomUUID } from 'node:crypto';
import { immediate, type Db } from '../../db/client.js';
import { type Actor, authorize, canManageDossier, canReadDossier } from '../../domain/access.js';
import { laPazDate } from '../../domain/certificate-state.js';
import { AppError, notFound } from '../../errors.js';
import { appendAudit } from '../audit/audit-log.js';
import { recordTimeEventsForAction } from '../certificates/certificate-events.js';
import { createCorrectiveActionRepository } from './corrective-action-repository.js';
import type { Closure, CorrectiveAction, NewCorrectiveAction } from './corrective-action-schemas.js';

const DAY_MS = 86_400_000;

export function createCorrectiveActionService(db: Db, now: () => Date) {
  const repo = createCorrectiveActionRepository(db);

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
        const { nc: _nc, ...dossier } = nonConformity(action.nonConformityId);
        authorize(canManageDossier(actor, dossier), 'Solo el comité de la organización cierra acciones correctivas');
        if (action.closedAt) throw new AppError('conflict', 'ALREADY_CLOSED', 'Esta acción correctiva ya fue cerrada');
        // A condition of a certificate closed late: its overdue suspension is recorded before the closure lifts it.
        recordTimeEventsForAction(db, id, at);
        const change = { closedAt: at.toISOString(), closingNotes: input.notes, closingEvidenceId: input.evidenceId ?? null };
        repo.close(id, change);
        appendAudit(db, actor, { entity: 'corrective_action', entityId: id, action: 'close', change }, at);
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
