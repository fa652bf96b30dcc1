import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHECK_ALPHABET,
  CODE_ALPHABET,
  CODE_ENTROPY_BITS,
  codeForUrl,
  generateCertificateCode,
  parseCertificateCode,
} from '../../src/domain/certificate-code.js';

const bytesOf = (values: number[]) => (n: number) => Uint8Array.from({ length: n }, (_, i) => values[i] ?? 0);
const fixed = (byte: number) => (n: number) => new Uint8Array(n).fill(byte);
const randomSource = fc.uint8Array({ minLength: 7, maxLength: 7 }).map((bytes) => (n: number) => bytes.slice(0, n));
const codes = randomSource.map(generateCertificateCode);

const data = (code: string) => code.replace(/-/g, '').slice(0, 11);
const check = (code: string) => code.replace(/-/g, '').slice(11);
/** Rebuilds a grouped code from 12 symbols without recomputing the check. */
const regroup = (symbols: string) => `${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8)}`;

/** Reference check symbol computed with plain Number arithmetic, digit by digit (Horner mod 37). */
function referenceCheck(dataSymbols: string): string {
  let rem = 0;
  for (const s of dataSymbols) rem = (rem * 32 + CODE_ALPHABET.indexOf(s)) % 37;
  return CHECK_ALPHABET[rem]!;
}

describe('generateCertificateCode', () => {
  it('prints 11 data symbols and one check symbol as three groups of four', () => {
    fc.assert(
      fc.property(codes, (code) => {
        expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{3}[0-9A-HJKMNP-TV-Z*~$=U]$/);
        expect(check(code)).toBe(referenceCheck(data(code)));
      }),
    );
  });

  it('encodes known values exactly (Crockford digits, big-endian, top bit of 56 dropped)', () => {
    // All zero bits: value 0, check 0.
    expect(generateCertificateCode(fixed(0))).toBe('0000-0000-0000');
    // All one bits: 55 ones = eleven Z.
    expect(generateCertificateCode(fixed(0xff))).toBe(regroup('ZZZZZZZZZZZ' + referenceCheck('ZZZZZZZZZZZ')));
    // Value 1 sits in the last byte: last data symbol is 1, check is 1.
    expect(generateCertificateCode(bytesOf([0, 0, 0, 0, 0, 0, 1]))).toBe('0000-0000-0011');
    // The first byte's top bit is not used: 0x80 0 0 … gives the same code as all zeros.
    expect(generateCertificateCode(bytesOf([0x80]))).toBe('0000-0000-0000');
    // 0x40 in the first byte is bit 54, the top bit of the first symbol (value 16 = "G").
    expect(data(generateCertificateCode(bytesOf([0x40])))).toBe('G0000000000');
  });

  it('uses every one of its 55 bits: flipping any single input bit below the top one changes the code', () => {
    // Documented entropy: 11 symbols × 5 bits; every bit of the 7 random bytes except the very first reaches the code.
    expect(CODE_ENTROPY_BITS).toBe(55);
    expect(CODE_ENTROPY_BITS).toBeGreaterThanOrEqual(50);
    const seen = new Set<string>();
    for (let bit = 0; bit < 55; bit += 1) {
      const bytes = new Uint8Array(7);
      bytes[6 - Math.floor(bit / 8)] = 1 << (bit % 8);
      seen.add(generateCertificateCode((n) => bytes.slice(0, n)));
    }
    seen.add(generateCertificateCode(fixed(0)));
    expect(seen.size).toBe(56);
  });

  it('asks for 7 bytes and refuses a short random source', () => {
    const asked: number[] = [];
    generateCertificateCode((n) => {
      asked.push(n);
      return new Uint8Array(n);
    });
    expect(asked).toEqual([7]);
    expect(() => generateCertificateCode(() => new Uint8Array(6))).toThrow(/6 bytes/);
  });
});

describe('parseCertificateCode', () => {
  it('reads every generated code back, however it was typed', () => {
    fc.assert(
      fc.property(codes, fc.constantFrom('', ' ', '.', '-', '  '), fc.boolean(), (code, sep, lower) => {
        const symbols = code.replace(/-/g, '');
        const typed = [symbols.slice(0, 4), symbols.slice(4, 8), symbols.slice(8)].join(sep);
        expect(parseCertificateCode(lower ? typed.toLowerCase() : typed)).toEqual({ ok: true, code });
        expect(parseCertificateCode(`  ${code}\n`)).toEqual({ ok: true, code });
        expect(parseCertificateCode(symbols)).toEqual({ ok: true, code });
        expect(parseCertificateCode(code.toLowerCase())).toEqual({ ok: true, code });
      }),
    );
  });

  it('reads I and L as 1 and O as 0, in either case', () => {
    fc.assert(
      fc.property(
        codes,
        fc.array(fc.constantFrom('I', 'i', 'L', 'l'), { minLength: 12, maxLength: 12 }),
        fc.constantFrom('O', 'o'),
        (code, ones, zero) => {
          let k = 0;
          const typed = code.replace(/[01]/g, (s) => (s === '1' ? ones[k++]! : zero));
          expect(parseCertificateCode(typed)).toEqual({ ok: true, code });
        },
      ),
    );
    expect(parseCertificateCode('oooo-oooo-oooo')).toEqual({ ok: true, code: '0000-0000-0000' });
    expect(parseCertificateCode('OOOO OOOO OOli')).toEqual({ ok: true, code: '0000-0000-0011' });
  });

  it('detects any single-symbol substitution (data or check symbol) as bad_check', () => {
    fc.assert(
      fc.property(codes, fc.nat(10), fc.nat(31), (code, pos, delta) => {
        const symbols = code.replace(/-/g, '');
        const old = CODE_ALPHABET.indexOf(symbols[pos]!);
        const replacement = CODE_ALPHABET[(old + 1 + delta) % 32]!;
        fc.pre(replacement !== symbols[pos]);
        const typo = symbols.slice(0, pos) + replacement + symbols.slice(pos + 1);
        expect(parseCertificateCode(typo)).toEqual({ ok: false, reason: 'bad_check' });
      }),
    );
    fc.assert(
      fc.property(codes, fc.constantFrom(...CHECK_ALPHABET), (code, other) => {
        fc.pre(other !== check(code));
        expect(parseCertificateCode(data(code) + other)).toEqual({ ok: false, reason: 'bad_check' });
      }),
    );
  });

  it('detects every single substitution exhaustively for one code', () => {
    const code = generateCertificateCode(bytesOf([0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde]));
    const symbols = code.replace(/-/g, '');
    for (let pos = 0; pos < 11; pos += 1) {
      for (const replacement of CODE_ALPHABET) {
        if (replacement === symbols[pos]) continue;
        const typo = symbols.slice(0, pos) + replacement + symbols.slice(pos + 1);
        expect(parseCertificateCode(typo), typo).toEqual({ ok: false, reason: 'bad_check' });
      }
    }
  });

  it('detects any transposition of two different data symbols, adjacent or not', () => {
    // 32 has order 36 modulo 37, so 32^j − 32^i ≢ 0 for any two of the 11 data positions.
    fc.assert(
      fc.property(codes, fc.nat(10), fc.integer({ min: 1, max: 10 }), (code, i, distance) => {
        const j = i + distance;
        fc.pre(j <= 10);
        const s = [...code.replace(/-/g, '')];
        fc.pre(s[i] !== s[j]);
        [s[i], s[j]] = [s[j]!, s[i]!];
        expect(parseCertificateCode(s.join(''))).toEqual({ ok: false, reason: 'bad_check' });
      }),
    );
  });

  it('detects every adjacent transposition exhaustively for codes with all-distinct neighbours', () => {
    const code = generateCertificateCode(bytesOf([0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde]));
    const symbols = [...code.replace(/-/g, '')];
    for (let i = 0; i < 10; i += 1) {
      if (symbols[i] === symbols[i + 1]) continue;
      const s = [...symbols];
      [s[i], s[i + 1]] = [s[i + 1]!, s[i]!];
      expect(parseCertificateCode(s.join(''))).toEqual({ ok: false, reason: 'bad_check' });
    }
  });

  it('does not promise to catch two substitutions (mod 37 cannot)', () => {
    // Search the last two data positions for a change that keeps the check symbol, to document the limit.
    const base = '00000000000';
    let undetected: string | undefined;
    outer: for (const a of CODE_ALPHABET) {
      for (const b of CODE_ALPHABET) {
        const typo = base.slice(0, 9) + a + b;
        if (typo !== base && referenceCheck(typo) === '0') {
          undetected = typo;
          break outer;
        }
      }
    }
    expect(undetected).toBeDefined();
    expect(parseCertificateCode(undetected! + '0')).toMatchObject({ ok: true });
  });

  it('calls a dropped, extra or foreign symbol malformed', () => {
    fc.assert(
      fc.property(codes, fc.nat(11), (code, pos) => {
        const symbols = code.replace(/-/g, '');
        expect(parseCertificateCode(symbols.slice(0, pos) + symbols.slice(pos + 1))).toEqual({ ok: false, reason: 'malformed' });
        expect(parseCertificateCode(symbols.slice(0, pos) + '7' + symbols.slice(pos))).toEqual({ ok: false, reason: 'malformed' });
      }),
    );
    for (const bad of [
      '',
      '----',
      '0000-0000-000',
      '0000-0000-00000',
      '0000-0000-00#0',
      '0000_0000_0000',
      'ÜÜÜÜ-0000-0000',
      'ß000-0000-000',
    ]) {
      expect(parseCertificateCode(bad), bad).toEqual({ ok: false, reason: 'malformed' });
    }
    // U and the symbols * ~ $ = are check symbols only.
    for (const symbol of ['U', 'u', '*', '~', '$', '=']) {
      expect(parseCertificateCode(`${symbol}000-0000-0000`)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('accepts each of the five extra check symbols where the value mod 37 calls for it', () => {
    for (let value = 32; value <= 36; value += 1) {
      // Data value `value` is "000000000" followed by its two base-32 digits.
      const dataSymbols = '000000000' + CODE_ALPHABET[Math.floor(value / 32)]! + CODE_ALPHABET[value % 32]!;
      const expected = regroup(dataSymbols + CHECK_ALPHABET[value]!);
      expect(parseCertificateCode(expected)).toEqual({ ok: true, code: expected });
      expect(parseCertificateCode(expected.toLowerCase())).toEqual({ ok: true, code: expected });
    }
    expect(parseCertificateCode('0000-0000-001u')).toEqual({ ok: false, reason: 'bad_check' });
  });
});

describe('codeForUrl', () => {
  it('survives a round trip through a URL path and a query string', () => {
    fc.assert(
      fc.property(codes, (code) => {
        const segment = codeForUrl(code);
        const url = new URL(`https://sello.example.bo/verificar/${segment}?c=${segment}`);
        const lastSegment = url.pathname.split('/').at(-1)!;
        expect(lastSegment).toBe(segment);
        expect(parseCertificateCode(decodeURIComponent(lastSegment))).toEqual({ ok: true, code });
        expect(parseCertificateCode(url.searchParams.get('c')!)).toEqual({ ok: true, code });
      }),
    );
  });

  it('keeps the check symbols * ~ $ = literal in the path', () => {
    for (let value = 32; value <= 35; value += 1) {
      const code = regroup('000000000' + CODE_ALPHABET[1]! + CODE_ALPHABET[value % 32]! + CHECK_ALPHABET[value]!);
      const url = new URL(`https://sello.example.bo/verificar/${codeForUrl(code)}`);
      expect(url.pathname).toBe(`/verificar/${code}`);
      expect(parseCertificateCode(url.pathname.slice('/verificar/'.length))).toEqual({ ok: true, code });
    }
  });

  it('normalises a typed code and refuses an invalid one', () => {
    expect(codeForUrl('oooo oooo ooli')).toBe('0000-0000-0011');
    expect(() => codeForUrl('0000-0000-0012')).toThrow(/bad_check/);
    expect(() => codeForUrl('nope')).toThrow(/malformed/);
  });
});
