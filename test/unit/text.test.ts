import { describe, expect, it } from 'vitest';
import { asSentence, count, dayInWords, fold, listInWords, waitInWords } from '../../src/domain/text.js';

describe('asSentence', () => {
  it.each([
    ['acciones correctivas vencidas', 'Acciones correctivas vencidas.'],
    ['Acciones correctivas vencidas.', 'Acciones correctivas vencidas.'],
    ['Acciones correctivas vencidas..', 'Acciones correctivas vencidas.'],
    ['Acciones correctivas vencidas...', 'Acciones correctivas vencidas.'],
    ['  Acciones  correctivas\nvencidas ;  ', 'Acciones correctivas vencidas.'],
    ['Acciones correctivas vencidas:', 'Acciones correctivas vencidas.'],
    ['¿Uso indebido?', '¿Uso indebido?'],
    ['¡Uso indebido!', '¡Uso indebido!'],
    ['Texto cortado…', 'Texto cortado…'],
    ['ñandú visto en la parcela', 'Ñandú visto en la parcela.'],
    ['   ', ''],
  ])('writes %j as %j', (typed, sentence) => {
    expect(asSentence(typed)).toBe(sentence);
  });
});

describe('words for people', () => {
  it('writes days in words, and leaves anything else as given', () => {
    expect(dayInWords('2026-05-03')).toBe('3 de mayo de 2026');
    expect(dayInWords('2027-01-14')).toBe('14 de enero de 2027');
    expect(dayInWords('2026-02-30')).toBe('2026-02-30');
    expect(dayInWords('mañana')).toBe('mañana');
  });

  it('counts with the noun in the right number', () => {
    expect(count(1, 'fila', 'filas')).toBe('1 fila');
    expect(count(0, 'fila', 'filas')).toBe('0 filas');
    expect(count(3, 'versión', 'versiones')).toBe('3 versiones');
  });

  it('says a wait in seconds or in minutes', () => {
    expect(waitInWords(1)).toBe('1 segundo');
    expect(waitInWords(40.2)).toBe('41 segundos');
    expect(waitInWords(60)).toBe('1 minuto');
    expect(waitInWords(900)).toBe('15 minutos');
  });

  it('joins lists with "y" or "o", as "e" and "u" before the same sound', () => {
    expect(listInWords([])).toBe('');
    expect(listInWords(['café'])).toBe('café');
    expect(listInWords(['café', 'miel', 'quinua'])).toBe('café, miel y quinua');
    expect(listInWords(['técnico', 'ingeniera'])).toBe('técnico e ingeniera');
    expect(listInWords(['agua', 'hielo'])).toBe('agua y hielo');
    expect(listInWords(['«a»', '«b»'], 'o')).toBe('«a» o «b»');
    expect(listInWords(['siete', 'ocho'], 'o')).toBe('siete u ocho');
    expect(listInWords(['«abstain»', '«oeca»'], 'o')).toBe('«abstain» u «oeca»');
  });

  it('folds case and accents for searches', () => {
    expect(fold('Potosí ÑANDÚ')).toBe('potosi nandu');
  });
});
