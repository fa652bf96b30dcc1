import { describe, expect, it } from 'vitest';
import { formatDateLong, formatDateWithIso, formatLocation, isoDateToUtc } from '../../src/pdf/document.js';
import { fill } from '../../src/pdf/template.js';

describe('Spanish dates', () => {
  it.each([
    ['2026-03-12', '12 de marzo de 2026'],
    ['2026-01-01', '1 de enero de 2026'],
    ['2027-12-31', '31 de diciembre de 2027'],
    ['2028-02-29', '29 de febrero de 2028'],
    ['2026-09-08', '8 de septiembre de 2026'],
  ])('%s is written %s', (iso, long) => {
    expect(formatDateLong(iso)).toBe(long);
    expect(formatDateWithIso(iso)).toBe(`${long} (${iso})`);
  });

  it.each(['2026-02-29', '2026-13-01', '2026-3-12', '12/03/2026', '2026-03-12T00:00:00Z', ''])('rejects %j', (bad) => {
    expect(() => isoDateToUtc(bad)).toThrow(/Invalid date/);
  });

  it('places a date at midnight UTC', () => {
    expect(isoDateToUtc('2026-03-12').toISOString()).toBe('2026-03-12T00:00:00.000Z');
  });
});

describe('formatLocation', () => {
  it('names the community when there is one', () => {
    expect(formatLocation({ department: 'Potosí', municipality: 'Tupiza', community: 'Chuquiago' })).toBe(
      'Chuquiago, municipio de Tupiza, departamento de Potosí',
    );
    expect(formatLocation({ department: 'La Paz', municipality: 'Coroico', community: null })).toBe(
      'Municipio de Coroico, departamento de La Paz',
    );
  });
});

describe('fill', () => {
  it('replaces every placeholder', () => {
    expect(fill('Página {page} de {pages}', { page: 2, pages: 3 })).toBe('Página 2 de 3');
  });

  it('refuses a placeholder without a value', () => {
    expect(() => fill('Página {page} de {pages}', { page: 2 })).toThrow(/\{pages\}/);
  });
});
