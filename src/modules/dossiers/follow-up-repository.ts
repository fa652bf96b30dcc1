/**
 * Reads of what a follow-up verification needs: a dossier's effective non-conformities and their actions,
 * who took part in them (for the independence of a follow-up team), the follow-up visits' findings; and the
 * closure of an action by a follow-up. No rules here.
 */
import { and, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  answers,
  auditLog,
  correctiveActions,
  evidenceFiles,
  nonConformities,
  persons,
  users,
  visitMembers,
  visits,
} from '../../db/schema.js';
import type { ClosureKind } from '../../domain/follow-up.js';

/** «Cumple» answers of the dossier's submitted follow-up visits, each with when it was submitted. */
export const followUpVerifications = (db: Db, dossierId: string) =>
  db
    .select({ criterionCode: answers.criterionCode, submittedAt: visits.submittedAt, visitId: visits.id })
    .from(answers)
    .innerJoin(visits, eq(visits.id, answers.sourceId))
    .where(
      and(
        eq(visits.dossierId, dossierId),
        eq(visits.purpose, 'follow_up'),
        eq(visits.status, 'submitted'),
        eq(answers.source, 'visit'),
        eq(answers.value, 'cumple'),
      ),
    )
    .all()
    .map((v) => ({ ...v, submittedAt: v.submittedAt ?? '' }));

export type FollowUpClosure = {
  closedAt: string;
  closingNotes: string;
  closingEvidenceId: string | null;
  closedBy: ClosureKind;
  closingVisitId: string | null;
};

export function createFollowUpRepository(db: Db) {
  return {
    /** Non-conformities of the dossier's submitted regular visits that no later record corrects. */
    effectiveNonConformities: (dossierId: string) =>
      db
        .select({ nc: nonConformities })
        .from(nonConformities)
        .innerJoin(visits, eq(visits.id, nonConformities.visitId))
        .where(
          and(
            eq(nonConformities.dossierId, dossierId),
            eq(visits.status, 'submitted'),
            eq(visits.purpose, 'regular'),
            sql`not exists (select 1 from visits c where c.corrects_visit_id = ${visits.id})`,
          ),
        )
        .all()
        .map((r) => r.nc),
    actionsOf: (ncIds: string[]) =>
      ncIds.length === 0 ? [] : db.select().from(correctiveActions).where(inArray(correctiveActions.nonConformityId, ncIds)).all(),
    /** Persons on the team of the dossier's regular visits that were not cancelled. */
    originalTeamPersonIds: (dossierId: string): string[] =>
      db
        .selectDistinct({ personId: visitMembers.personId })
        .from(visitMembers)
        .innerJoin(visits, eq(visits.id, visitMembers.visitId))
        .where(and(eq(visits.dossierId, dossierId), eq(visits.purpose, 'regular'), sql`${visits.status} <> 'cancelled'`))
        .all()
        .map((r) => r.personId),
    /** Persons of the organisation who sit on its committee: by their registry role, or by a committee account. */
    committeePersonIds(organizationId: string): string[] {
      const byRole = db
        .select({ id: persons.id })
        .from(persons)
        .where(
          and(
            eq(persons.organizationId, organizationId),
            sql`exists (select 1 from json_each(${persons.roles}) where value = 'committee_member')`,
          ),
        )
        .all()
        .map((p) => p.id);
      const byAccount = db
        .select({ personId: users.personId })
        .from(users)
        .where(and(eq(users.role, 'committee'), eq(users.organizationId, organizationId), isNotNull(users.personId)))
        .all()
        .map((u) => u.personId!);
      return [...new Set([...byRole, ...byAccount])];
    },
    /** Persons (through their accounts) who wrote to these corrective actions: agreed or closed them. */
    actionAuthorPersonIds: (actionIds: string[]): string[] =>
      actionIds.length === 0
        ? []
        : db
            .selectDistinct({ personId: users.personId })
            .from(auditLog)
            .innerJoin(users, eq(users.id, auditLog.actorId))
            .where(and(eq(auditLog.entity, 'corrective_action'), inArray(auditLog.entityId, actionIds), isNotNull(users.personId)))
            .all()
            .map((r) => r.personId!),
    evidenceOfDossier: (dossierId: string, ids: string[]) =>
      ids.length === 0
        ? []
        : db
            .select({ id: evidenceFiles.id })
            .from(evidenceFiles)
            .where(and(eq(evidenceFiles.dossierId, dossierId), inArray(evidenceFiles.id, ids)))
            .all()
            .map((e) => e.id),
    /** Closes an action that is still open; false when it was already closed. */
    close: (id: string, closure: FollowUpClosure): boolean =>
      db
        .update(correctiveActions)
        .set(closure)
        .where(and(eq(correctiveActions.id, id), isNull(correctiveActions.closedAt)))
        .run().changes === 1,
  };
}
export type FollowUpRepository = ReturnType<typeof createFollowUpRepository>;
