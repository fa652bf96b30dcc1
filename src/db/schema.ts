/** Drizzle table definitions: storage only, no rules. */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ROLES } from '../domain/access.js';
import { APPEAL_RESULTS, APPEAL_STATES } from '../domain/appeals.js';
import { CERTIFICATE_EVENT_KINDS, STORED_STATUSES } from '../domain/certificate-state.js';
import { DECISION_OUTCOMES, RECUSAL_KINDS, SESSION_STATUSES, VOTE_SUBJECTS, VOTES } from '../domain/commission.js';
import { CRITERION_LEVELS, CRITERIA_STATUSES } from '../domain/criteria-schema.js';
import { DOSSIER_STATES } from '../domain/dossier-state.js';
import { ANSWER_SOURCES, ANSWER_VALUES, EFFECTS, NON_CONFORMING_ANSWERS } from '../domain/non-conformities.js';
import { ORGANIZATION_KINDS } from '../domain/registry.js';
import { MEMBER_KINDS, VISIT_STATUSES } from '../domain/visit-team.js';

/**
 * Every criteria version the installation has loaded, with the content hash it
 * had. A published version whose file later hashes differently is refused.
 */
export const criteriaVersions = sqliteTable(
  'criteria_versions',
  {
    scheme: text('scheme').notNull(),
    version: text('version').notNull(),
    status: text('status', { enum: CRITERIA_STATUSES }).notNull(),
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
    status: text('status', { enum: VISIT_STATUSES }).notNull(),
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

/** A sitting of the certification commission; the quorum comes from the scheme's data. */
export const commissionSessions = sqliteTable('commission_sessions', {
  id: id(),
  scheme: text('scheme').notNull(),
  /** The published criteria version whose commission rules (quorum) applied. */
  criteriaVersion: text('criteria_version').notNull(),
  quorum: integer('quorum').notNull(),
  heldOn: text('held_on').notNull(),
  place: text('place'),
  status: text('status', { enum: SESSION_STATUSES }).notNull(),
  createdBy: text('created_by')
    .notNull()
    .references(() => users.id),
  createdAt: createdAt(),
  closedAt: text('closed_at'),
});

/** Who of the commission attended a session. */
export const sessionAttendance = sqliteTable(
  'session_attendance',
  {
    sessionId: text('session_id')
      .notNull()
      .references(() => commissionSessions.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    present: integer('present', { mode: 'boolean' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] })],
);


/** The commission's decision on a dossier, with the dossier as it was when decided. */
export const decisions = sqliteTable(
  'decisions',
  {
    id: id(),
    sessionId: text('session_id')
      .notNull()
      .references(() => commissionSessions.id),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    proposedOutcome: text('proposed_outcome', { enum: DECISION_OUTCOMES }).notNull(),
    /** The proposal if carried by majority; otherwise 'deferred'. */
    outcome: text('outcome', { enum: DECISION_OUTCOMES }).notNull(),
    rationale: text('rationale').notNull(),
    sealLevel: text('seal_level'),
    /** The dossier exactly as the commission saw it (canonical JSON) and its sha256. */
    dossierSnapshot: text('dossier_snapshot').notNull(),
    snapshotHash: text('snapshot_hash').notNull(),
    recordedBy: text('recorded_by')
      .notNull()
      .references(() => users.id),
    decidedAt: text('decided_at').notNull(),
  },
  (t) => [index('decisions_dossier').on(t.dossierId), index('decisions_session').on(t.sessionId)],
);

/** Votes and recusals on a decision or on an appeal. */

export const votes = sqliteTable(
  'votes',
  {
    subject: text('subject', { enum: VOTE_SUBJECTS }).notNull(),
    subjectId: text('subject_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    vote: text('vote', { enum: VOTES }).notNull(),
    rationale: text('rationale'),
  },
  (t) => [primaryKey({ columns: [t.subject, t.subjectId, t.userId] }), index('votes_user').on(t.userId)],
);

export const recusals = sqliteTable(
  'recusals',
  {
    subject: text('subject', { enum: VOTE_SUBJECTS }).notNull(),
    subjectId: text('subject_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: RECUSAL_KINDS }).notNull(),
    /** The rule behind an automatic recusal. */
    rule: text('rule'),
    reason: text('reason').notNull(),
  },
  (t) => [primaryKey({ columns: [t.subject, t.subjectId, t.userId] })],
);


/** A certificate issued on approval. `status` is what acts recorded; expiry is computed. */
export const certificates = sqliteTable(
  'certificates',
  {
    id: id(),
    code: text('code').notNull().unique(),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    decisionId: text('decision_id')
      .notNull()
      .unique()
      .references(() => decisions.id),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id),
    producerId: text('producer_id')
      .notNull()
      .references(() => producers.id),
    scheme: text('scheme').notNull(),
    criteriaVersion: text('criteria_version').notNull(),
    criteriaHash: text('criteria_hash').notNull(),
    sealLevel: text('seal_level').notNull(),
    products: text('products', { mode: 'json' }).$type<string[]>().notNull(),
    sectors: text('sectors', { mode: 'json' }).$type<string[]>().notNull(),
    issuedOn: text('issued_on').notNull(),
    expiresOn: text('expires_on').notNull(),
    status: text('status', { enum: STORED_STATUSES }).notNull(),
    statusSince: text('status_since').notNull(),
    statusReason: text('status_reason'),
    createdAt: createdAt(),
  },
  (t) => [index('certificates_org').on(t.organizationId), index('certificates_producer').on(t.producerId)],
);

/** Corrective actions that the approval made conditions of the certificate. */
export const certificateConditions = sqliteTable(
  'certificate_conditions',
  {
    id: id(),
    certificateId: text('certificate_id')
      .notNull()
      .references(() => certificates.id),
    correctiveActionId: text('corrective_action_id')
      .notNull()
      .references(() => correctiveActions.id),
    description: text('description').notNull(),
    deadline: text('deadline').notNull(),
  },
  (t) => [index('certificate_conditions_cert').on(t.certificateId)],
);


/** Every status event of a certificate, each also a leaf of the transparency log. */
export const certificateEvents = sqliteTable(
  'certificate_events',
  {
    seq: integer('seq').primaryKey(),
    certificateId: text('certificate_id')
      .notNull()
      .references(() => certificates.id),
    event: text('event', { enum: CERTIFICATE_EVENT_KINDS }).notNull(),
    /** When it took effect (for expiry and overdue conditions, the moment time made it so). */
    at: text('at').notNull(),
    actorId: text('actor_id').references(() => users.id),
    actorLabel: text('actor_label').notNull(),
    reason: text('reason'),
    sessionId: text('session_id').references(() => commissionSessions.id),
    automatic: integer('automatic', { mode: 'boolean' }).notNull().default(false),
    logIndex: integer('log_index').notNull().unique(),
  },
  (t) => [index('certificate_events_cert').on(t.certificateId)],
);

/** Appeals against a commission decision or a suspension. */
export const appeals = sqliteTable(
  'appeals',
  {
    id: id(),
    /** The decision appealed, or the decision that issued the suspended certificate. */
    decisionId: text('decision_id').references(() => decisions.id),
    /** The suspension event appealed. */
    eventSeq: integer('event_seq').references(() => certificateEvents.seq),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    reason: text('reason').notNull(),
    filedBy: text('filed_by')
      .notNull()
      .references(() => users.id),
    filedAt: text('filed_at').notNull(),
    status: text('status', { enum: APPEAL_STATES }).notNull(),
    sessionId: text('session_id').references(() => commissionSessions.id),
    proposedOutcome: text('proposed_outcome', { enum: APPEAL_RESULTS }),
    rationale: text('rationale'),
    decidedAt: text('decided_at'),
  },
  (t) => [index('appeals_dossier').on(t.dossierId)],
);

/**
 * Append-only Merkle log of certificate status events (RFC 6962 leaf hashing):
 * `entry` is the canonical JSON of the event, `leaf_hash` its leaf hash in hex.
 */
export const transparencyLog = sqliteTable('transparency_log', {
  leafIndex: integer('leaf_index').primaryKey(),
  entry: text('entry').notNull(),
  leafHash: text('leaf_hash').notNull(),
});
