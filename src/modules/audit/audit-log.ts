/**
 * Appends to and reads the hash-chained audit trail. `appendAudit` must run inside
 * the same (immediate) transaction as the write it records.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditLog } from '../../db/schema.js';
import { chainEntry, GENESIS_HASH, type AuditEntry } from '../../domain/audit-chain.js';
import type { Actor } from '../../domain/access.js';

/** Who did it: a signed-in user, or a named system process (CLI, start-up). */
export type AuditActor = Actor | { system: string };

export type AuditRecord = {
  entity: string;
  entityId: string;
  action: string;
  /** What changed: the new values, or `{ before, after }` for updates. Never secrets. */
  change: unknown;
};

function actorFields(actor: AuditActor): { actorId: string | null; actorLabel: string } {
  return 'system' in actor
    ? { actorId: null, actorLabel: `sistema:${actor.system}` }
    : { actorId: actor.userId, actorLabel: `${actor.username} (${actor.role})` };
}

export function appendAudit(db: Db, actor: AuditActor, record: AuditRecord, at: Date): AuditEntry {
  if (!db.$client.inTransaction) throw new Error('appendAudit must run inside the transaction of the write it records');
  const last = db.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1).get();
  const entry = chainEntry(last?.hash ?? GENESIS_HASH, {
    seq: (last?.seq ?? 0) + 1,
    at: at.toISOString(),
    ...actorFields(actor),
    entity: record.entity,
    entityId: record.entityId,
    action: record.action,
    // Round-trip through JSON so the hashed value is exactly what is stored and read back.
    change: JSON.parse(JSON.stringify(record.change ?? {})) as unknown,
  });
  db.insert(auditLog).values(entry).run();
  return entry;
}

export function historyOf(db: Db, entity: string, entityId: string): AuditEntry[] {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, entityId)))
    .orderBy(asc(auditLog.seq))
    .all();
}

/** Every entry in order, streamed so a long trail is verified in constant memory. */
export function* allEntries(db: Db): Generator<AuditEntry> {
  const stmt = db.$client.prepare(
    'SELECT seq, at, actor_id AS actorId, actor_label AS actorLabel, entity, entity_id AS entityId, action, change, prev_hash AS prevHash, hash FROM audit_log ORDER BY seq',
  );
  for (const row of stmt.iterate() as Iterable<Omit<AuditEntry, 'change'> & { change: string }>) {
    yield { ...row, change: JSON.parse(row.change) as unknown };
  }
}
