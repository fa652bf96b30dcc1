/** The pattern the OpenAPI document gives trimmed text matches exactly the texts long enough once trimmed. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { stateTrimmedText, trimmedMinPattern } from '../../src/http/trimmed-text.js';
import { HumanLine, HumanParagraphs } from '../../src/human-text.js';

const PIECES = ['', ' ', '  ', '\t', '\n', 'a', 'ñ', 'ab', 'a b', ' x ', 'abc  ', '\u00a0', 'de la'];

describe('trimmedMinPattern', () => {
  it('matches a text exactly when its trimmed length reaches the minimum', () => {
    for (let min = 1; min <= 6; min++) {
      const pattern = new RegExp(trimmedMinPattern(min));
      for (const a of PIECES)
        for (const b of PIECES)
          for (const c of PIECES) {
            const text = a + b + c;
            expect(pattern.test(text), `${min} ${JSON.stringify(text)}`).toBe(text.trim().length >= min);
          }
    }
  });

  it('agrees with the schemas of typed text', () => {
    const line = HumanLine().min(3);
    const paragraphs = HumanParagraphs().min(3);
    const pattern = new RegExp(trimmedMinPattern(3));
    for (const a of PIECES)
      for (const b of PIECES) {
        const text = a + b;
        expect(line.safeParse(text).success || /[\t\n]/.test(text), JSON.stringify(text)).toBe(pattern.test(text) || /[\t\n]/.test(text));
        expect(paragraphs.safeParse(text).success, JSON.stringify(text)).toBe(pattern.test(text));
      }
  });

  it('turns the mark into the pattern only where a minimum length is set', () => {
    const schema = z.toJSONSchema(z.object({ a: HumanLine().min(2), b: HumanLine().max(5).optional() }), { io: 'input' });
    const stated = stateTrimmedText(structuredClone(schema)) as { properties: Record<string, Record<string, unknown>> };
    expect(stated.properties.a).toMatchObject({ minLength: 2, pattern: trimmedMinPattern(2) });
    expect(stated.properties.b).not.toHaveProperty('pattern');
    expect(JSON.stringify(stated)).not.toContain('x-trimmed');
  });
});
