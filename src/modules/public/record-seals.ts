/**
 * Record seals (table certificate_record_seals): an HMAC, keyed from the active signing key, over what
 * public verification checks of a certificate (recordSealContent). A certificate whose row and events
 * still match the seal made when they were last found in agreement with their history is not checked
 * again; anything else is. Seals are only a shortcut: without one, or with one that does not match (a
 * change since, a rotated key, a forgery), the full check runs, as it always did.
 *
 * Seals found on the public path are written in batches by the periodic record check (flush), never
 * during a request: a lost batch only means checking those certificates once more.
 */
import { createHmac } from 'node:crypto';
import type { Db } from '../../db/client.js';

/** Most seals waiting to be written; past it, new ones are dropped until the next flush (they are only a shortcut). */
const MAX_PENDING = 20_000;

export const RECORD_SEAL_PURPOSE = 'sello certificate record seal v1';

export function createRecordSeals(db: Db, key: Buffer) {
  const sql = db.$client;
  const stored = sql.prepare<[string], string>('SELECT seal FROM certificate_record_seals WHERE certificate_id = ?').pluck();
  const upsert = sql.prepare<[string, string, string]>(
    `INSERT INTO certificate_record_seals (certificate_id, seal, checked_at) VALUES (?, ?, ?)
     ON CONFLICT (certificate_id) DO UPDATE SET seal = excluded.seal, checked_at = excluded.checked_at`,
  );
  // Certificates in insertion order from a point on: the periodic check walks them once per start.
  const after = sql.prepare<[number, number], { rowid: number; code: string }>(
    'SELECT rowid, code FROM certificates WHERE rowid > ? ORDER BY rowid LIMIT ?',
  );
  const pending = new Map<string, string>();
  const write = sql.transaction((at: string) => {
    for (const [certificateId, seal] of pending) upsert.run(certificateId, seal, at);
  });

  return {
    /** The seal of this content (recordSealContent). */
    sealOf: (content: string): string => createHmac('sha256', key).update(content).digest('base64url'),
    /** Whether the certificate's seal (written or waiting) is this one. */
    holds: (certificateId: string, seal: string): boolean => (pending.get(certificateId) ?? stored.get(certificateId)) === seal,
    /** A seal to write at the next flush. */
    remember(certificateId: string, seal: string): void {
      if (pending.size < MAX_PENDING || pending.has(certificateId)) pending.set(certificateId, seal);
    },
    /** Writes the waiting seals in one transaction; how many. */
    flush(at: Date): number {
      const count = pending.size;
      if (count > 0) {
        write.immediate(at.toISOString());
        pending.clear();
      }
      return count;
    },
    /** Up to `limit` certificates after `rowid`, in the order they were written. */
    certificatesAfter: (rowid: number, limit: number) => after.all(rowid, limit),
  };
}
export type RecordSeals = ReturnType<typeof createRecordSeals>;
