/**
 * Slows down password guessing: failed logins are counted per account and
 * address, and per address alone; past the limit, logins wait.
 */
import type { RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { waitInWords } from '../../domain/text.js';
import { AppError } from '../../errors.js';

export type LoginLimiterOptions = { perAccount?: number; perAddress?: number; windowSeconds?: number };

export function createLoginLimiter({ perAccount = 5, perAddress = 30, windowSeconds = 15 * 60 }: LoginLimiterOptions = {}) {
  const byAccount = new RateLimiterMemory({ keyPrefix: 'login-account', points: perAccount, duration: windowSeconds });
  const byAddress = new RateLimiterMemory({ keyPrefix: 'login-address', points: perAddress, duration: windowSeconds });
  const accountKey = (username: string, ip: string) => `${username.toLowerCase()}|${ip}`;

  const tooMany = (res: RateLimiterRes) => {
    const seconds = Math.ceil(res.msBeforeNext / 1000);
    const message = `Demasiados intentos fallidos: espere ${waitInWords(seconds)} antes de volver a intentarlo`;
    return new AppError('too_many', 'TOO_MANY_LOGIN_ATTEMPTS', message, [{ path: 'retryAfterSeconds', message: String(seconds) }]);
  };

  return {
    /** Throws 429 if this account/address is currently blocked. */
    async check(username: string, ip: string): Promise<void> {
      const [account, address] = await Promise.all([byAccount.get(accountKey(username, ip)), byAddress.get(ip)]);
      for (const res of [account, address]) if (res && res.remainingPoints <= 0) throw tooMany(res);
    },
    async failed(username: string, ip: string): Promise<void> {
      await Promise.allSettled([byAccount.consume(accountKey(username, ip)), byAddress.consume(ip)]);
    },
    async succeeded(username: string, ip: string): Promise<void> {
      await byAccount.delete(accountKey(username, ip));
    },
  };
}
export type LoginLimiter = ReturnType<typeof createLoginLimiter>;
