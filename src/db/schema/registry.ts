/** The registry: organisations, their committees, production units and persons. */
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { TIE_KINDS } from '../../domain/former-ties.js';
import { GENDERS, ORGANIZATION_KINDS } from '../../domain/registry.js';
import { createdAt, id } from './columns.js';

export const organizations = sqliteTable('organizations', {
  id: id(),
  name: text('name').notNull().unique(),
  kind: text('kind', { enum: ORGANIZATION_KINDS }).notNull(),
  department: text('department').notNull(),
  municipality: text('municipality').notNull(),
  /**
   * Who answers buyers (a public purchasing officer, a shop) and how: published on the public
   * pages only when `contactPublic` is set, by the organisation's own agreement.
   */
  contactName: text('contact_name'),
  contactPhone: text('contact_phone'),
  contactEmail: text('contact_email'),
  contactPublic: integer('contact_public', { mode: 'boolean' }).notNull().default(false),
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
  (t) => [uniqueIndex('producers_org_name').on(t.organizationId, t.name), index('producers_department').on(t.department)],
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
    /** As the person declares it; null when not declared. Counted only in aggregate figures (women's participation). */
    gender: text('gender', { enum: GENDERS }),
    publicNameConsent: integer('public_name_consent', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('persons_org').on(t.organizationId), index('persons_producer').on(t.producerId)],
);

/**
 * A person's tie, past or ongoing, to one production unit or one organisation (worked for it,
 * traded with it, belonged to it): the conflict-of-interest rule on former ties reads them.
 */
export const personTies = sqliteTable(
  'person_ties',
  {
    id: id(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    kind: text('kind', { enum: TIE_KINDS }).notNull(),
    producerId: text('producer_id').references(() => producers.id),
    organizationId: text('organization_id').references(() => organizations.id),
    startedOn: text('started_on').notNull(),
    /** Null while the tie goes on. */
    endedOn: text('ended_on'),
    createdAt: createdAt(),
  },
  (t) => [
    index('person_ties_person').on(t.personId),
    check('person_ties_one_target', sql`(${t.producerId} IS NULL) <> (${t.organizationId} IS NULL)`),
    check('person_ties_dates', sql`${t.endedOn} IS NULL OR ${t.endedOn} >= ${t.startedOn}`),
  ],
);
