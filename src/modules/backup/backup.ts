/**
 * Backups a committee's technician can make and restore: one folder with the
 * database (`sello.sqlite`), the evidence files, the signing keys and a
 * `manifest.json` of hashes. A copy is checked the same way as the live data
 * (`audit verify`, `log verify`, certificates against their history) before it is called good.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE_NAME, databaseFileIn, ownerOnly, type Db } from '../../db/client.js';
import * as schema from '../../db/schema.js';
import { verifyChain } from '../../domain/audit-chain.js';
import { keysDirIn, openKeyStore } from '../../signing/key-store.js';
import { checkCheckpoints } from '../audit/audit-head.js';
import { allEntries } from '../audit/audit-log.js';
import { verifyCertificateRecords } from '../certificates/certificate-integrity.js';
import { evidenceFileIn } from '../dossiers/evidence-service.js';
import { verifyLog } from '../transparency/transparency-log.js';
import { checkManifest, copyOwnerOnly, isAbsentOrEmpty, sha256Of, writeManifest } from './backup-folder.js';

export const EVIDENCE_DIR_NAME = 'evidence';

export type BackupCheck = {
  /** Every problem found, in Spanish; empty when the backup is good. */
  problems: string[];
  auditEntries: number;
  logEntries: number;
  evidenceFiles: number;
};

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/**
 * Checks a database file on its own: SQLite's integrity_check, the audit chain and its
 * checkpoints (signed by the keys in `dataDir`), the transparency log, every certificate
 * against its history, and that every evidence row has its file in `dataDir`.
 */
async function checkDatabase(file: string, dataDir: string): Promise<Omit<BackupCheck, 'evidenceFiles'> & { evidence: number }> {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const problems: string[] = [];
    const integrity = sqlite.pragma('integrity_check') as { integrity_check: string }[];
    const messages = integrity.map((r) => r.integrity_check);
    if (messages.join() !== 'ok') {
      return {
        problems: [`La base de datos está dañada (integrity_check: ${messages.slice(0, 3).join('; ')})`],
        auditEntries: 0,
        logEntries: 0,
        evidence: 0,
      };
    }
    const db: Db = drizzle({ client: sqlite, schema });
    const chain = verifyChain(allEntries(db));
    if (!chain.ok) problems.push(`Historial de cambios roto en la entrada ${chain.brokenAt}: ${chain.reason}`);
    // A copy made before checkpoints existed has no table for them; restoring it adds the table.
    const hasCheckpoints = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_checkpoints'").get();
    if (hasCheckpoints) {
      const checkpoints = await checkCheckpoints(db, () =>
        openKeyStore({ dir: keysDirIn(dataDir), now: () => new Date(), create: false }).jwks(),
      );
      problems.push(...checkpoints.problems.map((p) => `Historial de cambios: ${p}`));
    }
    const log = verifyLog(db);
    problems.push(...log.problems.map((p) => `Registro de transparencia: ${p}`));
    problems.push(...verifyCertificateRecords(db).problems);
    const hashes = sqlite.prepare('SELECT DISTINCT sha256 FROM evidence_files').pluck().all() as string[];
    for (const sha256 of hashes) {
      const evidence = evidenceFileIn(dataDir, sha256);
      if (!fs.existsSync(evidence)) problems.push(`Falta el archivo de evidencia ${sha256}`);
      else if (sha256Of(evidence) !== sha256) problems.push(`El archivo de evidencia ${sha256} no corresponde a su huella`);
    }
    return { problems, auditEntries: chain.ok ? chain.entries : 0, logEntries: log.treeSize, evidence: hashes.length };
  } catch (error) {
    return { problems: [`No se puede leer la base de datos: ${(error as Error).message}`], auditEntries: 0, logEntries: 0, evidence: 0 };
  } finally {
    sqlite.close();
  }
}

/** Checks a backup folder: manifest hashes, database integrity, audit chain, transparency log, evidence and keys. */
export async function verifyBackup(folder: string): Promise<BackupCheck> {
  const { problems } = checkManifest(folder);
  const database = databaseFileIn(folder);
  if (!fs.existsSync(database))
    return { problems: [...problems, `Falta ${DATABASE_FILE_NAME}`], auditEntries: 0, logEntries: 0, evidenceFiles: 0 };
  const checked = await checkDatabase(database, folder);
  problems.push(...checked.problems);
  try {
    openKeyStore({ dir: keysDirIn(folder), now: () => new Date(), create: false });
  } catch (error) {
    problems.push(`Claves de firma: ${(error as Error).message}`);
  }
  return { problems, auditEntries: checked.auditEntries, logEntries: checked.logEntries, evidenceFiles: checked.evidence };
}

/**
 * Writes a backup of `dataDir` into `target` (absent or empty) with SQLite's online
 * backup, safe while the service runs, and checks the copy. Throws BackupError.
 */
export async function createBackup(options: { dataDir: string; target: string; now: () => Date }): Promise<BackupCheck> {
  const { dataDir, target, now } = options;
  const source = databaseFileIn(dataDir);
  if (!fs.existsSync(source)) throw new BackupError(`No hay base de datos en ${source}: revise SELLO_DATA_DIR`);
  if (!isAbsentOrEmpty(target))
    throw new BackupError(`${target} ya existe y no está vacía: elija otra carpeta; una copia nunca sobrescribe otra`);
  fs.mkdirSync(target, { recursive: true, mode: 0o700 });
  fs.chmodSync(target, 0o700);

  const copy = databaseFileIn(target);
  // Read-write: a read-only connection cannot open a WAL database whose -shm is gone (service stopped).
  const live = new Database(source, { fileMustExist: true, timeout: 5000 });
  try {
    // Everything after the first step in one: a write between steps restarts the copy, endlessly on a busy service.
    await live.backup(copy, { progress: () => 0x7fffffff });
  } finally {
    live.close();
  }
  // A single self-contained file: no -wal/-shm beside the copy.
  const copied = new Database(copy);
  copied.pragma('journal_mode = DELETE');
  copied.close();
  ownerOnly(copy);
  // After the database: evidence files are written before their rows, so every row in the copy finds its file.
  copyOwnerOnly(path.join(dataDir, EVIDENCE_DIR_NAME), path.join(target, EVIDENCE_DIR_NAME));
  copyOwnerOnly(keysDirIn(dataDir), keysDirIn(target));
  writeManifest(target, now());

  const check = await verifyBackup(target);
  if (check.problems.length > 0)
    throw new BackupError(`La copia en ${target} no pasa la verificación:\n${check.problems.map((p) => `  - ${p}`).join('\n')}`);
  return check;
}

/** `antes-20261129T125000`: a suffix that sorts by date and has no characters a shell or Windows dislikes. */
export function asideSuffix(at: Date): string {
  return `antes-${at.toISOString().replace(/[-:]/g, '').slice(0, 15)}`;
}

/**
 * Refuses when another process (the service) has the database open: SQLite removes
 * the -wal file when the last connection closes, so one that remains after ours is someone else's.
 */
function ensureNotInUse(file: string): void {
  if (!fs.existsSync(file)) return;
  const sqlite = new Database(file, { timeout: 0 });
  try {
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // Busy: reported below by the -wal file that stays.
  } finally {
    sqlite.close();
  }
  if (fs.existsSync(`${file}-wal`)) {
    throw new BackupError(`La base ${file} está abierta por otro proceso. Detenga el servicio Sello antes de restaurar una copia.`);
  }
}

/**
 * Puts the backup in `folder` in place of the data of `dataDir`, after checking it.
 * The current database, evidence and keys are kept aside, renamed with a `.antes-<fecha>` suffix.
 * Returns the names they were kept under. Throws BackupError.
 */
export async function restoreBackup(options: {
  dataDir: string;
  folder: string;
  now: () => Date;
}): Promise<{ check: BackupCheck; keptAside: string[] }> {
  const { dataDir, folder, now } = options;
  const check = await verifyBackup(folder);
  if (check.problems.length > 0) {
    throw new BackupError(
      `La copia en ${folder} no pasa la verificación; no se restauró nada:\n${check.problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
  const database = databaseFileIn(dataDir);
  ensureNotInUse(database);

  const suffix = asideSuffix(now());
  const current = [database, path.join(dataDir, EVIDENCE_DIR_NAME), keysDirIn(dataDir)].filter((p) => fs.existsSync(p));
  const taken = current.find((p) => fs.existsSync(`${p}.${suffix}`));
  if (taken) throw new BackupError(`Ya existe ${taken}.${suffix}; espere un minuto y vuelva a intentarlo`);
  const keptAside: string[] = [];
  for (const p of current) {
    fs.renameSync(p, `${p}.${suffix}`);
    keptAside.push(`${p}.${suffix}`);
  }

  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.copyFileSync(databaseFileIn(folder), database, fs.constants.COPYFILE_EXCL);
  ownerOnly(database);
  copyOwnerOnly(path.join(folder, EVIDENCE_DIR_NAME), path.join(dataDir, EVIDENCE_DIR_NAME));
  copyOwnerOnly(keysDirIn(folder), keysDirIn(dataDir));
  return { check, keptAside };
}
