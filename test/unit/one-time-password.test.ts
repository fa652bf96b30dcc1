import { randomInt } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PasswordSchema } from '../../src/modules/users/users-schemas.js';
import { generateOneTimePassword, PASSWORD_ALPHABET, PASSWORD_ENTROPY_BITS } from '../../src/domain/one-time-password.js';

const FORMAT = /^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/;

describe('generateOneTimePassword', () => {
  it('prints four groups of four symbols, each taken from the random source in order', () => {
    const sequence = Array.from({ length: 16 }, (_, i) => (i * 7) % PASSWORD_ALPHABET.length);
    let next = 0;
    const password = generateOneTimePassword(() => sequence[next++]!);
    expect(password).toMatch(FORMAT);
    expect(password.replaceAll('-', '')).toBe(sequence.map((i) => PASSWORD_ALPHABET[i]).join(''));
    expect(generateOneTimePassword(() => 0)).toBe('aaaa-aaaa-aaaa-aaaa');
  });

  it('never uses the symbols people confuse, and is accepted as an account password', () => {
    expect(PASSWORD_ALPHABET).not.toMatch(/[01ilo]/);
    expect(new Set(PASSWORD_ALPHABET).size).toBe(PASSWORD_ALPHABET.length);
    fc.assert(
      fc.property(fc.array(fc.nat({ max: PASSWORD_ALPHABET.length - 1 }), { minLength: 16, maxLength: 16 }), (indexes) => {
        let next = 0;
        const password = generateOneTimePassword(() => indexes[next++]!);
        expect(password).toMatch(FORMAT);
        expect(password).not.toMatch(/[01ilo]/);
        expect(PasswordSchema.safeParse(password).success).toBe(true);
      }),
    );
  });

  it('carries more than 75 bits from a cryptographic source, so two passwords differ', () => {
    expect(PASSWORD_ENTROPY_BITS).toBeGreaterThan(75);
    const passwords = new Set(Array.from({ length: 200 }, () => generateOneTimePassword((n) => randomInt(n))));
    expect(passwords.size).toBe(200);
  });

  it('refuses a random source that answers outside the alphabet', () => {
    expect(() => generateOneTimePassword(() => PASSWORD_ALPHABET.length)).toThrow(RangeError);
    expect(() => generateOneTimePassword(() => -1)).toThrow(RangeError);
    expect(() => generateOneTimePassword(() => 1.5)).toThrow(RangeError);
  });
});
