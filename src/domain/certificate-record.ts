/**
 * A certificate's row checked against its history. The stored status follows from
 * the acts that set it, the fields fixed at issuance never change, and each status
 * event agrees with the transparency-log leaf and the audit entry that recorded it.
 * Pure: every problem is a sentence in Spanish that names the certificate by its code.
 */
import { CERTIFICATE_STATUS_LABEL, type CertificateEventKind, type StoredStatus } from './certificate-state.js';
import { canonicalJson } from './content-hash.js';
import { isMemberEvent, memberProblems, membersForSeal, type Member } from './group-membership.js';
import { leafHash } from './merkle.js';
import { revocationAfterSuspension, type SuspensionLimit } from './suspension-limit.js';

/**
 * The stored status each event sets when it is an act of people. Time's (automatic) events set
 * none, except the system's revocation of a suspension that passed its limit (final, so stored).
 */
export const STATUS_SET_BY: Record<CertificateEventKind, StoredStatus | null> = {
  issued: 'active',
  suspended: 'suspended',
  reinstated: 'active',
  revoked: 'revoked',
  expired: null,
  member_added: null,
  member_excluded: null,
};

/** What a certificate row stores about its status. */
export type StoredRecord = { status: StoredStatus; since: string; reason: string | null };

/** The stored status after a history of status-setting acts, in the order they were recorded; undefined without any. */
export function storedStatusOf(history: Iterable<StoredRecord>): StoredRecord | undefined {
  let last: StoredRecord | undefined;
  for (const set of history) last = set;
  return last;
}

/** A row of `certificate_events`. */
export type EventRecord = {
  seq: number;
  event: string;
  at: string;
  reason: string | null;
  automatic: boolean;
  logIndex: number;
  /** The member a group certificate's event is about; checked against the leaf and the audit entry when read. */
  producerId?: string | null;
};

/**
 * The status an event sets, or null: issuance and the acts of people set one; of time's events only
 * an automatic revocation does (automaticRevocationProblems checks that it was due).
 */
export function statusSetByEvent(event: Pick<EventRecord, 'event' | 'automatic'>): StoredStatus | null {
  if (event.automatic) return event.event === 'revoked' ? 'revoked' : null;
  return STATUS_SET_BY[event.event as CertificateEventKind] ?? null;
}

/**
 * Whether each automatic revocation is one the system makes: it ends a suspension recorded by an act
 * (the last status set before it, not reinstated) and nothing follows it. With the certificate's end date
 * and its criteria's limit, also that it came at the end of that suspension's maximum, before the
 * certificate expired, with the reason the system words. Without them only the order is checked.
 */
export function automaticRevocationProblems(
  code: string,
  events: readonly Pick<EventRecord, 'seq' | 'event' | 'at' | 'reason' | 'automatic'>[],
  limit?: { expiresOn: string; suspensionLimit: SuspensionLimit } | null,
): string[] {
  const problems: string[] = [];
  let last: { status: StoredStatus; since: string; automatic: boolean } | undefined;
  let revokedAt: number | undefined;
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    const what = `Certificado ${code}: el evento ${e.seq} (${e.event})`;
    if (revokedAt !== undefined) problems.push(`${what} sigue a la revocación del sistema (evento ${revokedAt}), que es definitiva`);
    const status = statusSetByEvent(e);
    if (e.automatic && e.event === 'revoked') {
      revokedAt ??= e.seq;
      if (last?.status !== 'suspended' || last.automatic) {
        problems.push(`${what} es una revocación del sistema que no sigue a una suspensión registrada y no rehabilitada`);
      } else if (limit) {
        const due = revocationAfterSuspension(last.since, limit.expiresOn, limit.suspensionLimit);
        if (!due || due.at !== Date.parse(e.at) || due.reason !== e.reason) {
          problems.push(`${what} es una revocación del sistema que no corresponde al máximo de suspensión de sus criterios`);
        }
      }
    }
    if (status !== null) last = { status, since: e.at, automatic: e.automatic };
  }
  return problems;
}

/** The status-setting history told by the events themselves, in order. */
export function statusHistoryOfEvents(events: readonly EventRecord[]): StoredRecord[] {
  return [...events]
    .sort((a, b) => a.seq - b.seq)
    .flatMap((e) => {
      const status = statusSetByEvent(e);
      return status === null ? [] : [{ status, since: e.at, reason: e.reason }];
    });
}

const describe = (r: StoredRecord) =>
  `«${CERTIFICATE_STATUS_LABEL[r.status] ?? r.status}» desde ${r.since}, ${r.reason === null ? 'sin motivo' : `motivo «${r.reason}»`}`;

/** Whether the stored status is the one its history sets. */
export function storedRecordProblems(code: string, row: StoredRecord, expected: StoredRecord | undefined): string[] {
  if (!expected) return [`Certificado ${code}: su historial no tiene ningún acto que fije su estado`];
  if (row.status === expected.status && row.since === expected.since && row.reason === expected.reason) return [];
  return [`Certificado ${code}: su estado guardado (${describe(row)}) no es el que registra su historial (${describe(expected)})`];
}

/** The fields fixed when the certificate was issued, as people read them. */
export const ISSUED_FIELDS = {
  code: 'el código',
  dossierId: 'el expediente',
  decisionId: 'la decisión',
  organizationId: 'la organización',
  producerId: 'la unidad productiva',
  scheme: 'el esquema',
  criteriaVersion: 'la versión de los criterios',
  criteriaHash: 'la huella de los criterios',
  sealLevel: 'el nivel del sello',
  products: 'los productos',
  sectors: 'los sectores',
  issuedOn: 'la fecha de emisión',
  expiresOn: 'la fecha de vencimiento',
} as const;
export type IssuedFields = Record<keyof typeof ISSUED_FIELDS, unknown>;

const shown = (value: unknown) => (value === undefined ? 'nada' : canonicalJson(value));

/** Whether the fields fixed at issuance (all, or those named) still hold what the issuance recorded. */
export function issuedFieldProblems(
  code: string,
  row: Partial<IssuedFields>,
  issued: Partial<IssuedFields>,
  fields: readonly (keyof IssuedFields)[] = Object.keys(ISSUED_FIELDS) as (keyof IssuedFields)[],
): string[] {
  return fields
    .filter((field) => shown(row[field]) !== shown(issued[field]))
    .map((field) => `Certificado ${code}: ${ISSUED_FIELDS[field]} (${shown(row[field])}) no es lo que se emitió (${shown(issued[field])})`);
}

/** What identifies a certificate in each of its leaves. */
export type CertificateIdentity = { code: string; scheme: string; criteriaVersion: string; criteriaHash: string };
/** A leaf of the transparency log: the canonical JSON of its entry and its hash in hex. */
export type LeafRecord = { entry: string; leafHash: string };

function parseEntry(entry: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(entry);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const differing = (pairs: [string, unknown, unknown][]) => pairs.filter(([, a, b]) => a !== b).map(([name]) => name);

/** Whether an event is the one its transparency-log leaf records, and the leaf is intact. */
export function eventLeafProblems(certificate: CertificateIdentity, event: EventRecord, leaf: LeafRecord | undefined): string[] {
  const what = `Certificado ${certificate.code}: el evento ${event.seq} (${event.event})`;
  if (!leaf) return [`${what} apunta a la entrada ${event.logIndex} del registro de transparencia, que no existe`];
  const entry = parseEntry(leaf.entry);
  const hash = Buffer.from(leafHash(Buffer.from(leaf.entry, 'utf8'))).toString('hex');
  if (!entry || hash !== leaf.leafHash || canonicalJson(entry) !== leaf.entry) {
    return [`${what}: su entrada ${event.logIndex} del registro de transparencia no corresponde a su huella`];
  }
  const fields = differing([
    ['certificado', entry.certificateCode, certificate.code],
    ['evento', entry.event, event.event],
    ['fecha', entry.at, event.at],
    ['motivo', entry.reason, event.reason],
    ['número', entry.eventSeq, event.seq],
    ['esquema', entry.scheme, certificate.scheme],
    ['versión de los criterios', entry.criteriaVersion, certificate.criteriaVersion],
    ['huella de los criterios', entry.criteriaHash, certificate.criteriaHash],
    // Only member events name a member in their leaf; when the event's member was read, it must be the leaf's.
    ...(event.producerId === undefined
      ? []
      : [['socio', entry.member, isMemberEvent(event.event) ? event.producerId : undefined] as [string, unknown, unknown]]),
  ]);
  return fields.length === 0
    ? []
    : [`${what} no coincide con su entrada ${event.logIndex} del registro de transparencia (${fields.join(', ')})`];
}

/** What the audit entry of an event recorded (its `change`, with the certificate and the action). */
export type AuditedEvent = {
  certificateId: string;
  action: string;
  seq: unknown;
  logIndex: unknown;
  at: unknown;
  reason: unknown;
  sessionId: unknown;
  status: unknown;
  /** The member the event is about (only member events record one). */
  producerId?: unknown;
};

/** Whether an event is the one its audit entry recorded, including whether it set the stored status. */
export function eventAuditProblems(
  code: string,
  event: EventRecord & { certificateId: string; sessionId: string | null },
  audited: AuditedEvent | undefined,
): string[] {
  const what = `Certificado ${code}: el evento ${event.seq} (${event.event})`;
  if (!audited) return [`${what} no está en el historial de cambios`];
  // Issuance sets the status through the certificate's creation, not through its event entry.
  const setsStatus = event.event === 'issued' ? null : statusSetByEvent(event);
  const fields = differing([
    ['certificado', audited.certificateId, event.certificateId],
    ['evento', audited.action, event.event],
    ['número', audited.seq, event.seq],
    ['fecha', audited.at, event.at],
    ['motivo', audited.reason, event.reason],
    ['entrada del registro', audited.logIndex, event.logIndex],
    ['sesión', audited.sessionId, event.sessionId],
    ['estado que fija', audited.status, setsStatus],
    ...(event.producerId === undefined ? [] : [['socio', audited.producerId ?? null, event.producerId] as [string, unknown, unknown]]),
  ]);
  return fields.length === 0 ? [] : [`${what} no coincide con lo que registró el historial de cambios (${fields.join(', ')})`];
}

/** An event as the public verification reads it: with its leaf and what its audit entry says of the status. */
export type ServedEvent = EventRecord & {
  entry: string | null;
  leafHash: string | null;
  audited: boolean;
  auditedStatus: string | null;
};

/** The fields fixed at issuance that the public sees, checked before each verification. */
const SERVED_ISSUED_FIELDS = [
  'code',
  'scheme',
  'criteriaVersion',
  'criteriaHash',
  'sealLevel',
  'products',
  'sectors',
  'issuedOn',
  'expiresOn',
] as const satisfies readonly (keyof IssuedFields)[];

/**
 * The cheap check made before a certificate's status is shown: the public fields fixed at
 * issuance against its creation's audit entry, each event against its leaf (hash recomputed)
 * and the status its audit entry says it set, any revocation by the system against the suspension
 * it ends (and, given the criteria's `suspensionLimit`, its timing), then the stored status against
 * what the events set. Empty when the row can be trusted.
 */
export function servedRecordProblems(
  row: CertificateIdentity & StoredRecord & Partial<IssuedFields>,
  events: readonly ServedEvent[],
  issued: Partial<IssuedFields> | undefined,
  suspensionLimit?: SuspensionLimit | null,
  members?: readonly Member[],
): string[] {
  const problems: string[] = issued
    ? issuedFieldProblems(row.code, row, issued, SERVED_ISSUED_FIELDS)
    : [`Certificado ${row.code}: no está su emisión en el historial de cambios`];
  for (const e of events) {
    const leaf = e.entry === null || e.leafHash === null ? undefined : { entry: e.entry, leafHash: e.leafHash };
    problems.push(...eventLeafProblems(row, e, leaf));
    const setsStatus = e.event === 'issued' ? null : statusSetByEvent(e);
    if (!e.audited) problems.push(`Certificado ${row.code}: el evento ${e.seq} (${e.event}) no está en el historial de cambios`);
    else if (e.auditedStatus !== setsStatus)
      problems.push(`Certificado ${row.code}: el evento ${e.seq} (${e.event}) no fija el estado que registró el historial de cambios`);
  }
  if (!events.some((e) => e.event === 'issued')) problems.push(`Certificado ${row.code}: no tiene evento de emisión`);
  const expiresOn = typeof issued?.expiresOn === 'string' ? issued.expiresOn : undefined;
  problems.push(...automaticRevocationProblems(row.code, events, expiresOn && suspensionLimit ? { expiresOn, suspensionLimit } : null));
  problems.push(...storedRecordProblems(row.code, row, storedStatusOf(statusHistoryOfEvents(events))));
  if (members) problems.push(...memberProblems(row.code, events, members));
  return problems;
}

/** An event as a seal covers it; only member events name their member, so other events keep their form. */
const sealedEvent = ({ seq, event, at, reason, automatic, logIndex, producerId }: EventRecord) =>
  producerId ? { seq, event, at, reason, automatic, logIndex, producerId } : { seq, event, at, reason, automatic, logIndex };

/**
 * What a record seal covers (see certificate_record_seals): the fields servedRecordProblems checks on the row, each
 * event as stored and a group certificate's member rows, in canonical JSON. Any change to them changes this text;
 * a unit's certificate gives the same text as before groups existed, so that its seal still matches.
 */
export function recordSealContent(
  row: CertificateIdentity & StoredRecord & Partial<IssuedFields>,
  events: readonly EventRecord[],
  members: readonly Member[] = [],
): string {
  const fields = Object.fromEntries(SERVED_ISSUED_FIELDS.map((field) => [field, row[field] ?? null]));
  return canonicalJson({
    row: { ...fields, status: row.status, since: row.since, reason: row.reason },
    events: [...events].sort((a, b) => a.seq - b.seq).map(sealedEvent),
    ...(members.length > 0 ? { members: membersForSeal(members) } : {}),
  });
}
