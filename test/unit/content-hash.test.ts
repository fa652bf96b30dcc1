import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from '../../src/domain/content-hash.js';

describe('contentHash', () => {
  it('is sha256 over RFC 8785 canonical JSON', () => {
    expect(canonicalJson({ b: 1, a: ['ñ', 2.5] })).toBe('{"a":["ñ",2.5],"b":1}');
    // sha256 of '{"a":1}'
    expect(contentHash({ a: 1 })).toBe('sha256:015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862');
  });

  it('does not depend on key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (object) => {
        const reversed = Object.fromEntries(Object.entries(object).reverse());
        expect(contentHash(reversed)).toBe(contentHash(object));
      }),
    );
  });

  it('changes with any change of a value', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        fc.pre(a !== b);
        expect(contentHash({ text: a })).not.toBe(contentHash({ text: b }));
      }),
    );
  });
});
