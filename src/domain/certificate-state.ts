/**
 * The certificate lifecycle: the acts the commission records (suspend,
 * reinstate, revoke) as a state machine, and what the certificate is at a
 * given instant once the passage of time (expiry, overdue conditions, a
 * suspension passing its maximum length) is counted.
 *
 * Day convention: a date (expiry, condition deadline) is the last valid day,
 * inclusive, in Bolivia (America/La_Paz, UTC-4 all year, no DST); what it
 * limits lapses at 00:00 of the next day there, i.e. 04:00Z of the next day.
 */

import { endOfLaPazDay, expiryDate, laPazDate } from './la-paz-day.js';
import { eventsFrom, step, type Transition } from './state-machine.js';
import { limitRevocation, type SuspensionLimit } from './suspension-limit.js';
import { count, dayInWords, listInWords } from './text.js';

export { BOLIVIA_UTC_OFFSET_MS, endOfLaPazDay, expiryDate, laPazDate, laPazTime } from './la-paz-day.js';
export type { SuspensionLimit } from './suspension-limit.js';

/** The status a certificate row stores: what the commission's acts set. */
export const STORED_STATUSES = ['active', 'suspended', 'revoked'] as const;
export type StoredStatus = (typeof STORED_STATUSES)[number];
/** What a certificate is at an instant, once expiry is counted: what the public sees. */
export const EFFECTIVE_STATUSES = ['active', 'suspended', 'revoked', 'expired'] as const;
export type EffectiveStatus = (typeof EFFECTIVE_STATUSES)[number];
/** The commission's acts on a certificate. */
export type CertificateAct = 'suspend' | 'reinstate' | 'revoke';
/**
 * What the certificate's event history (and the transparency log) records. `member_added` and
 * `member_excluded` are about one member of a group certificate and leave its stored status as it is.
 */
// prettier-ignore
export const CERTIFICATE_EVENT_KINDS = ['issued', 'suspended', 'reinstated', 'revoked', 'expired', 'member_added', 'member_excluded'] as const;
export type CertificateEventKind = (typeof CERTIFICATE_EVENT_KINDS)[number];

export const CERTIFICATE_STATUS_LABEL: Record<EffectiveStatus, string> = {
  active: 'VIGENTE',
  suspended: 'SUSPENDIDO',
  revoked: 'REVOCADO',
  expired: 'VENCIDO',
};

export const CERTIFICATE_TRANSITIONS = {
  suspend: { from: ['active'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'active' },
  /** Final: nothing leaves revoked. */
  revoke: { from: ['active', 'suspended'], to: 'revoked' },
} as const satisfies Record<CertificateAct, { from: readonly StoredStatus[]; to: StoredStatus }>;

export function applyEvent(status: StoredStatus, event: CertificateAct): Transition<StoredStatus> {
  return step(CERTIFICATE_TRANSITIONS, status, event, (from) =>
    status === 'revoked'
      ? 'El certificado está «REVOCADO»; la revocación es definitiva'
      : `El certificado está «${CERTIFICATE_STATUS_LABEL[status]}»; esta acción solo es posible cuando está «${from.map((s) => CERTIFICATE_STATUS_LABEL[s]).join(' o ')}»`,
  );
}

/** Acts allowed on a certificate with this stored status. */
export function allowedCertificateEvents(status: StoredStatus): CertificateAct[] {
  return eventsFrom(CERTIFICATE_TRANSITIONS, status);
}

// --- Effective status ----------------------------------------------------

export type Condition = {
  id: string;
  /** Last day to comply (YYYY-MM-DD, Bolivia). */
  deadline: string;
  /** When the corrective action was closed (ISO instant), or null. */
  closedAt: string | null;
  /** What must be done, for the reason shown to people. */
  description?: string;
};

export type CertificateState = {
  stored: StoredStatus;
  /** When the stored status was recorded (ISO instant). */
  storedSince: string;
  storedReason: string | null;
  /** Last valid day (YYYY-MM-DD, Bolivia). */
  expiresOn: string;
  conditions: Condition[];
  /**
   * The longest a suspension recorded by an act may last (see suspension-limit.ts); past it the
   * certificate is revoked by the system. Null or absent: no limit is counted.
   */
  suspensionLimit?: SuspensionLimit | null | undefined;
};

export type StatusAt = { status: EffectiveStatus; since: string; reason: string | null; automatic: boolean; overdueConditionIds: string[] };

/** The span [start, end) during which a condition was overdue; empty spans (closed in time) are left out. */
type OverdueSpan = { condition: Condition; start: number; end: number };

function overdueSpans(conditions: Condition[]): OverdueSpan[] {
  return conditions
    .map((condition) => ({
      condition,
      start: endOfLaPazDay(condition.deadline).getTime(),
      end: condition.closedAt === null ? Infinity : Date.parse(condition.closedAt),
    }))
    .filter((s) => s.end > s.start);
}

const covers = (s: OverdueSpan, t: number) => s.start <= t && t < s.end;

/** Start of the unbroken stretch of overdue spans that contains `t`. */
function runStart(spans: OverdueSpan[], t: number): number {
  let start = Math.min(...spans.filter((s) => covers(s, t)).map((s) => s.start));
  for (let changed = true; changed;) {
    changed = false;
    for (const s of spans) {
      if (s.start < start && s.end >= start) {
        start = s.start;
        changed = true;
      }
    }
  }
  return start;
}

// --- Reasons the software words ------------------------------------------
// Each is one or two whole sentences, ending in one full stop, so that pages can show them after "Motivo:".

/** A condition's text inside quotes, without the full stop it may have been typed with. */
const quotedCondition = (description: string) => `«${description.trim().replace(/[\s.;:,]+$/u, '')}»`;

/** Why a certificate expired: "Era válido hasta el 14 de enero de 2027." */
export function expiredReason(expiresOn: string): string {
  return `Era válido hasta el ${dayInWords(expiresOn)}.`;
}

/** Why a certificate is automatically suspended: the conditions not met by their deadline. */
export function overdueReason(conditions: Pick<Condition, 'deadline' | 'description'>[]): string {
  const deadline = (c: Pick<Condition, 'deadline'>) => `plazo hasta el ${dayInWords(c.deadline)}`;
  const lifted = 'La suspensión es automática y termina cuando se registre su cumplimiento.';
  if (conditions.length <= 1) {
    const c = conditions[0];
    const what = c?.description?.trim() ? `la condición ${quotedCondition(c.description)}` : 'una condición';
    return `No se cumplió a tiempo ${what}${c ? ` (${deadline(c)})` : ''}. ${lifted}`;
  }
  const items = conditions.map((c) =>
    c.description?.trim() ? `${quotedCondition(c.description)} (${deadline(c)})` : `una con ${deadline(c)}`,
  );
  return `No se cumplieron a tiempo ${count(conditions.length, 'condición', 'condiciones')}: ${listInWords(items)}. ${lifted}`;
}

/** Why an automatic suspension ended: a condition was met late (named when known). */
export function lateComplianceReason(description?: string): string {
  const what = description?.trim() ? `La condición ${quotedCondition(description)}` : 'La condición pendiente';
  return `${what} se cumplió fuera de plazo; con ello terminó la suspensión automática.`;
}

/**
 * What the certificate is at `at`. Precedence: revoked (stored); revoked by the
 * system once a recorded suspension passed its limit before the certificate
 * expired (the same status, instant and reason the sweep then stores); expired from
 * the end of `expiresOn`; suspended (stored); automatically suspended while a
 * condition is unclosed after the end of its deadline day; else active.
 * A late closure lifts the automatic suspension from the instant it is
 * recorded, with no commission act: the suspension was never recorded, only derived.
 * `overdueConditionIds` lists the conditions overdue at `at`, whatever the status.
 * Stored status is assumed to hold at `at` (pass `at` >= `storedSince`).
 */
export function effectiveStatus(input: CertificateState, at: Date): StatusAt {
  const t = at.getTime();
  const spans = overdueSpans(input.conditions);
  const overdue = spans.filter((s) => covers(s, t)).map((s) => s.condition);
  const overdueConditionIds = overdue.map((c) => c.id);
  const stored = { since: input.storedSince, reason: input.storedReason, automatic: false, overdueConditionIds };

  if (input.stored === 'revoked') return { status: 'revoked', ...stored };
  const revocation = limitRevocation(input);
  if (revocation && t >= revocation.at) {
    return {
      status: 'revoked',
      since: new Date(revocation.at).toISOString(),
      reason: revocation.reason,
      automatic: true,
      overdueConditionIds,
    };
  }
  const expiry = endOfLaPazDay(input.expiresOn);
  if (t >= expiry.getTime()) {
    return {
      status: 'expired',
      since: expiry.toISOString(),
      reason: expiredReason(input.expiresOn),
      automatic: true,
      overdueConditionIds,
    };
  }
  if (input.stored === 'suspended') return { status: 'suspended', ...stored };
  if (overdue.length > 0) {
    return {
      status: 'suspended',
      since: new Date(runStart(spans, t)).toISOString(),
      reason: overdueReason(overdue),
      automatic: true,
      overdueConditionIds,
    };
  }
  // Active since the later of the recorded act and the end of the last automatic suspension.
  const lastLift = Math.max(-Infinity, ...spans.filter((s) => s.end <= t).map((s) => s.end));
  if (lastLift > Date.parse(input.storedSince)) {
    return {
      status: 'active',
      since: new Date(lastLift).toISOString(),
      reason: lateComplianceReason(),
      automatic: true,
      overdueConditionIds,
    };
  }
  return { status: 'active', ...stored };
}

export type TimeEvent =
  | { event: 'expired'; at: string }
  /** A recorded suspension passed its limit: the system revokes the certificate (and stores it). */
  | { event: 'limit_revoked'; at: string; reason: string }
  /** A condition went overdue while nothing else held the certificate: it is now automatically suspended (or stays so for one more reason). */
  | { event: 'auto_suspended'; at: string; conditionId: string }
  /** The late closure of this condition ended the automatic suspension. */
  | { event: 'auto_reinstated'; at: string; conditionId: string };

/**
 * Effective-status changes in (from, to] that no act on the certificate
 * caused (expiry, a condition going overdue, a late closure lifting the
 * automatic suspension, a suspension passing its limit), each with the instant it took effect, so that a
 * background sweep can record them. Sweeping consecutive windows yields each
 * event once. Computed against the current stored status: sweep up to now
 * before recording an act on the certificate.
 */
export function timeEvents(input: CertificateState, from: Date, to: Date): TimeEvent[] {
  const spans = overdueSpans(input.conditions);
  const expiry = endOfLaPazDay(input.expiresOn).getTime();
  const revocation = limitRevocation(input);
  const instants = [...new Set([expiry, revocation?.at ?? NaN, ...spans.map((s) => s.start), ...spans.map((s) => s.end)])]
    .filter((t) => Number.isFinite(t) && t > from.getTime() && t <= to.getTime())
    .sort((a, b) => a - b);

  const events: TimeEvent[] = [];
  for (const t of instants) {
    const before = effectiveStatus(input, new Date(t - 1));
    const after = effectiveStatus(input, new Date(t));
    const at = new Date(t).toISOString();
    if (after.status === 'revoked' && before.status !== 'revoked') {
      events.push({ event: 'limit_revoked', at, reason: after.reason ?? '' });
      break; // final: time changes nothing after it
    }
    if (after.status === 'expired' && before.status !== 'expired') events.push({ event: 'expired', at });
    if (after.status === 'suspended' && after.automatic) {
      for (const s of spans) if (s.start === t) events.push({ event: 'auto_suspended', at, conditionId: s.condition.id });
    }
    if (before.status === 'suspended' && before.automatic && after.status === 'active') {
      for (const s of spans) if (s.end === t) events.push({ event: 'auto_reinstated', at, conditionId: s.condition.id });
    }
  }
  return events;
}

/**
 * FLOCERT-style cap: a suspension (recorded or automatic) may last
 * `maxSuspensionMonths` calendar months counted from its Bolivian start date
 * (same convention as `expiryDate`); from the next day on the commission must
 * reinstate or revoke. A flag for people: a suspension recorded by an act is
 * revoked by the system at that point when the certificate's state carries its
 * `suspensionLimit` (effectiveStatus), so the flag is left for automatic suspensions.
 */
export function suspensionCap(
  current: Pick<StatusAt, 'status' | 'since'>,
  maxSuspensionMonths: number,
  at: Date,
): { exceeded: boolean; lastDay: string | null; message: string | null } {
  if (current.status !== 'suspended') return { exceeded: false, lastDay: null, message: null };
  const startDay = laPazDate(new Date(current.since));
  const lastDay = expiryDate(startDay, maxSuspensionMonths);
  const exceeded = at.getTime() >= endOfLaPazDay(lastDay).getTime();
  const message = exceeded
    ? `El certificado está suspendido desde el ${dayInWords(startDay)} y superó el máximo de ${count(maxSuspensionMonths, 'mes', 'meses')}, que terminó el ${dayInWords(lastDay)}: la comisión debe rehabilitarlo o revocarlo.`
    : null;
  return { exceeded, lastDay, message };
}

/** The state of a certificate from the status its row stores, its conditions and its suspension limit. */
export function stateOfRow(
  row: { status: StoredStatus; statusSince: string; statusReason: string | null; expiresOn: string },
  conditions: Condition[],
  suspensionLimit: SuspensionLimit | null,
): CertificateState {
  return {
    stored: row.status,
    storedSince: row.statusSince,
    storedReason: row.statusReason,
    expiresOn: row.expiresOn,
    conditions,
    suspensionLimit,
  };
}
