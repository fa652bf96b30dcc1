// Certificate codes as people type them, for the verifier in the browser: the same reading as
// src/domain/certificate-code.ts (parseCertificateCode), which a unit test keeps in step with this copy.
// Any case, with or without hyphens, spaces or dots, I and L for 1, O for 0; Crockford's mod-37 check symbol.

const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHECK_ALPHABET = CODE_ALPHABET + '*~$=U';
const DATA_SYMBOLS = 11;
const ALIASES = { I: '1', L: '1', O: '0' };

function checkSymbol(data) {
  let value = 0n;
  for (const symbol of data) value = value * 32n + BigInt(CODE_ALPHABET.indexOf(symbol));
  return CHECK_ALPHABET[Number(value % 37n)];
}

const group = (symbols) => `${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8)}`;

/** { ok: true, code } in the grouped form the list holds, or { ok: false, reason: 'malformed' | 'bad_check' }. */
export function parseCertificateCode(input) {
  const symbols = String(input)
    .replace(/[a-z]/g, (c) => c.toUpperCase())
    .replace(/[-\s.]/g, '')
    .replace(/[ILO]/g, (c) => ALIASES[c]);
  if (symbols.length !== DATA_SYMBOLS + 1) return { ok: false, reason: 'malformed' };
  const data = symbols.slice(0, DATA_SYMBOLS);
  const check = symbols.slice(DATA_SYMBOLS);
  if ([...data].some((s) => !CODE_ALPHABET.includes(s)) || !CHECK_ALPHABET.includes(check)) return { ok: false, reason: 'malformed' };
  if (checkSymbol(data) !== check) return { ok: false, reason: 'bad_check' };
  return { ok: true, code: group(symbols) };
}

/** The code in a scanned QR: the certificate's address ends in /c/<code>; a bare code is read too. */
export function codeFromScan(text) {
  const match = /\/c\/([^/?#\s]+)(?:[?#]\S*)?$/.exec(String(text).trim());
  if (!match) return String(text).trim();
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return match[1];
  }
}
