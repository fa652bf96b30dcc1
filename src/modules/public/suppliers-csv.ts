/** The suppliers' list as open data in CSV: its columns, in Spanish, one organisation a row. */
import { stringify } from 'csv-stringify/sync';
import { spreadsheetCell } from '../../domain/spreadsheet-cell.js';
import type { Suppliers } from './suppliers-schemas.js';

const COLUMNS = [
  'organizacion',
  'tipo',
  'departamento',
  'municipio',
  'unidades_certificadas',
  'lugares_de_las_unidades',
  'productos',
  'sectores',
  'certificados',
  'verificacion',
  'contacto_nombre',
  'contacto_telefono',
  'contacto_correo',
  'lista_producida',
];

export const SUPPLIERS_CSV_FILENAME = 'proveedores-sello-escj.csv';

/**
 * UTF-8 with BOM so that spreadsheet programs show accents; lists are joined with " | " (certificate
 * codes and their verification addresses in the same order), and a cell a spreadsheet would run as a
 * formula is written as text. The contact is empty unless the organisation agreed to publish it.
 */
export function suppliersToCsv(list: Suppliers): string {
  return stringify(
    list.items.map((s) => [
      s.name,
      s.kindName,
      s.department,
      s.municipality,
      s.certifiedUnits,
      s.places.map((p) => `${p.municipality} (${p.department})`).join(' | '),
      s.products.join(' | '),
      s.sectors.join(' | '),
      s.certificates.map((c) => c.code).join(' | '),
      s.certificates.map((c) => c.verificationUrl).join(' | '),
      s.contact?.name ?? '',
      s.contact?.phone ?? '',
      s.contact?.email ?? '',
      list.producedAt,
    ]),
    { bom: true, header: true, columns: COLUMNS, cast: { string: spreadsheetCell } },
  );
}
