/** Telling storage failures apart, on errors the real SQLite and file system give. */
import Database from 'better-sqlite3';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { asDataDirError, DataDirError, ensureDataDir } from '../../src/db/data-dir.js';
import { storageAppError, storageFailureOf } from '../../src/db/storage.js';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length > 0) fs.rmSync(dirs.pop()!, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sello-storage-'));
  dirs.push(dir);
  return dir;
}

/** The error a call throws (the test fails if it throws none). */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('No lanzó ningún error');
}

function fullDatabaseError(): unknown {
  const sqlite = new Database(':memory:');
  sqlite.exec('CREATE TABLE t (v BLOB)');
  sqlite.pragma(`max_page_count = ${sqlite.pragma('page_count', { simple: true }) as number}`);
  const error = thrownBy(() => sqlite.prepare('INSERT INTO t VALUES (zeroblob(100000))').run());
  sqlite.close();
  return error;
}

describe('storageFailureOf', () => {
  it('calls a database that cannot grow full, also when drizzle wraps the error', () => {
    const error = fullDatabaseError();
    expect((error as { code: string }).code).toBe('SQLITE_FULL');
    expect(storageFailureOf(error)).toBe('full');
    expect(storageFailureOf(new DrizzleQueryError('INSERT …', [], error as Error))).toBe('full');
    expect(storageAppError(error)).toMatchObject({ kind: 'unavailable', code: 'STORAGE_FULL' });
  });

  it.skipIf(!fs.existsSync('/dev/full'))('calls a file write on a full disk full', () => {
    const error = thrownBy(() => fs.writeFileSync('/dev/full', 'x'));
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    expect(storageFailureOf(error)).toBe('full');
  });

  it('calls a read-only database unavailable', () => {
    const file = path.join(tempDir(), 'x.sqlite');
    new Database(file).exec('CREATE TABLE t (v)');
    const readOnly = new Database(file, { readonly: true });
    const error = thrownBy(() => readOnly.prepare('INSERT INTO t VALUES (1)').run());
    readOnly.close();
    expect((error as { code: string }).code).toMatch(/^SQLITE_READONLY/);
    expect(storageFailureOf(error)).toBe('unavailable');
    expect(storageAppError(error)).toMatchObject({ kind: 'unavailable', code: 'STORAGE_UNAVAILABLE' });
  });

  it('leaves other failures alone', () => {
    const sqlite = new Database(':memory:');
    sqlite.exec('CREATE TABLE t (v UNIQUE)');
    sqlite.exec('INSERT INTO t VALUES (1)');
    const unique = thrownBy(() => sqlite.exec('INSERT INTO t VALUES (1)'));
    sqlite.close();
    expect(storageFailureOf(unique)).toBeNull();
    expect(storageFailureOf(new Error('otra cosa'))).toBeNull();
    expect(storageFailureOf('SQLITE_FULL')).toBeNull();
    expect(storageAppError(unique)).toBeNull();
  });
});

describe('ensureDataDir', () => {
  it('creates a missing data folder owner-only and leaves nothing in it', () => {
    const dir = path.join(tempDir(), 'datos');
    ensureDataDir(dir);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses a file in place of the folder, and a disk with too little room, in one line', () => {
    const file = path.join(tempDir(), 'datos');
    fs.writeFileSync(file, 'x');
    const notFolder = thrownBy(() => ensureDataDir(file));
    expect(notFolder).toBeInstanceOf(DataDirError);
    expect((notFolder as Error).message).toMatch(/^La carpeta de datos .* no es una carpeta/);

    const full = thrownBy(() => ensureDataDir(tempDir(), Number.MAX_SAFE_INTEGER));
    expect(full).toBeInstanceOf(DataDirError);
    expect((full as Error).message).toMatch(/^El disco de la carpeta de datos .* está lleno \(quedan \d+ bytes libres\): libere espacio/);
    for (const error of [notFolder, full]) expect((error as Error).message).not.toContain('\n');
  });

  it('explains a full disk met while opening the database, and passes other errors through', () => {
    const explained = asDataDirError('/srv/sello', fullDatabaseError());
    expect(explained).toBeInstanceOf(DataDirError);
    expect((explained as Error).message).toMatch(/^El disco de la carpeta de datos \/srv\/sello está lleno: libere espacio/);
    const other = new Error('otra cosa');
    expect(asDataDirError('/srv/sello', other)).toBe(other);
  });
});
