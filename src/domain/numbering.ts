/** Human numbers of the commission's records: sessions and resolutions are numbered from 1 each year, `07/2026`. */

/** `07/2026`; null for a record without a number. */
export const humanNumber = (row: { number: number | null; year: number | null }): string | null =>
  row.number === null || row.year === null ? null : `${String(row.number).padStart(2, '0')}/${row.year}`;
