/** Certificates, their conditions, their status events and the transparency log of those events. */
import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { CERTIFICATE_EVENT_KINDS, EFFECTIVE_STATUSES, STORED_STATUSES } from '../../domain/certificate-state.js';
import { CERTIFICATE_SCOPES, MEMBER_STATUSES } from '../../domain/group-scope.js';
import { users } from './accounts.js';
import { createdAt, id } from './columns.js';
import { commissionSessions, decisions } from './commission.js';
import { correctiveActions, dossiers } from './dossiers.js';
import { organizations, producers } from './registry.js';

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
    /** The certified unit; null for a group certificate, whose members are in `certificate_members`. */
    producerId: text('producer_id').references(() => producers.id),
    scope: text('scope', { enum: CERTIFICATE_SCOPES }).notNull().default('unit'),
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
    // What the public registry filters and sorts on, kept by src/modules/public/registry-index.ts:
    /** What the public saw after the last event, time's events included (`status` stays what acts set). */
    publicStatus: text('public_status', { enum: EFFECTIVE_STATUSES }),
    publicSince: text('public_since'),
    publicReason: text('public_reason'),
    /** The instant time alone would next change the public status (expiry, a condition's deadline); null when none. */
    dueAt: text('due_at'),
    /** The organisation's name, for the registry's order; updated when the organisation is renamed. */
    orgName: text('org_name'),
    /** The production unit's municipality, folded (no accents, lower case), for the exact filter. */
    municipalityKey: text('municipality_key'),
    /** The products, folded, as a JSON array. */
    productsKey: text('products_key'),
  },
  (t) => [
    index('certificates_org').on(t.organizationId),
    index('certificates_producer').on(t.producerId),
    index('certificates_registry_order').on(t.orgName, sql`${t.issuedOn} DESC`, t.code),
    index('certificates_registry_municipality').on(t.municipalityKey, t.orgName, sql`${t.issuedOn} DESC`, t.code),
    index('certificates_public_status').on(t.publicStatus, t.publicSince),
    index('certificates_due').on(t.dueAt),
    check('certificates_scope_producer', sql`(${t.scope} = 'group') = (${t.producerId} IS NULL)`),
  ],
);

/**
 * The members of a group certificate as its events left them: each was added by the approval of its own
 * dossier (`member_added`) and may be excluded (`member_excluded`), which is final for that certificate.
 */
export const certificateMembers = sqliteTable(
  'certificate_members',
  {
    certificateId: text('certificate_id')
      .notNull()
      .references(() => certificates.id),
    producerId: text('producer_id')
      .notNull()
      .references(() => producers.id),
    /** The member's own dossier, whose approval added it. */
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    decisionId: text('decision_id')
      .notNull()
      .references(() => decisions.id),
    status: text('status', { enum: MEMBER_STATUSES }).notNull(),
    statusSince: text('status_since').notNull(),
    statusReason: text('status_reason'),
  },
  (t) => [primaryKey({ columns: [t.certificateId, t.producerId] }), index('certificate_members_producer').on(t.producerId)],
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
    /** The member a group certificate's event is about (`member_added`, `member_excluded`); null otherwise. */
    producerId: text('producer_id').references(() => producers.id),
    /** The sanction a suspension, revocation or exclusion applies, from the catalogue of `sanctionVersion`. */
    sanctionCode: text('sanction_code'),
    sanctionVersion: text('sanction_version'),
    logIndex: integer('log_index').notNull().unique(),
  },
  (t) => [index('certificate_events_cert').on(t.certificateId)],
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

/**
 * A keyed seal (HMAC, key derived from the active signing key) over what public verification checks of a
 * certificate: its row and its status events, as they stood when the service last found them in agreement
 * with their transparency leaves and audit entries. While the seal still matches, verification skips that
 * check; a row or event changed since, or a seal forged without the key, no longer matches and is checked again.
 */
export const certificateRecordSeals = sqliteTable('certificate_record_seals', {
  certificateId: text('certificate_id')
    .primaryKey()
    .references(() => certificates.id),
  seal: text('seal').notNull(),
  checkedAt: text('checked_at').notNull(),
});
