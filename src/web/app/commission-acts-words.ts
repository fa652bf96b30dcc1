/**
 * Words the commission's certificate and appeal pages share: sessions and resolutions by their
 * human numbers («Sesión N° 07/2026 del 2 de noviembre de 2026», «Resolución N° 12/2026»), the act
 * an appeal is against, and the session choices of a form. Never an id.
 */
import { OUTCOME_LABEL, type Outcome } from '../../domain/commission.js';
import { formatBoliviaDay, formatBoliviaTime, formatDay } from '../format.js';
import type { SelectData } from './components.js';

export const COMMISSION_CERTIFICATES_HREF = '/app/comision/certificados';
export const COMMISSION_APPEALS_HREF = '/app/comision/apelaciones';
/** The sessions' pages, built apart: these pages only link to them. */
export const SESSIONS_HREF = '/app/comision/sesiones';
export const NEW_SESSION_HREF = '/app/comision/sesiones/nueva';

export const certificateHref = (id: string) => `${COMMISSION_CERTIFICATES_HREF}/${id}`;
export const appealHref = (id: string) => `${COMMISSION_APPEALS_HREF}/${id}`;

type Numbered = { number: string | null; heldOn: string };

export const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
export const day = (date: string) => formatDay(date, 'es');
export const instantDay = (instant: string) => formatBoliviaDay(instant, 'es');
/** «2 de noviembre de 2026, 14:05» (Bolivia). */
export const instantWhen = (instant: string) => `${instantDay(instant)}, ${formatBoliviaTime(instant)}`;

/** «Sesión N° 07/2026 del 2 de noviembre de 2026». */
export const sessionName = (s: Numbered) => (s.number ? `Sesión N° ${s.number} del ${day(s.heldOn)}` : `Sesión del ${day(s.heldOn)}`);

/** «Resolución N° 12/2026». */
export const resolutionName = (number: string | null) => (number ? `Resolución N° ${number}` : 'Resolución sin número');

/** «N° 07/2026» from a number and year as stored. */
export const numbered = (n: { number: number | null; year: number | null }): string | null =>
  n.number === null || n.year === null ? null : `${String(n.number).padStart(2, '0')}/${n.year}`;

/** The decision appealed: «Resolución N° 03/2026 (denegado), Sesión N° 01/2026 del 2 de noviembre de 2026». */
export function decisionWords(d: { number: string | null; outcome: Outcome; session: Numbered }): string {
  return `${resolutionName(d.number)} (${OUTCOME_LABEL[d.outcome]}), ${sessionName(d.session)}`;
}

/** The suspension appealed: «Suspensión del certificado 7K3M-9QXA-2F4P del 5 de noviembre de 2026». */
export const suspensionWords = (s: { certificateCode: string; at: string }) =>
  `Suspensión del certificado ${s.certificateCode} del ${instantDay(s.at)}`;

/** The revocation appealed: «Revocación del certificado 7K3M-9QXA-2F4P del 5 de noviembre de 2026». */
export const revocationWords = (s: { certificateCode: string; at: string }) =>
  `Revocación del certificado ${s.certificateCode} del ${instantDay(s.at)}`;

/** A select of open sessions by number and day. */
export function sessionSelect(
  options: { id: string; number: string | null; heldOn: string }[],
  select: Omit<SelectData, 'options'>,
): SelectData {
  return { ...select, options: options.map((s) => ({ value: s.id, label: sessionName(s) })) };
}
