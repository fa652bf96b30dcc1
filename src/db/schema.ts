/** Drizzle table definitions: storage only, no rules. */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ROLES } from '../domain/access.js';
import { DOSSIER_STATES } from '../domain/dossier-state.js';

/**
 * Every criteria version the installation has loaded, with the content hash it
 * had. A published version whose file later hashes differently is refused.
 */
export const criteriaVersions = sqliteTable(
  'criteria_versions',
  {
    scheme: text('scheme').notNull(),
    version: text('version').notNull(),
    status: text('status', { enum: ['draft', 'published'] }).notNull(),
    contentHash: text('content_hash').notNull(),
    publishedOn: text('published_on'),
    firstLoadedAt: text('first_loaded_at')
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`),
  },
  (t) => [primaryKey({ columns: [t.scheme, t.version] })],
);

export type CriteriaVersionRow = typeof criteriaVersions.$inferSelect;

const id = () => text('id').primaryKey();
const createdAt = () =>
  text('created_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);

export const ORGANIZATION_KINDS = ['asociacion', 'cooperativa', 'oeca', 'grupo_artesanal', 'empresa_es'] as const;

export const organizations = sqliteTable('organizations', {
  id: id(),
  name: text('name').notNull().unique(),
  kind: text('kind', { enum: ORGANIZATION_KINDS }).notNull(),
  department: text('department').notNull(),
  municipality: text('municipality').notNull(),
  createdAt: createdAt(),
});

/** Comité local de garantía of an organisation. */
export const committees = sqliteTable(
  'committees',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('committees_org_name').on(t.organizationId, t.name)],
);

/** Unidad productiva: a family or workshop. */
export const producers = sqliteTable(
  'producers',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    /** JSON array of sector codes. */
    sectors: text('sectors', { mode: 'json' }).$type<string[]>().notNull(),
    /** JSON array of product names. */
    products: text('products', { mode: 'json' }).$type<string[]>().notNull(),
    department: text('department').notNull(),
    municipality: text('municipality').notNull(),
    community: text('community').notNull(),
    /** Household / family group label, shared by related units (conflict-of-interest rules). */
    household: text('household').notNull(),
    pledgeSignedOn: text('pledge_signed_on'),
    publicNameConsent: integer('public_name_consent', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('producers_org_name').on(t.organizationId, t.name),
    index('producers_department').on(t.department),
  ],
);

export const PERSON_ROLES = ['member', 'reviewer', 'committee_member', 'commission_member', 'consumer', 'technician'] as const;

export const persons = sqliteTable(
  'persons',
  {
    id: id(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id),
    producerId: text('producer_id').references(() => producers.id),
    fullName: text('full_name').notNull(),
    /** JSON array of roles the person takes in the guarantee system. */
    roles: text('roles', { mode: 'json' }).$type<string[]>().notNull(),
    household: text('household'),
    publicNameConsent: integer('public_name_consent', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('persons_org').on(t.organizationId), index('persons_producer').on(t.producerId)],
);

export const users = sqliteTable('users', {
  id: id(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  organizationId: text('organization_id').references(() => organizations.id),
  producerId: text('producer_id').references(() => producers.id),
  personId: text('person_id').references(() => persons.id),
  disabledAt: text('disabled_at'),
  createdAt: createdAt(),
});

/** Browser sessions; the cookie holds a secret whose SHA-256 is the key. */
export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: id(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: createdAt(),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('api_tokens_user').on(t.userId)],
);

/** Append-only, hash-chained history of every write (triggers refuse UPDATE and DELETE). */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey(),
    at: text('at').notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action').notNull(),
    change: text('change', { mode: 'json' }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull().unique(),
  },
  (t) => [index('audit_entity').on(t.entity, t.entityId)],
);

/** Expediente: one producer's file in one certification cycle, pinned to a criteria version. */
export const dossiers = sqliteTable(
  'dossiers',
  {
    id: id(),
    producerId: text('producer_id')
      .notNull()
      .references(() => producers.id),
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
  (t) => [uniqueIndex('dossiers_producer_cycle').on(t.producerId, t.scheme, t.cycle), index('dossiers_org').on(t.organizationId)],
);

export const visits = sqliteTable(
  'visits',
  {
    id: id(),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    plannedOn: text('planned_on').notNull(),
    status: text('status', { enum: ['planned', 'submitted'] }).notNull(),
    criteriaVersion: text('criteria_version').notNull(),
    criteriaHash: text('criteria_hash').notNull(),
    /** Names of the people present at the visit (JSON array). */
    present: text('present', { mode: 'json' }).$type<string[]>(),
    observations: text('observations'),
    submittedAt: text('submitted_at'),
    submittedBy: text('submitted_by').references(() => users.id),
    /** Client-generated key of the submission, so a resend creates nothing new. */
    idempotencyKey: text('idempotency_key').unique(),
    /** SHA-256 of the submitted body, to tell a resend from a different submission under the same key. */
    submissionHash: text('submission_hash'),
    /** A correction is a new visit record pointing at the one it corrects. */
    correctsVisitId: text('corrects_visit_id'),
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
    kind: text('kind', { enum: ['producer', 'consumer', 'technician'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.visitId, t.personId] }), index('visit_members_person').on(t.personId)],
);

export const ANSWER_VALUES = ['cumple', 'parcial', 'no_cumple', 'no_aplica'] as const;

/** One answer per applicable criterion, for a visit or a self-assessment. */
export const answers = sqliteTable(
  'answers',
  {
    /** The visit or self-assessment id. */
    sourceId: text('source_id').notNull(),
    source: text('source', { enum: ['visit', 'self_assessment'] }).notNull(),
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
    level: text('level', { enum: ['critical', 'major', 'minor', 'progressive'] }).notNull(),
    answer: text('answer', { enum: ['parcial', 'no_cumple'] }).notNull(),
    effect: text('effect', { enum: ['blocks_approval', 'requires_conditions', 'improvement_goal'] }).notNull(),
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
