/** The audit log of every write. */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Append-only, hash-chained history of every write (triggers refuse UPDATE and DELETE). */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey(),
    at: text('at').notNull(),
    actorId: text('actor_id'),
    actorLabel: text('actor_label').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    action: text('action').notNull(),
    change: text('change', { mode: 'json' }).notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull().unique(),
  },
  (t) => [index('audit_entity').on(t.entity, t.entityId)],
);

/**
 * Signed audit heads written by the service from time to time: each one anchors the
 * first `seq` entries of the trail, so removing the newest entries is detected.
 * Append-only like the trail (triggers refuse UPDATE and DELETE).
 */
export const auditCheckpoints = sqliteTable('audit_checkpoints', {
  /** How many entries it covers: the sequence number of the entry it anchors. */
  seq: integer('seq').primaryKey(),
  hash: text('hash').notNull(),
  at: text('at').notNull(),
  /** JWS (typ `sello-audit-head+jws`) over `{ entries: seq, head: hash, timestamp: at }`. */
  signature: text('signature').notNull(),
});
