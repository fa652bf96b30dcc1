/**
 * Writes the OpenAPI document the app serves at /docs/json to test/openapi/openapi.json, the
 * committed snapshot of the API contract (`npm run openapi:snapshot`): a change to the contract then
 * shows in review. Built with the default settings, on a throwaway data folder and database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { PROJECT_ROOT } from '../paths.js';

export const OPENAPI_SNAPSHOT = path.join(PROJECT_ROOT, 'test', 'openapi', 'openapi.json');

/** The document as it is written to the snapshot: two-space JSON with a final newline. */
export function snapshotText(app: FastifyInstance): string {
  return `${JSON.stringify(app.swagger(), null, 2)}\n`;
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sello-openapi-'));
  try {
    const config = { ...loadConfig({}), dataDir, logLevel: 'silent' as const };
    const app = await buildApp({ config, logger: false, databaseFile: ':memory:', sweepIntervalMs: 0, recordCheckIntervalMs: 0 });
    await app.ready();
    fs.mkdirSync(path.dirname(OPENAPI_SNAPSHOT), { recursive: true });
    fs.writeFileSync(OPENAPI_SNAPSHOT, snapshotText(app));
    await app.close();
    console.log(`Documento OpenAPI escrito en ${path.relative(process.cwd(), OPENAPI_SNAPSHOT)}: revise el cambio antes de confirmarlo`);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
