/**
 * What the signed status list reads: every certificate the public registry shows (active, suspended,
 * and lost in the last five years), with its stored public status (registry-index.ts) and who holds it
 * as the public may see it, in code order; and the earliest instant time would change a status.
 */
import type { Db } from '../../db/client.js';
import type { EffectiveStatus } from '../../domain/certificate-state.js';

export type StatusListRow = {
  code: string;
  status: EffectiveStatus;
  expiresOn: string;
  organization: string;
  /** The production unit's name, only with its consent; null for a group certificate. */
  unit: string | null;
  /** JSON array. */
  products: string;
};

const ROWS = `SELECT c.code, c.public_status AS status, c.expires_on AS expiresOn, o.name AS organization,
   CASE WHEN p.public_name_consent = 1 THEN p.name END AS unit, c.products
   FROM certificates c JOIN organizations o ON o.id = c.organization_id LEFT JOIN producers p ON p.id = c.producer_id
   WHERE c.public_status IN ('active', 'suspended') OR c.public_since >= ?
   ORDER BY c.code`;

export function createStatusListRepository(db: Db) {
  const sql = db.$client;
  const rows = sql.prepare<[string], StatusListRow>(ROWS);
  const nextDue = sql.prepare<[string], { dueAt: string | null }>('SELECT min(due_at) AS dueAt FROM certificates WHERE due_at > ?');
  const lastEvent = sql.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM certificate_events');
  return {
    /** Every listed certificate; lost ones only if lost at or after `lostSince` (ISO). */
    rows: (lostSince: string): StatusListRow[] => rows.all(lostSince),
    /** The earliest instant after `after` (ISO) at which time alone changes some certificate's status. */
    nextDueAfter: (after: string): string | null => nextDue.get(after)?.dueAt ?? null,
    /** Grows with every certificate event (issuance, suspension, revocation, members…): every status change is one. */
    statusVersion: (): number => lastEvent.get()?.seq ?? 0,
  };
}
