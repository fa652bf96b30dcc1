/**
 * How long a revocation can be appealed: the days the criteria version sets
 * (`appeals.deadlineDays.revocation`), counted in calendar days in Bolivia from
 * the day after the revocation; the last day is included.
 *
 * Versions without the field (2025.1 to 2026.2) set no appeal deadline at all,
 * for any act; revocations under them get DEFAULT_REVOCATION_APPEAL_DAYS.
 */
import type { CriteriaFile } from './criteria-schema.js';
import { endOfLaPazDay, laPazDate } from './certificate-state.js';
import { dayInWords } from './text.js';

/** Days to appeal a revocation under versions that do not say. */
export const DEFAULT_REVOCATION_APPEAL_DAYS = 30;

export function revocationAppealDays(version: Pick<CriteriaFile, 'appeals'>): number {
  return version.appeals?.deadlineDays.revocation ?? DEFAULT_REVOCATION_APPEAL_DAYS;
}

const DAY_MS = 86_400_000;

/** The last day (YYYY-MM-DD, Bolivia) to appeal an act taken at `actAt`, `days` days later. */
export function appealLastDay(actAt: Date, days: number): string {
  const start = new Date(`${laPazDate(actAt)}T00:00:00Z`).getTime();
  return new Date(start + days * DAY_MS).toISOString().slice(0, 10);
}

/** Why an appeal filed at `filedAt` is late, naming the deadline in words, or undefined when on time. */
export function lateRevocationAppeal(
  revokedAt: Date,
  filedAt: Date,
  version: Pick<CriteriaFile, 'appeals' | 'version'>,
): string | undefined {
  const days = revocationAppealDays(version);
  const lastDay = appealLastDay(revokedAt, days);
  if (filedAt.getTime() < endOfLaPazDay(lastDay).getTime()) return undefined;
  const source = version.appeals ? `criterios ${version.version}` : `plazo general, criterios ${version.version}`;
  return `El plazo para apelar la revocación venció el ${dayInWords(lastDay)} (${days} días desde la revocación, ${source})`;
}
