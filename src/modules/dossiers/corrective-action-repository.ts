/** Reads and writes of corrective actions and the non-conformity (and dossier) each answers to; no rules here. */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { commissionSessions, correctiveActions, dossiers, nonConformities, persons } from '../../db/schema.js';
import type { CorrectiveAction } from './corrective-action-schemas.js';

export function createCorrectiveActionRepository(db: Db) {
  return {
    /** The non-conformity with the organisation and producer of its dossier, who decide access. */
    nonConformity: (ncId: string) =>
      db
        .select({
          nc: nonConformities,
          organizationId: dossiers.organizationId,
          producerId: dossiers.producerId,
          scheme: dossiers.scheme,
          criteriaVersion: dossiers.criteriaVersion,
        })
        .from(nonConformities)
        .innerJoin(dossiers, eq(dossiers.id, nonConformities.dossierId))
        .where(eq(nonConformities.id, ncId))
        .get(),
    action: (id: string): CorrectiveAction | undefined => db.select().from(correctiveActions).where(eq(correctiveActions.id, id)).get(),
    actionsOf: (ncId: string): CorrectiveAction[] =>
      db.select().from(correctiveActions).where(eq(correctiveActions.nonConformityId, ncId)).all(),
    /** The actions agreed on a visit's non-conformities, with the criterion and the responsible person's name. */
    actionsOfVisit: (visitId: string) =>
      db
        .select({
          criterionCode: nonConformities.criterionCode,
          level: nonConformities.level,
          description: correctiveActions.description,
          responsible: persons.fullName,
          deadline: correctiveActions.deadline,
          closedAt: correctiveActions.closedAt,
        })
        .from(correctiveActions)
        .innerJoin(nonConformities, eq(nonConformities.id, correctiveActions.nonConformityId))
        .innerJoin(persons, eq(persons.id, correctiveActions.responsiblePersonId))
        .where(eq(nonConformities.visitId, visitId))
        .orderBy(asc(nonConformities.criterionCode), asc(correctiveActions.createdAt), asc(correctiveActions.id))
        .all(),
    organizationOfPerson: (personId: string) =>
      db.select({ organizationId: persons.organizationId }).from(persons).where(eq(persons.id, personId)).get()?.organizationId,
    sessionExists: (id: string) =>
      db.select({ id: commissionSessions.id }).from(commissionSessions).where(eq(commissionSessions.id, id)).get() !== undefined,
    insert: (row: typeof correctiveActions.$inferInsert) => void db.insert(correctiveActions).values(row).run(),
    close: (
      id: string,
      closing: { closedAt: string; closingNotes: string; closingEvidenceId: string | null; closedBy: 'committee' | 'commission_review' },
    ) => void db.update(correctiveActions).set(closing).where(eq(correctiveActions.id, id)).run(),
  };
}
export type CorrectiveActionRepository = ReturnType<typeof createCorrectiveActionRepository>;
