/**
 * Scheduled backups into one folder: each run writes a checked copy named by its UTC time and
 * only then removes the oldest beyond the number to keep, never anything else in the folder.
 * The runs are called directly with a fixed clock, on a live app's data folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseFileIn } from '../../src/db/client.js';
import { BACKUP_MANIFEST_FILE } from '../../src/modules/backup/backup-folder.js';
import { verifyBackup } from '../../src/modules/backup/backup.js';
import { backupAndLog, runScheduledBackup, scheduledBackupName } from '../../src/modules/backup/scheduled-backup.js';
import { keysDirIn } from '../../src/signing/key-store.js';
import { buildTestApp, tempDir } from '../helpers/app.js';
import { seedOrganization } from '../helpers/auth.js';

/** A live app on its own data folder, with something in the database. */
async function liveData() {
  const dataDir = tempDir();
  const app = await buildTestApp({ dataDir });
  seedOrganization(app, 'Cooperativa de las copias');
  return { app, dataDir, backupDir: path.join(tempDir(), 'copias') };
}

/** A clock that moves one hour each time a run asks it, from 2026-11-29 12:00 UTC. */
function hourlyClock() {
  let at = Date.parse('2026-11-29T12:00:00Z');
  return { next: () => (at += 3_600_000), now: () => new Date(at) };
}

const entries = (dir: string) => fs.readdirSync(dir).sort();

/** A logger that keeps what it is told, to read what a run reported. */
function collectingLog() {
  const lines: { level: string; message: string }[] = [];
  const at = (level: string) => (_fields: object, message: string) => void lines.push({ level, message });
  return { lines, log: { info: at('info'), warn: at('warn'), error: at('error') } as never };
}

describe('scheduled backups', () => {
  it('names copies by their UTC time', () => {
    expect(scheduledBackupName(new Date('2026-11-29T08:05:09.400-04:00'))).toBe('sello-20261129-120509');
  });

  it('keeps the newest copies, each verified, and removes the oldest only after a new one verifies', async () => {
    const { app, dataDir, backupDir } = await liveData();
    const clock = hourlyClock();
    const made: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      clock.next();
      if (i === 2) seedOrganization(app, 'Asociación de la tercera copia');
      const result = await runScheduledBackup({ dataDir, backupDir, keep: 2, now: clock.now });
      made.push(result.folder);
      expect(result.removed).toEqual(i === 2 ? [made[0]] : []);
    }
    expect(entries(backupDir)).toEqual(['sello-20261129-140000', 'sello-20261129-150000']);
    for (const name of entries(backupDir)) expect((await verifyBackup(path.join(backupDir, name))).problems).toEqual([]);
    // The newest copy holds what was written just before it.
    const copied = fs.readFileSync(databaseFileIn(path.join(backupDir, 'sello-20261129-150000')));
    expect(copied.includes('Asociación de la tercera copia')).toBe(true);
  });

  it('never removes what it did not write: other folders, files, links or copies without their manifest', async () => {
    const { dataDir, backupDir } = await liveData();
    fs.mkdirSync(path.join(backupDir, 'fotos-de-la-feria'), { recursive: true });
    fs.mkdirSync(path.join(backupDir, 'sello-20200101-000000'));
    fs.writeFileSync(path.join(backupDir, 'sello-20200101-000000', 'nota.txt'), 'sin manifiesto');
    fs.writeFileSync(path.join(backupDir, 'sello-20200101-000001'), 'un archivo, no una carpeta');
    const elsewhere = path.join(tempDir(), 'sello-20200101-000002');
    fs.mkdirSync(elsewhere);
    fs.writeFileSync(path.join(elsewhere, BACKUP_MANIFEST_FILE), '{}');
    fs.symlinkSync(elsewhere, path.join(backupDir, 'sello-20200101-000002'));
    fs.mkdirSync(path.join(backupDir, 'sello-manual'));
    fs.writeFileSync(path.join(backupDir, 'sello-manual', BACKUP_MANIFEST_FILE), '{}');
    const foreign = entries(backupDir);

    const clock = hourlyClock();
    for (let i = 0; i < 3; i += 1) {
      clock.next();
      await runScheduledBackup({ dataDir, backupDir, keep: 1, now: clock.now });
    }
    expect(entries(backupDir)).toEqual([...foreign, 'sello-20261129-150000'].sort());
    expect(fs.existsSync(path.join(elsewhere, BACKUP_MANIFEST_FILE))).toBe(true);
  });

  it('keeps the old copies and logs an error when a new copy does not verify, leaving no half copy', async () => {
    const { dataDir, backupDir } = await liveData();
    const clock = hourlyClock();
    for (let i = 0; i < 2; i += 1) {
      clock.next();
      await runScheduledBackup({ dataDir, backupDir, keep: 2, now: clock.now });
    }
    const before = entries(backupDir);
    // The signing keys are gone from the data folder: a copy without them is no copy to count on.
    fs.rmSync(keysDirIn(dataDir), { recursive: true });
    clock.next();
    const { lines, log } = collectingLog();
    expect(await backupAndLog({ dataDir, backupDir, keep: 2, now: clock.now }, log)).toBe(false);
    expect(lines).toEqual([{ level: 'error', message: 'scheduled backup failed: older copies kept' }]);
    expect(entries(backupDir)).toEqual(before);
    for (const name of before) expect((await verifyBackup(path.join(backupDir, name))).problems).toEqual([]);
  });

  it.skipIf(process.getuid?.() === 0)('keeps the old copies when the backup folder is not writable', async () => {
    const { dataDir, backupDir } = await liveData();
    const clock = hourlyClock();
    clock.next();
    await runScheduledBackup({ dataDir, backupDir, keep: 1, now: clock.now });
    const before = entries(backupDir);
    fs.chmodSync(backupDir, 0o500);
    try {
      clock.next();
      const { lines, log } = collectingLog();
      expect(await backupAndLog({ dataDir, backupDir, keep: 1, now: clock.now }, log)).toBe(false);
      expect(lines.map((l) => l.level)).toEqual(['error']);
      expect(entries(backupDir)).toEqual(before);
    } finally {
      fs.chmodSync(backupDir, 0o700);
    }
  });

  it('is started by the app from its settings, first after one interval, and stops when the app closes', async () => {
    const dataDir = tempDir();
    const backupDir = path.join(tempDir(), 'copias');
    const app = await buildTestApp({ dataDir, backup: { dir: backupDir, everyHours: 24, keep: 2 } }, { backupEveryMs: 1500 });
    // The folder is made at start, the first copy only after one interval.
    expect(entries(backupDir)).toEqual([]);
    const deadline = Date.now() + 20_000;
    while (entries(backupDir).length === 0) {
      if (Date.now() >= deadline) throw new Error('No se hizo ninguna copia programada');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await app.close();
    const after = entries(backupDir);
    await new Promise((resolve) => setTimeout(resolve, 1800));
    expect(entries(backupDir)).toEqual(after);
    expect(after.every((name) => /^sello-\d{8}-\d{6}$/.test(name))).toBe(true);
  });

  it('logs a good run with the copy it made', async () => {
    const { dataDir, backupDir } = await liveData();
    const { lines, log } = collectingLog();
    expect(await backupAndLog({ dataDir, backupDir, keep: 3, now: () => new Date('2026-11-29T12:00:00Z') }, log)).toBe(true);
    expect(lines).toEqual([{ level: 'info', message: 'scheduled backup written and verified' }]);
    expect(entries(backupDir)).toEqual(['sello-20261129-120000']);
  });
});
