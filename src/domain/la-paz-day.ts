/**
 * Calendar days in Bolivia (America/La_Paz, UTC-4 all year, no daylight saving): the dates
 * that limit a certificate (expiry, condition deadlines, the longest suspension) are last valid
 * days, inclusive, and what they limit lapses at 00:00 of the next day there.
 */

const DAY_MS = 86_400_000;
/** Bolivia is UTC-4 all year. */
export const BOLIVIA_UTC_OFFSET_MS = -4 * 3_600_000;

/** Midnight UTC of a YYYY-MM-DD date, as epoch ms; throws on anything that is not a real date. */
function dayMs(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`Fecha inválida: ${date}`);
  return ms;
}

const formatDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The calendar date in Bolivia at `at`. */
export function laPazDate(at: Date): string {
  return formatDay(at.getTime() + BOLIVIA_UTC_OFFSET_MS);
}

/** HH:MM in Bolivia at `at` (UTC-4, no daylight saving). */
export function laPazTime(at: Date): string {
  return new Date(at.getTime() + BOLIVIA_UTC_OFFSET_MS).toISOString().slice(11, 16);
}

/** The first instant after `date` in Bolivia: 00:00 of the next day, UTC-4. */
export function endOfLaPazDay(date: string): Date {
  return new Date(dayMs(date) + DAY_MS - BOLIVIA_UTC_OFFSET_MS);
}

/**
 * Last valid day of something valid `months` calendar months from `startDate`
 * (inclusive). The validity ends the day before the same day-of-month
 * `months` later; when that day does not exist (31 Jan + 1 month) the period
 * runs to the end of the shorter month, so it is never shorter than promised:
 * 2026-03-10 + 12 → 2027-03-09; 2026-01-31 + 1 → 2026-02-28; 2028-01-31 + 1 → 2028-02-29.
 */
export function expiryDate(startDate: string, months: number): string {
  if (!Number.isInteger(months) || months < 1) throw new RangeError(`La vigencia debe ser de al menos un mes (${months})`);
  const start = new Date(dayMs(startDate));
  const monthIndex = start.getUTCMonth() + months;
  const year = start.getUTCFullYear();
  const day = start.getUTCDate();
  const daysInTarget = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
  const anniversary = day <= daysInTarget ? Date.UTC(year, monthIndex, day) : Date.UTC(year, monthIndex + 1, 1);
  return formatDay(anniversary - DAY_MS);
}
