/** Column builders every table shares: text ids and an ISO creation time set by SQLite. */
import { sql } from 'drizzle-orm';
import { text } from 'drizzle-orm/sqlite-core';

export const id = () => text('id').primaryKey();

export const createdAt = () =>
  text('created_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);
