/** The SQL of the hash-chained audit trail: its last link, new entries, reads, and its signed checkpoints. */
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditCheckpoints, auditLog } from '../../db/schema.js';
import type { AuditEntry } from '../../domain/audit-chain.js';

export function createAuditRepository(db: Db) {
  return {
    /** The newest entry's sequence number and hash: what the next entry chains to. */
    last: (): { seq: number; hash: string } | undefined =>
      db.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1).get(),

    insert: (entry: AuditEntry): void => void db.insert(auditLog).values(entry).run(),

    history: (entity: string, entityId: string): AuditEntry[] =>
      db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)))
        .orderBy(asc(auditLog.seq))
        .all(),

    /** Every entry in order, streamed so a long trail is read in constant memory. */
    *all(): Generator<AuditEntry> {
      const stmt = db.$client.prepare<[], Omit<AuditEntry, 'change'> & { change: string }>(
        'SELECT seq, at, actor_id AS actorId, actor_label AS actorLabel, entity, entity_id AS entityId, action, change, prev_hash AS prevHash, hash FROM audit_log ORDER BY seq',
      );
      for (const row of stmt.iterate()) yield { ...row, change: JSON.parse(row.change) as unknown };
    },

    hashAt: (seq: number): string | undefined => db.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.seq, seq)).get()?.hash,

    lastCheckpoint: (): AuditCheckpoint | undefined =>
      db.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.seq)).limit(1).get(),

    checkpoints: (): AuditCheckpoint[] => db.select().from(auditCheckpoints).orderBy(asc(auditCheckpoints.seq)).all(),

    insertCheckpoint: (checkpoint: AuditCheckpoint): void => void db.insert(auditCheckpoints).values(checkpoint).run(),
  };
}
export type AuditCheckpoint = typeof auditCheckpoints.$inferSelect;
export type AuditRepository = ReturnType<typeof createAuditRepository>;
