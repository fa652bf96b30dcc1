/**
 * Corrective actions agreed by the local committee for a non-conformity: a
 * responsible person, a deadline within the scheme's limit, and a closing record.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { immediate, type Db } from '../../db/client.js';
import { correctiveActions, dossiers, nonConformities, persons } from '../../db/schema.js';
import { type Actor, authorize, canAccessRegistry, canCreateIn } from '../../domain/access.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit-log.js';
import { laPazDate } from '../../domain/certificate-state.js';
import { recordTimeEventsForAction } from '../certificates/certificate-events.js';

export const NewCorrectiveActionSchema = z
  .object({
    description: z.string().trim().min(5).max(4000),
    responsiblePersonId: z.uuid(),
    deadline: z.iso.date(),
  })
  .strict();

export const ClosureSchema = z
  .object({
    notes: z.string().trim().min(5).max(4000).describe('Qué se hizo y cómo se comprobó'),
    evidenceId: z.uuid().optional().describe('Foto o documento ya subido como evidencia del cierre'),
  })
  .strict();

export const CorrectiveActionSchema = z.object({
  id: z.string(),
  nonConformityId: z.string(),
  description: z.string(),
  responsiblePersonId: z.string(),
  deadline: z.string(),
  closedAt: z.string().nullable(),
  closingNotes: z.string().nullable(),
  closingEvidenceId: z.string().nullable(),
  createdAt: z.string(),
});
export type CorrectiveAction = z.infer<typeof CorrectiveActionSchema>;

const DAY_MS = 86_400_000;

export function createCorrectiveActionService(db: Db, now: () => Date) {
  const dossierOfNc = (ncId: string) => {
    const row = db
      .select({ nc: nonConformities, organizationId: dossiers.organizationId, producerId: dossiers.producerId })
      .from(nonConformities)
      .innerJoin(dossiers, eq(dossiers.id, nonConformities.dossierId))
      .where(eq(nonConformities.id, ncId))
      .get();
    if (!row) throw new AppError('not_found', 'NON_CONFORMITY_NOT_FOUND', 'No existe esa no conformidad');
    return row;
  };
  const get = (id: string): CorrectiveAction => {
    const action = db.select().from(correctiveActions).where(eq(correctiveActions.id, id)).get();
    if (!action) throw new AppError('not_found', 'CORRECTIVE_ACTION_NOT_FOUND', 'No existe esa acción correctiva');
    return action;
  };

  return {
    create(actor: Actor, ncId: string, input: z.infer<typeof NewCorrectiveActionSchema>): CorrectiveAction {
      const at = now();
      const id = randomUUID();
      immediate(db, () => {
        const { nc, organizationId } = dossierOfNc(ncId);
        authorize(canCreateIn(actor, organizationId), 'Solo el comité de la organización acuerda acciones correctivas');
        const person = db.select({ organizationId: persons.organizationId }).from(persons).where(eq(persons.id, input.responsiblePersonId)).get();
        if (!person || person.organizationId !== organizationId) {
          throw new AppError('invalid', 'UNKNOWN_PERSON', 'La persona responsable debe ser de la misma organización', [
            { path: 'body.responsiblePersonId', message: 'No es de esta organización' },
          ]);
        }
        const today = laPazDate(at);
        const days = (Date.parse(input.deadline) - Date.parse(today)) / DAY_MS;
        if (days < 0) {
          throw new AppError('invalid', 'DEADLINE_IN_PAST', 'El plazo no puede estar en el pasado', [{ path: 'body.deadline', message: 'Fecha pasada' }]);
        }
        if (nc.correctiveActionMaxDays !== null && days > nc.correctiveActionMaxDays) {
          throw new AppError('invalid', 'DEADLINE_TOO_LONG', `Para un criterio de este nivel el plazo máximo es de ${nc.correctiveActionMaxDays} días`, [
            { path: 'body.deadline', message: `Máximo ${nc.correctiveActionMaxDays} días desde hoy` },
          ]);
        }
        const row = { id, nonConformityId: ncId, ...input, createdAt: at.toISOString() };
        db.insert(correctiveActions).values(row).run();
        appendAudit(db, actor, { entity: 'corrective_action', entityId: id, action: 'create', change: row }, at);
      });
      return get(id);
    },

    close(actor: Actor, id: string, input: z.infer<typeof ClosureSchema>): CorrectiveAction {
      const at = now();
      immediate(db, () => {
        const action = get(id);
        const { organizationId } = dossierOfNc(action.nonConformityId);
        authorize(canCreateIn(actor, organizationId), 'Solo el comité de la organización cierra acciones correctivas');
        if (action.closedAt) throw new AppError('conflict', 'ALREADY_CLOSED', 'Esta acción correctiva ya fue cerrada');
        // A condition of a certificate closed late: its overdue suspension is recorded before the closure lifts it.
        recordTimeEventsForAction(db, id, at);
        const change = { closedAt: at.toISOString(), closingNotes: input.notes, closingEvidenceId: input.evidenceId ?? null };
        db.update(correctiveActions).set(change).where(eq(correctiveActions.id, id)).run();
        appendAudit(db, actor, { entity: 'corrective_action', entityId: id, action: 'close', change }, at);
      });
      return get(id);
    },

    listForNonConformity(actor: Actor, ncId: string): CorrectiveAction[] {
      const { organizationId, producerId } = dossierOfNc(ncId);
      authorize(canAccessRegistry(actor, 'read', { organizationId, producerId }), 'No tiene acceso a este expediente');
      return db.select().from(correctiveActions).where(eq(correctiveActions.nonConformityId, ncId)).all();
    },
  };
}
export type CorrectiveActionService = ReturnType<typeof createCorrectiveActionService>;
