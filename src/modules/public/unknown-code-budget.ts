/**
 * Stops enumeration of certificate codes: each client may get only so many *not found* answers a
 * minute, while looking up real codes stays cheap (the route's own, larger limit covers those).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { waitInWords } from '../../domain/text.js';
import { AppError } from '../../errors.js';

type Window = { count: number; start: number };

export function createUnknownCodeBudget(perMinute: number, now: () => number = Date.now) {
  const windows = new Map<string, Window>();
  const current = (key: string, at: number): Window | undefined => {
    const w = windows.get(key);
    return w && at - w.start < 60_000 ? w : undefined;
  };

  return {
    /** preHandler: refuses a client that has used up its not-found answers this minute. */
    refuseIfSpent: async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
      const at = now();
      const w = current(request.ip, at);
      if (!w || w.count < perMinute) return;
      const seconds = Math.max(1, Math.ceil((w.start + 60_000 - at) / 1000));
      reply.header('retry-after', String(seconds));
      throw new AppError(
        'too_many',
        'RATE_LIMITED',
        `Demasiados códigos inexistentes seguidos: espere ${waitInWords(seconds)} y vuelva a intentarlo`,
      );
    },
    /** onResponse: counts the 404s, and only those. */
    countNotFound: async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
      if (reply.statusCode !== 404) return;
      const at = now();
      if (windows.size > 10_000) for (const key of windows.keys()) if (!current(key, at)) windows.delete(key);
      const w = current(request.ip, at) ?? { count: 0, start: at };
      w.count += 1;
      windows.set(request.ip, w);
    },
  };
}
