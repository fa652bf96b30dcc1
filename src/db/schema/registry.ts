/** The registry: organisations, their committees, production units and persons. */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ORGANIZATION_KINDS } from '../../domain/registry.js';
import { createdAt, id } from './columns.js';

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
    publicNameConsent: integer('public_name_consent', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('persons_org').on(t.organizationId), index('persons_producer').on(t.producerId)],
);
