/**
 * Languages of the public pages: the user strings (templates/web/locales/*.json),
 * validated once at load, and the choice of language for a request.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { TEMPLATES_DIR } from '../paths.js';

export const LOCALES = ['es', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'es';

export const LOCALES_DIR = path.join(TEMPLATES_DIR, 'web', 'locales');

/** A flat map from dotted key to text; `{name}` marks a value filled in at render time. */
export const MessagesSchema = z.record(z.string().regex(/^[a-zA-Z][\w]*(\.[\w]+)*$/, 'dotted key'), z.string().trim().min(1));
export type Messages = z.infer<typeof MessagesSchema>;

const PLACEHOLDER = /\{(\w+)\}/g;

function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1]!).sort();
}

/**
 * Reads and checks every locale file: each must parse, and all must have the same keys
 * with the same placeholders, so that no page shows a key or a stray `{name}`.
 */
export function loadMessages(dir: string = LOCALES_DIR): Record<Locale, Messages> {
  const read = (locale: Locale): Messages => {
    const file = path.join(dir, `${locale}.json`);
    const parsed = MessagesSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
    return parsed.data;
  };
  const all = { es: read('es'), en: read('en') };
  const reference = all[DEFAULT_LOCALE];
  for (const locale of LOCALES) {
    const messages = all[locale];
    const missing = Object.keys(reference).filter((key) => !(key in messages));
    const extra = Object.keys(messages).filter((key) => !(key in reference));
    if (missing.length > 0 || extra.length > 0) {
      throw new Error(`locale ${locale}: missing keys [${missing.join(', ')}], extra keys [${extra.join(', ')}]`);
    }
    for (const [key, text] of Object.entries(messages)) {
      if (placeholders(text).join() !== placeholders(reference[key]!).join()) {
        throw new Error(
          `locale ${locale}: key ${key} has placeholders {${placeholders(text).join('}, {')}}, expected those of ${DEFAULT_LOCALE}`,
        );
      }
    }
  }
  return all;
}

const MESSAGES = loadMessages();

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/**
 * The text of `key` in `locale` with its placeholders filled in. Returns plain text:
 * templates escape it on output, so parameters may hold anything a user typed.
 */
export function translator(locale: Locale, messages: Record<Locale, Messages> = MESSAGES): Translate {
  const table = messages[locale];
  return (key, params = {}) => {
    const text = table[key];
    if (text === undefined) throw new Error(`missing message ${key} (${locale})`);
    return text.replace(PLACEHOLDER, (_match, name: string) => {
      const value = params[name];
      if (value === undefined) throw new Error(`message ${key} needs {${name}}`);
      return String(value);
    });
  };
}

/**
 * The language of a public page: the one asked for with `?lang=`, else Spanish. The browser's
 * Accept-Language is not read: an English label beside Spanish data (names, products, reasons)
 * reads worse than one language, so English is shown only to whoever chose it.
 */
export function pageLocale(queryLang: string | undefined): Locale {
  const asked = queryLang?.trim().toLowerCase();
  return LOCALES.find((locale) => locale === asked) ?? DEFAULT_LOCALE;
}
