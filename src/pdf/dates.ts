/**
 * Dates and places as the documents write them, in Spanish. Free of PDFKit, so that
 * the service's own process can use them without loading the PDF library.
 */
import { commonTemplate, fill } from './template.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight UTC of a YYYY-MM-DD date; throws on anything else, including 2026-02-30. */
export function isoDateToUtc(iso: string): Date {
  const match = ISO_DATE.exec(iso);
  const date = new Date(`${iso}T00:00:00Z`);
  if (!match || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) {
    throw new Error(`Invalid date "${iso}": expected YYYY-MM-DD`);
  }
  return date;
}

/** "2026-03-12" → "12 de marzo de 2026". */
export function formatDateLong(iso: string): string {
  const date = isoDateToUtc(iso);
  const { months, longDate } = commonTemplate();
  return fill(longDate, {
    day: date.getUTCDate(),
    month: months[date.getUTCMonth()] ?? '',
    year: date.getUTCFullYear(),
  });
}

/** "2026-03-12" → "12/03/2026", as dates are written in Bolivia (tables, captions). */
export function formatDateShort(iso: string): string {
  const date = isoDateToUtc(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return fill(commonTemplate().shortDate, { day: two(date.getUTCDate()), month: two(date.getUTCMonth() + 1), year: date.getUTCFullYear() });
}

/** "2026-03-12" → "12 de marzo de 2026 (2026-03-12)". */
export function formatDateWithIso(iso: string): string {
  return fill(commonTemplate().dateWithIso, { long: formatDateLong(iso), iso });
}

export type Location = { department: string; municipality: string; community: string | null };

/** "Comunidad Chuquiago, municipio de Tupiza, departamento de Potosí". */
export function formatLocation({ department, municipality, community }: Location): string {
  const { location } = commonTemplate();
  return community
    ? fill(location.withCommunity, { community, municipality, department })
    : fill(location.withoutCommunity, { municipality, department });
}
