/**
 * How text is compared in searches, and how sentences the software puts together
 * for people end well: one capital at the start, one full stop at the end, dates in words.
 */

/** Lowercase and without accents, so "potosi" finds "Potosí". */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/** Sentence-final marks that stand on their own: a full stop is not added after them. */
const FINAL_MARK = /[?!…]$/u;

/**
 * Free text someone typed (a reason, a condition) as one sentence to place after others:
 * trimmed, inner runs of spaces collapsed, first letter capitalised, and ending in exactly
 * one full stop whatever it ended with ("vencidas", "vencidas.", "vencidas..", "vencidas;").
 * A question, an exclamation or an ellipsis (…) is left as typed.
 * Empty text stays empty.
 */
export function asSentence(text: string): string {
  const body = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\s.,;:]+$/u, '');
  if (body === '') return '';
  const capitalised = body.charAt(0).toLocaleUpperCase('es') + body.slice(1);
  return FINAL_MARK.test(capitalised) ? capitalised : `${capitalised}.`;
}

const LONG_DATE = new Intl.DateTimeFormat('es-BO', { dateStyle: 'long', timeZone: 'UTC' });

/** A calendar day (YYYY-MM-DD) as people read it: "3 de mayo de 2026". Anything else is returned as given. */
export function dayInWords(day: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T00:00:00Z`) : new Date(Number.NaN);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day ? day : LONG_DATE.format(date);
}

/** "1 carácter", "3 caracteres": a count with its noun in the right number. */
export function count(n: number, singular: string, plural: string): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** A wait in the unit people think in: "40 segundos", "1 minuto", "15 minutos" (rounded up). */
export function waitInWords(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  return s < 60 ? count(s, 'segundo', 'segundos') : count(Math.ceil(s / 60), 'minuto', 'minutos');
}

/**
 * "a", "a y b", "a, b y c" (or "o" for alternatives), with "e" before an i sound and
 * "u" before an o sound, as Spanish asks ("técnico e ingeniera", "siete u ocho").
 */
export function listInWords(items: readonly string[], conjunction: 'y' | 'o' = 'y'): string {
  if (items.length <= 1) return items.join('');
  const last = items.at(-1)!;
  const sound = fold(last).replace(/^[«"“(\s]+/u, '');
  const word = conjunction === 'y' ? (/^h?i(?![aeo])/.test(sound) ? 'e' : 'y') : /^h?o/.test(sound) ? 'u' : 'o';
  return `${items.slice(0, -1).join(', ')} ${word} ${last}`;
}

/**
 * Characters that hide or disguise what a text says, refused in text people type: control
 * characters (line feeds and tabs only where paragraphs are allowed), the bidirectional
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069) that make "‮fdp.exe" read otherwise,
 * and lone surrogates (half a character, which no keyboard produces).
 */
const UNSAFE_IN_LINE = /[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069]/u;
const UNSAFE_IN_PARAGRAPHS = /[\p{Cs}\u202A-\u202E\u2066-\u2069]|(?![\t\n])\p{Cc}/u;

/** Whether `text` holds a character refused in typed text (see above); `paragraphs` lets line feeds and tabs through. */
export function hasUnsafeCharacters(text: string, paragraphs = false): boolean {
  return (paragraphs ? UNSAFE_IN_PARAGRAPHS : UNSAFE_IN_LINE).test(text);
}
