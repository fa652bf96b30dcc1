/**
 * Opens the SQLite database with the pragmas every connection needs and applies
 * pending migrations. The same function serves the server, the CLI and the tests.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS_DIR } from '../paths.js';
import { fold } from '../domain/text.js';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export type OpenDbOptions = {
  /** Path of the SQLite file, or ':memory:'. Parent folders are created. */
  file: string;
  /** How long a writer waits for a lock before failing, in milliseconds. */
  busyTimeoutMs?: number;
};

export const DATABASE_FILE_NAME = 'sello.sqlite';

export function databaseFileIn(dataDir: string): string {
  return path.join(dataDir, DATABASE_FILE_NAME);
}

export function openDatabase({ file, busyTimeoutMs = 5000 }: OpenDbOptions): Db {
  // The data folder holds personal data and signing keys: only the service's user may enter it.
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const sqlite = new Database(file, { timeout: busyTimeoutMs });
  try {
    // WAL lets readers (public verification) proceed while a writer commits;
    // FULL sync makes a committed decision survive a power cut.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
    // fold(text): lowercase without accents, so searches find "Potosí" when typed "potosi".
    sqlite.function('fold', { deterministic: true }, (value: unknown) => (typeof value === 'string' ? fold(value) : value));
    const db = drizzle({ client: sqlite, schema });
    applyMigrations(db);
    if (file !== ':memory:') ownerOnly(file);
    return db;
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/**
 * Applies pending migrations. A migration that rebuilds a table (SQLite cannot change a column's
 * constraints in place) drops the old one while other tables still point at it, which SQLite allows
 * only with foreign keys off; the migrator runs inside one transaction, where that pragma cannot
 * change, so it is switched off around it. Every reference is then checked before the service goes on.
 */
function applyMigrations(db: Db): void {
  const sqlite = db.$client;
  sqlite.pragma('foreign_keys = OFF');
  try {
    const before = appliedMigrations(sqlite);
    migrate(db, { migrationsFolder: MIGRATIONS_DIR });
    // The check reads every reference (seconds on a large registry): only after a migration ran.
    if (appliedMigrations(sqlite) === before) return;
    const broken = sqlite.pragma('foreign_key_check') as { table: string; parent: string }[];
    if (broken.length > 0) {
      const where = [...new Set(broken.map((b) => `${b.table} → ${b.parent}`))].join(', ');
      throw new Error(`La base de datos tiene referencias rotas después de actualizarla (${where})`);
    }
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
}

/** How many migrations the database records as applied (none before the first start). */
function appliedMigrations(sqlite: Database.Database): number {
  const table = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
  return table ? (sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n : 0;
}

/**
 * Makes the database file and its WAL companions readable by the service's user only
 * (0600), also when they were created earlier or under a looser umask.
 */
export function ownerOnly(file: string): void {
  if (process.platform === 'win32') return;
  for (const name of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      fs.chmodSync(name, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

/** Runs `fn` in a BEGIN IMMEDIATE transaction: for writes that read first. */
export function immediate<T>(db: Db, fn: () => T): T {
  return db.$client.transaction(fn).immediate();
}

/** True when a write failed because a UNIQUE constraint already holds that value. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && 'code' in error && String((error as { code: unknown }).code).startsWith('SQLITE_CONSTRAINT_UNIQUE');
}
