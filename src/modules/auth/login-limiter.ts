/**
 * Slows down password guessing without letting a guesser lock other people out.
 *
 * - Per account (whatever the address): after `perAccount` failures in a row, the account refuses
 *   logins for a delay that doubles with every further failure, from `firstDelaySeconds` up to
 *   `maxDelaySeconds`. This is what bounds guessing, even from many addresses. An account under
 *   attack waits at most `maxDelaySeconds` between tries; no other account is touched.
 * - Per address: after `perAddress` failures in a window, further *failed* attempts from that
 *   address are answered 429 instead of 401, telling a script to back off. The password is still
 *   checked and a correct one still signs in, so that many people behind one address (a
 *   cooperative's office, a mobile carrier's NAT) are not locked out by one of them, or by an
 *   attacker sharing the address: refusing the whole address would hand out a denial of service.
 *
 * Counters live in memory: a restart forgets them, which only gives a guesser a few more tries.
 */
import { waitInWords } from '../../domain/text.js';
import { AppError } from '../../errors.js';

export type LoginLimiterOptions = {
  /** Failures in a row an account allows before it starts refusing. */
  perAccount?: number;
  firstDelaySeconds?: number;
  maxDelaySeconds?: number;
  /** Failures an address may make in `windowSeconds` before its failures are answered 429. */
  perAddress?: number;
  windowSeconds?: number;
};

/** Failures older than this are forgotten, so one mistyped password a day never adds up. */
const FORGET_AFTER_MS = 24 * 3600_000;
/** Past this many tracked keys, forgotten entries are swept on the next failure. */
const SWEEP_ABOVE = 10_000;

type AccountFailures = { count: number; lastAt: number };
type AddressFailures = { count: number; windowStart: number };

/** The 429 of the limiter; `retryAfterSeconds` goes to the Retry-After header. */
export class TooManyLoginAttempts extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      'too_many',
      'TOO_MANY_LOGIN_ATTEMPTS',
      `Demasiados intentos fallidos: espere ${waitInWords(retryAfterSeconds)} antes de volver a intentarlo`,
      [{ path: 'retryAfterSeconds', message: String(retryAfterSeconds) }],
    );
  }
}

/** The delay an account imposes after `failures` failures in a row (0 below the threshold). */
export function accountDelaySeconds(failures: number, { perAccount, firstDelaySeconds, maxDelaySeconds }: Required<LoginLimiterOptions>) {
  if (failures < perAccount) return 0;
  return Math.min(firstDelaySeconds * 2 ** Math.min(failures - perAccount, 30), maxDelaySeconds);
}

export function createLoginLimiter(options: LoginLimiterOptions = {}, now: () => Date = () => new Date()) {
  const limits: Required<LoginLimiterOptions> = {
    perAccount: 5,
    firstDelaySeconds: 60,
    maxDelaySeconds: 15 * 60,
    perAddress: 30,
    windowSeconds: 15 * 60,
    ...options,
  };
  const accounts = new Map<string, AccountFailures>();
  const addresses = new Map<string, AddressFailures>();
  const accountKey = (username: string) => username.toLowerCase();

  const accountFailures = (username: string, at: number): AccountFailures | undefined => {
    const entry = accounts.get(accountKey(username));
    return entry && at - entry.lastAt < FORGET_AFTER_MS ? entry : undefined;
  };
  const addressFailures = (ip: string, at: number): AddressFailures | undefined => {
    const entry = addresses.get(ip);
    return entry && at - entry.windowStart < limits.windowSeconds * 1000 ? entry : undefined;
  };
  const sweep = (at: number) => {
    if (accounts.size > SWEEP_ABOVE) for (const key of accounts.keys()) if (!accountFailures(key, at)) accounts.delete(key);
    if (addresses.size > SWEEP_ABOVE) for (const key of addresses.keys()) if (!addressFailures(key, at)) addresses.delete(key);
  };
  const secondsUntil = (ms: number, at: number) => Math.max(1, Math.ceil((ms - at) / 1000));

  return {
    /** Throws 429 while the account is waiting out its delay; the address alone never refuses here. */
    check(username: string): void {
      const at = now().getTime();
      const entry = accountFailures(username, at);
      if (!entry) return;
      const until = entry.lastAt + accountDelaySeconds(entry.count, limits) * 1000;
      if (until > at) throw new TooManyLoginAttempts(secondsUntil(until, at));
    },

    /** Records a failure; returns the 429 to answer instead of 401 when the address is over its budget. */
    failed(username: string, ip: string): TooManyLoginAttempts | null {
      const at = now().getTime();
      sweep(at);
      const account = accountFailures(username, at);
      accounts.set(accountKey(username), { count: (account?.count ?? 0) + 1, lastAt: at });
      const address = addressFailures(ip, at) ?? { count: 0, windowStart: at };
      address.count += 1;
      addresses.set(ip, address);
      if (address.count <= limits.perAddress) return null;
      return new TooManyLoginAttempts(secondsUntil(address.windowStart + limits.windowSeconds * 1000, at));
    },

    succeeded(username: string): void {
      accounts.delete(accountKey(username));
    },
  };
}
export type LoginLimiter = ReturnType<typeof createLoginLimiter>;
