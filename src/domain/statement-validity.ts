/**
 * How long a signed status statement stays valid (after OCSP's pre-produced responses, RFC 6960
 * thisUpdate/nextUpdate): a statement is produced once and served until an event on its
 * certificate replaces it, a few minutes pass, or time alone would change the status it states.
 */
import { endOfLaPazDay, type Condition, type StoredStatus } from './certificate-state.js';
import { limitRevocation, type SuspensionLimit } from './suspension-limit.js';

/** The longest a statement is served before it is produced again, even with nothing new. */
export const STATEMENT_MAX_AGE_MS = 5 * 60_000;

export type StatementInputs = {
  stored: StoredStatus;
  /** Last valid day (YYYY-MM-DD, Bolivia). */
  expiresOn: string;
  conditions: Pick<Condition, 'deadline' | 'closedAt'>[];
  /** When the stored status was recorded: with `suspensionLimit`, where a suspension's limit is counted from. */
  storedSince?: string;
  suspensionLimit?: SuspensionLimit | null;
};

/**
 * The next instant after `producedAt` at which the passage of time alone changes the effective
 * status (see effectiveStatus): the end of the expiry day, the end of an open condition's
 * deadline day, or the end of a recorded suspension's limit. Null when nothing ahead does (a revocation is final).
 */
export function nextTimeChange(inputs: StatementInputs, producedAt: Date): Date | null {
  const { stored, expiresOn, conditions, storedSince, suspensionLimit } = inputs;
  if (stored === 'revoked') return null;
  const t = producedAt.getTime();
  const revocation = storedSince === undefined ? null : limitRevocation({ stored, storedSince, expiresOn, suspensionLimit });
  if (revocation && t >= revocation.at) return null;
  const instants = [
    endOfLaPazDay(expiresOn).getTime(),
    ...(revocation ? [revocation.at] : []),
    ...conditions.filter((c) => c.closedAt === null).map((c) => endOfLaPazDay(c.deadline).getTime()),
  ];
  const ahead = instants.filter((i) => i > t);
  return ahead.length === 0 ? null : new Date(Math.min(...ahead));
}

/** When a statement produced at `producedAt` stops being served: never past a change that time alone makes. */
export function statementNextUpdate(inputs: StatementInputs, producedAt: Date, maxAgeMs = STATEMENT_MAX_AGE_MS): Date {
  const cap = producedAt.getTime() + maxAgeMs;
  const change = nextTimeChange(inputs, producedAt);
  return new Date(change === null ? cap : Math.min(cap, change.getTime()));
}
