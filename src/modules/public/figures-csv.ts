/** The public figures as open data in CSV: one long table, one number a row. */
import { stringify } from 'csv-stringify/sync';
import { figureCells, type Figures } from '../../domain/figures.js';
import { spreadsheetCell } from '../../domain/spreadsheet-cell.js';

export const FIGURES_CSV_FILENAME = 'cifras-sello-escj.csv';
const COLUMNS = ['cifra', 'clave', 'etiqueta', 'serie', 'valor', 'al_dia'];

/** UTF-8 with BOM, like the registry's CSV; a label a spreadsheet would run as a formula is written as text. */
export function figuresToCsv(figures: Figures): string {
  return stringify(
    figureCells(figures).map((c) => [c.figure, c.key, c.label, c.series, c.value, figures.asOf]),
    { bom: true, header: true, columns: COLUMNS, cast: { string: spreadsheetCell } },
  );
}
