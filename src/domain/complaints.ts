/**
 * Complaints (denuncias) from the public: anyone may raise a doubt about a certified organisation or about
 * the use of the seal, without an account, and follow it by a tracking number. The commission assigns it,
 * records its inquiry, may order an unannounced visit, and closes it with a public summary and, when it
 * acts on it, a sanction from the catalogue.
 */
import { randomInt } from 'node:crypto';

/** received: waiting for the commission; in_inquiry: assigned and being looked into; closed: with its outcome. */
export const COMPLAINT_STATUSES = ['received', 'in_inquiry', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** What the complaint is about: a certified organisation, or the use of the seal (by anyone, certified or not). */
export const COMPLAINT_SUBJECTS = ['organization', 'seal_use'] as const;
export type ComplaintSubject = (typeof COMPLAINT_SUBJECTS)[number];

/** founded: the commission found it true and acted; unfounded: it did not; not_admissible: not about the seal. */
export const COMPLAINT_OUTCOMES = ['founded', 'unfounded', 'not_admissible'] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

/** Steps of the handling, kept in order: each is also audited. */
export const COMPLAINT_STEP_KINDS = ['assigned', 'inquiry', 'visit_ordered', 'closed'] as const;
export type ComplaintStepKind = (typeof COMPLAINT_STEP_KINDS)[number];

/** The state as the complainant reads it on the tracking page. */
export const COMPLAINT_STATUS_LABEL: Record<ComplaintStatus, string> = {
  received: 'Recibida: la comisión de certificación todavía no la ha asignado',
  in_inquiry: 'En investigación por la comisión de certificación',
  closed: 'Cerrada',
};

export const COMPLAINT_OUTCOME_LABEL: Record<ComplaintOutcome, string> = {
  founded: 'Fundada: la comisión comprobó lo denunciado y actuó',
  unfounded: 'No fundada: la comisión no comprobó lo denunciado',
  not_admissible: 'No admitida: no trata del sello ni de una organización certificada',
};

export const COMPLAINT_SUBJECT_LABEL: Record<ComplaintSubject, string> = {
  organization: 'Una organización certificada',
  seal_use: 'El uso del sello',
};

/** Letters that cannot be misread for one another when typed from a phone (Crockford's base 32, no I, L, O, U). */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A new tracking number, «DEN-XXXX-XXXX»: 40 random bits, so that the tracking page, open to whoever has the
 * number, cannot be found by trying numbers.
 */
export function newTrackingNumber(): string {
  const chars = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `DEN-${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** The tracking number as typed (small letters, spaces, O for 0, I or L for 1, no dashes), or null when it cannot be one. */
export function normalizeTrackingNumber(typed: string): string | null {
  const folded = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const body = folded.startsWith('DEN') ? folded.slice(3) : folded;
  if (!new RegExp(`^[${ALPHABET}]{8}$`).test(body)) return null;
  return `DEN-${body.slice(0, 4)}-${body.slice(4)}`;
}

/** Which steps the commission may take on a complaint in each state. */
export function complaintStepAllowed(status: ComplaintStatus, step: ComplaintStepKind): boolean {
  if (status === 'closed') return false;
  if (step === 'assigned') return true;
  return status === 'in_inquiry';
}
