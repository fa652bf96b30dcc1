/**
 * Public verification throughput, run on demand (`npm run bench`). Everything is
 * measured in the same run against a baseline: the same certificate lookup built
 * with drizzle's query builder on every call (unprepared), which is what the hot
 * path must not do. Results are ratios, not absolute promises.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { Bench } from 'tinybench';
import { buildApp } from '../src/app.js';
import { runDemo } from '../src/cli/demo.js';
import { loadConfig } from '../src/config.js';
import { loadCatalog } from '../src/modules/criteria/criteria-service.js';
import { certificateConditions, certificates, correctiveActions, organizations, producers } from '../src/db/schema.js';
import { createVerificationRepository } from '../src/modules/public/verification-repository.js';
import { createVerificationService } from '../src/modules/public/verification-service.js';
import { keysDirIn, openKeyStore } from '../src/signing/key-store.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sello-bench-'));
const config = { ...loadConfig({}), dataDir, logLevel: 'silent' as const, publicRateLimitPerMinute: 1_000_000_000 };

try {
  const demo = await runDemo({ config, out: () => {} });
  const app = await buildApp({ config, logger: false, sweepIntervalMs: 0 });
  const db = app.db;
  const verification = createVerificationService({
    db,
    catalog: loadCatalog(db, config.criteriaDir),
    keys: openKeyStore({ dir: keysDirIn(dataDir), now: () => new Date() }),
    now: () => new Date(),
    publicBaseUrl: config.publicBaseUrl,
  });
  const code = demo.certificateCode;
  const url = new URL(demo.verificationUrl).pathname;

  const unprepared = (c: string) => {
    const row = db
      .select({
        certificate: certificates,
        orgName: organizations.name,
        producerName: producers.name,
        consent: producers.publicNameConsent,
      })
      .from(certificates)
      .innerJoin(organizations, eq(organizations.id, certificates.organizationId))
      .innerJoin(producers, eq(producers.id, certificates.producerId))
      .where(eq(certificates.code, c))
      .get();
    if (!row) return undefined;
    const conditions = db
      .select({ id: certificateConditions.id, deadline: certificateConditions.deadline, closedAt: correctiveActions.closedAt })
      .from(certificateConditions)
      .innerJoin(correctiveActions, eq(correctiveActions.id, certificateConditions.correctiveActionId))
      .where(eq(certificateConditions.certificateId, row.certificate.id))
      .orderBy(asc(certificateConditions.deadline))
      .all();
    return { row, conditions };
  };
  // The statements /c/<code> runs, prepared once by the verification repository.
  const repository = createVerificationRepository(db);
  const prepared = (c: string) => {
    const row = repository.byCode(c);
    return row ? { row, conditions: repository.conditionsOf(row.id) } : undefined;
  };
  if (!unprepared(code) || !prepared(code)) throw new Error('the demo certificate was not found');

  const bench = new Bench({ name: 'Verificación pública', time: 1500, warmupTime: 300 });
  bench
    .add('base: consulta drizzle sin preparar', () => void unprepared(code))
    .add('consulta preparada (la de /c/<código>)', () => void prepared(code))
    .add('verify(): estado, campos públicos y firma JWS', () => void verification.verify(code))
    .add('GET /c/<código> JSON (inject)', async () => {
      const res = await app.inject({ url, headers: { accept: 'application/json' } });
      if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`);
    })
    .add('GET /c/<código> página (inject)', async () => {
      const res = await app.inject({ url, headers: { accept: 'text/html' } });
      if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`);
    });
  await bench.run();

  const baseline = bench.tasks[0]!.result!.throughput.mean;
  console.log(`${bench.name} (${new Date().toISOString()}, Node ${process.version})`);
  console.table(
    bench.tasks.map((t) => ({
      tarea: t.name,
      'ops/s': Math.round(t.result!.throughput.mean),
      'razón frente a la base': (t.result!.throughput.mean / baseline).toFixed(2),
      '± %': t.result!.throughput.rme.toFixed(1),
      muestras: t.result!.latency.samples.length,
    })),
  );
  await app.close();
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
