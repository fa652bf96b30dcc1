/**
 * Scheduled backups: every few hours the service writes a new checked copy into one folder,
 * `sello-AAAAMMDD-HHMMSS` (UTC), and only once it verifies removes the oldest copies beyond
 * the number to keep. Only folders with that name and a manifest.json are ever removed.
 */
import type { FastifyBaseLogger } from 'fastify';
import fs from 'node:fs';
import path from 'node:path';
import { BACKUP_MANIFEST_FILE } from './backup-folder.js';
import { BackupError, createBackup, type BackupCheck } from './backup.js';

/** The name of a scheduled copy: its UTC date and time, so that names sort as dates do. */
export const SCHEDULED_BACKUP_NAME = /^sello-\d{8}-\d{6}$/;

/** `sello-20261129-153000` for 2026-11-29 15:30:00 UTC. */
export function scheduledBackupName(at: Date): string {
  const iso = at.toISOString();
  return `sello-${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}`;
}

export type ScheduledBackupOptions = {
  dataDir: string;
  /** The folder that holds the scheduled copies (created if missing). */
  backupDir: string;
  /** How many copies to keep, the new one included (at least 1). */
  keep: number;
  now: () => Date;
};

export type ScheduledBackupResult = {
  /** The new copy's folder. */
  folder: string;
  check: BackupCheck;
  /** The older copies removed because they were beyond `keep`. */
  removed: string[];
};

/** True for a folder this schedule wrote: its name has the pattern and it holds a manifest. */
function isScheduledCopy(backupDir: string, name: string): boolean {
  if (!SCHEDULED_BACKUP_NAME.test(name)) return false;
  const folder = path.join(backupDir, name);
  // lstat: a link named like a copy is not one, and what it points to is never removed.
  const stats = fs.lstatSync(folder, { throwIfNoEntry: false });
  if (!stats?.isDirectory()) return false;
  return fs.lstatSync(path.join(folder, BACKUP_MANIFEST_FILE), { throwIfNoEntry: false })?.isFile() ?? false;
}

/**
 * Removes the oldest scheduled copies so that `keep` remain, `newest` (the copy just made) always
 * among them, even if the clock went back. Anything else in the folder is left alone.
 */
export function pruneScheduledBackups(backupDir: string, keep: number, newest: string): string[] {
  const older = fs
    .readdirSync(backupDir)
    .filter((name) => name !== newest && isScheduledCopy(backupDir, name))
    .sort()
    .reverse();
  const removed = older.slice(Math.max(keep - 1, 0)).map((name) => path.join(backupDir, name));
  for (const folder of removed) fs.rmSync(folder, { recursive: true });
  return removed;
}

/**
 * Makes one scheduled copy and, once it verifies, prunes the old ones. A failed copy is removed
 * (it is not a copy to count on, and it takes room), the older ones stay. Throws on failure.
 */
export async function runScheduledBackup({ dataDir, backupDir, keep, now }: ScheduledBackupOptions): Promise<ScheduledBackupResult> {
  fs.mkdirSync(backupDir, { recursive: true, mode: 0o700 });
  const name = scheduledBackupName(now());
  const folder = path.join(backupDir, name);
  if (fs.existsSync(folder)) throw new BackupError(`Ya existe ${folder}: no se sobrescribe una copia`);
  let check: BackupCheck;
  try {
    check = await createBackup({ dataDir, target: folder, now });
  } catch (error) {
    fs.rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  return { folder, check, removed: pruneScheduledBackups(backupDir, keep, name) };
}

type Log = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;

/** One scheduled run that never throws: the outcome goes to the log. Resolves true when the copy was made. */
export async function backupAndLog(options: ScheduledBackupOptions, log: Log): Promise<boolean> {
  try {
    const { folder, check, removed } = await runScheduledBackup(options);
    log.info(
      { folder, auditEntries: check.auditEntries, logEntries: check.logEntries, evidenceFiles: check.evidenceFiles, removed },
      'scheduled backup written and verified',
    );
    return true;
  } catch (err) {
    log.error({ err, backupDir: options.backupDir }, 'scheduled backup failed: older copies kept');
    return false;
  }
}

/**
 * Runs `backupAndLog` every `everyMs` (the first run after one interval, not at start) on an
 * unref'd timer. A run still going when the next is due is not doubled. `stop` waits for it.
 */
export function scheduleBackups(options: ScheduledBackupOptions & { everyMs: number; log: Log }): { stop: () => Promise<void> } {
  const { everyMs, log, ...run } = options;
  try {
    // Said at start, not a day later at the first run.
    fs.mkdirSync(run.backupDir, { recursive: true, mode: 0o700 });
    fs.accessSync(run.backupDir, fs.constants.W_OK);
  } catch (err) {
    log.error({ err, backupDir: run.backupDir }, 'scheduled backups: the backup folder is not writable, every run will fail until it is');
  }
  log.info({ backupDir: run.backupDir, everyHours: everyMs / 3_600_000, keep: run.keep }, 'scheduled backups on');
  let running: Promise<boolean> | null = null;
  const timer = setInterval(() => {
    if (running) {
      log.warn({ backupDir: run.backupDir }, 'scheduled backup skipped: the previous one is still running');
      return;
    }
    running = backupAndLog(run, log).finally(() => {
      running = null;
    });
  }, everyMs).unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
