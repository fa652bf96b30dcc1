/**
 * Reads and writes of peer visits: the visit records, their teams, submissions and the
 * non-conformities they yield, mapped to plain objects; no rules here.
 */
import { and, asc, count, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { allOf, offsetOf, withinScope, type ListScope } from '../../db/list-query.js';
import { dossiers, nonConformities, organizations, persons, producers, users, visitMembers, visits } from '../../db/schema.js';
import type { PastVisit } from '../../domain/visit-team.js';
import { answersOf, insertAnswers } from './dossier-repository.js';
import type { AnswerInput, VisitListQuery } from './dossier-schemas.js';

export type VisitRow = typeof visits.$inferSelect;
type NewVisitRow = typeof visits.$inferInsert;
type TeamMember = Pick<typeof visitMembers.$inferInsert, 'personId' | 'kind'>;
type NewNonConformity = Omit<typeof nonConformities.$inferInsert, 'createdAt'>;

export type Submission = {
  present: string[];
  observations: string | null;
  visitedOn: string;
  submittedAt: string;
  submittedBy: string;
  idempotencyKey: string;
  submissionHash: string;
  answers: AnswerInput[];
};

export function createVisitRepository(db: Db) {
  const visit = (id: string) => db.select().from(visits).where(eq(visits.id, id)).get();
  const visitsOf = (dossierId: string) =>
    db.select().from(visits).where(eq(visits.dossierId, dossierId)).orderBy(asc(visits.createdAt), asc(visits.id)).all();
  const team = (visitId: string) =>
    db
      .select({ personId: visitMembers.personId, kind: visitMembers.kind, fullName: persons.fullName, producerId: persons.producerId })
      .from(visitMembers)
      .innerJoin(persons, eq(persons.id, visitMembers.personId))
      .where(eq(visitMembers.visitId, visitId))
      .orderBy(asc(persons.fullName))
      .all();

  /** A visit with its team and answers; `siblings` are the dossier's visits, to find the record that corrects it. */
  const view = (v: VisitRow, siblings: VisitRow[]) => {
    const members = team(v.id);
    return {
      id: v.id,
      dossierId: v.dossierId,
      plannedOn: v.plannedOn,
      status: v.status,
      purpose: v.purpose,
      unannounced: v.unannounced,
      criteriaVersion: v.criteriaVersion,
      criteriaHash: v.criteriaHash,
      team: members.map(({ personId, fullName, kind }) => ({ personId, fullName, kind })),
      trainingWarnings: (v.trainingWarnings ?? []).map((w) => ({
        ...w,
        fullName: members.find((m) => m.personId === w.personId)?.fullName ?? '',
      })),
      present: v.present ?? null,
      observations: v.observations,
      visitedOn: v.visitedOn,
      submittedAt: v.submittedAt,
      correctsVisitId: v.correctsVisitId,
      correctedByVisitId: siblings.find((other) => other.correctsVisitId === v.id)?.id ?? null,
      correctionReason: v.correctionReason,
      answers: answersOf(db, v.id),
    };
  };

  return {
    visit,
    visitByKey: (key: string) => db.select().from(visits).where(eq(visits.idempotencyKey, key)).get(),
    visitsOf,
    team,
    view(id: string) {
      const v = visit(id);
      return v && view(v, visitsOf(v.dossierId));
    },
    /** Every visit record of a dossier, oldest first. */
    viewsOf(dossierId: string) {
      const all = visitsOf(dossierId);
      return all.map((v) => view(v, all));
    },
    personsByIds: (ids: string[]) => (ids.length === 0 ? [] : db.select().from(persons).where(inArray(persons.id, ids)).all()),
    /** The person a user account stands for (reviewers are persons of the registry), if any. */
    personIdOfUser: (userId: string): string | null =>
      db.select({ personId: users.personId }).from(users).where(eq(users.id, userId)).get()?.personId ?? null,
    /** The producer's latest submitted regular visit record in another dossier that no later record corrects (the previous cycle's). */
    previousVisitOf(producerId: string, dossierId: string) {
      const row = db.$client
        .prepare<[string, string], { id: string }>(
          `SELECT v.id FROM visits v JOIN dossiers d ON d.id = v.dossier_id
           WHERE d.producer_id = ? AND d.id <> ? AND v.status = 'submitted' AND v.purpose = 'regular'
             AND NOT EXISTS (SELECT 1 FROM visits c WHERE c.corrects_visit_id = v.id)
           ORDER BY d.cycle DESC, v.visited_on DESC, v.submitted_at DESC LIMIT 1`,
        )
        .get(producerId, dossierId);
      const v = row && visit(row.id);
      return v && view(v, visitsOf(v.dossierId));
    },
    nonConformitiesOfVisit: (visitId: string) => db.select().from(nonConformities).where(eq(nonConformities.visitId, visitId)).all(),

    /**
     * A page of visit records, earliest planned first, within `scope` (applied to their dossier) and the
     * filters; `teamPersonId` keeps those whose team includes that person; `hideUnannounced` leaves out the
     * unannounced visits not yet recorded (for the visited organisation's accounts). Each with its team.
     */
    list(scope: ListScope, query: Omit<VisitListQuery, 'assignedTo'>, teamPersonId?: string, hideUnannounced = false) {
      const where = allOf([
        withinScope(scope, { organizationId: dossiers.organizationId, producerId: dossiers.producerId }),
        hideUnannounced ? sql`not (${visits.unannounced} = 1 and ${visits.status} <> 'submitted')` : undefined,
        query.status ? eq(visits.status, query.status) : undefined,
        query.dossierId ? eq(visits.dossierId, query.dossierId) : undefined,
        teamPersonId
          ? sql`exists (select 1 from ${visitMembers} where ${visitMembers.visitId} = ${visits.id} and ${visitMembers.personId} = ${teamPersonId})`
          : undefined,
      ]);
      const total = db.select({ n: count() }).from(visits).innerJoin(dossiers, eq(dossiers.id, visits.dossierId)).where(where).get()!.n;
      const rows = db
        .select({
          id: visits.id,
          dossierId: visits.dossierId,
          producerId: producers.id,
          producerName: producers.name,
          organizationId: dossiers.organizationId,
          organizationName: organizations.name,
          cycle: dossiers.cycle,
          plannedOn: visits.plannedOn,
          status: visits.status,
          unannounced: visits.unannounced,
          submittedAt: visits.submittedAt,
          correctsVisitId: visits.correctsVisitId,
          correctedByVisitId: sql<string | null>`(select c.id from visits c where c.corrects_visit_id = ${visits.id} limit 1)`,
        })
        .from(visits)
        .innerJoin(dossiers, eq(dossiers.id, visits.dossierId))
        .leftJoin(producers, eq(producers.id, dossiers.producerId))
        .innerJoin(organizations, eq(organizations.id, dossiers.organizationId))
        .where(where)
        .orderBy(asc(visits.plannedOn), asc(visits.createdAt), asc(visits.id))
        .limit(query.pageSize)
        .offset(offsetOf(query))
        .all();
      const members =
        rows.length === 0
          ? []
          : db
              .select({
                visitId: visitMembers.visitId,
                personId: visitMembers.personId,
                fullName: persons.fullName,
                kind: visitMembers.kind,
              })
              .from(visitMembers)
              .innerJoin(persons, eq(persons.id, visitMembers.personId))
              .where(
                inArray(
                  visitMembers.visitId,
                  rows.map((r) => r.id),
                ),
              )
              .orderBy(asc(persons.fullName))
              .all();
      const items = rows.map(({ producerId, producerName, ...row }) => ({
        ...row,
        producer: producerId === null || producerName === null ? null : { id: producerId, name: producerName },
        team: members.filter((m) => m.visitId === row.id).map(({ personId, fullName, kind }) => ({ personId, fullName, kind })),
      }));
      return { items, total };
    },

    /** Every visit of the scheme with its reviewers' units, for conflict-of-interest rules; a cancelled one never took place. */
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
        // Visits of an organisation's own file visit no unit: these rules are about units.
        .where(and(eq(dossiers.scheme, scheme), ne(visits.status, 'cancelled'), isNotNull(dossiers.producerId)))
        .all();
      const byVisit = new Map<string, PastVisit>();
      for (const r of rows) {
        const v = byVisit.get(r.visitId) ?? { cycle: r.cycle, visitedProducerId: r.visitedProducerId!, reviewers: [] };
        v.reviewers.push({ personId: r.personId, producerId: r.reviewerProducerId });
        byVisit.set(r.visitId, v);
      }
      return [...byVisit.values()];
    },

    /** A planned visit (or a correction's record) and its team. */
    insert(row: NewVisitRow, members: TeamMember[]): void {
      db.insert(visits).values(row).run();
      db.insert(visitMembers)
        .values(members.map((m) => ({ visitId: row.id, personId: m.personId, kind: m.kind })))
        .run();
    },
    /** The visit's answers and who sent them, under the submission's idempotency key. */
    recordSubmission(visitId: string, { answers: given, ...fields }: Submission): void {
      db.update(visits)
        .set({ status: 'submitted', ...fields })
        .where(eq(visits.id, visitId))
        .run();
      insertAnswers(db, visitId, 'visit', given);
    },
    /** A planned visit that will not take place; its team and date stay, for the record. */
    cancel(visitId: string): void {
      db.update(visits).set({ status: 'cancelled' }).where(eq(visits.id, visitId)).run();
    },
    insertNonConformities(rows: NewNonConformity[]): void {
      if (rows.length > 0) db.insert(nonConformities).values(rows).run();
    },
  };
}
export type VisitRepository = ReturnType<typeof createVisitRepository>;
/** A visit record with its team and answers, as the API shows it. */
export type VisitView = ReturnType<VisitRepository['viewsOf']>[number];
