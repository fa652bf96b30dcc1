import fs from 'node:fs';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { databaseFileIn, openDatabase } from '../../src/db/client.js';
import { BACKUP_MANIFEST_FILE, filesUnder } from '../../src/modules/backup/backup-folder.js';
import { verifyBackup } from '../../src/modules/backup/backup.js';
import { keysDirIn, openKeyStore } from '../../src/signing/key-store.js';
import { tempDir } from '../helpers/app.js';
import { runSello } from '../helpers/cli.js';
import { seedOrganization } from '../helpers/auth.js';
import { cycleToCommission } from '../helpers/cycle.js';

async function sello(dataDir: string, ...args: string[]) {
  return runSello(args, { dataDir });
}

const mode = (file: string) => fs.statSync(file).mode & 0o777;

/** A certificate issued (one transparency log entry) and a photo uploaded as evidence. */
async function certifiedWithPhoto() {
  const c = await cycleToCommission();
  const canvas = createCanvas(160, 120);
  canvas.getContext('2d').fillRect(0, 0, 160, 120);
  await c.api
    .post(`/api/v1/dossiers/${c.dossier.id}/evidence?visitId=${c.visitId}`)
    .set(c.committee.headers)
    .set('content-type', 'image/jpeg')
    .send(canvas.encodeSync('jpeg', 80))
    .expect(201);
  await c.toCommission();
  const session = await c.openSession();
  await c.decide(session.id, { proposedOutcome: 'approved', sealLevel: 'pleno' }, c.members).expect(201);
  return c;
}

const organizationsIn = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM organizations').pluck().get() as number;
  } finally {
    db.close();
  }
};

describe('sello backup', () => {
  it('takes verified copies while the service keeps writing', async () => {
    const c = await certifiedWithPhoto();
    // Enough pages that the online backup needs more than one step, so writes fall between them.
    for (let i = 0; i < 600; i++) seedOrganization(c.app);
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        seedOrganization(c.app);
        written += 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();

    const copies: string[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        const folder = path.join(tempDir('sello-backup-'), `copia-${i}`);
        const result = await sello(c.dataDir, 'backup', folder);
        expect(result.err).toBe('');
        expect(result.code).toBe(0);
        expect(result.out).toContain(`Copia hecha en ${folder}`);
        copies.push(folder);
      }
    } finally {
      writing = false;
      await writer;
    }

    expect(written).toBeGreaterThan(0);
    const pages = new Database(databaseFileIn(copies[0]!), { readonly: true });
    expect(pages.pragma('page_count', { simple: true })).toBeGreaterThan(100);
    pages.close();
    const counts: number[] = [];
    for (const folder of copies) {
      expect(await verifyBackup(folder)).toMatchObject({ problems: [], logEntries: 1, evidenceFiles: 1 });
      counts.push(organizationsIn(databaseFileIn(folder)));
    }
    expect(counts[2]).toBeGreaterThan(counts[0]!);
    expect(filesUnder(copies[0]!)).toEqual(expect.arrayContaining(['sello.sqlite', BACKUP_MANIFEST_FILE, 'keys/manifest.json']));
    expect(filesUnder(copies[0]!).some((f) => f.startsWith('evidence/'))).toBe(true);
  });

  it('writes folders 0700 and files 0600, keys and evidence included', async () => {
    const c = await certifiedWithPhoto();
    const folder = path.join(tempDir('sello-backup-'), 'copia');
    expect((await sello(c.dataDir, 'backup', folder)).code).toBe(0);
    expect(mode(folder)).toBe(0o700);
    expect(mode(keysDirIn(folder))).toBe(0o700);
    expect(mode(path.join(folder, 'evidence'))).toBe(0o700);
    for (const file of filesUnder(folder)) expect([file, mode(path.join(folder, file))]).toEqual([file, 0o600]);
  });

  it('refuses a target folder that is not empty', async () => {
    const c = await certifiedWithPhoto();
    const folder = tempDir('sello-backup-');
    fs.writeFileSync(path.join(folder, 'otra-cosa.txt'), 'no tocar');
    const result = await sello(c.dataDir, 'backup', folder);
    expect(result.code).toBe(1);
    expect(result.err).toContain('ya existe y no está vacía');
    expect(fs.readdirSync(folder)).toEqual(['otra-cosa.txt']);
  });
});

describe('sello restore', () => {
  it('brings a backup back and keeps the current data aside', async () => {
    const c = await certifiedWithPhoto();
    const folder = path.join(tempDir('sello-backup-'), 'copia');
    expect((await sello(c.dataDir, 'backup', folder)).code).toBe(0);
    const before = organizationsIn(databaseFileIn(folder));
    seedOrganization(c.app, 'Asociación registrada después de la copia');

    const running = await sello(c.dataDir, 'restore', folder);
    expect(running.code).toBe(1);
    expect(running.err).toContain('Detenga el servicio');

    await c.app.close();
    const result = await sello(c.dataDir, 'restore', folder);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const aside = fs.readdirSync(c.dataDir).filter((name) => name.includes('.antes-'));
    expect(aside.map((n) => n.replace(/\.antes-\d{8}T\d{6}$/, '')).sort()).toEqual(['evidence', 'keys', 'sello.sqlite']);
    const oldDatabase = path.join(
      c.dataDir,
      aside.find((n) => n.startsWith('sello.sqlite'))!,
    );
    expect(organizationsIn(oldDatabase)).toBe(before + 1);
    expect(organizationsIn(databaseFileIn(c.dataDir))).toBe(before);

    // The restored data opens as the service opens it, and verifies.
    openDatabase({ file: databaseFileIn(c.dataDir) }).$client.close();
    expect((await sello(c.dataDir, 'audit', 'verify')).code).toBe(0);
    expect((await sello(c.dataDir, 'log', 'verify')).code).toBe(0);
    expect(mode(databaseFileIn(c.dataDir))).toBe(0o600);
    expect(mode(path.join(c.dataDir, 'evidence'))).toBe(0o700);
    const keys = openKeyStore({ dir: keysDirIn(c.dataDir), now: () => new Date(), create: false });
    expect(keys.activeKid).toBe(openKeyStore({ dir: keysDirIn(folder), now: () => new Date(), create: false }).activeKid);
  });

  it('refuses a backup whose database or manifest was tampered with, and touches nothing', async () => {
    const c = await certifiedWithPhoto();
    const folder = path.join(tempDir('sello-backup-'), 'copia');
    expect((await sello(c.dataDir, 'backup', folder)).code).toBe(0);
    await c.app.close();
    const dataBefore = fs.readdirSync(c.dataDir).sort();

    const database = databaseFileIn(folder);
    const original = fs.readFileSync(database);
    const flipped = Buffer.from(original);
    flipped[flipped.length - 100] = flipped[flipped.length - 100]! ^ 0xff;
    fs.writeFileSync(database, flipped);
    const corrupt = await sello(c.dataDir, 'restore', folder);
    expect(corrupt.code).toBe(1);
    expect(corrupt.err).toContain('El archivo sello.sqlite no corresponde a su huella');
    expect(corrupt.err).toContain('no se restauró nada');
    fs.writeFileSync(database, original);

    const manifestFile = path.join(folder, BACKUP_MANIFEST_FILE);
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { files: Record<string, string> };
    const photo = Object.keys(manifest.files).find((f) => f.startsWith('evidence/'))!;
    manifest.files[photo] = '0'.repeat(64);
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
    const tampered = await sello(c.dataDir, 'restore', folder);
    expect(tampered.code).toBe(1);
    expect(tampered.err).toContain(`El archivo ${photo} no corresponde a su huella`);

    expect(fs.readdirSync(c.dataDir).sort()).toEqual(dataBefore);
  });
});

describe('data files', () => {
  it('are readable by the service user only: data folder 0700, database and its WAL files 0600', () => {
    const dataDir = path.join(tempDir(), 'datos', 'sello');
    const db = openDatabase({ file: databaseFileIn(dataDir) });
    try {
      expect(mode(dataDir)).toBe(0o700);
      for (const suffix of ['', '-wal', '-shm']) expect(mode(`${databaseFileIn(dataDir)}${suffix}`)).toBe(0o600);
    } finally {
      db.$client.close();
    }
  });

  it('keeps uploaded evidence in folders 0700 and files 0600', async () => {
    const c = await certifiedWithPhoto();
    const evidence = path.join(c.dataDir, 'evidence');
    const files = filesUnder(evidence);
    expect(files).toHaveLength(1);
    expect(mode(evidence)).toBe(0o700);
    expect(mode(path.dirname(path.join(evidence, files[0]!)))).toBe(0o700);
    expect(mode(path.join(evidence, files[0]!))).toBe(0o600);
  });
});
