/**
 * `npm run bench -- <carpeta> [--duracion 10] [--rondas 3] [--conexiones 50] [--pdf-por-segundo 20] [--sin-compilar]`:
 * public verification over real HTTP, on a folder filled by `npm run bench:seed`. In one run it
 * measures a bare service (bare-server.ts: Fastify, one prepared statement, a small answer) and
 * Sello built for production (as `npm start` runs it), both started here on the same database, in
 * interleaved rounds; the table gives each Sello endpoint's rate as a ratio to the bare service's.
 * Servers run on core 0 and the load generator (autocannon, in this process) on core 1, when taskset exists.
 */
import autocannon, { type Result } from 'autocannon';
import Database from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { databaseFileIn } from '../src/db/client.js';
import { PROJECT_ROOT } from '../src/paths.js';
import { formatTable, parseCpuTicks, parseVmRss, summarize, type Measurement, type Round } from './report.js';
import { TOKEN_FILE } from './seed-writer.js';

const PINNED_ENV = 'SELLO_BENCH_PINNED';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    duracion: { type: 'string', default: '10' },
    rondas: { type: 'string', default: '3' },
    conexiones: { type: 'string', default: '50' },
    'pdf-por-segundo': { type: 'string', default: '20' },
    'conexiones-registro': { type: 'string', default: '50' },
    'sin-compilar': { type: 'boolean', default: false },
    'sin-registro': { type: 'boolean', default: false },
  },
});
const seconds = Number(values.duracion);
const rounds = Number(values.rondas);
const connections = Number(values.conexiones);
const pdfRate = Number(values['pdf-por-segundo']);
const registryConnections = Number(values['conexiones-registro']);
const folder = positionals[0];
if (!folder || ![seconds, rounds, connections, registryConnections].every((n) => Number.isInteger(n) && n > 0) || !(pdfRate >= 0)) {
  console.error(
    'Uso: npm run bench -- <carpeta sembrada con npm run bench:seed> [--duracion 10] [--rondas 3] [--conexiones 50] [--pdf-por-segundo 20] [--conexiones-registro 50] [--sin-registro] [--sin-compilar]',
  );
  process.exit(2);
}
const dataDir = path.resolve(folder);
const dbFile = databaseFileIn(dataDir);
if (!fs.existsSync(dbFile)) {
  console.error(`${dataDir} no tiene base de datos: llénela antes con npm run bench:seed -- ${folder}`);
  process.exit(2);
}

// Two cores or more and taskset: this process (the load generator) moves to core 1, the servers go to core 0.
// (Once moved, this process sees a single core: the variable says the parent already checked.)
const canPin =
  process.env[PINNED_ENV] === '1' || (os.availableParallelism() >= 2 && spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status === 0);
if (canPin && !process.env[PINNED_ENV]) {
  const child = spawnSync('taskset', ['-c', '1', process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, [PINNED_ENV]: '1' },
  });
  process.exit(child.status ?? 1);
}
const onCore0 = (command: string[]) => (canPin ? ['taskset', '-c', '0', ...command] : command);

// The seeded codes and ids: each request asks for one at random, so no single row stays hot.
const db = new Database(dbFile, { readonly: true });
const certs = db.prepare<[], { id: string; code: string }>('SELECT id, code FROM certificates').all();
const busiest = db
  .prepare<[], { municipality: string }>('SELECT municipality FROM organizations GROUP BY municipality ORDER BY count(*) DESC LIMIT 1')
  .get();
db.close();
if (certs.length === 0 || !busiest) {
  console.error(`${dbFile} no tiene certificados: llénela con npm run bench:seed`);
  process.exit(2);
}
const randomCert = () => certs[Math.floor(Math.random() * certs.length)]!;
const fixed = certs[Math.floor(certs.length / 2)]!;
const tokenFile = path.join(dataDir, TOKEN_FILE);
const token = fs.existsSync(tokenFile) ? fs.readFileSync(tokenFile, 'utf8').trim() : null;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

type Server = { name: string; url: string; child: ChildProcess; output: () => string };

async function start(name: string, command: string[], env: NodeJS.ProcessEnv, url: string, readyPath: string): Promise<Server> {
  const [bin, ...args] = onCore0(command);
  const started = Date.now();
  const child = spawn(bin!, args, { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const server = { name, url, child, output: () => output };
  // Sello records what time did to every certificate before it listens: on a large base that takes a while.
  const deadline = Date.now() + 900_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${url}${readyPath}`)).status < 500) {
        console.log(`${name} respondió ${((Date.now() - started) / 1000).toFixed(1)} s después de arrancar.`);
        return server;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill();
  throw new Error(`${name} no arrancó:\n${output}`);
}

async function stop(server: Server | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null) return;
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  if (server.child.exitCode === null) server.child.kill('SIGKILL');
}

/** The highest VmRSS of the process while `run` runs, sampled every 100 ms. */
async function withRss<T>(pid: number | undefined, run: () => Promise<T>): Promise<{ result: T; rssMaxBytes: number | null }> {
  let max: number | null = null;
  const sample = () => {
    try {
      const rss = parseVmRss(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (rss !== null) max = Math.max(max ?? 0, rss);
    } catch {
      // No /proc (not Linux) or the process ended: memory is not reported.
    }
  };
  sample();
  const timer = setInterval(sample, 100);
  try {
    const result = await run();
    sample();
    return { result, rssMaxBytes: max };
  } finally {
    clearInterval(timer);
  }
}

type Target = {
  label: string;
  server: () => Server;
  accept: string;
  path: () => string;
  baseline?: string;
  headers?: Record<string, string>;
  /** Fewer connections than the others (the registry: see below). */
  connections?: number;
};

const load = (target: Target, opts: { seconds: number; connections: number; overallRate?: number }) =>
  autocannon({
    url: target.server().url,
    connections: opts.connections,
    duration: opts.seconds,
    timeout: 60,
    ...(opts.overallRate ? { overallRate: opts.overallRate } : {}),
    headers: { accept: target.accept, ...target.headers },
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: target.path() }) }],
  });

async function measure(target: Target, opts: { seconds: number; connections: number }): Promise<Round> {
  const { result, rssMaxBytes } = await withRss(target.server().child.pid, () =>
    load(target, { ...opts, connections: target.connections ?? opts.connections }),
  );
  await settle(target.server());
  return toRound(result, rssMaxBytes);
}

const toRound = (result: Result, rssMaxBytes: number | null): Round => ({
  requestsPerSecond: result.requests.average,
  p50: result.latency.p50,
  p99: result.latency.p99,
  rssMaxBytes,
  non2xx: result.non2xx,
  errors: result.errors,
  completed: result.requests.total,
});

/**
 * Waits until the server stops working: requests the load generator gave up on (a slow
 * registry page) are still being answered after a measurement ends, and would slow the next.
 */
async function settle(server: Server): Promise<void> {
  const ticks = () => {
    try {
      return parseCpuTicks(fs.readFileSync(`/proc/${server.child.pid}/stat`, 'utf8'));
    } catch {
      return null;
    }
  };
  const deadline = Date.now() + 600_000;
  let before = ticks();
  while (before !== null && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    const now = ticks();
    // Under 5 ticks in half a second (a tenth of a core at 100 Hz): idle.
    if (now === null || now - before < 5) return;
    before = now;
  }
  if (before !== null) console.log(`  (${server.name} siguió ocupado 10 minutos después de la medición)`);
}

let bare: Server | undefined;
let sello: Server | undefined;
try {
  let selloCommand: string[];
  if (values['sin-compilar']) {
    selloCommand = [process.execPath, '--import', 'tsx', 'src/server.ts'];
  } else {
    console.log('Compilando Sello (npm run build) para medir el código de producción…');
    const build = spawnSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (build.status !== 0) throw new Error('npm run build falló');
    // What `npm start` runs (its Node flags included), with this Node.
    const [, ...startArgs] = (
      JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }
    ).scripts.start.split(/\s+/);
    selloCommand = [process.execPath, ...startArgs];
  }

  const barePort = await freePort();
  bare = await start(
    'El servicio base',
    [process.execPath, '--import', 'tsx', 'bench/bare-server.ts', dbFile, String(barePort)],
    {},
    `http://127.0.0.1:${barePort}`,
    `/json/${fixed.code}`,
  );
  const selloPort = await freePort();
  const selloUrl = `http://127.0.0.1:${selloPort}`;
  const huge = '1000000000';
  sello = await start(
    'Sello',
    selloCommand,
    {
      NODE_ENV: 'production',
      SELLO_DATA_DIR: dataDir,
      PORT: String(selloPort),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SELLO_PUBLIC_BASE_URL: selloUrl,
      // The public limits, per client, would turn the load generator's requests into 429s.
      SELLO_PUBLIC_RATE_LIMIT: huge,
      SELLO_VERIFY_RATE_LIMIT: huge,
      SELLO_UNKNOWN_CODE_LIMIT: huge,
    },
    selloUrl,
    '/health',
  );

  const b = () => bare!;
  const s = () => sello!;
  const JSON_TYPE = 'application/json';
  const HTML_TYPE = 'text/html';
  const municipality = encodeURIComponent(busiest.municipality);
  const allTargets: Target[] = [
    { label: 'base · JSON, código al azar', server: b, accept: JSON_TYPE, path: () => `/json/${randomCert().code}` },
    {
      label: 'Sello · /c JSON, código al azar',
      server: s,
      accept: JSON_TYPE,
      path: () => `/c/${randomCert().code}`,
      baseline: 'base · JSON, código al azar',
    },
    { label: 'base · HTML, código al azar', server: b, accept: HTML_TYPE, path: () => `/html/${randomCert().code}` },
    {
      label: 'Sello · /c página, código al azar',
      server: s,
      accept: HTML_TYPE,
      path: () => `/c/${randomCert().code}`,
      baseline: 'base · HTML, código al azar',
    },
    { label: 'base · JSON, código fijo', server: b, accept: JSON_TYPE, path: () => `/json/${fixed.code}` },
    {
      label: 'Sello · /c JSON, código fijo',
      server: s,
      accept: JSON_TYPE,
      path: () => `/c/${fixed.code}`,
      baseline: 'base · JSON, código fijo',
    },
    { label: 'base · HTML, código fijo', server: b, accept: HTML_TYPE, path: () => `/html/${fixed.code}` },
    {
      label: 'Sello · /c página, código fijo',
      server: s,
      accept: HTML_TYPE,
      path: () => `/c/${fixed.code}`,
      baseline: 'base · HTML, código fijo',
    },
    // The registry is one indexed query a page (and pages are cached until something changes).
    {
      label: `Sello · /registro (${registryConnections} conexiones)`,
      server: s,
      accept: HTML_TYPE,
      path: () => '/registro',
      baseline: 'base · HTML, código al azar',
      connections: registryConnections,
    },
    {
      label: `Sello · /registro?municipio=${busiest.municipality} (${registryConnections} conexiones)`,
      server: s,
      accept: HTML_TYPE,
      path: () => `/registro?municipio=${municipality}`,
      baseline: 'base · HTML, código al azar',
      connections: registryConnections,
    },
  ];
  // --sin-registro: only verification.
  const targets = values['sin-registro'] ? allTargets.filter((t) => !t.path().startsWith('/registro')) : allTargets;
  const pdfTarget: Target | null =
    token && pdfRate > 0
      ? {
          label: `Sello · PDF del certificado (${pdfRate}/s pedidos)`,
          server: s,
          accept: 'application/pdf',
          path: () => `/api/v1/certificates/${randomCert().id}/certificate.pdf`,
          headers: { authorization: `Bearer ${token}` },
        }
      : null;
  const underPdf = `Sello · /c JSON al azar, con ${pdfRate} PDF/s`;

  // Each endpoint answers as expected before anything is measured.
  for (const t of pdfTarget ? [...targets, pdfTarget] : targets) {
    const res = await fetch(`${t.server().url}${t.path()}`, { headers: { accept: t.accept, ...t.headers } });
    const type = res.headers.get('content-type') ?? '';
    await res.arrayBuffer();
    if (res.status !== 200 || !type.startsWith(t.accept)) throw new Error(`${t.label}: respondió ${res.status} ${type}`);
  }

  console.log(`Medición de la verificación pública por HTTP (${new Date().toISOString()})`);
  console.log(`  Node ${process.version}, ${os.cpus()[0]?.model ?? 'CPU desconocida'}, ${os.cpus().length} núcleos`);
  console.log(
    canPin
      ? '  Servidores en el núcleo 0 y generador de carga (autocannon) en el núcleo 1 (taskset).'
      : '  Sin taskset o con un solo núcleo: servidores y generador de carga comparten la CPU.',
  );
  console.log(`  Datos: ${dataDir}, ${certs.length} certificados; código fijo ${fixed.code}.`);
  console.log(
    `  Sello: ${values['sin-compilar'] ? 'src/server.ts con tsx (sin compilar)' : `${selloCommand.slice(1).join(' ')} (lo que corre npm start, compilado con npm run build)`}, límites públicos desactivados.`,
  );
  console.log(`  ${connections} conexiones, ${seconds} s por medición, ${rounds} ronda(s) intercaladas (base, Sello, base, Sello…).`);
  if (!pdfTarget)
    console.log(`  Sin escenario de PDF: ${token ? '--pdf-por-segundo 0' : `falta ${tokenFile} (lo crea npm run bench:seed)`}.`);

  // A short warm-up, so the first round does not pay for the JIT and the page cache.
  for (const t of targets) {
    await load(t, { seconds: Math.min(2, seconds), connections: Math.min(10, t.connections ?? connections) });
    await settle(t.server());
  }

  const results = new Map<string, Round[]>();
  const add = (label: string, round: Round) => results.set(label, [...(results.get(label) ?? []), round]);
  for (let r = 1; r <= rounds; r++) {
    console.log(`Ronda ${r} de ${rounds}…`);
    for (const t of targets) add(t.label, await measure(t, { seconds, connections }));
    if (pdfTarget) {
      // Verification at full load while PDFs are asked for at a steady rate, on the same server.
      const [verification, pdfs] = await withRss(s().child.pid, () =>
        Promise.all([
          load(targets[1]!, { seconds, connections }),
          load(pdfTarget, { seconds, connections: Math.max(1, Math.min(pdfRate, 10)), overallRate: pdfRate }),
        ]),
      ).then(({ result, rssMaxBytes }) => [toRound(result[0], rssMaxBytes), toRound(result[1], rssMaxBytes)]);
      await settle(s());
      add(underPdf, verification!);
      add(pdfTarget.label, pdfs!);
    }
  }

  const measurements: Measurement[] = targets.map((t) => ({
    label: t.label,
    rounds: results.get(t.label)!,
    ...(t.baseline ? { baseline: t.baseline } : {}),
  }));
  if (pdfTarget) {
    measurements.push({ label: underPdf, rounds: results.get(underPdf)!, baseline: 'base · JSON, código al azar' });
    measurements.push({ label: pdfTarget.label, rounds: results.get(pdfTarget.label)! });
  }
  const summary = summarize(measurements);
  console.log('');
  console.log(formatTable(summary));
  console.log('');
  console.log(
    `Mediana de ${rounds} ronda(s) para peticiones/s y latencias; RSS: máximo del proceso servidor durante la medición. ` +
      'Razón: peticiones/s de Sello divididas por las del servicio base del mismo tipo (JSON con JSON, página con HTML; el registro, con HTML al azar).',
  );
  if (summary.some((row) => row.failures > 0)) {
    console.log('ATENCIÓN: hubo respuestas que no fueron 2xx, errores o esperas agotadas (columna «fallos»): esas cifras no valen.');
    process.exitCode = 1;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await stop(sello);
  await stop(bare);
}
