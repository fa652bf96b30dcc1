/** Builds the real app on a fresh database for each test, with logs silenced. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach } from 'vitest';
import { buildApp, type AppOptions } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { PROJECT_ROOT } from '../../src/paths.js';

export const REAL_CRITERIA_DIR = path.join(PROJECT_ROOT, 'criteria');

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** A temporary folder removed after the test. */
export function tempDir(prefix = 'sello-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A copy of the real criteria folder that a test may break. */
export function copyOfCriteria(): string {
  const dir = path.join(tempDir('sello-criteria-'), 'criteria');
  fs.cpSync(REAL_CRITERIA_DIR, dir, { recursive: true });
  return dir;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), dataDir: tempDir('sello-data-'), logLevel: 'silent', ...overrides };
}

export async function buildTestApp(overrides: Partial<Config> = {}, options: Omit<AppOptions, 'config'> = {}): Promise<FastifyInstance> {
  const app = await buildApp({ config: testConfig(overrides), logger: false, sweepIntervalMs: 0, ...options });
  cleanups.push(() => app.close());
  return app;
}
