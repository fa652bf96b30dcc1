import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { CriteriaLoadError } from '../../src/modules/criteria/criteria-errors.js';
import { readLock, writeLock } from '../../src/modules/criteria/criteria-lock-file.js';
import { openDatabase } from '../../src/db/client.js';
import { contentHash } from '../../src/domain/content-hash.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { parse } from 'yaml';
import { buildTestApp, copyOfCriteria, tempDir, testConfig } from '../helpers/app.js';

describe('buildApp', () => {
  it('refuses to start on an invalid criteria file, naming it', async () => {
    const criteriaDir = copyOfCriteria();
    const target = path.join(criteriaDir, 'es-cj-bolivia', '2026.1.yaml');
    fs.writeFileSync(target, fs.readFileSync(target, 'utf8').replace(/^scheme: .*/m, 'scheme: otro'));
    const error = await buildApp({ config: testConfig({ criteriaDir }), logger: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CriteriaLoadError);
    expect((error as Error).message).toContain('es-cj-bolivia/2026.1.yaml');
  });

  it('refuses a published version changed after this installation loaded it, even with its lock updated', async () => {
    const criteriaDir = copyOfCriteria();
    const dataDir = tempDir();
    const first = await buildApp({ config: testConfig({ criteriaDir, dataDir }), logger: false });
    await first.close();

    const schemeDir = path.join(criteriaDir, 'es-cj-bolivia');
    const target = path.join(schemeDir, '2025.1.yaml');
    const edited = fs.readFileSync(target, 'utf8').replace(/issuingBody: .*/, 'issuingBody: "Entidad reescrita"');
    fs.writeFileSync(target, edited);
    writeLock(schemeDir, { ...readLock(schemeDir).lock, '2025.1': contentHash(parse(edited)) });

    const error = await buildApp({ config: testConfig({ criteriaDir, dataDir }), logger: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CriteriaLoadError);
    expect((error as Error).message).toContain('difiere de la que esta instalación cargó');
  });

  it('opens the database with WAL, full sync, foreign keys and a busy timeout', () => {
    const db = openDatabase({ file: path.join(tempDir(), 'x', 'sello.sqlite') });
    const pragma = (name: string) => db.$client.pragma(name, { simple: true });
    expect(pragma('journal_mode')).toBe('wal');
    expect(pragma('synchronous')).toBe(2);
    expect(pragma('foreign_keys')).toBe(1);
    expect(pragma('busy_timeout')).toBe(5000);
    db.$client.close();
  });

  it('closes the database when the app closes', async () => {
    const app = await buildTestApp();
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.json()).toMatchObject({ status: 'ok', database: { status: 'ok', journalMode: 'wal' } });
    await app.close();
    const after = await app.inject({ method: 'GET', url: '/health' }).catch((e: unknown) => e);
    expect(after).toBeInstanceOf(Error);
  });
});

/** Runs the real server entry and collects its output until it exits or `until` matches. */
function runServer(env: Record<string, string>, until?: RegExp, as?: { uid: number; gid: number }) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(PROJECT_ROOT, 'src', 'server.ts')], {
    // From the project root so that `--import tsx` resolves; data always goes to a temporary folder.
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', SELLO_DATA_DIR: path.join(tempDir(), 'data'), ...env },
    ...as,
  });
  let output = '';
  const ready = new Promise<void>((resolve) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (until?.test(output)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, ready, exited, output: () => output };
}

describe('the server process', () => {
  it('explains a bad configuration without a stack trace', async () => {
    const server = runServer({ PORT: 'ochenta' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('PORT: PORT debe ser un número');
    expect(server.output()).not.toMatch(/^\s+at /m);
  });

  it('explains invalid criteria without a stack trace', async () => {
    const criteriaDir = copyOfCriteria();
    fs.writeFileSync(path.join(criteriaDir, 'es-cj-bolivia', '2026.1.yaml'), 'scheme: [');
    const server = runServer({ SELLO_CRITERIA_DIR: criteriaDir });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('es-cj-bolivia/2026.1.yaml');
    expect(server.output()).not.toMatch(/^\s+at /m);
  });

  it('explains in one line a data folder it may not write, without a stack trace', async () => {
    const parent = tempDir();
    const dataDir = path.join(parent, 'datos');
    fs.mkdirSync(dataDir);
    // Permissions do not stop root: as root, the server runs as an unprivileged user that owns the read-only folder.
    const asRoot = process.getuid?.() === 0;
    const as = asRoot ? { uid: 65534, gid: 65534 } : undefined;
    if (as) {
      fs.chmodSync(parent, 0o755);
      fs.chownSync(dataDir, as.uid, as.gid);
    }
    fs.chmodSync(dataDir, 0o500);
    const server = runServer({ PORT: '0', SELLO_DATA_DIR: dataDir }, undefined, as);
    expect(await server.exited).toBe(1);
    const lines = server.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(`^Sello no puede iniciar\\. La carpeta de datos ${dataDir} no admite escritura \\(permiso denegado\\)`),
    );
    expect(lines[0]).toContain('SELLO_DATA_DIR');
    expect(fs.readdirSync(dataDir)).toEqual([]);
    fs.chmodSync(dataDir, 0o700);
  });

  it('explains in one line a data folder that is a file', async () => {
    const dataDir = path.join(tempDir(), 'datos');
    fs.writeFileSync(dataDir, 'no soy una carpeta');
    const server = runServer({ PORT: '0', SELLO_DATA_DIR: dataDir });
    expect(await server.exited).toBe(1);
    const lines = server.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Sello no puede iniciar\. La carpeta de datos .* no es una carpeta/);
    expect(server.output()).not.toMatch(/^\s+at /m);
  });

  it('starts on the embedded default, answers /health and stops cleanly on SIGTERM', async () => {
    const dataDir = path.join(tempDir(), 'datos');
    const server = runServer({ PORT: '0', SELLO_DATA_DIR: dataDir }, /Server listening at (http:\/\/127\.0\.0\.1:\d+)/);
    await server.ready;
    const url = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(server.output())![1]!;
    const res = await fetch(`${url}/health`);
    expect(res.status).toBe(200);
    expect(fs.existsSync(path.join(dataDir, 'sello.sqlite'))).toBe(true);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('closing');
  });
});
