/**
 * The verifier's browser script reads codes with its own copy of the rules (templates/web/verifier/code.js):
 * it must read every input exactly as src/domain/certificate-code.ts does.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHECK_ALPHABET, generateCertificateCode, parseCertificateCode } from '../../src/domain/certificate-code.js';
// @ts-expect-error: a plain browser module without types.
import * as browser from '../../templates/web/verifier/code.js';

const browserParse = (browser as { parseCertificateCode: typeof parseCertificateCode }).parseCertificateCode;
const codeFromScan = (browser as { codeFromScan: (text: string) => string }).codeFromScan;

/** Inputs as people and scanners produce them, from a valid code. */
function variants(code: string): string[] {
  const data = code.replace(/-/g, '');
  const swapped = data.charAt(1) + data.charAt(0) + data.slice(2);
  const substituted = (data[3] === '7' ? '8' : '7') + data.slice(1);
  return [
    code,
    code.toLowerCase(),
    data,
    ` ${code.replace(/-/g, ' ')} `,
    code.replace(/-/g, '.'),
    code.replace(/1/g, 'l').replace(/0/g, 'o'),
    code.replace(/1/g, 'I').replace(/0/g, 'O'),
    swapped,
    substituted.slice(0, 3) + data[3] + substituted.slice(4),
    data.slice(0, 11),
    data + 'A',
    data.slice(0, 11) + CHECK_ALPHABET[(CHECK_ALPHABET.indexOf(data[11]!) + 1) % CHECK_ALPHABET.length],
    data.replace(/./, 'U'),
    data.replace(/.$/, 'ß'),
    '',
    'ııııııııııı',
  ];
}

describe('the verifier script reads codes like the domain', () => {
  it('agrees on valid, sloppy, mistyped and malformed inputs', () => {
    let checked = 0;
    for (let i = 0; i < 300; i++) {
      for (const input of variants(generateCertificateCode((n) => randomBytes(n)))) {
        expect(browserParse(input), JSON.stringify(input)).toEqual(parseCertificateCode(input));
        checked++;
      }
    }
    // Random short strings over the alphabet and its look-alikes: every kind of answer comes up.
    const symbols = '0123456789ABCDEFGHJKMNPQRSTVWXYZilo*~$=U -.';
    for (let i = 0; i < 3000; i++) {
      const length = 10 + (i % 6);
      const input = Array.from({ length }, () => symbols[Math.floor(Math.random() * symbols.length)]).join('');
      expect(browserParse(input), JSON.stringify(input)).toEqual(parseCertificateCode(input));
      checked++;
    }
    expect(checked).toBe(300 * 16 + 3000);
  });

  it('takes the code from the address a certificate QR holds', () => {
    const code = generateCertificateCode((n) => randomBytes(n));
    expect(codeFromScan(`https://sello.example.bo/c/${code}`)).toBe(code);
    expect(codeFromScan(`http://localhost:3000/c/${code}?lang=en`)).toBe(code);
    expect(codeFromScan(` ${code.toLowerCase()} `)).toBe(code.toLowerCase());
  });
});
