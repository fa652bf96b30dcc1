/**
 * Producers as the spreadsheets organisations keep: parsing (UTF-8, optional BOM,
 * "," or ";" as Excel writes it) with a report of every bad row, and export.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { FieldIssue } from '../../errors.js';
import { DEPARTMENTS, type Department } from '../../domain/bolivia.js';
import { looksLikeFormula, spreadsheetCell } from '../../domain/spreadsheet-cell.js';
import { NewProducerSchema, type Producer } from './registry-schemas.js';
import type { ProducerFields } from './producers-service.js';

export const CSV_COLUMNS = [
  'nombre',
  'sectores',
  'productos',
  'departamento',
  'municipio',
  'comunidad',
  'grupo_familiar',
  'fecha_compromiso',
  'consentimiento_publico',
] as const;
type Column = (typeof CSV_COLUMNS)[number];

const FIELD_TO_COLUMN: Record<string, Column> = {
  name: 'nombre',
  sectors: 'sectores',
  products: 'productos',
  department: 'departamento',
  municipality: 'municipio',
  community: 'comunidad',
  household: 'grupo_familiar',
  pledgeSignedOn: 'fecha_compromiso',
  publicNameConsent: 'consentimiento_publico',
};

export type CsvRow = { line: number; fields: ProducerFields };
export type CsvParse = { rows: CsvRow[]; issues: FieldIssue[] };

const RowSchema = NewProducerSchema.omit({ organizationId: true });
const YES = new Set(['si', 'sí', 's', 'true', '1', 'x']);
const NO = new Set(['no', 'n', 'false', '0', '']);
const list = (value: string) =>
  value
    .split('|')
    .map((v) => v.trim())
    .filter(Boolean);

function detectDelimiter(text: string): ',' | ';' {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}

/** What went wrong reading the file, in Spanish (the parser's own messages are English). */
function unreadable(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  const lengths = /columns length is (\d+), got (\d+)|expect (\d+), got (\d+)/.exec(message ?? '');
  const expected = lengths?.[1] ?? lengths?.[3];
  const got = lengths?.[2] ?? lengths?.[4];
  switch (code) {
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      if (!expected || !got) return 'La fila no tiene tantas columnas como la primera';
      return Number(got) > Number(expected)
        ? `La fila tiene ${got} columnas y la primera, ${expected}: si un valor lleva comas (o punto y coma), escríbalo entre comillas`
        : `La fila tiene ${got} columnas y la primera, ${expected}: faltan valores en esta fila`;
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'Unas comillas se abren y no se cierran';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return 'Hay texto pegado a unas comillas de cierre: un valor entre comillas debe terminar en el separador';
    default:
      return 'No se puede leer el archivo como CSV: guárdelo desde la hoja de cálculo como «CSV UTF-8»';
  }
}

/** Parses the file and validates every row; `issues` lists every problem with its line. */
export function parseProducersCsv(text: string): CsvParse {
  const issues: FieldIssue[] = [];
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter: detectDelimiter(text),
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      info: true,
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { rows: [], issues: [{ path: line ? `line.${line}` : 'file', message: unreadable(error) }] };
  }
  const first = records[0]?.record;
  const missing = CSV_COLUMNS.filter((c) => c !== 'fecha_compromiso' && c !== 'consentimiento_publico' && first && !(c in first));
  if (!first) return { rows: [], issues: [{ path: 'file', message: 'El archivo no tiene filas de productores' }] };
  if (missing.length > 0)
    return {
      rows: [],
      issues: [
        {
          path: 'line.1',
          message: `Faltan columnas en la primera fila: ${missing.join(', ')}. Las columnas del archivo son: ${CSV_COLUMNS.join(', ')}`,
        },
      ],
    };

  const rows: CsvRow[] = [];
  for (const { record, info } of records) {
    const line = info.lines;
    const consent = (record.consentimiento_publico ?? '').toLowerCase();
    if (!YES.has(consent) && !NO.has(consent)) {
      issues.push({ path: `line.${line}.consentimiento_publico`, message: 'Escriba «sí» o «no»' });
      continue;
    }
    const candidate = {
      name: record.nombre ?? '',
      sectors: list(record.sectores ?? ''),
      products: list(record.productos ?? ''),
      department: record.departamento ?? '',
      municipality: record.municipio ?? '',
      community: record.comunidad ?? '',
      household: record.grupo_familiar ?? '',
      pledgeSignedOn: record.fecha_compromiso ? record.fecha_compromiso : null,
      publicNameConsent: YES.has(consent),
    };
    const parsed = RowSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = FIELD_TO_COLUMN[String(issue.path[0])] ?? String(issue.path[0]);
        issues.push({ path: `line.${line}.${column}`, message: issue.message });
      }
      continue;
    }
    if (looksLikeFormula(parsed.data.name)) {
      issues.push({
        path: `line.${line}.nombre`,
        message: `El nombre de la fila ${line} empieza por «${parsed.data.name[0]}», y una hoja de cálculo lo tomaría por una fórmula: escríbalo sin ese signo delante`,
      });
      continue;
    }
    rows.push({ line, fields: parsed.data });
  }
  return { rows, issues };
}

/** Maps a field issue path (`body.sectors.0`) of a row to its CSV column at `line`. */
export function rowIssuePath(line: number, fieldPath: string): string {
  const field = fieldPath.split('.')[1] ?? '';
  return `line.${line}.${FIELD_TO_COLUMN[field] ?? field}`;
}

/** UTF-8 with BOM so that spreadsheet programs show accents; a formula-looking cell is written as text. */
export function producersToCsv(rows: Producer[]): string {
  const body = stringify(
    rows.map((p) => [
      p.name,
      p.sectors.join('|'),
      p.products.join('|'),
      DEPARTMENTS[p.department as Department] ?? p.department,
      p.municipality,
      p.community,
      p.household,
      p.pledgeSignedOn ?? '',
      p.publicNameConsent ? 'sí' : 'no',
    ]),
    { header: true, columns: [...CSV_COLUMNS], cast: { string: spreadsheetCell } },
  );
  return `\uFEFF${body}`;
}
