/**
 * The full check of every certificate against its history, for `sello log verify`,
 * `sello audit verify` and the check of a backup: the stored status and the fields fixed
 * at issuance against the audit trail, and each status event against its transparency
 * leaf and its audit entry, and each revocation by the system against the suspension it ends.
 * One pass over each table, streamed where it can be.
 */
import type { Db } from '../../db/client.js';
import {
  automaticRevocationProblems,
  eventAuditProblems,
  eventLeafProblems,
  issuedFieldProblems,
  storedRecordProblems,
  storedStatusOf,
  type AuditedEvent,
  type EventRecord,
  type IssuedFields,
  type StoredRecord,
} from '../../domain/certificate-record.js';
import type { StoredStatus, SuspensionLimit } from '../../domain/certificate-state.js';
import { memberProblems, type Member } from '../../domain/group-membership.js';

/** The longest suspension under a criteria version, when the criteria are at hand; null when unknown. */
export type SuspensionLimitOf = (scheme: string, criteriaVersion: string) => SuspensionLimit | null;

type CertificateRecordRow = IssuedFields & {
  id: string;
  code: string;
  scheme: string;
  criteriaVersion: string;
  criteriaHash: string;
  status: StoredStatus;
  statusSince: string;
  statusReason: string | null;
};

type EventRow = {
  seq: number;
  certificateId: string;
  event: string;
  at: string;
  reason: string | null;
  sessionId: string | null;
  automatic: number;
  logIndex: number;
  producerId: string | null;
  entry: string | null;
  leafHash: string | null;
  code: string | null;
  scheme: string | null;
  criteriaVersion: string | null;
  criteriaHash: string | null;
};

/** What the audit trail says of one certificate. */
type Audited = { issued?: Record<string, unknown>; history: StoredRecord[]; events: Map<number, AuditedEvent> };

const CERTIFICATES = `
  SELECT id, code, dossier_id AS dossierId, decision_id AS decisionId, organization_id AS organizationId,
         producer_id AS producerId, scheme, criteria_version AS criteriaVersion, criteria_hash AS criteriaHash,
         seal_level AS sealLevel, products, sectors, issued_on AS issuedOn, expires_on AS expiresOn,
         status, status_since AS statusSince, status_reason AS statusReason
    FROM certificates ORDER BY code`;

const EVENTS = `
  SELECT e.seq, e.certificate_id AS certificateId, e.event, e.at, e.reason, e.session_id AS sessionId, e.automatic,
         e.log_index AS logIndex, e.producer_id AS producerId, t.entry, t.leaf_hash AS leafHash,
         c.code, c.scheme, c.criteria_version AS criteriaVersion, c.criteria_hash AS criteriaHash
    FROM certificate_events e
    LEFT JOIN transparency_log t ON t.leaf_index = e.log_index
    LEFT JOIN certificates c ON c.id = e.certificate_id
   ORDER BY e.seq`;

/** Each member row with whether the decision it names approved that unit's own dossier. */
const MEMBERS = `
  SELECT m.certificate_id AS certificateId, m.producer_id AS producerId, m.status, m.status_since AS since,
         m.status_reason AS reason,
         (d.outcome IN ('approved', 'approved_with_conditions') AND d.dossier_id = m.dossier_id
          AND ds.producer_id = m.producer_id AND ds.scope = 'member') AS approved
    FROM certificate_members m
    LEFT JOIN decisions d ON d.id = m.decision_id
    LEFT JOIN dossiers ds ON ds.id = m.dossier_id
   ORDER BY m.certificate_id, m.producer_id`;

const AUDIT = `SELECT entity_id AS entityId, action, change FROM audit_log WHERE entity = 'certificate' ORDER BY seq`;

const asObject = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** One pass over the certificates' audit entries: issuance, status-setting history and events, by certificate. */
function readAudit(db: Db): Map<string, Audited> {
  const byCertificate = new Map<string, Audited>();
  const stmt = db.$client.prepare<[], { entityId: string; action: string; change: string }>(AUDIT);
  for (const row of stmt.iterate()) {
    let audited = byCertificate.get(row.entityId);
    if (!audited) byCertificate.set(row.entityId, (audited = { history: [], events: new Map() }));
    const change = asObject(JSON.parse(row.change));
    if (row.action === 'create') {
      audited.issued ??= change;
      audited.history.push({
        status: change.status as StoredStatus,
        since: change.statusSince as string,
        reason: (change.statusReason ?? null) as string | null,
      });
      continue;
    }
    const { seq, logIndex, at, reason, sessionId, status, producerId } = change;
    audited.events.set(Number(seq), {
      certificateId: row.entityId,
      action: row.action,
      ...{ seq, logIndex, at, reason, sessionId, status, producerId },
    });
    if (status !== null && status !== undefined) {
      audited.history.push({ status: status as StoredStatus, since: at as string, reason: (reason ?? null) as string | null });
    }
  }
  return byCertificate;
}

/**
 * Problems found, each naming the certificate by its code (empty when every record agrees), and how many
 * were checked. With `limitOf`, a revocation by the system is also checked against the limit of its criteria.
 */
export function verifyCertificateRecords(db: Db, limitOf: SuspensionLimitOf = () => null): { problems: string[]; certificates: number } {
  const audit = readAudit(db);
  // What the events of each certificate say of its status, for the check of the system's revocations.
  const statusEvents = new Map<string, Pick<EventRecord, 'seq' | 'event' | 'at' | 'reason' | 'automatic' | 'producerId'>[]>();
  const problems: string[] = [];
  const codeOf = (certificateId: string) => {
    const issued = audit.get(certificateId)?.issued;
    return typeof issued?.code === 'string' ? issued.code : certificateId;
  };

  for (const e of db.$client.prepare<[], EventRow>(EVENTS).iterate()) {
    const event = { ...e, automatic: e.automatic === 1 };
    if (e.code === null || e.scheme === null || e.criteriaVersion === null || e.criteriaHash === null) {
      problems.push(`Certificado ${codeOf(e.certificateId)}: el evento ${e.seq} (${e.event}) es de un certificado que no existe`);
      continue;
    }
    const identity = { code: e.code, scheme: e.scheme, criteriaVersion: e.criteriaVersion, criteriaHash: e.criteriaHash };
    const leaf = e.entry === null || e.leafHash === null ? undefined : { entry: e.entry, leafHash: e.leafHash };
    problems.push(...eventLeafProblems(identity, event, leaf));
    const audited = audit.get(e.certificateId);
    problems.push(...eventAuditProblems(e.code, event, audited?.events.get(e.seq)));
    audited?.events.delete(e.seq);
    const list = statusEvents.get(e.certificateId) ?? [];
    list.push({ seq: e.seq, event: e.event, at: e.at, reason: e.reason, automatic: event.automatic, producerId: e.producerId });
    statusEvents.set(e.certificateId, list);
  }

  const members = new Map<string, (Member & { approved: number | null })[]>();
  for (const m of db.$client.prepare<[], Member & { certificateId: string; approved: number | null }>(MEMBERS).iterate()) {
    const list = members.get(m.certificateId) ?? [];
    list.push(m);
    members.set(m.certificateId, list);
  }

  let certificates = 0;
  const stmt = db.$client.prepare<[], Omit<CertificateRecordRow, 'products' | 'sectors'> & { products: string; sectors: string }>(
    CERTIFICATES,
  );
  for (const raw of stmt.iterate()) {
    certificates += 1;
    const row: CertificateRecordRow = { ...raw, products: JSON.parse(raw.products), sectors: JSON.parse(raw.sectors) };
    const audited = audit.get(row.id);
    audit.delete(row.id);
    if (!audited?.issued) {
      problems.push(`Certificado ${row.code}: no está su emisión en el historial de cambios`);
      continue;
    }
    problems.push(...issuedFieldProblems(row.code, row, audited.issued));
    const stored = { status: row.status, since: row.statusSince, reason: row.statusReason };
    problems.push(...storedRecordProblems(row.code, stored, storedStatusOf(audited.history)));
    const limit = limitOf(row.scheme, row.criteriaVersion);
    const expiresOn = audited.issued.expiresOn;
    const timing = limit && typeof expiresOn === 'string' ? { expiresOn, suspensionLimit: limit } : null;
    problems.push(...automaticRevocationProblems(row.code, statusEvents.get(row.id) ?? [], timing));
    const group = members.get(row.id) ?? [];
    members.delete(row.id);
    const approved = new Set(group.filter((m) => m.approved === 1).map((m) => m.producerId));
    problems.push(...memberProblems(row.code, statusEvents.get(row.id) ?? [], group, approved));
    statusEvents.delete(row.id);
    for (const [seq, e] of audited.events) {
      problems.push(
        `Certificado ${row.code}: el historial de cambios registra el evento ${seq} (${e.action}), que falta entre sus eventos`,
      );
    }
  }
  for (const id of members.keys()) problems.push(`Certificado ${codeOf(id)}: tiene socios, pero el certificado no existe`);
  for (const id of audit.keys()) {
    problems.push(`Certificado ${codeOf(id)}: el historial de cambios lo registra, pero el certificado no existe`);
  }
  return { problems, certificates };
}
