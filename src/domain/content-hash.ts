/**
 * Content hashes over canonical JSON (RFC 8785), so that a hash names the data
 * itself and not how a file happened to be formatted.
 */
import { canonicalize } from 'json-canonicalize';
import { createHash } from 'node:crypto';

export const HASH_PREFIX = 'sha256:';

export function canonicalJson(value: unknown): string {
  return canonicalize(value);
}

export function contentHash(value: unknown): string {
  return HASH_PREFIX + createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
}
