/** The public registry as open data in CSV: its columns, in Spanish, one certificate a row. */
import { stringify } from 'csv-stringify/sync';
import { spreadsheetCell } from '../../domain/spreadsheet-cell.js';
import type { PublicCertificate } from './public-schemas.js';

const COLUMNS = [
  'codigo',
  'estado',
  'estado_desde',
  'organizacion',
  'unidad_productiva',
  'alcance',
  'unidades_certificadas',
  'departamento',
  'municipio',
  'productos',
  'sectores',
  'nivel_sello',
  'version_criterios',
  'emitido',
  'vence',
  'verificacion',
];

export const REGISTRY_CSV_FILENAME = 'registro-sello-escj.csv';

/**
 * A group certificate is one row: `alcance` says «grupo» and `unidades_certificadas` how many of its
 * members are certified today (empty for a unit's certificate, whose `alcance` is «unidad»).
 * UTF-8 with BOM so that spreadsheet programs show accents; lists are joined with " | ", and a
 * cell a spreadsheet would run as a formula is written as text.
 */
export function registryToCsv(items: Iterable<PublicCertificate>): string {
  return stringify(
    Array.from(items, (c) => [
      c.code,
      c.statusLabel,
      c.statusSince,
      c.organization.name,
      c.producer ?? '',
      c.scope === 'group' ? 'grupo' : 'unidad',
      c.scope === 'group' ? (c.activeMembers ?? 0) : '',
      c.region.department,
      c.region.municipality,
      c.products.join(' | '),
      c.sectors.join(' | '),
      c.sealLevel,
      c.scheme.version,
      c.issuedOn,
      c.expiresOn,
      c.verificationUrl,
    ]),
    { bom: true, header: true, columns: COLUMNS, cast: { string: spreadsheetCell } },
  );
}
