/**
 * Storage trouble: telling a full or unusable disk apart from other failures, so that a
 * request that could not be saved answers 503 with a plain message, and start-up explains it.
 */
import { AppError } from '../errors.js';

export type StorageFailure = 'full' | 'unavailable';

// SQLite reports a full disk (ENOSPC) or a reached max_page_count as SQLITE_FULL.
const FULL_CODES = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);
// A read-only or vanished disk, or a data folder the service's user may not write.
const UNAVAILABLE_CODES = new Set(['EROFS', 'EACCES', 'EPERM', 'SQLITE_CANTOPEN']);
const UNAVAILABLE_PREFIXES = ['SQLITE_READONLY', 'SQLITE_IOERR'];

/** Whether `error` (or what caused it: drizzle wraps SQLite's errors) says the storage is full or unusable. */
export function storageFailureOf(error: unknown): StorageFailure | null {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (FULL_CODES.has(code)) return 'full';
      if (UNAVAILABLE_CODES.has(code) || UNAVAILABLE_PREFIXES.some((prefix) => code.startsWith(prefix))) return 'unavailable';
    }
    current = current.cause;
  }
  return null;
}

export const STORAGE_FULL_MESSAGE =
  'El disco del servidor está lleno y no se guardó nada. Libere espacio o avise a la administración, y vuelva a intentarlo más tarde.';

export const STORAGE_UNAVAILABLE_MESSAGE =
  'El servidor no puede escribir en su carpeta de datos y no se guardó nada. Avise a la administración y vuelva a intentarlo más tarde.';

/** The AppError (503) to answer instead of a storage failure, or null when `error` is something else. */
export function storageAppError(error: unknown): AppError | null {
  switch (storageFailureOf(error)) {
    case 'full':
      return new AppError('unavailable', 'STORAGE_FULL', STORAGE_FULL_MESSAGE);
    case 'unavailable':
      return new AppError('unavailable', 'STORAGE_UNAVAILABLE', STORAGE_UNAVAILABLE_MESSAGE);
    default:
      return null;
  }
}
