/**
 * Reads and writes of dossiers, their producer, self-assessments and answers, mapped
 * to plain objects; no rules here. Writes run inside the caller's transaction.
 */
import { AppError } from '../../errors.js';
import { and, asc, count, desc, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { allOf, containsFolded, offsetOf, withinScope, type ListScope } from '../../db/list-query.js';
import {
  answers,
  correctiveActions,
  dossiers,
  evidenceFiles,
  nonConformities,
  organizations,
  producers,
  selfAssessments,
} from '../../db/schema.js';
import type { DossierState } from '../../domain/dossier-state.js';
import type { AnswerInput, DossierListQuery } from './dossier-schemas.js';

export type DossierRow = typeof dossiers.$inferSelect;
export type NewDossierRow = typeof dossiers.$inferInsert;

/** The answers of a visit or a self-assessment, by criterion code. */
export const answersOf = (db: Db, sourceId: string) =>
  db
    .select({ criterionCode: answers.criterionCode, value: answers.value, notes: answers.notes })
    .from(answers)
    .where(eq(answers.sourceId, sourceId))
    .orderBy(asc(answers.criterionCode))
    .all();

export function insertAnswers(db: Db, sourceId: string, source: 'visit' | 'self_assessment', given: AnswerInput[]): void {
  if (given.length === 0) return;
  db.insert(answers)
    .values(given.map((a) => ({ sourceId, source, criterionCode: a.criterionCode, value: a.value, notes: a.notes ?? null })))
    .run();
}

export function createDossierRepository(db: Db) {
  return {
    dossier: (id: string) => db.select().from(dossiers).where(eq(dossiers.id, id)).get(),
    producer: (id: string) => db.select().from(producers).where(eq(producers.id, id)).get(),
    /** The organisation's own file of a cycle (group certification), if opened. */
    organizationDossier: (organizationId: string, scheme: string, cycle: number) =>
      db
        .select()
        .from(dossiers)
        .where(
          and(
            eq(dossiers.organizationId, organizationId),
            eq(dossiers.scheme, scheme),
            eq(dossiers.cycle, cycle),
            eq(dossiers.scope, 'organization'),
          ),
        )
        .get(),
    /** The production unit of a producer's or member's dossier; refused for the organisation's own file. */
    unitOf(d: { producerId: string | null }) {
      const producer = d.producerId === null ? undefined : db.select().from(producers).where(eq(producers.id, d.producerId)).get();
      if (!producer)
        throw new AppError('conflict', 'ORGANIZATION_DOSSIER', 'Este expediente es de la organización, no de una unidad productiva');
      return producer;
    },
    /**
     * The sectors a dossier's criteria are chosen by: its producer's, or for the organisation's own file,
     * those of every production unit of the organisation.
     */
    sectorsOf(d: { producerId: string | null; organizationId: string }): string[] {
      if (d.producerId !== null) return db.select().from(producers).where(eq(producers.id, d.producerId)).get()?.sectors ?? [];
      const units = db.select({ sectors: producers.sectors }).from(producers).where(eq(producers.organizationId, d.organizationId)).all();
      return [...new Set(units.flatMap((u) => u.sectors))].sort();
    },
    /**
     * Where a dossier's visit goes, by name: its production unit or, for the organisation's own file (group
     * certification), the organisation, which has no community of its own.
     */
    visitedPlace(d: { producerId: string | null; organizationId: string }) {
      if (d.producerId !== null) {
        const { name, department, municipality, community } = db.select().from(producers).where(eq(producers.id, d.producerId)).get()!;
        return { name, department, municipality, community };
      }
      const org = db.select().from(organizations).where(eq(organizations.id, d.organizationId)).get()!;
      return { name: org.name, department: org.department, municipality: org.municipality, community: '' };
    },
    organizationName: (id: string) =>
      db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, id)).get()?.name,
    answersOf: (sourceId: string) => answersOf(db, sourceId),
    latestSelfAssessment: (dossierId: string) =>
      db
        .select()
        .from(selfAssessments)
        .where(eq(selfAssessments.dossierId, dossierId))
        .orderBy(desc(selfAssessments.createdAt), desc(selfAssessments.id))
        .limit(1)
        .get(),
    nonConformitiesOf: (dossierId: string) =>
      db.select().from(nonConformities).where(eq(nonConformities.dossierId, dossierId)).orderBy(asc(nonConformities.criterionCode)).all(),
    correctiveActionsOf: (ncIds: string[]) =>
      ncIds.length === 0
        ? []
        : db
            .select()
            .from(correctiveActions)
            .where(inArray(correctiveActions.nonConformityId, ncIds))
            .orderBy(asc(correctiveActions.deadline), asc(correctiveActions.id))
            .all(),
    evidenceOf: (dossierId: string) =>
      db
        .select({
          id: evidenceFiles.id,
          visitId: evidenceFiles.visitId,
          criterionCode: evidenceFiles.criterionCode,
          sha256: evidenceFiles.sha256,
          mediaType: evidenceFiles.mediaType,
          size: evidenceFiles.size,
        })
        .from(evidenceFiles)
        .where(eq(evidenceFiles.dossierId, dossierId))
        .orderBy(asc(evidenceFiles.createdAt), asc(evidenceFiles.id))
        .all(),

    /** A page of dossiers with their producer and organisation names, most recently changed first, within `scope` and the filters. */
    list(scope: ListScope, query: DossierListQuery) {
      const where = allOf([
        withinScope(scope, { organizationId: dossiers.organizationId, producerId: dossiers.producerId }),
        query.organizationId ? eq(dossiers.organizationId, query.organizationId) : undefined,
        query.state ? eq(dossiers.state, query.state) : undefined,
        query.cycle ? eq(dossiers.cycle, query.cycle) : undefined,
        query.q ? or(containsFolded(producers.name, query.q), containsFolded(organizations.name, query.q)) : undefined,
      ]);
      // The organisation's own file has no unit: left join, and it is found by the organisation's name.
      const total = db
        .select({ n: count() })
        .from(dossiers)
        .leftJoin(producers, eq(producers.id, dossiers.producerId))
        .innerJoin(organizations, eq(organizations.id, dossiers.organizationId))
        .where(where)
        .get()!.n;
      const items = db
        .select({
          id: dossiers.id,
          scope: dossiers.scope,
          producerId: producers.id,
          producerName: producers.name,
          organizationId: dossiers.organizationId,
          organizationName: organizations.name,
          cycle: dossiers.cycle,
          scheme: dossiers.scheme,
          criteriaVersion: dossiers.criteriaVersion,
          state: dossiers.state,
          updatedAt: dossiers.updatedAt,
        })
        .from(dossiers)
        .leftJoin(producers, eq(producers.id, dossiers.producerId))
        .innerJoin(organizations, eq(organizations.id, dossiers.organizationId))
        .where(where)
        .orderBy(desc(dossiers.updatedAt), asc(dossiers.id))
        .limit(query.pageSize)
        .offset(offsetOf(query))
        .all();
      return { items, total };
    },

    /** Throws the driver's error on a duplicate (producer, scheme, cycle); the service words it. */
    insert: (row: NewDossierRow) => void db.insert(dossiers).values(row).run(),
    setState: (id: string, state: DossierState, updatedAt: string) =>
      void db.update(dossiers).set({ state, updatedAt }).where(eq(dossiers.id, id)).run(),
    setRecommendation: (id: string, recommendation: NonNullable<DossierRow['recommendation']>) =>
      void db.update(dossiers).set({ recommendation }).where(eq(dossiers.id, id)).run(),
    insertSelfAssessment(row: { id: string; dossierId: string; submittedBy: string; createdAt: string }, given: AnswerInput[]): void {
      db.insert(selfAssessments).values(row).run();
      insertAnswers(db, row.id, 'self_assessment', given);
    },
  };
}
export type DossierRepository = ReturnType<typeof createDossierRepository>;
