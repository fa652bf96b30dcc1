/** The human numbers of the commission's sessions and resolutions: `07/2026`, never an id. */
import { formatDateLong } from '../../pdf/document.js';

/** `07/2026`; null for a record without a number. */
export const humanNumber = (row: { number: number | null; year: number | null }): string | null =>
  row.number === null || row.year === null ? null : `${String(row.number).padStart(2, '0')}/${row.year}`;

/** «N° 07/2026 del 20 de noviembre de 2026», how a person names a session. */
export const sessionLabel = (row: { number: number | null; year: number | null; heldOn: string }): string => {
  const number = humanNumber(row);
  return number ? `N° ${number} del ${formatDateLong(row.heldOn)}` : `del ${formatDateLong(row.heldOn)}`;
};
