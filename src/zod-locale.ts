/**
 * Validation messages are read by people: plain Spanish, addressed as usted, saying what
 * is wrong with the value and, where it helps, how to write it. Imported once by every entry point.
 */
import { z } from 'zod';
import { ROLE_LABEL } from './domain/access.js';
import { APPEAL_STATE_LABEL } from './domain/appeals.js';
import { CERTIFICATE_STATUS_LABEL } from './domain/certificate-state.js';
import { OUTCOME_LABEL } from './domain/commission.js';
import { DOSSIER_EVENT_LABEL, DOSSIER_STATE_LABEL, RECOMMENDATION_LABEL } from './domain/dossier-state.js';
import { ANSWER_LABEL, LEVEL_LABEL } from './domain/non-conformities.js';
import { ORGANIZATION_KIND_LABEL, PERSON_ROLE_LABEL } from './domain/registry.js';
import { count, listInWords } from './domain/text.js';
import { MEMBER_KIND_LABEL, VISIT_STATUS_LABEL } from './domain/visit-team.js';

type Issue = z.core.$ZodRawIssue;

/**
 * The word lists whose values a request may get wrong, with the words people use for them.
 * A refused value list is matched against these, first list that holds every value wins, so
 * that "producer" reads "productor/a de otra unidad" in a visit team and "productor" as a role.
 */
const WORD_LISTS: Record<string, string>[] = [
  MEMBER_KIND_LABEL,
  ROLE_LABEL,
  PERSON_ROLE_LABEL,
  ANSWER_LABEL,
  RECOMMENDATION_LABEL,
  DOSSIER_STATE_LABEL,
  DOSSIER_EVENT_LABEL,
  VISIT_STATUS_LABEL,
  ORGANIZATION_KIND_LABEL,
  LEVEL_LABEL,
  OUTCOME_LABEL,
  { upheld: APPEAL_STATE_LABEL.upheld, rejected: APPEAL_STATE_LABEL.rejected },
  // The commission's votes (src/domain/commission.ts VOTES).
  { for: 'a favor', against: 'en contra', abstain: 'abstención' },
  Object.fromEntries(Object.entries(CERTIFICATE_STATUS_LABEL).map(([value, label]) => [value, label.toLocaleLowerCase('es')])),
  { es: 'castellano', en: 'inglés' },
  { draft: 'borrador', published: 'publicada' },
];

const quoted = (value: unknown) => `«${String(value)}»`;

/** "a favor («for»)": the word people use, then the exact value to send; just «cumple» when they are the same. */
function option(value: unknown, labels: Record<string, string> | undefined): string {
  const label = labels?.[String(value)];
  if (label === undefined || label.toLocaleLowerCase('es') === String(value).replaceAll('_', ' ')) return quoted(value);
  // "Técnico o técnica" reads "técnico o técnica" inside a sentence; "OECA" stays as it is.
  const inSentence = /^\p{Lu}\p{Ll}/u.test(label) ? label.charAt(0).toLocaleLowerCase('es') + label.slice(1) : label;
  return `${inSentence} (${quoted(value)})`;
}

function oneOf(values: readonly unknown[]): string {
  const labels = WORD_LISTS.find((list) => values.every((v) => typeof v === 'string' && v in list));
  const options = values.map((v) => option(v, labels));
  return options.length === 1 ? `Debe ser ${options[0]}` : `Debe ser uno de: ${listInWords(options, 'o')}`;
}

const TYPE_EXPECTED: Record<string, string> = {
  string: 'Debe ser un texto',
  number: 'Debe ser un número',
  int: 'Debe ser un número entero',
  bigint: 'Debe ser un número entero',
  boolean: 'Debe ser verdadero o falso (true o false)',
  array: 'Debe ser una lista',
  object: 'Debe ser un objeto JSON con sus campos',
  record: 'Debe ser un objeto JSON con sus campos',
  date: 'Debe ser una fecha válida',
  file: 'Debe ser un archivo',
  null: 'Debe quedar vacío (null)',
};

function invalidType(issue: Extract<Issue, { code: 'invalid_type' }>): string {
  const { input, expected } = issue;
  if (input === undefined || expected === 'nonoptional') return 'Falta este dato';
  if (input === null) return 'Este dato no puede quedar vacío';
  // A number or a yes/no sent as text in JSON: say how to write it.
  if ((expected === 'number' || expected === 'int') && typeof input === 'string' && input.trim() !== '' && !Number.isNaN(Number(input))) {
    return `${TYPE_EXPECTED[expected]}, escrito sin comillas`;
  }
  if (expected === 'boolean' && (input === 'true' || input === 'false')) return 'Debe ser true o false, escrito sin comillas';
  return TYPE_EXPECTED[expected] ?? 'Este dato no es del tipo esperado';
}

/** A limit as people say it: "al menos 10 caracteres", "10 o más", "como máximo 3". */
function size(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>): string {
  const small = issue.code === 'too_small';
  const limit = small ? issue.minimum : issue.maximum;
  const n = Number(limit);
  switch (issue.origin) {
    case 'string':
      if (issue.exact) return `Debe tener exactamente ${count(n, 'carácter', 'caracteres')}`;
      if (small && n <= 1) return 'No puede quedar vacío';
      return small
        ? `Debe tener al menos ${count(n, 'carácter', 'caracteres')}`
        : `Debe tener como máximo ${count(n, 'carácter', 'caracteres')}`;
    case 'array':
    case 'set':
      if (issue.exact) return `Indique exactamente ${n}`;
      if (small && n <= 1) return 'Indique al menos uno';
      return small ? `Indique al menos ${n}` : `Indique como máximo ${n}`;
    case 'file':
      return small ? `El archivo es demasiado pequeño (mínimo ${n} bytes)` : `El archivo es demasiado grande (máximo ${n} bytes)`;
    case 'date': {
      const day = new Date(n).toISOString().slice(0, 10);
      return small ? `La fecha debe ser el ${day} o posterior` : `La fecha debe ser el ${day} o anterior`;
    }
    default:
      if (issue.exact) return `Debe ser ${String(limit)}`;
      if (small) return issue.inclusive === false ? `Debe ser mayor que ${String(limit)}` : `Debe ser ${String(limit)} o más`;
      return issue.inclusive === false ? `Debe ser menor que ${String(limit)}` : `Debe ser ${String(limit)} o menos`;
  }
}

const IDENTIFIER_FORMATS = new Set(['uuid', 'uuidv4', 'uuidv6', 'uuidv7', 'guid', 'cuid', 'cuid2', 'ulid', 'xid', 'ksuid', 'nanoid']);

const FORMAT: Record<string, string> = {
  email: 'No es una dirección de correo electrónico válida',
  url: 'No es una dirección web válida: escríbala completa, por ejemplo https://www.ejemplo.bo',
  date: 'No es una fecha válida: escríbala como AAAA-MM-DD, por ejemplo 2026-05-03',
  datetime: 'No es una fecha y hora válida: escríbala como AAAA-MM-DDTHH:MM:SSZ, por ejemplo 2026-05-03T14:30:00Z',
  time: 'No es una hora válida: escríbala como HH:MM, por ejemplo 14:30',
  duration: 'No es una duración válida',
  e164: 'No es un número de teléfono válido: escríbalo con el código del país, por ejemplo +59171234567',
  base64: 'No es un texto en base64 válido',
  base64url: 'No es un texto en base64 válido',
  jwt: 'No es un token válido',
  json_string: 'No es un texto JSON válido',
  ipv4: 'No es una dirección IP válida',
  ipv6: 'No es una dirección IP válida',
};

function invalidFormat(issue: Extract<Issue, { code: 'invalid_format' }>): string {
  if (IDENTIFIER_FORMATS.has(issue.format)) return 'No es un identificador válido';
  if (issue.format === 'starts_with' && typeof issue.prefix === 'string') return `Debe empezar por ${quoted(issue.prefix)}`;
  if (issue.format === 'ends_with' && typeof issue.suffix === 'string') return `Debe terminar en ${quoted(issue.suffix)}`;
  if (issue.format === 'includes' && typeof issue.includes === 'string') return `Debe contener ${quoted(issue.includes)}`;
  return FORMAT[issue.format] ?? 'No tiene la forma esperada';
}

/** The message of every issue a schema does not word itself. */
export function validationMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return invalidType(issue);
    case 'too_small':
    case 'too_big':
      return size(issue);
    case 'invalid_format':
      return invalidFormat(issue);
    case 'invalid_value':
      return oneOf(issue.values);
    case 'not_multiple_of':
      return `Debe ser múltiplo de ${issue.divisor}`;
    case 'unrecognized_keys':
      return issue.keys.length === 1
        ? `No se admite el campo ${quoted(issue.keys[0])}`
        : `No se admiten los campos ${listInWords(issue.keys.map(quoted))}`;
    case 'invalid_key':
      return 'Hay un nombre de campo que no es válido';
    case 'invalid_element':
      return 'Hay un elemento que no es válido';
    case 'invalid_union':
      return issue.input === undefined ? 'Falta este dato' : 'Este valor no es válido';
    default:
      return 'Este valor no es válido';
  }
}

z.config({ localeError: validationMessage });
