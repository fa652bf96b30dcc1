/** Reads and writes of evidence file records (the files themselves live on disk), mapped to plain objects; no rules here. */
import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { evidenceFiles, visits } from '../../db/schema.js';
import type { Evidence } from './evidence-schemas.js';

export function createEvidenceRepository(db: Db) {
  return {
    /** The evidence as the API shows it: who uploaded it stays in the audit log. */
    evidence(id: string): Evidence | undefined {
      const row = db.select().from(evidenceFiles).where(eq(evidenceFiles.id, id)).get();
      if (!row) return undefined;
      const { uploadedBy: _u, ...evidence } = row;
      return evidence;
    },
    /** Evidence uploaded for any of these visit records, oldest first. */
    evidenceOfVisits: (visitIds: string[]): Evidence[] =>
      visitIds.length === 0
        ? []
        : db
            .select({
              id: evidenceFiles.id,
              dossierId: evidenceFiles.dossierId,
              visitId: evidenceFiles.visitId,
              criterionCode: evidenceFiles.criterionCode,
              sha256: evidenceFiles.sha256,
              mediaType: evidenceFiles.mediaType,
              size: evidenceFiles.size,
              createdAt: evidenceFiles.createdAt,
            })
            .from(evidenceFiles)
            .where(inArray(evidenceFiles.visitId, visitIds))
            .orderBy(asc(evidenceFiles.createdAt), asc(evidenceFiles.id))
            .all(),
    /** What decides whether a visit is shown to an account: its dossier, whether it was unannounced and its status. */
    visitOf: (visitId: string) =>
      db
        .select({ dossierId: visits.dossierId, unannounced: visits.unannounced, status: visits.status })
        .from(visits)
        .where(eq(visits.id, visitId))
        .get(),
    insert: (row: typeof evidenceFiles.$inferInsert) => void db.insert(evidenceFiles).values(row).run(),
  };
}
export type EvidenceRepository = ReturnType<typeof createEvidenceRepository>;
