/**
 * The published versions' hashes, kept beside the files (`criteria/<scheme>/published.lock.json`)
 * so that any copy of the criteria folder can tell whether a published version was edited.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const LOCK_FILE_NAME = 'published.lock.json';

const LockSchema = z.record(z.string(), z.string().regex(/^sha256:[0-9a-f]{64}$/));
export type Lock = z.infer<typeof LockSchema>;

export function lockPath(schemeDir: string): string {
  return path.join(schemeDir, LOCK_FILE_NAME);
}

export type LockRead = { lock: Lock; problem?: string };

export function readLock(schemeDir: string): LockRead {
  const file = lockPath(schemeDir);
  if (!fs.existsSync(file)) return { lock: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return { lock: {}, problem: 'no es JSON válido' };
  }
  const parsed = LockSchema.safeParse(raw);
  if (!parsed.success) return { lock: {}, problem: 'debe asociar cada versión a una huella "sha256:<64 hex>"' };
  return { lock: parsed.data };
}

export function writeLock(schemeDir: string, lock: Lock): void {
  const sorted = Object.fromEntries(Object.entries(lock).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })));
  const file = lockPath(schemeDir);
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(sorted, null, 2)}\n`);
  fs.renameSync(tmp, file);
}
