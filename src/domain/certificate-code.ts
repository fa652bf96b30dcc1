/**
 * Public certificate codes: 55 random bits as 11 Crockford base32 symbols plus
 * Crockford's mod-37 check symbol, printed as three groups of four
 * ("7K3M-9QXA-2F4P"), so that people can read, type and dictate them.
 *
 * Entropy: the 11 data symbols carry 11 × 5 = 55 bits, all drawn uniformly
 * from the injected random source (56 random bits with the top one dropped),
 * so guessing a code is a 1 in 2^55 shot. The check symbol adds no entropy.
 *
 * What the check symbol guarantees (37 is prime and larger than 32, and 32 has
 * multiplicative order 36 modulo 37): any single-symbol substitution and any
 * transposition of two data symbols (adjacent or not) changes the value mod 37,
 * so it is reported as 'bad_check'; a dropped or extra symbol changes the length
 * and is reported as 'malformed'. Two or more substitutions are not guaranteed
 * to be caught.
 */

export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Crockford's check alphabet: the 32 data symbols followed by values 32..36. */
export const CHECK_ALPHABET = CODE_ALPHABET + '*~$=U';

export const DATA_SYMBOLS = 11;
export const CODE_ENTROPY_BITS = DATA_SYMBOLS * 5;
const CODE_SYMBOLS = DATA_SYMBOLS + 1;
const GROUP_SIZE = 4;
const RANDOM_BYTES = Math.ceil(CODE_ENTROPY_BITS / 8);

export type CertificateCodeParse = { ok: true; code: string } | { ok: false; reason: 'malformed' | 'bad_check' };

/** Crockford's decoding aliases: symbols people confuse are read as what they look like. */
const ALIASES: Record<string, string> = { I: '1', L: '1', O: '0' };
const SEPARATORS = /[-\s.]/g;

/** The value of the data symbols (55 bits, beyond Number's exact range, hence bigint). */
function dataValue(data: string): bigint {
  let value = 0n;
  for (const symbol of data) value = value * 32n + BigInt(CODE_ALPHABET.indexOf(symbol));
  return value;
}

function checkSymbol(data: string): string {
  return CHECK_ALPHABET[Number(dataValue(data) % 37n)]!;
}

function group(symbols: string): string {
  const groups: string[] = [];
  for (let i = 0; i < symbols.length; i += GROUP_SIZE) groups.push(symbols.slice(i, i + GROUP_SIZE));
  return groups.join('-');
}

/** A new code in canonical grouped form; `randomBytes` must be a cryptographic source. */
export function generateCertificateCode(randomBytes: (n: number) => Uint8Array): string {
  const bytes = randomBytes(RANDOM_BYTES);
  if (bytes.length < RANDOM_BYTES) throw new Error(`randomBytes devolvió ${bytes.length} bytes, se esperaban ${RANDOM_BYTES}`);
  let value = 0n;
  for (let i = 0; i < RANDOM_BYTES; i += 1) value = (value << 8n) | BigInt(bytes[i]!);
  value &= (1n << BigInt(CODE_ENTROPY_BITS)) - 1n;
  let data = '';
  for (let i = 0; i < DATA_SYMBOLS; i += 1) {
    data = CODE_ALPHABET[Number(value & 31n)]! + data;
    value >>= 5n;
  }
  return group(data + checkSymbol(data));
}

/**
 * Reads a code as a person may have typed it: any case, with or without
 * hyphens, spaces or dots, I and L for 1, O for 0. 'malformed' means it cannot
 * be a code at all; 'bad_check' means it looks like one but was mistyped.
 */
export function parseCertificateCode(input: string): CertificateCodeParse {
  // ASCII-only uppercasing: String#toUpperCase would turn "ß" into "SS" or "ı" into "I".
  const symbols = input
    .replace(/[a-z]/g, (c) => c.toUpperCase())
    .replace(SEPARATORS, '')
    .replace(/[ILO]/g, (c) => ALIASES[c]!);
  if (symbols.length !== CODE_SYMBOLS) return { ok: false, reason: 'malformed' };
  const data = symbols.slice(0, DATA_SYMBOLS);
  const check = symbols.slice(DATA_SYMBOLS);
  if ([...data].some((s) => !CODE_ALPHABET.includes(s)) || !CHECK_ALPHABET.includes(check)) {
    return { ok: false, reason: 'malformed' };
  }
  if (checkSymbol(data) !== check) return { ok: false, reason: 'bad_check' };
  return { ok: true, code: group(symbols) };
}

/**
 * The code as it appears in verification URLs: the canonical grouped,
 * uppercase form. Every symbol it can contain (0-9, A-Z, "-" and the check
 * symbols * ~ $ =) is a legal path-segment character (RFC 3986 pchar) that
 * WHATWG URL parsing leaves untouched, so no percent-encoding is needed and the
 * URL in a QR code reads the same as the printed code. Throws on an invalid code.
 */
export function codeForUrl(code: string): string {
  const parsed = parseCertificateCode(code);
  if (!parsed.ok) throw new Error(`Código de certificado inválido (${parsed.reason}): ${code}`);
  return parsed.code;
}
