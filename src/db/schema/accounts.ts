/** Accounts and their credentials: users, browser sessions and API tokens. */
import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ROLES } from '../../domain/access.js';
import { COMMISSION_SEATS } from '../../domain/commission.js';
import { createdAt, id } from './columns.js';
import { organizations, persons, producers } from './registry.js';

export const users = sqliteTable('users', {
  id: id(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  organizationId: text('organization_id').references(() => organizations.id),
  producerId: text('producer_id').references(() => producers.id),
  personId: text('person_id').references(() => persons.id),
  /** For commission accounts in schemes with seats: titular or suplente. */
  commissionSeat: text('commission_seat', { enum: COMMISSION_SEATS }),
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
