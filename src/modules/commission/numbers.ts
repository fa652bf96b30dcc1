/** The human numbers of the commission's sessions and resolutions: `07/2026`, never an id. */
import { humanNumber } from '../../domain/numbering.js';
import { formatDateLong } from '../../pdf/dates.js';

export { humanNumber };

/** «N° 07/2026 del 20 de noviembre de 2026», how a person names a session. */
export const sessionLabel = (row: { number: number | null; year: number | null; heldOn: string }): string => {
  const number = humanNumber(row);
  return number ? `N° ${number} del ${formatDateLong(row.heldOn)}` : `del ${formatDateLong(row.heldOn)}`;
};
