import { describe, expect, it } from 'vitest';
import { numberInWords } from '../../src/pdf/number-words.js';

describe('numberInWords', () => {
  it('writes the numbers a tally needs', () => {
    expect([0, 2, 3, 9, 10, 11, 15, 16, 19, 20, 22, 29, 30, 45, 99].map((n) => numberInWords(n))).toEqual([
      'cero',
      'dos',
      'tres',
      'nueve',
      'diez',
      'once',
      'quince',
      'dieciséis',
      'diecinueve',
      'veinte',
      'veintidós',
      'veintinueve',
      'treinta',
      'cuarenta y cinco',
      'noventa y nueve',
    ]);
  });

  it('makes «uno» agree with what follows it', () => {
    expect([1, 21, 31, 101].map((n) => numberInWords(n, 'masculine'))).toEqual(['uno', 'veintiuno', 'treinta y uno', 'ciento uno']);
    expect([1, 21, 31, 101].map((n) => numberInWords(n, 'apocopated'))).toEqual(['un', 'veintiún', 'treinta y un', 'ciento un']);
    expect([1, 21, 31, 101].map((n) => numberInWords(n, 'feminine'))).toEqual(['una', 'veintiuna', 'treinta y una', 'ciento una']);
  });

  it('writes hundreds, feminine ones included', () => {
    expect(numberInWords(100)).toBe('cien');
    expect(numberInWords(115)).toBe('ciento quince');
    expect(numberInWords(200)).toBe('doscientos');
    expect(numberInWords(200, 'feminine')).toBe('doscientas');
    expect(numberInWords(555)).toBe('quinientos cincuenta y cinco');
    expect(numberInWords(999, 'feminine')).toBe('novecientas noventa y nueve');
  });

  it('leaves in digits what it does not write', () => {
    expect(numberInWords(1000)).toBe('1000');
    expect(numberInWords(-1)).toBe('-1');
    expect(numberInWords(2.5)).toBe('2.5');
  });
});
