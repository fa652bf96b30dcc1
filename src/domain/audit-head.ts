/**
 * Anchors of the audit trail. The chain shows an entry edited or removed in the
 * middle, but not the newest entries removed: a signed head ("the trail had
 * `entries` entries, the last with hash `head`") kept elsewhere, or stored as a
 * checkpoint, shows that too.
 */
import { GENESIS_HASH } from './audit-chain.js';

/** The JWS `typ` of a signed audit head, so that no other signed document passes for one. */
export const AUDIT_HEAD_JWS_TYPE = 'sello-audit-head+jws';

/** What gets signed: how many entries the trail had, the hash of the last one, and when. */
export type AuditHead = { entries: number; head: string; timestamp: string };

export type SignedAuditHead = AuditHead & { signature: string };

/** The trail as it is now: its length and the stored hash of any entry. */
export type TrailView = { entries: number; hashAt: (seq: number) => string | undefined };

/** Who signed the anchor, to name it in a message. */
export type AnchorKind = 'head' | 'checkpoint';

/** Exactly the signed fields, whatever else the object carries. */
export function headPayload(head: AuditHead): AuditHead {
  return { entries: head.entries, head: head.head, timestamp: head.timestamp };
}

function anchorName(kind: AnchorKind, anchor: AuditHead): string {
  return kind === 'head' ? `de la cabeza firmada el ${anchor.timestamp}` : `del punto de control firmado el ${anchor.timestamp}`;
}

/**
 * Why the trail does not contain the anchored one, in Spanish, or null when it does:
 * entry number `entries` must exist and have the anchored hash.
 */
export function anchorProblem(trail: TrailView, anchor: AuditHead, kind: AnchorKind): string | null {
  if (anchor.entries > trail.entries) {
    return `El historial tiene ${trail.entries} entradas, menos que las ${anchor.entries} ${anchorName(kind, anchor)}: se borraron entradas`;
  }
  const actual = anchor.entries === 0 ? GENESIS_HASH : trail.hashAt(anchor.entries);
  if (actual !== anchor.head) {
    return `El historial no contiene la entrada ${anchor.entries} ${anchorName(kind, anchor)} tal como se firmó: se reescribió la historia`;
  }
  return null;
}
