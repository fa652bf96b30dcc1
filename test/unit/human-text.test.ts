import { describe, expect, it } from 'vitest';
import { HumanLine, HumanParagraphs, UNSAFE_TEXT_MESSAGE } from '../../src/human-text.js';
import { hasUnsafeCharacters } from '../../src/domain/text.js';

describe('hasUnsafeCharacters', () => {
  it.each(['a\u0000b', 'a\u0007b', 'a\u007Fb', 'a\u0085b', 'a\u202Ab', 'a\u202Eb', 'a\u2066b', 'a\u2069b', 'a\uD800b', 'a\uDC00b'])(
    'refuses %j anywhere',
    (text) => {
      expect(hasUnsafeCharacters(text)).toBe(true);
      expect(hasUnsafeCharacters(text, true)).toBe(true);
    },
  );

  it('lets line feeds and tabs through only in paragraphs, and never a lone CR', () => {
    expect(hasUnsafeCharacters('uno\ndos')).toBe(true);
    expect(hasUnsafeCharacters('uno\tdos')).toBe(true);
    expect(hasUnsafeCharacters('uno\ndos\ttres', true)).toBe(false);
    expect(hasUnsafeCharacters('uno\rdos', true)).toBe(true);
  });

  it('accepts Spanish, Quechua and Aymara text, emoji and right-to-left marks that do not override', () => {
    expect(hasUnsafeCharacters('Ñuñoa, Qhapaq Ñan, Jach’a Marka 🌽 \u200F')).toBe(false);
  });
});

describe('HumanLine and HumanParagraphs', () => {
  it('trims and composes before counting', () => {
    expect(HumanLine().max(1).parse(' e\u0301 ')).toBe('é');
  });

  it('turns a text box CR LF into LF and keeps the paragraphs', () => {
    expect(HumanParagraphs().parse('Primero.\r\n\r\nSegundo.')).toBe('Primero.\n\nSegundo.');
  });

  it('says what is refused, in Spanish', () => {
    const result = HumanLine().safeParse('Rosa\u202E');
    expect(result.error?.issues.map((i) => i.message)).toEqual([UNSAFE_TEXT_MESSAGE]);
  });
});
