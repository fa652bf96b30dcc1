import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import Database from 'better-sqlite3';
import { databaseFileIn } from '../../src/db/client.js';
import { verifyBackup } from '../../src/modules/backup/backup.js';
import { BACKUP_MANIFEST_FILE, writeManifest } from '../../src/modules/backup/backup-folder.js';
import { signedAuditHead, writeCheckpoint } from '../../src/modules/audit/audit-head.js';
import { keysDirIn, openKeyStore } from '../../src/signing/key-store.js';
import { buildTestApp, tempDir } from '../helpers/app.js';
import { runSello } from '../helpers/cli.js';
import { countRows, seedUser, type TestUser } from '../helpers/auth.js';

async function cli(dataDir: string, ...args: string[]) {
  return runSello(args, { dataDir });
}

type World = { app: FastifyInstance; dataDir: string; admin: TestUser; target: TestUser };

/** An app on its own data folder, with no checkpoint unless a test writes one. */
async function world(options: { auditCheckpointIntervalMs?: number } = {}): Promise<World> {
  const dataDir = tempDir();
  const app = await buildTestApp({ dataDir }, { auditCheckpointIntervalMs: 0, ...options });
  const admin = await seedUser(app, { role: 'admin' });
  const target = await seedUser(app, { role: 'commission' });
  return { app, dataDir, admin, target };
}

/** Renames the target `times` times: each rename is one more audit entry (an update, so deleting it orphans no row). */
async function renames(w: World, times: number): Promise<void> {
  for (let i = 0; i < times; i += 1) {
    await request(w.app.server)
      .patch(`/api/v1/users/${w.target.user.id}`)
      .set(w.admin.headers)
      .send({ displayName: `Nombre ${Math.random()}` })
      .expect(200);
  }
}

const lastSeq = (app: FastifyInstance) => (app.db.$client.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number | null) ?? 0;

/** What an attacker with the database file does: drops the guard and removes the newest `n` entries. */
function deleteLastEntries(app: FastifyInstance, n: number): void {
  const sqlite = app.db.$client;
  sqlite.exec('DROP TRIGGER IF EXISTS audit_log_no_delete');
  sqlite.prepare('DELETE FROM audit_log WHERE seq > ?').run(lastSeq(app) - n);
}

function saveHead(head: unknown): string {
  const file = path.join(tempDir('sello-head-'), 'cabeza.json');
  fs.writeFileSync(file, typeof head === 'string' ? head : JSON.stringify(head));
  return file;
}

const keysOf = (w: World) => openKeyStore({ dir: keysDirIn(w.dataDir), now: () => new Date(), create: false });

describe('signed audit head', () => {
  it('is served to admin and commission, and `audit verify --head` accepts it while the trail only grows', async () => {
    const w = await world();
    await renames(w, 2);
    const res = await request(w.app.server).get('/api/v1/audit/head').set(w.target.headers).expect(200);
    expect(res.body).toMatchObject({ entries: lastSeq(w.app), timestamp: expect.stringMatching(/Z$/) });
    expect(res.body.head).toBe(w.app.db.$client.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(res.body.entries));
    const file = saveHead(res.body);
    await renames(w, 2);

    const result = await cli(w.dataDir, 'audit', 'verify', '--head', file);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain(`OK: el historial contiene, sin cambios, las ${res.body.entries} entradas de la cabeza firmada el`);
  });

  it('`sello audit head` prints it as JSON; deleting the newest entries passes the chain but not the head', async () => {
    const w = await world();
    await renames(w, 3);
    const printed = await cli(w.dataDir, 'audit', 'head');
    expect(printed.code).toBe(0);
    const head = JSON.parse(printed.out) as { entries: number; timestamp: string };
    expect(head.entries).toBe(lastSeq(w.app));
    const file = saveHead(printed.out);

    deleteLastEntries(w.app, 2);
    // The chain alone cannot tell: what is left is a valid, shorter chain.
    expect((await cli(w.dataDir, 'audit', 'verify')).code).toBe(0);
    const result = await cli(w.dataDir, 'audit', 'verify', '--head', file);
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      `El historial tiene ${head.entries - 2} entradas, menos que las ${head.entries} de la cabeza firmada el ${head.timestamp}: se borraron entradas`,
    );
  });

  it('fails when the newest entries were replaced by others: the trail is as long, but rewritten', async () => {
    const w = await world();
    await renames(w, 2);
    const file = saveHead((await cli(w.dataDir, 'audit', 'head')).out);
    const { entries } = JSON.parse(fs.readFileSync(file, 'utf8')) as { entries: number };
    deleteLastEntries(w.app, 2);
    await renames(w, 3);
    expect(lastSeq(w.app)).toBe(entries + 1);

    const result = await cli(w.dataDir, 'audit', 'verify', '--head', file);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^OK: \d+ entradas, cadena íntegra/);
    expect(result.err).toContain(`no contiene la entrada ${entries} de la cabeza firmada`);
    expect(result.err).toContain('se reescribió la historia');
  });

  it('refuses a forged, foreign or mistyped head, and a file that is not a head', async () => {
    const w = await world();
    await renames(w, 1);
    const genuine = signedAuditHead(w.app.db, keysOf(w), () => new Date());
    const refused = async (content: unknown, message: string | RegExp) => {
      const result = await cli(w.dataDir, 'audit', 'verify', '--head', saveHead(content));
      expect(result.code).toBe(1);
      expect(result.err).toMatch(message);
    };
    const badSignature = /la firma de la cabeza no es válida con las claves publicadas/;

    expect((await cli(w.dataDir, 'audit', 'verify', '--head', saveHead(genuine))).code).toBe(0);
    // Lowered to fit a shortened trail, keeping the signature.
    await refused({ ...genuine, entries: genuine.entries - 1 }, badSignature);
    // Signed by a key that is not published.
    const stranger = openKeyStore({ dir: tempDir('sello-keys-'), now: () => new Date() });
    await refused(
      signedAuditHead(w.app.db, stranger, () => new Date()),
      badSignature,
    );
    // Signed by the published key, but as another kind of document.
    const { signature: _, ...payload } = genuine;
    await refused({ ...genuine, signature: keysOf(w).signSync(payload, 'sello-sth+jws') }, badSignature);
    // A transparency tree head is not an audit head.
    await refused({ treeSize: 1, rootHash: 'x', timestamp: genuine.timestamp, signature: genuine.signature }, /no es una cabeza firmada/);
    await refused('esto no es JSON', /no se puede leer como JSON/);
  });
});

describe('audit checkpoints', () => {
  it('are written only when the trail grew, and `audit verify` names the one the trail no longer reaches', async () => {
    const w = await world();
    const keys = keysOf(w);
    const first = writeCheckpoint(w.app.db, keys, () => new Date());
    expect(first).toMatchObject({ entries: lastSeq(w.app) });
    expect(writeCheckpoint(w.app.db, keys, () => new Date())).toBeNull();
    expect(countRows(w.app, 'audit_checkpoints')).toBe(1);

    await renames(w, 2);
    const second = writeCheckpoint(w.app.db, keys, () => new Date())!;
    expect(second.entries).toBe(first!.entries + 2);
    expect(countRows(w.app, 'audit_checkpoints')).toBe(2);
    const ok = await cli(w.dataDir, 'audit', 'verify');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('OK: 2 puntos de control firmados, todos contenidos en el historial');

    deleteLastEntries(w.app, 1);
    const result = await cli(w.dataDir, 'audit', 'verify');
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      `El historial tiene ${second.entries - 1} entradas, menos que las ${second.entries} del punto de control firmado el ${second.timestamp}: se borraron entradas`,
    );
    // Nothing new to anchor: the trail is shorter than the last checkpoint.
    expect(writeCheckpoint(w.app.db, keys, () => new Date())).toBeNull();
  });

  it('are checked for their signature, and refused UPDATE and DELETE by the database', async () => {
    const w = await world();
    writeCheckpoint(w.app.db, keysOf(w), () => new Date());
    const sqlite = w.app.db.$client;
    expect(() => sqlite.prepare("UPDATE audit_checkpoints SET at = 'x'").run()).toThrow(/solo anexado/);
    expect(() => sqlite.prepare('DELETE FROM audit_checkpoints').run()).toThrow(/solo anexado/);

    sqlite.exec('DROP TRIGGER audit_checkpoints_no_update');
    sqlite.prepare("UPDATE audit_checkpoints SET at = '2020-01-01T00:00:00.000Z'").run();
    const result = await cli(w.dataDir, 'audit', 'verify');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/El punto de control de la entrada \d+ \(firmado el 2020-01-01T00:00:00.000Z\) no tiene una firma válida/);
  });

  it('are written by the app at start and on its timer, only when the trail grew', async () => {
    const w = await world();
    await w.app.close();
    const app = await buildTestApp({ dataDir: w.dataDir }, { auditCheckpointIntervalMs: 20 });
    const newest = () => app.db.$client.prepare('SELECT max(seq) FROM audit_checkpoints').pluck().get();
    expect(countRows(app, 'audit_checkpoints')).toBe(1);
    expect(newest()).toBe(lastSeq(app));

    await renames({ ...w, app }, 2);
    await vi.waitFor(() => expect(newest()).toBe(lastSeq(app)));
    const written = countRows(app, 'audit_checkpoints');
    expect(written).toBeGreaterThan(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(countRows(app, 'audit_checkpoints')).toBe(written);
  });

  it('are checked in a backup: a copy of a trail that lost entries is refused', async () => {
    const w = await world();
    await renames(w, 2);
    const checkpoint = writeCheckpoint(w.app.db, keysOf(w), () => new Date())!;
    const folder = path.join(tempDir('sello-backup-'), 'copia');
    const good = await cli(w.dataDir, 'backup', folder);
    expect(good.err).toBe('');
    expect(good.code).toBe(0);

    deleteLastEntries(w.app, 2);
    const bad = await cli(w.dataDir, 'backup', path.join(tempDir('sello-backup-'), 'copia'));
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(`menos que las ${checkpoint.entries} del punto de control firmado el ${checkpoint.timestamp}`);
  });

  it('a copy made before checkpoints existed still verifies, so it can be restored', async () => {
    const w = await world();
    writeCheckpoint(w.app.db, keysOf(w), () => new Date());
    const folder = path.join(tempDir('sello-backup-'), 'copia');
    expect((await cli(w.dataDir, 'backup', folder)).code).toBe(0);
    // As the copy would be had it been made before the table existed.
    const copy = new Database(databaseFileIn(folder));
    copy.exec('DROP TABLE audit_checkpoints');
    copy.close();
    fs.rmSync(path.join(folder, BACKUP_MANIFEST_FILE));
    writeManifest(folder, new Date());
    expect(await verifyBackup(folder)).toMatchObject({ problems: [] });
  });
});
