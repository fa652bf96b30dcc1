/** Storage of the criteria versions an installation has loaded. */
import { sql } from 'drizzle-orm';
import { primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { CRITERIA_STATUSES } from '../../domain/criteria-schema.js';

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
