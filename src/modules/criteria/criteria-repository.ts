/** Storage of the criteria versions this installation has loaded, with their hashes. */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { criteriaVersions, type CriteriaVersionRow } from '../../db/schema.js';

export function createCriteriaRepository(db: Db) {
  return {
    find(scheme: string, version: string): CriteriaVersionRow | undefined {
      return db
        .select()
        .from(criteriaVersions)
        .where(and(eq(criteriaVersions.scheme, scheme), eq(criteriaVersions.version, version)))
        .get();
    },
    upsert(row: Omit<CriteriaVersionRow, 'firstLoadedAt'>): void {
      db.insert(criteriaVersions)
        .values(row)
        .onConflictDoUpdate({
          target: [criteriaVersions.scheme, criteriaVersions.version],
          set: { status: row.status, contentHash: row.contentHash, publishedOn: row.publishedOn },
        })
        .run();
    },
  };
}
export type CriteriaRepository = ReturnType<typeof createCriteriaRepository>;
