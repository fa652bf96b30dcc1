/**
 * The longest a suspension recorded by the commission may last (the criteria's
 * `commission.maxSuspensionMonths`): when it passes without reinstatement, the
 * system revokes the certificate, at the end of the last day of the maximum in Bolivia.
 */
import { endOfLaPazDay, expiryDate, laPazDate } from './la-paz-day.js';
import { count, dayInWords } from './text.js';

/** The maximum suspension of the criteria version a certificate was issued under. */
export type SuspensionLimit = { months: number; criteriaVersion: string };

/** A revocation the system makes: when it takes effect (epoch ms) and why. */
export type LimitRevocation = { at: number; reason: string };

/** What decides whether, and when, a certificate's suspension reaches its limit. */
export type SuspensionLimitInputs = {
  stored: string;
  /** When the stored status was recorded (ISO instant): for a suspension, when it began. */
  storedSince: string;
  /** Last valid day of the certificate (YYYY-MM-DD, Bolivia). */
  expiresOn: string;
  /** Null or absent: no limit is counted. */
  suspensionLimit?: SuspensionLimit | null | undefined;
};

/** Why the system revoked: «Revocado por el sistema: la suspensión del 3 de marzo de 2026 superó …». */
export function limitRevocationReason(suspendedOn: string, limit: SuspensionLimit): string {
  return `Revocado por el sistema: la suspensión del ${dayInWords(suspendedOn)} superó el máximo de ${count(limit.months, 'mes', 'meses')} sin rehabilitación (criterios ${limit.criteriaVersion}).`;
}

/**
 * The revocation a suspension that began at `suspendedAt` leads to if nothing ends it first: at the
 * end of the last day of the maximum, counted from its Bolivian start date like a validity
 * (see expiryDate). Null when the certificate expires first (or at that instant): it is then expired, not revoked.
 */
export function revocationAfterSuspension(suspendedAt: string, expiresOn: string, limit: SuspensionLimit): LimitRevocation | null {
  const suspendedOn = laPazDate(new Date(suspendedAt));
  const at = endOfLaPazDay(expiryDate(suspendedOn, limit.months)).getTime();
  if (at >= endOfLaPazDay(expiresOn).getTime()) return null;
  return { at, reason: limitRevocationReason(suspendedOn, limit) };
}

/** The revocation the certificate's current suspension leads to, or null (not suspended by an act, no limit, expires first). */
export function limitRevocation(input: SuspensionLimitInputs): LimitRevocation | null {
  if (input.stored !== 'suspended' || !input.suspensionLimit) return null;
  return revocationAfterSuspension(input.storedSince, input.expiresOn, input.suspensionLimit);
}
