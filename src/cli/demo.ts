/**
 * `npm run demo`: fills a new database with a complete, realistic example (a
 * Yungas coffee and honey cooperative certified through the real API), writes
 * the certificate and the commission's acta as PDF, and tells the newcomer
 * where to look. Running it again on the same database shows what is there.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { count, desc, eq } from 'drizzle-orm';
import type { FastifyServerOptions } from 'fastify';
import { buildApp, LOG_REDACT } from '../app.js';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { databaseFileIn, type Db } from '../db/client.js';
import { certificates, commissionSessions, decisions, organizations, users } from '../db/schema.js';
import { codeForUrl } from '../domain/certificate-code.js';
import { count as words } from '../domain/text.js';
import { VerificationSchema } from '../modules/public/public-schemas.js';
import { createDemoClient, DemoError } from './demo-api.js';
import { driveDemoCycle, type DemoAccount } from './demo-cycle.js';
import { DEMO_ORGANIZATION_NAME } from './demo-data.js';

export { DemoError } from './demo-api.js';
export { DEMO_ORGANIZATION_NAME } from './demo-data.js';

export type DemoOptions = {
  config: Config;
  /** Where the lines for people go (stdout by default). */
  out?: (line: string) => void;
  logger?: FastifyServerOptions['logger'];
};

export type DemoResult = {
  /** `created` on a new database; `existing` when the example was already there. */
  kind: 'created' | 'existing';
  certificateCode: string;
  verificationUrl: string;
  /** Paths of the PDF files, when they exist. */
  certificatePdf: string | null;
  actaPdf: string | null;
  /** Accounts with their passwords: only when created (passwords are shown once). */
  accounts: DemoAccount[];
};

const demoDir = (config: Config) => path.join(config.dataDir, 'demo');
const certificateFile = (config: Config, code: string) => path.join(demoDir(config), `certificado-${code}.pdf`);
const actaFile = (config: Config, heldOn: string) => path.join(demoDir(config), `acta-comision-${heldOn}.pdf`);

type Found =
  | { kind: 'empty' }
  | { kind: 'existing'; code: string; sessionHeldOn: string | null }
  | { kind: 'incomplete' }
  | { kind: 'other_data'; users: number; organizations: number };

/** What the database already holds, read before anything is written. */
function inspect(db: Db): Found {
  const org = db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, DEMO_ORGANIZATION_NAME)).get();
  if (org) {
    const cert = db
      .select({ code: certificates.code, decisionId: certificates.decisionId })
      .from(certificates)
      .where(eq(certificates.organizationId, org.id))
      .orderBy(desc(certificates.issuedOn))
      .get();
    if (!cert) return { kind: 'incomplete' };
    const session = db
      .select({ heldOn: commissionSessions.heldOn })
      .from(decisions)
      .innerJoin(commissionSessions, eq(commissionSessions.id, decisions.sessionId))
      .where(eq(decisions.id, cert.decisionId))
      .get();
    return { kind: 'existing', code: cert.code, sessionHeldOn: session?.heldOn ?? null };
  }
  const userCount = db.select({ n: count() }).from(users).get()?.n ?? 0;
  const orgCount = db.select({ n: count() }).from(organizations).get()?.n ?? 0;
  return userCount > 0 || orgCount > 0 ? { kind: 'other_data', users: userCount, organizations: orgCount } : { kind: 'empty' };
}

/** `SELLO_DATA_DIR=… npm start`, or plain `npm start` for the default folder. */
function withDataDir(config: Config, command: string): string {
  return path.resolve('data') === config.dataDir ? command : `SELLO_DATA_DIR=${config.dataDir} ${command}`;
}

const OTHER_FOLDER_HINT = 'Para crear un ejemplo nuevo, use otra carpeta de datos: SELLO_DATA_DIR=./datos-ejemplo npm run demo';

function printHowToOpen(config: Config, verificationUrl: string, out: (line: string) => void): void {
  out('');
  out('Para abrir la página de verificación, inicie el servicio con la misma carpeta de datos:');
  out(`  ${withDataDir(config, 'npm start')}`);
  out(`y abra ${verificationUrl}`);
  const local = `http://localhost:${config.port}`;
  if (!config.publicBaseUrl.startsWith(local)) out(`(en esta máquina: ${local}${new URL(verificationUrl).pathname})`);
  out(
    `Con esas cuentas se entra en ${config.publicBaseUrl}/entrar (cada cuenta ve sus páginas: la comisión, sus expedientes por decidir y sus sesiones; la administración, cuentas y organizaciones).`,
  );
  out(`La API y su documentación están en ${config.publicBaseUrl}/docs (inicie sesión con POST /api/v1/auth/login).`);
}

export async function runDemo({ config, out = (line) => console.log(line), logger }: DemoOptions): Promise<DemoResult> {
  // Request logs would bury the demo's own lines: below «warn» only if asked for.
  const app = await buildApp({
    config,
    sweepIntervalMs: 0,
    logger: logger ?? { level: config.logLevel === 'info' ? 'warn' : config.logLevel, redact: LOG_REDACT },
  });
  try {
    const api = createDemoClient(app);
    const found = inspect(app.db);
    if (found.kind === 'incomplete') {
      throw new DemoError(
        `La base de datos de ${config.dataDir} tiene la organización de ejemplo «${DEMO_ORGANIZATION_NAME}» pero no su certificado: una ejecución anterior quedó incompleta. ${OTHER_FOLDER_HINT} (o borre ${config.dataDir} si solo contenía el ejemplo).`,
      );
    }
    if (found.kind === 'other_data') {
      throw new DemoError(
        `La base de datos ${databaseFileIn(config.dataDir)} ya tiene datos (${words(found.users, 'cuenta', 'cuentas')}, ${words(found.organizations, 'organización', 'organizaciones')}). ` +
          'El ejemplo solo se crea en una base nueva, para no mezclar datos ficticios con los reales: su certificado quedaría para siempre en el registro público de transparencia. ' +
          OTHER_FOLDER_HINT,
      );
    }

    if (found.kind === 'existing') {
      const verification = await api.json(
        { step: 'verificar el certificado de ejemplo', url: `/c/${codeForUrl(found.code)}`, accept: 'application/json' },
        VerificationSchema,
      );
      const { certificate } = verification;
      const certificatePdf = fs.existsSync(certificateFile(config, certificate.code)) ? certificateFile(config, certificate.code) : null;
      const actaPdf =
        found.sessionHeldOn && fs.existsSync(actaFile(config, found.sessionHeldOn)) ? actaFile(config, found.sessionHeldOn) : null;
      out(`La base de datos de ${config.dataDir} ya tiene el ejemplo («${DEMO_ORGANIZATION_NAME}»): no se crea de nuevo.`);
      out('');
      out(`Certificado ${certificate.code} (${certificate.statusLabel}), verificable en:`);
      out(`  ${certificate.verificationUrl}`);
      if (certificatePdf) out(`Certificado en PDF: ${certificatePdf}`);
      if (actaPdf) out(`Acta de la sesión en PDF: ${actaPdf}`);
      out('');
      out('Las contraseñas de las cuentas de ejemplo (usuarios «ejemplo-…») se mostraron solo la primera vez.');
      out(OTHER_FOLDER_HINT);
      printHowToOpen(config, certificate.verificationUrl, out);
      return {
        kind: 'existing',
        certificateCode: certificate.code,
        verificationUrl: certificate.verificationUrl,
        certificatePdf,
        actaPdf,
        accounts: [],
      };
    }

    out(`Creando el ejemplo en ${config.dataDir} (datos ficticios, por la API real del servicio)…`);
    const cycle = await driveDemoCycle(app, api, (line) => out(`  ${line}`));
    const { certificate } = cycle;
    fs.mkdirSync(demoDir(config), { recursive: true });
    const certificatePdf = certificateFile(config, certificate.code);
    const actaPdf = actaFile(config, cycle.sessionHeldOn);
    fs.writeFileSync(certificatePdf, cycle.certificatePdf);
    fs.writeFileSync(actaPdf, cycle.actaPdf);

    out('');
    out(
      `Certificado ${certificate.code} de ${certificate.producer ? `${certificate.producer.name} (${certificate.organization.name})` : certificate.organization.name}, verificable en:`,
    );
    out(`  ${certificate.verificationUrl}`);
    out('');
    out('Documentos PDF:');
    out(`  Certificado:            ${certificatePdf}`);
    out(`  Acta de la comisión:    ${actaPdf}`);
    out('');
    out('Cuentas de ejemplo (las contraseñas se muestran solo esta vez; guárdelas si las necesita):');
    const width = Math.max(...cycle.accounts.map((a) => a.username.length));
    for (const a of cycle.accounts) out(`  ${a.username.padEnd(width)}  ${a.password}  ${a.roleLabel}: ${a.displayName}`);
    printHowToOpen(config, certificate.verificationUrl, out);
    return {
      kind: 'created',
      certificateCode: certificate.code,
      verificationUrl: certificate.verificationUrl,
      certificatePdf,
      actaPdf,
      accounts: cycle.accounts,
    };
  } finally {
    await app.close();
  }
}

async function main(): Promise<void> {
  try {
    await runDemo({ config: loadConfig() });
  } catch (error) {
    if (error instanceof DemoError) {
      console.error(`Error: ${error.message}`);
      if (error.detail) console.error(`Respuesta del servicio:\n${error.detail}`);
    } else if (error instanceof ConfigError) {
      console.error(error.message);
    } else {
      console.error('Error inesperado al crear el ejemplo:');
      console.error(error);
    }
    process.exitCode = 1;
  }
}

/** True when this file is the process entry (`tsx src/cli/demo.ts`), not imported by a test. */
function isEntry(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return fs.realpathSync(path.resolve(entry)) === fs.realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntry()) await main();
