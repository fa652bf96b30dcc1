/**
 * When time alone would next change what the public sees of a certificate, so that the
 * sweep only has to look at the certificates that are due.
 */
import { endOfLaPazDay, type CertificateState } from './certificate-state.js';
import { limitRevocation } from './suspension-limit.js';

/**
 * The first instant after `at` at which the effective status may change with no act: the end
 * of the expiry day, a condition's deadline passing unclosed, a late closure, the end of the
 * longest suspension (when `state` carries its limit). Null for revoked (by an act or by the
 * system) or expired certificates, which time no longer changes. It may come early (a candidate that
 * changes nothing), never late.
 */
export function nextChangeAt(state: CertificateState, at: Date): Date | null {
  const t = at.getTime();
  const expiry = endOfLaPazDay(state.expiresOn).getTime();
  const revocation = limitRevocation(state);
  if (state.stored === 'revoked' || t >= expiry || (revocation && t >= revocation.at)) return null;
  const candidates = [expiry, ...(revocation ? [revocation.at] : [])];
  for (const c of state.conditions) {
    const deadline = endOfLaPazDay(c.deadline).getTime();
    const closed = c.closedAt === null ? Infinity : Date.parse(c.closedAt);
    if (closed > deadline) candidates.push(deadline, closed);
  }
  const next = Math.min(...candidates.filter((c) => Number.isFinite(c) && c > t));
  return Number.isFinite(next) ? new Date(next) : null;
}
