import { describe, expect, it } from 'vitest';
import { DEPARTMENT_CODES, DEPARTMENTS, parseDepartment, slugify } from '../../src/domain/bolivia.js';

describe('departments', () => {
  it('are the nine of Bolivia', () => {
    expect(DEPARTMENT_CODES).toHaveLength(9);
  });

  it.each([
    ['Potosí', 'potosi'],
    ['POTOSI', 'potosi'],
    ['La Paz', 'la-paz'],
    ['  la   paz ', 'la-paz'],
    ['Santa Cruz', 'santa-cruz'],
    ['santa-cruz', 'santa-cruz'],
    ['Beni', 'beni'],
  ])('reads %j as %s', (text, code) => {
    expect(parseDepartment(text)).toBe(code);
  });

  it.each(['Lima', 'Cusco', '', 'La Paz Norte'])('refuses %j', (text) => {
    expect(parseDepartment(text)).toBeUndefined();
  });

  it('reads back every official name', () => {
    for (const [code, name] of Object.entries(DEPARTMENTS)) expect(parseDepartment(name)).toBe(code);
    expect(slugify('Ñuñoa Comunidad')).toBe('nunoa-comunidad');
  });
});
