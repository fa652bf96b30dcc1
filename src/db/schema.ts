/** Drizzle table definitions: storage only, no rules. */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ROLES } from '../domain/access.js';

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
