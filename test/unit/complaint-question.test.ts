/** The question before a complaint: its words, the answers people write, and its signed, expiring token. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  answerNumber,
  createQuestionMaker,
  QUESTION_TTL_MS,
  questionText,
} from '../../src/modules/complaints/complaint-filing-question.js';

const START = new Date('2026-05-20T15:00:00Z');

function maker(key = randomBytes(32)) {
  let at = START;
  const questions = createQuestionMaker(key, () => at);
  return { questions, key, later: (ms: number) => (at = new Date(START.getTime() + ms)) };
}

describe('complaint question', () => {
  it('asks a sum of two numbers from one to ten, in words of the page’s language', () => {
    expect(questionText({ a: 7, b: 5 }, 'es')).toBe('¿Cuánto es siete más cinco?');
    expect(questionText({ a: 7, b: 5 }, 'en')).toBe('What is seven plus five?');
    const { questions } = maker();
    for (let i = 0; i < 50; i++) {
      const q = questions.ask();
      expect(q.a).toBeGreaterThanOrEqual(1);
      expect(q.b).toBeLessThanOrEqual(10);
      // Expiry, a random nonce and a signature: the numbers are not in it.
      expect(q.token).toMatch(/^\d{13}\.[\w-]{12}\.[\w-]{43}$/);
    }
  });

  it('reads the answer as digits or as a word, with or without accents', () => {
    expect(answerNumber(' 12 ')).toBe(12);
    expect(answerNumber('Doce')).toBe(12);
    expect(answerNumber('dieciseis')).toBe(16);
    expect(answerNumber('dieciséis.')).toBe(16);
    expect(answerNumber('twelve')).toBe(12);
    expect(answerNumber('doce manzanas')).toBeNull();
    expect(answerNumber('')).toBeNull();
  });

  it('accepts the right answer in time, and refuses a wrong one, a late one, another key’s and a forged token', () => {
    const { questions, later } = maker();
    const q = questions.ask();
    const right = String(q.a + q.b);
    expect(questions.check(q.token, right)).toBe('right');
    expect(questions.check(q.token, String(q.a + q.b + 1))).toBe('wrong');
    expect(questions.check(q.token, 'no sé')).toBe('wrong');
    expect(maker().questions.check(q.token, right)).toBe('wrong');
    const [expires, nonce, mac] = q.token.split('.') as [string, string, string];
    // Another expiry makes the signature wrong; one past what the service makes is no token at all.
    expect(questions.check(`${Number(expires) - 1000}.${nonce}.${mac}`, right)).toBe('wrong');
    expect(questions.check(`${Number(expires) + 1000}.${nonce}.${mac}`, right)).toBe('invalid');
    expect(questions.check('hola', right)).toBe('invalid');
    later(QUESTION_TTL_MS - 1000);
    expect(questions.check(q.token, right)).toBe('right');
    later(QUESTION_TTL_MS);
    expect(questions.check(q.token, right)).toBe('expired');
  });
});
