/**
 * The question a person answers before filing a complaint, without JavaScript: a sum of two small numbers
 * written in words («¿Cuánto es siete más cinco?»). Stateless: the token carries its expiry and an HMAC of
 * the expected answer under a key derived from the service's signing key, so nothing is stored and the
 * answer cannot be read from the token. A solved token can be replayed until it expires; the hourly
 * filing limit per client bounds what that buys.
 */
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Locale } from '../../web/locale.js';

/** How long a question may be answered: time to write the complaint calmly. */
export const QUESTION_TTL_MS = 2 * 60 * 60 * 1000;

const WORDS: Record<Locale, string[]> = {
  es: ['cero', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez'],
  en: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'],
};
/** Answers up to 20 may be written in words too («doce»). */
const ANSWER_WORDS_ES = [
  ...WORDS.es,
  'once',
  'doce',
  'trece',
  'catorce',
  'quince',
  'dieciséis',
  'diecisiete',
  'dieciocho',
  'diecinueve',
  'veinte',
];
const ANSWER_WORDS_EN = [
  ...WORDS.en,
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
];

export type Question = { token: string; a: number; b: number; expiresAt: string };

/** The question in words, in the page's language. */
export function questionText(question: Pick<Question, 'a' | 'b'>, locale: Locale): string {
  const [a, b] = [WORDS[locale][question.a], WORDS[locale][question.b]];
  return locale === 'es' ? `¿Cuánto es ${a} más ${b}?` : `What is ${a} plus ${b}?`;
}

/** The number a person wrote: digits, or the word in Spanish or English (accents and case aside). */
export function answerNumber(typed: string): number | null {
  const folded = typed.trim().toLowerCase().replace(/\.$/, '');
  if (/^\d{1,3}$/.test(folded)) return Number(folded);
  const plain = (w: string) => w.normalize('NFD').replace(/\p{Diacritic}/gu, '');
  const index = [ANSWER_WORDS_ES, ANSWER_WORDS_EN].map((list) => list.findIndex((w) => plain(w) === plain(folded))).find((i) => i >= 0);
  return index ?? null;
}

export type QuestionCheck = 'right' | 'wrong' | 'expired' | 'invalid';

export function createQuestionMaker(key: Buffer, now: () => Date) {
  const mac = (expires: number, nonce: string, answer: number) =>
    createHmac('sha256', key).update(`complaint-question|${expires}|${nonce}|${answer}`).digest('base64url');

  return {
    /** A new question with its token. */
    ask(): Question {
      const a = randomInt(1, 11);
      const b = randomInt(1, 11);
      const expires = now().getTime() + QUESTION_TTL_MS;
      const nonce = randomBytes(9).toString('base64url');
      return { token: `${expires}.${nonce}.${mac(expires, nonce, a + b)}`, a, b, expiresAt: new Date(expires).toISOString() };
    },

    /** Whether `answer` is the answer of the question behind `token`, still in time. */
    check(token: string, answer: string): QuestionCheck {
      const match = /^(\d{13})\.([\w-]{12})\.([\w-]{43})$/.exec(token.trim());
      if (!match) return 'invalid';
      const [, expiresText, nonce, given] = match as unknown as [string, string, string, string];
      const expires = Number(expiresText);
      // A token expiring further away than any this service makes was not made by it.
      if (expires > now().getTime() + QUESTION_TTL_MS) return 'invalid';
      if (expires <= now().getTime()) return 'expired';
      const number = answerNumber(answer);
      if (number === null) return 'wrong';
      const expected = Buffer.from(mac(expires, nonce, number));
      return timingSafeEqual(expected, Buffer.from(given)) ? 'right' : 'wrong';
    },
  };
}
export type QuestionMaker = ReturnType<typeof createQuestionMaker>;
