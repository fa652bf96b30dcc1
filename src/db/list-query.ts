/**
 * Pieces every paged list query shares: the rows the actor's scope (access.ts listScope)
 * confines them to, the AND of optional filters, accent-insensitive search and page offsets.
 */
import { and, eq, sql, type Column, type SQL } from 'drizzle-orm';
import type { listScope } from '../domain/access.js';

export type ListScope = ReturnType<typeof listScope>;
export type Paging = { page: number; pageSize: number };

export const offsetOf = ({ page, pageSize }: Paging) => (page - 1) * pageSize;

/** The AND of the filters that apply; undefined ones are left out. */
export const allOf = (filters: (SQL | undefined)[]) => and(...filters.filter((f): f is SQL => f !== undefined));

/** The rows `scope` lets the actor see: all, those of an organisation or of a production unit, or none. */
export function withinScope(scope: ListScope, columns: { organizationId: Column; producerId: Column }): SQL | undefined {
  if (scope === 'none') return sql`0`;
  return allOf([
    scope.organizationId ? eq(columns.organizationId, scope.organizationId) : undefined,
    scope.producerId ? eq(columns.producerId, scope.producerId) : undefined,
  ]);
}

/** `text` contains `q`, ignoring case and accents (the fold() SQLite function of client.ts). */
export const containsFolded = (text: SQL | Column, q: string): SQL => sql`fold(${text}) like '%' || fold(${q}) || '%'`;
