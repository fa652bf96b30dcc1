import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatBoliviaDay, formatBoliviaTime, formatDay, shortHash } from '../../src/web/format.js';
import { LOCALES_DIR, loadMessages, pageLocale, translator } from '../../src/web/locale.js';

const readLocale = (locale: string) =>
  JSON.parse(fs.readFileSync(path.join(LOCALES_DIR, `${locale}.json`), 'utf8')) as Record<string, string>;

describe('locale files', () => {
  it('have an English string for every Spanish one, and no other', () => {
    const es = readLocale('es');
    const en = readLocale('en');
    expect(Object.keys(en).sort()).toEqual(Object.keys(es).sort());
    for (const key of Object.keys(es)) expect(en[key], key).toMatch(/\S/);
  });

  it('load and validate', () => {
    expect(() => loadMessages()).not.toThrow();
  });

  describe('refuse broken files', () => {
    let dir: string;
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
    const write = (es: object, en: object) => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sello-locales-'));
      fs.writeFileSync(path.join(dir, 'es.json'), JSON.stringify(es));
      fs.writeFileSync(path.join(dir, 'en.json'), JSON.stringify(en));
      return dir;
    };

    it('with a missing key', () => {
      expect(() => loadMessages(write({ a: 'uno', b: 'dos' }, { a: 'one' }))).toThrow(/locale en: missing keys \[b\]/);
    });
    it('with different placeholders', () => {
      expect(() => loadMessages(write({ a: 'hola {name}' }, { a: 'hello {nombre}' }))).toThrow(/key a has placeholders/);
    });
    it('with an empty text', () => {
      expect(() => loadMessages(write({ a: 'uno' }, { a: ' ' }))).toThrow(/en\.json/);
    });
  });

  it('fill placeholders and fail loudly on a missing key or value', () => {
    const t = translator('es', { es: { hi: 'Hola {name}' }, en: { hi: 'Hi {name}' } });
    expect(t('hi', { name: '<b>' })).toBe('Hola <b>');
    expect(() => t('bye')).toThrow(/missing message bye/);
    expect(() => t('hi')).toThrow(/needs \{name\}/);
  });
});

describe('pageLocale', () => {
  it.each([
    [undefined, 'es'],
    ['', 'es'],
    ['es', 'es'],
    ['en', 'en'],
    ['EN', 'en'],
    [' en ', 'en'],
    ['en-US', 'es'],
    ['fr', 'es'],
    ['xx', 'es'],
  ])('?lang=%j → %s', (queryLang, expected) => {
    expect(pageLocale(queryLang)).toBe(expected);
  });
});

describe('formats', () => {
  it('write days in words in each language', () => {
    expect(formatDay('2026-03-12', 'es')).toBe('12 de marzo de 2026');
    expect(formatDay('2026-03-12', 'en')).toBe('12 March 2026');
    expect(formatDay('not a day', 'es')).toBe('not a day');
  });

  it('give the day and time in Bolivia (UTC-4)', () => {
    expect(formatBoliviaDay('2026-11-23T18:05:00Z', 'es')).toBe('23 de noviembre de 2026');
    expect(formatBoliviaTime('2026-11-23T18:05:00Z')).toBe('14:05');
    expect(formatBoliviaDay('2026-01-01T03:59:00Z', 'es')).toBe('31 de diciembre de 2025');
    expect(formatBoliviaTime('2026-01-01T03:59:00Z')).toBe('23:59');
    expect(formatBoliviaTime('2026-01-01T10:00:00-04:00')).toBe('10:00');
  });

  it('shorten a content hash to something comparable by eye', () => {
    expect(shortHash('sha256:9f86d081884c7d659a2feaa0c55ad015')).toBe('9f86d081884c');
  });
});
