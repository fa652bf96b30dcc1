/**
 * Passwords (argon2id) and bearer secrets (session cookies, API tokens): secrets
 * are random, shown once, and only their hashes are stored.
 */
import argon2 from 'argon2';
import { createHash, randomBytes } from 'node:crypto';
import { DEFAULT_PASSWORD_HASHING, type PasswordHashing } from '../../config.js';

export type PasswordHasher = {
  hash(password: string): Promise<string>;
  /** Verification reads the cost from the stored hash, so hashes of any cost verify. */
  verify(hash: string, password: string): Promise<boolean>;
  /** A hash to verify against when the user does not exist, so timing does not reveal usernames (same cost as real ones). */
  dummyHash(): Promise<string>;
};

/** argon2id (one lane) at the given cost: buildApp makes one from `config.passwordHashing`. */
export function createPasswordHasher(cost: PasswordHashing = DEFAULT_PASSWORD_HASHING): PasswordHasher {
  const hash = (password: string) => argon2.hash(password, { type: argon2.argon2id, parallelism: 1, ...cost });
  let dummy: Promise<string> | undefined;
  return {
    hash,
    async verify(stored, password) {
      try {
        return await argon2.verify(stored, password);
      } catch {
        return false;
      }
    },
    dummyHash() {
      dummy ??= hash(randomBytes(16).toString('hex'));
      return dummy;
    },
  };
}

export const API_TOKEN_PREFIX = 'sello_';

/** A new random secret (256 bits, base64url) with an optional readable prefix. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** Secrets are high-entropy, so a plain SHA-256 is the right storage hash (no salt or stretching needed). */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
