/**
 * The audit log: `appendAudit` chains an entry to the trail and must run inside the
 * same (immediate) transaction as the write it records; reads for routes and the CLI.
 */
import type { Db } from '../../db/client.js';
import { chainEntry, GENESIS_HASH, type AuditEntry } from '../../domain/audit-chain.js';
import type { Actor } from '../../domain/access.js';
import { createAuditRepository } from './audit-repository.js';

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
  const repo = createAuditRepository(db);
  const last = repo.last();
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
  repo.insert(entry);
  return entry;
}

export function historyOf(db: Db, entity: string, entityId: string): AuditEntry[] {
  return createAuditRepository(db).history(entity, entityId);
}

/** Every entry in order, streamed so a long trail is verified in constant memory. */
export function allEntries(db: Db): Generator<AuditEntry> {
  return createAuditRepository(db).all();
}
