/**
 * When a peer visit took place: visits are captured offline and submitted days
 * later, so the day is given by the team, within limits that catch typing slips.
 */

/** How far back a visit's day may lie when it is recorded. */
export const VISITED_ON_MAX_YEARS_BACK = 1;

/** The earliest day a visit may be planned on: the seal's records start well after it. */
export const PLANNED_ON_EARLIEST = '2000-01-01';

/** How far ahead a visit may be planned: further is a typing slip, not a plan. */
export const PLANNED_ON_MAX_YEARS_AHEAD = 2;

/** The same calendar day `years` years earlier (29 February becomes 28 February); negative `years` go forward. */
export function yearsBefore(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = m === 2 && d === 29 ? 28 : d;
  return `${String(y - years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Why `plannedOn` cannot be the planned day of a visit planned on `today` (both YYYY-MM-DD,
 * Bolivia), or null when it can: from 2000-01-01 to two years ahead, the range said in the message.
 */
export function plannedOnProblem(plannedOn: string, today: string): string | null {
  const latest = yearsBefore(today, -PLANNED_ON_MAX_YEARS_AHEAD);
  if (plannedOn < PLANNED_ON_EARLIEST || plannedOn > latest)
    return `La fecha prevista de la visita (${plannedOn}) no es plausible: debe estar entre ${PLANNED_ON_EARLIEST} y ${latest}`;
  return null;
}

/**
 * Why `visitedOn` cannot be the day of a visit recorded on `today` (both YYYY-MM-DD,
 * Bolivia), or null when it can: not after today and not more than a year back.
 */
export function visitedOnProblem(visitedOn: string, today: string): string | null {
  if (visitedOn > today) return `La fecha de la visita (${visitedOn}) es posterior a hoy (${today})`;
  const earliest = yearsBefore(today, VISITED_ON_MAX_YEARS_BACK);
  if (visitedOn < earliest) return `La fecha de la visita (${visitedOn}) es de hace más de un año (la más antigua admitida es ${earliest})`;
  return null;
}
