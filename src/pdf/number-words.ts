/**
 * Cardinal numbers in Spanish words, as an acta writes a tally: «tres (3) votos», «una (1)
 * abstención», «veintiún (21) votos». Grammar, not wording, so it lives in code, not in a template.
 */

/**
 * How «1» agrees with what follows: `apocopated` before a masculine noun («un voto», «veintiún
 * votos»), `masculine` standing alone («uno en contra»), `feminine` («una abstención»).
 */
export type NumberForm = 'apocopated' | 'masculine' | 'feminine';

const UNITS = ['cero', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve'];
const TEENS = ['diez', 'once', 'doce', 'trece', 'catorce', 'quince', 'dieciséis', 'diecisiete', 'dieciocho', 'diecinueve'];
const TWENTIES = [
  'veinte',
  'veintiuno',
  'veintidós',
  'veintitrés',
  'veinticuatro',
  'veinticinco',
  'veintiséis',
  'veintisiete',
  'veintiocho',
  'veintinueve',
];
const TENS = ['', '', '', 'treinta', 'cuarenta', 'cincuenta', 'sesenta', 'setenta', 'ochenta', 'noventa'];
const HUNDREDS = [
  '',
  'ciento',
  'doscientos',
  'trescientos',
  'cuatrocientos',
  'quinientos',
  'seiscientos',
  'setecientos',
  'ochocientos',
  'novecientos',
];

/** «uno» as the form asks: «un», «uno» or «una»; also at the end of «veintiuno», «treinta y uno». */
const agree = (word: string, form: NumberForm): string => {
  if (!word.endsWith('uno')) return word;
  const stem = word.slice(0, -3);
  if (form === 'feminine') return `${stem}una`;
  if (form === 'apocopated') return stem === 'veinti' ? 'veintiún' : `${stem}un`;
  return word;
};

function belowHundred(n: number): string {
  if (n < 10) return UNITS[n]!;
  if (n < 20) return TEENS[n - 10]!;
  if (n < 30) return TWENTIES[n - 20]!;
  const unit = n % 10;
  return unit === 0 ? TENS[Math.floor(n / 10)]! : `${TENS[Math.floor(n / 10)]} y ${UNITS[unit]}`;
}

/** 0–999 in words; larger numbers (no commission votes that many) stay in digits. */
export function numberInWords(n: number, form: NumberForm = 'masculine'): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) return String(n);
  if (n === 100) return 'cien';
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const hundredWord = hundreds === 0 ? '' : form === 'feminine' ? HUNDREDS[hundreds]!.replace(/tos$/, 'tas') : HUNDREDS[hundreds]!;
  if (rest === 0 && hundreds > 0) return hundredWord;
  const restWord = agree(belowHundred(rest), form);
  return hundredWord ? `${hundredWord} ${restWord}` : restWord;
}
