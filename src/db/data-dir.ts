/**
 * The start-up check of the data folder: it exists (or is created), is a folder, the service may
 * write in it and its disk has room. What is wrong is said in one Spanish line, with what to do.
 */
import fs from 'node:fs';
import path from 'node:path';
import { databaseFileIn, openDatabase, type Db } from './client.js';
import { keysDirIn, openKeyStore, type KeyStore } from '../signing/key-store.js';
import { storageFailureOf } from './storage.js';

/** Below this much free space the service does not start: the database and the evidence need room. */
export const START_MIN_FREE_BYTES = 1024 * 1024;

export class DataDirError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DataDirError';
  }
}

const SET_ANOTHER = 'o indique otra carpeta en SELLO_DATA_DIR';

/** What is wrong with writing in `dir`, and what to do, from the error a write gave; null when it is no storage problem. */
function explain(dir: string, error: unknown): string | null {
  const raw = (error as { code?: unknown } | null)?.code;
  const code = typeof raw === 'string' ? raw : '';
  const detail = error instanceof Error ? `: ${error.message.split('\n')[0]}` : '';
  if (code === 'EEXIST' || code === 'ENOTDIR')
    return `La carpeta de datos ${dir} no es una carpeta (hay un archivo con ese nombre): cámbiele el nombre al archivo ${SET_ANOTHER}${detail}`;
  if (code === 'EACCES' || code === 'EPERM' || code.startsWith('SQLITE_READONLY') || code === 'SQLITE_CANTOPEN')
    return `La carpeta de datos ${dir} no admite escritura (permiso denegado): dé permiso de escritura al usuario del servicio ${SET_ANOTHER}${detail}`;
  if (code === 'EROFS') return `La carpeta de datos ${dir} está en un disco de solo lectura: móntelo con escritura ${SET_ANOTHER}${detail}`;
  if (storageFailureOf(error) === 'full')
    return `El disco de la carpeta de datos ${dir} está lleno: libere espacio ${SET_ANOTHER}${detail}`;
  if (storageFailureOf(error) === 'unavailable')
    return `No se puede escribir en la carpeta de datos ${dir}: revise el disco ${SET_ANOTHER}${detail}`;
  return null;
}

/** A DataDirError explaining `error` when it is a storage problem of `dir`; `error` itself otherwise. */
export function asDataDirError(dir: string, error: unknown): unknown {
  if (error instanceof DataDirError) return error;
  const message = explain(dir, error);
  return message ? new DataDirError(message, { cause: error }) : error;
}

function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    // Not even listable: nothing was left there.
  }
}

/**
 * Creates `dir` if needed (0700: it holds personal data and private keys) and proves the service can
 * write there by writing and removing a small file. Throws DataDirError.
 */
export function ensureDataDir(dir: string, minFreeBytes = START_MIN_FREE_BYTES): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!fs.statSync(dir).isDirectory()) throw Object.assign(new Error(`${dir} es un archivo`), { code: 'ENOTDIR' });
    const probe = path.join(dir, `.prueba-de-escritura-${process.pid}`);
    try {
      fs.writeFileSync(probe, 'sello\n', { flag: 'w', mode: 0o600 });
    } catch (error) {
      // A full disk may leave the file created but empty; the write's error is what tells what is wrong.
      removeQuietly(probe);
      throw error;
    }
    fs.rmSync(probe);
  } catch (error) {
    throw asDataDirError(dir, error);
  }
  const stats = fs.statfsSync(dir);
  const free = stats.bavail * stats.bsize;
  if (free < minFreeBytes) {
    throw new DataDirError(
      `El disco de la carpeta de datos ${dir} está lleno (quedan ${free} bytes libres): libere espacio ${SET_ANOTHER}`,
    );
  }
}

/** The signing keys in the data folder (created on first start); a folder that refuses them is a DataDirError. */
export function openKeyStoreIn(dataDir: string, now: () => Date): KeyStore {
  try {
    return openKeyStore({ dir: keysDirIn(dataDir), now });
  } catch (error) {
    throw asDataDirError(dataDir, error);
  }
}

/** The database in the data folder (or `file`, e.g. ':memory:'); a folder that refuses it is a DataDirError. */
export function openDatabaseIn(dataDir: string, file?: string): Db {
  try {
    return openDatabase({ file: file ?? databaseFileIn(dataDir) });
  } catch (error) {
    throw asDataDirError(dataDir, error);
  }
}
