/** Reads of dossiers, visits and answers, mapped to plain objects; no rules here. */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  answers,
  correctiveActions,
  dossiers,
  evidenceFiles,
  nonConformities,
  persons,
  producers,
  selfAssessments,
  visitMembers,
  visits,
} from '../../db/schema.js';
import type { PastVisit } from '../../domain/visit-team.js';

export function createDossierRepository(db: Db) {
  return {
    dossier: (id: string) => db.select().from(dossiers).where(eq(dossiers.id, id)).get(),
    producer: (id: string) => db.select().from(producers).where(eq(producers.id, id)).get(),
    visit: (id: string) => db.select().from(visits).where(eq(visits.id, id)).get(),
    visitByKey: (key: string) => db.select().from(visits).where(eq(visits.idempotencyKey, key)).get(),
    visitsOf: (dossierId: string) => db.select().from(visits).where(eq(visits.dossierId, dossierId)).orderBy(asc(visits.createdAt), asc(visits.id)).all(),
    personsByIds: (ids: string[]) => (ids.length === 0 ? [] : db.select().from(persons).where(inArray(persons.id, ids)).all()),
    team: (visitId: string) =>
      db
        .select({ personId: visitMembers.personId, kind: visitMembers.kind, fullName: persons.fullName, producerId: persons.producerId })
        .from(visitMembers)
        .innerJoin(persons, eq(persons.id, visitMembers.personId))
        .where(eq(visitMembers.visitId, visitId))
        .orderBy(asc(persons.fullName))
        .all(),
    answersOf: (sourceId: string) =>
      db
        .select({ criterionCode: answers.criterionCode, value: answers.value, notes: answers.notes })
        .from(answers)
        .where(eq(answers.sourceId, sourceId))
        .orderBy(asc(answers.criterionCode))
        .all(),
    latestSelfAssessment: (dossierId: string) =>
      db.select().from(selfAssessments).where(eq(selfAssessments.dossierId, dossierId)).orderBy(desc(selfAssessments.createdAt), desc(selfAssessments.id)).limit(1).get(),
    nonConformitiesOf: (dossierId: string) =>
      db.select().from(nonConformities).where(eq(nonConformities.dossierId, dossierId)).orderBy(asc(nonConformities.criterionCode)).all(),
    correctiveActionsOf: (ncIds: string[]) =>
      ncIds.length === 0
        ? []
        : db.select().from(correctiveActions).where(inArray(correctiveActions.nonConformityId, ncIds)).orderBy(asc(correctiveActions.deadline), asc(correctiveActions.id)).all(),
    evidenceOf: (dossierId: string) =>
      db
        .select({ id: evidenceFiles.id, visitId: evidenceFiles.visitId, criterionCode: evidenceFiles.criterionCode, sha256: evidenceFiles.sha256, mediaType: evidenceFiles.mediaType, size: evidenceFiles.size })
        .from(evidenceFiles)
        .where(eq(evidenceFiles.dossierId, dossierId))
        .orderBy(asc(evidenceFiles.createdAt), asc(evidenceFiles.id))
        .all(),

    /** Every visit of the scheme with its reviewers' units, for conflict-of-interest rules. */
    visitHistory(scheme: string): PastVisit[] {
      const rows = db
        .select({
          visitId: visits.id,
          cycle: dossiers.cycle,
          visitedProducerId: dossiers.producerId,
          personId: visitMembers.personId,
          reviewerProducerId: persons.producerId,
        })
        .from(visits)
        .innerJoin(dossiers, eq(dossiers.id, visits.dossierId))
        .innerJoin(visitMembers, eq(visitMembers.visitId, visits.id))
        .innerJoin(persons, eq(persons.id, visitMembers.personId))
        .where(and(eq(dossiers.scheme, scheme)))
        .all();
      const byVisit = new Map<string, PastVisit>();
      for (const r of rows) {
        const v = byVisit.get(r.visitId) ?? { cycle: r.cycle, visitedProducerId: r.visitedProducerId, reviewers: [] };
        v.reviewers.push({ personId: r.personId, producerId: r.reviewerProducerId });
        byVisit.set(r.visitId, v);
      }
      return [...byVisit.values()];
    },
  };
}
export type DossierRepository = ReturnType<typeof createDossierRepository>;
