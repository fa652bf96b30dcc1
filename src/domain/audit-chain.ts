/**
 * The audit trail as a hash chain: each entry's hash covers its content and the
 * previous entry's hash, so editing, removing or reordering any entry breaks
 * every hash after it.
 */
import { contentHash } from './content-hash.js';

export const GENESIS_HASH = 'sha256:' + '0'.repeat(64);

export type AuditContent = {
  seq: number;
  at: string;
  actorId: string | null;
  actorLabel: string;
  entity: string;
  entityId: string;
  action: string;
  change: unknown;
};

export type AuditEntry = AuditContent & { prevHash: string; hash: string };

export function entryHash(prevHash: string, content: AuditContent): string {
  return contentHash({ prevHash, ...content });
}

export function chainEntry(prevHash: string, content: AuditContent): AuditEntry {
  return { ...content, prevHash, hash: entryHash(prevHash, content) };
}

export type ChainCheck = { ok: true; entries: number; head: string } | { ok: false; entries: number; brokenAt: number; reason: string };

/** Walks entries in sequence order and reports the first one that does not fit the chain. */
export function verifyChain(entries: Iterable<AuditEntry>): ChainCheck {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (const { prevHash, hash, ...content } of entries) {
    count += 1;
    if (content.seq !== expectedSeq) {
      return { ok: false, entries: count, brokenAt: content.seq, reason: `falta la entrada ${expectedSeq} (se encontró ${content.seq})` };
    }
    if (prevHash !== prev) {
      return { ok: false, entries: count, brokenAt: content.seq, reason: 'no enlaza con la entrada anterior' };
    }
    if (entryHash(prevHash, content) !== hash) {
      return { ok: false, entries: count, brokenAt: content.seq, reason: 'su contenido no corresponde a su huella (fue alterada)' };
    }
    prev = hash;
    expectedSeq += 1;
  }
  return { ok: true, entries: count, head: prev };
}
