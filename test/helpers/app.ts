/** Builds the real app on a fresh database for each test, with logs silenced. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach } from 'vitest';
import { buildApp, type AppOptions } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import type { CriteriaVersion } from '../../src/domain/criteria.js';
import { loadCriteria } from '../../src/modules/criteria/criteria-loader.js';
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

/**
 * The cheapest argon2id cost argon2 accepts in practice (1 MiB, 1 pass): tests hash dozens of
 * seeded passwords, and the production cost (config.ts) would make that most of their time.
 */
export const TEST_PASSWORD_HASHING = { memoryCost: 1024, timeCost: 1 };

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), dataDir: tempDir('sello-data-'), logLevel: 'silent', passwordHashing: TEST_PASSWORD_HASHING, ...overrides };
}

/** Every table whose rows are written by the application, with the audit entity that records them. */
export const AUDITED_TABLES: Record<string, string> = {
  organizations: 'organization',
  committees: 'committee',
  producers: 'producer',
  persons: 'person',
  person_ties: 'person_tie',
  users: 'user',
  api_tokens: 'api_token',
  dossiers: 'dossier',
  visits: 'visit',
  corrective_actions: 'corrective_action',
  evidence_files: 'evidence',
  commission_sessions: 'commission_session',
  decisions: 'decision',
  certificates: 'certificate',
  appeals: 'appeal',
  complaints: 'complaint',
  training_records: 'training_record',
};

/** Rows of audited tables that have no audit entry: every write must leave one. */
export function unauditedRows(app: FastifyInstance): string[] {
  return Object.entries(AUDITED_TABLES).flatMap(([table, entity]) =>
    (
      app.db.$client
        .prepare(`SELECT t.id FROM ${table} t WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = ? AND a.entity_id = t.id)`)
        .all(entity) as { id: string }[]
    ).map((r) => `${table} ${r.id}`),
  );
}

/** The real criteria folder, read once per test file: every app built on it gets its own copy. */
let realCriteria: CriteriaVersion[] | undefined;
function realCriteriaVersions(): CriteriaVersion[] {
  if (!realCriteria) {
    const { versions, problems } = loadCriteria(REAL_CRITERIA_DIR);
    if (problems.length > 0) throw new Error(`Los criterios reales no cargan: ${JSON.stringify(problems)}`);
    realCriteria = versions;
  }
  return structuredClone(realCriteria);
}

export async function buildTestApp(overrides: Partial<Config> = {}, options: Omit<AppOptions, 'config'> = {}): Promise<FastifyInstance> {
  const config = testConfig(overrides);
  // A test that points at its own (perhaps broken) criteria folder gets it read by the app, as at start.
  const criteria = config.criteriaDir === REAL_CRITERIA_DIR ? realCriteriaVersions() : undefined;
  const app = await buildApp({ config, logger: false, sweepIntervalMs: 0, recordCheckIntervalMs: 0, criteria, ...options });
  cleanups.push(async () => {
    // Checked after every test that built an app: a write without its audit entry fails the test.
    const missing = app.db.$client.open ? unauditedRows(app) : [];
    await app.close();
    if (missing.length > 0) throw new Error(`Escrituras sin entrada en el historial: ${missing.join(', ')}`);
  });
  return app;
}
