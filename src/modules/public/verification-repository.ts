/**
 * The reads of public verification, as statements
 * prepared once: this is the hot path (every scan of a seal).
 */
import type { Db } from '../../db/client.js';
import type { EventRecord, IssuedFields, ServedEvent } from '../../domain/certificate-record.js';
import type { StoredStatus } from '../../domain/certificate-state.js';
import type { Member } from '../../domain/group-membership.js';
import { PUBLIC_HOLDER_COLUMNS, type PublicCertificateFields } from './public-certificate.js';
import type { PublicMember } from './public-schemas.js';
import { transparencyRepository } from '../transparency/transparency-repository.js';

/** A certificate with its organisation and producer, as the public side reads it. */
export type PublicCertificateRow = PublicCertificateFields & {
  id: string;
  status: StoredStatus;
  statusSince: string;
  statusReason: string | null;
};

export type ConditionRow = { id: string; deadline: string; description: string; closedAt: string | null };

/** A status event of the certificate with its transparency leaf and what its audit entry says it set. */
type EventWithLeafRow = Omit<ServedEvent, 'automatic' | 'audited'> & { automatic: number; audited: number; issued: string | null };

const SELECT = `
  SELECT c.id, c.code, c.scheme, c.criteria_version AS criteriaVersion, c.criteria_hash AS criteriaHash,
         c.seal_level AS sealLevel, c.products, c.sectors, c.issued_on AS issuedOn, c.expires_on AS expiresOn,
         c.status, c.status_since AS statusSince, c.status_reason AS statusReason, ${PUBLIC_HOLDER_COLUMNS}
    FROM certificates c
    JOIN organizations o ON o.id = c.organization_id
    LEFT JOIN producers p ON p.id = c.producer_id`;

/**
 * The members of a group certificate as the public sees them: certified first, then by community;
 * a name only with its unit's consent (the order never depends on a name not shown).
 */
const MEMBERS = `
  SELECT CASE WHEN p.public_name_consent = 1 THEN p.name END AS name, p.community, m.status,
         m.status_since AS since, CASE WHEN m.status = 'excluded' THEN m.status_reason END AS reason
    FROM certificate_members m JOIN producers p ON p.id = m.producer_id
   WHERE m.certificate_id = ?
   ORDER BY m.status <> 'active', p.community, (CASE WHEN p.public_name_consent = 1 THEN p.name END), m.rowid`;

/**
 * What a served statement depends on that can change without a new statement being asked for: the stored
 * status (even one written straight into the row), the end date, the last status event (seq only grows)
 * the conditions with their closures, and the members of a group with their status. Through the indexes on certificate_id: a few rows per certificate.
 */
const VERSION = `
  SELECT c.status || '|' || c.status_since || '|' || coalesce(c.status_reason, '') || '|' || c.expires_on
         || '|' || coalesce((SELECT max(e.seq) FROM certificate_events e WHERE e.certificate_id = c.id), 0)
         || '|' || (SELECT count(*) || ':' || coalesce(max(ca.closed_at), '')
                      FROM certificate_conditions cc JOIN corrective_actions ca ON ca.id = cc.corrective_action_id
                     WHERE cc.certificate_id = c.id)
         || '|' || (SELECT count(*) || ':' || total(m.status = 'active') || ':' || coalesce(max(m.status_since), '')
                      FROM certificate_members m WHERE m.certificate_id = c.id) AS version
    FROM certificates c WHERE c.code = ?`;

export function createVerificationRepository(db: Db) {
  const sql = db.$client;
  const byCode = sql.prepare<[string], PublicCertificateRow>(`${SELECT} WHERE c.code = ?`);
  const versionByCode = sql.prepare<[string], { version: string }>(VERSION);
  const conditions = sql.prepare<[string], ConditionRow>(
    `SELECT cc.id, cc.deadline, cc.description, ca.closed_at AS closedAt
       FROM certificate_conditions cc JOIN corrective_actions ca ON ca.id = cc.corrective_action_id
      WHERE cc.certificate_id = ?`,
  );
  const members = sql.prepare<[string], PublicMember>(MEMBERS);
  const memberRows = sql.prepare<[string], Member>(
    `SELECT producer_id AS producerId, status, status_since AS since, status_reason AS reason
       FROM certificate_members WHERE certificate_id = ? ORDER BY producer_id`,
  );
  const plainEvents = sql.prepare<[string], Omit<EventRecord, 'automatic'> & { automatic: number }>(
    `SELECT seq, event, at, reason, automatic, log_index AS logIndex, producer_id AS producerId
       FROM certificate_events WHERE certificate_id = ? ORDER BY seq`,
  );
  // Audit entries are found through the index on (entity, entity_id): a handful of rows per certificate.
  const events = sql.prepare<[string], EventWithLeafRow>(
    `SELECT e.seq, e.event, e.at, e.reason, e.automatic, e.log_index AS logIndex, e.producer_id AS producerId,
            t.entry, t.leaf_hash AS leafHash,
            a.seq IS NOT NULL AS audited, json_extract(a.change, '$.status') AS auditedStatus, i.change AS issued
       FROM certificate_events e
       LEFT JOIN transparency_log t ON t.leaf_index = e.log_index
       LEFT JOIN audit_log i ON i.entity = 'certificate' AND i.entity_id = e.certificate_id AND i.action = 'create'
       LEFT JOIN audit_log a ON a.entity = 'certificate' AND a.entity_id = e.certificate_id
                            AND a.action = e.event AND json_extract(a.change, '$.seq') = e.seq
      WHERE e.certificate_id = ?
      ORDER BY e.seq`,
  );
  const log = transparencyRepository(db);

  return {
    /** The certificate with this canonical code. */
    byCode: (code: string): PublicCertificateRow | undefined => byCode.get(code),
    /** The version key of the certificate with this code (see VERSION), or undefined when there is none. */
    versionOf: (code: string): string | undefined => versionByCode.get(code)?.version,
    /** Conditions of the certificate, with whether their corrective action is closed. */
    conditionsOf: (certificateId: string): ConditionRow[] => conditions.all(certificateId),
    /** The members of a group certificate, as the public sees them (none for a unit's certificate). */
    membersOf: (certificateId: string): PublicMember[] => members.all(certificateId),
    /** A group certificate's member rows as stored, what its record seal and its check cover. */
    memberRowsOf: (certificateId: string): Member[] => memberRows.all(certificateId),
    /** The certificate's status events as stored, in order (what a record seal covers). */
    eventsOf: (certificateId: string): EventRecord[] => plainEvents.all(certificateId).map((e) => ({ ...e, automatic: e.automatic === 1 })),
    treeSize: (): number => log.treeSize(),
    /** The certificate's status events, each with its leaf and audit entry, in order, and what its issuance recorded. */
    historyOf(certificateId: string): { events: ServedEvent[]; issued: Partial<IssuedFields> | undefined } {
      const rows = events.all(certificateId);
      const issued = rows[0]?.issued;
      return {
        events: rows.map(({ issued: _issued, ...e }) => ({ ...e, automatic: e.automatic === 1, audited: e.audited === 1 })),
        issued: issued ? (JSON.parse(issued) as Partial<IssuedFields>) : undefined,
      };
    },
  };
}
export type VerificationRepository = ReturnType<typeof createVerificationRepository>;
