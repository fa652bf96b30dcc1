/** Dossiers and what fills them: visits, answers, self-assessments, non-conformities, corrective actions, evidence. */
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { CRITERION_LEVELS } from '../../domain/criteria-schema.js';
import { DOSSIER_STATES } from '../../domain/dossier-state.js';
import { CLOSURE_KINDS, VISIT_PURPOSES } from '../../domain/follow-up.js';
import { DOSSIER_SCOPES } from '../../domain/group-scope.js';
import { ANSWER_SOURCES, ANSWER_VALUES, EFFECTS, NON_CONFORMING_ANSWERS } from '../../domain/non-conformities.js';
import { MEMBER_KINDS, VISIT_STATUSES } from '../../domain/visit-team.js';
import { users } from './accounts.js';
import { createdAt, id } from './columns.js';
import { organizations, persons, producers } from './registry.js';

/**
 * Expediente: one file in one certification cycle, pinned to a criteria version: a producer's (certified on
 * its own, or as a member of its organisation's group) or, for group certification, the organisation's own.
 */
export const dossiers = sqliteTable(
  'dossiers',
  {
    id: id(),
    /** Null only for the organisation's own file (scope «organization»). */
    producerId: text('producer_id').references(() => producers.id),
    scope: text('scope', { enum: DOSSIER_SCOPES }).notNull().default('unit'),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** The cycle, as the year it opened (visits are yearly). */
    cycle: integer('cycle').notNull(),
    scheme: text('scheme').notNull(),
    criteriaVersion: text('criteria_version').notNull(),
    criteriaHash: text('criteria_hash').notNull(),
    state: text('state', { enum: DOSSIER_STATES }).notNull(),
    /** The local committee's recommendation: { outcome, rationale, byUserId, at }. */
    recommendation: text('recommendation', { mode: 'json' }).$type<{
      outcome: 'approve' | 'approve_with_conditions' | 'deny';
      rationale: string;
      byUserId: string;
      at: string;
    }>(),
    createdAt: createdAt(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('dossiers_producer_cycle').on(t.producerId, t.scheme, t.cycle),
    uniqueIndex('dossiers_organization_cycle')
      .on(t.organizationId, t.scheme, t.cycle)
      .where(sql`${t.scope} = 'organization'`),
    index('dossiers_org').on(t.organizationId),
    check('dossiers_scope_producer', sql`(${t.scope} = 'organization') = (${t.producerId} IS NULL)`),
  ],
);

export const visits = sqliteTable(
  'visits',
  {
    id: id(),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    plannedOn: text('planned_on').notNull(),
    status: text('status', { enum: VISIT_STATUSES }).notNull(),
    /** The cycle's regular peer visit, or a follow-up that verifies open non-conformities (follow-up.ts). */
    purpose: text('purpose', { enum: VISIT_PURPOSES }).notNull().default('regular'),
    /** Planned without notice: the producer, its organisation and its committee do not see it until it is recorded. */
    unannounced: integer('unannounced', { mode: 'boolean' }).notNull().default(false),
    /** Reviewers planned without a training the criteria require, where the scheme allows it with a warning. */
    trainingWarnings: text('training_warnings', { mode: 'json' }).$type<{ personId: string; topics: string[] }[]>(),
    criteriaVersion: text('criteria_version').notNull(),
    criteriaHash: text('criteria_hash').notNull(),
    /** Names of the people present at the visit (JSON array). */
    present: text('present', { mode: 'json' }).$type<string[]>(),
    observations: text('observations'),
    /** The day the visit took place (YYYY-MM-DD, Bolivia): visits captured offline are often submitted days later. */
    visitedOn: text('visited_on'),
    submittedAt: text('submitted_at'),
    submittedBy: text('submitted_by').references(() => users.id),
    /** Client-generated key of the submission, so a resend creates nothing new. */
    idempotencyKey: text('idempotency_key').unique(),
    /** SHA-256 of the submitted body, to tell a resend from a different submission under the same key. */
    submissionHash: text('submission_hash'),
    /** A correction is a new visit record pointing at the one it corrects. */
    correctsVisitId: text('corrects_visit_id'),
    correctionReason: text('correction_reason'),
    createdAt: createdAt(),
  },
  (t) => [index('visits_dossier').on(t.dossierId)],
);

export const visitMembers = sqliteTable(
  'visit_members',
  {
    visitId: text('visit_id')
      .notNull()
      .references(() => visits.id),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    kind: text('kind', { enum: MEMBER_KINDS }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.visitId, t.personId] }), index('visit_members_person').on(t.personId)],
);

/** One answer per applicable criterion, for a visit or a self-assessment. */
export const answers = sqliteTable(
  'answers',
  {
    /** The visit or self-assessment id. */
    sourceId: text('source_id').notNull(),
    source: text('source', { enum: ANSWER_SOURCES }).notNull(),
    criterionCode: text('criterion_code').notNull(),
    value: text('value', { enum: ANSWER_VALUES }).notNull(),
    notes: text('notes'),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.criterionCode] })],
);

export const selfAssessments = sqliteTable(
  'self_assessments',
  {
    id: id(),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    submittedBy: text('submitted_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('self_assessments_dossier').on(t.dossierId)],
);

export const nonConformities = sqliteTable(
  'non_conformities',
  {
    id: id(),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    visitId: text('visit_id')
      .notNull()
      .references(() => visits.id),
    criterionCode: text('criterion_code').notNull(),
    level: text('level', { enum: CRITERION_LEVELS }).notNull(),
    answer: text('answer', { enum: NON_CONFORMING_ANSWERS }).notNull(),
    effect: text('effect', { enum: EFFECTS }).notNull(),
    phasedIn: integer('phased_in', { mode: 'boolean' }).notNull(),
    evidence: text('evidence').notNull(),
    correctiveActionMaxDays: integer('corrective_action_max_days'),
    createdAt: createdAt(),
  },
  (t) => [index('non_conformities_dossier').on(t.dossierId)],
);

export const correctiveActions = sqliteTable(
  'corrective_actions',
  {
    id: id(),
    nonConformityId: text('non_conformity_id')
      .notNull()
      .references(() => nonConformities.id),
    description: text('description').notNull(),
    responsiblePersonId: text('responsible_person_id')
      .notNull()
      .references(() => persons.id),
    deadline: text('deadline').notNull(),
    closedAt: text('closed_at'),
    closingNotes: text('closing_notes'),
    closingEvidenceId: text('closing_evidence_id'),
    /** Who closed it: the committee, a follow-up visit, or the commission's review of the evidence. */
    closedBy: text('closed_by', { enum: CLOSURE_KINDS }),
    /** The follow-up visit that verified compliance, when it closed the action. */
    closingVisitId: text('closing_visit_id').references(() => visits.id),
    createdAt: createdAt(),
  },
  (t) => [index('corrective_actions_nc').on(t.nonConformityId)],
);

/** Photos and documents, stored on disk under the data folder by their SHA-256. */
export const evidenceFiles = sqliteTable(
  'evidence_files',
  {
    id: id(),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    visitId: text('visit_id').references(() => visits.id),
    criterionCode: text('criterion_code'),
    sha256: text('sha256').notNull(),
    mediaType: text('media_type').notNull(),
    size: integer('size').notNull(),
    uploadedBy: text('uploaded_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('evidence_dossier').on(t.dossierId)],
);
