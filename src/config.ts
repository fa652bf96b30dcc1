/**
 * Service configuration, read once from the environment and validated, so that
 * a bad value stops the process with a message naming the variable.
 */
import { isIP } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from './paths.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** argon2id cost of new password hashes (one lane); verification reads the cost from each hash. */
export type PasswordHashing = {
  /** Memory per hash, in KiB. */
  memoryCost: number;
  /** Passes over that memory. */
  timeCost: number;
};

/** OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane. */
export const DEFAULT_PASSWORD_HASHING: PasswordHashing = { memoryCost: 19_456, timeCost: 2 };

export const EnvSchema = z.object({
  PORT: z.coerce
    .number({ error: 'PORT debe ser un número' })
    .int('PORT debe ser un entero')
    .min(0, 'PORT debe estar entre 0 y 65535')
    .max(65535, 'PORT debe estar entre 0 y 65535')
    .default(3000)
    .describe('Puerto TCP en el que escucha el servicio'),
  HOST: z.string().min(1).default('127.0.0.1').describe('Dirección en la que escucha el servicio'),
  LOG_LEVEL: z
    .enum(LOG_LEVELS, { error: `LOG_LEVEL debe ser uno de: ${LOG_LEVELS.join(', ')}` })
    .default('info')
    .describe('Nivel de registro (pino)'),
  SELLO_DATA_DIR: z.string().min(1).default('./data').describe('Carpeta de datos: base SQLite, claves y archivos adjuntos'),
  SELLO_CRITERIA_DIR: z.string().min(1).default(path.join(PROJECT_ROOT, 'criteria')).describe('Carpeta con los criterios versionados'),
  SELLO_PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/, error: 'SELLO_PUBLIC_BASE_URL debe ser una URL http(s) absoluta' })
    .default('http://localhost:3000')
    .refine((value) => !/[?#]/.test(value), 'SELLO_PUBLIC_BASE_URL no debe llevar parámetros ni fragmento')
    .describe('URL pública base, usada en los códigos QR de los certificados')
    .transform(normalizeBaseUrl),
  SELLO_PUBLIC_RATE_LIMIT: z.coerce
    .number({ error: 'SELLO_PUBLIC_RATE_LIMIT debe ser un número' })
    .int('SELLO_PUBLIC_RATE_LIMIT debe ser un entero')
    .min(1, 'SELLO_PUBLIC_RATE_LIMIT debe ser al menos 1')
    .default(120)
    .describe('Consultas por minuto que cada cliente puede hacer a las rutas públicas'),
  SELLO_VERIFY_RATE_LIMIT: z.coerce
    .number({ error: 'SELLO_VERIFY_RATE_LIMIT debe ser un número' })
    .int('SELLO_VERIFY_RATE_LIMIT debe ser un entero')
    .min(1, 'SELLO_VERIFY_RATE_LIMIT debe ser al menos 1')
    .default(600)
    .describe('Verificaciones por minuto (/c/<código>, página o JSON) que cada cliente puede hacer'),
  SELLO_UNKNOWN_CODE_LIMIT: z.coerce
    .number({ error: 'SELLO_UNKNOWN_CODE_LIMIT debe ser un número' })
    .int('SELLO_UNKNOWN_CODE_LIMIT debe ser un entero')
    .min(1, 'SELLO_UNKNOWN_CODE_LIMIT debe ser al menos 1')
    .default(30)
    .describe('Códigos inexistentes por minuto que cada cliente puede consultar, contra la enumeración de códigos'),
  SELLO_COMPLAINT_RATE_LIMIT: z.coerce
    .number({ error: 'SELLO_COMPLAINT_RATE_LIMIT debe ser un número' })
    .int('SELLO_COMPLAINT_RATE_LIMIT debe ser un entero')
    .min(1, 'SELLO_COMPLAINT_RATE_LIMIT debe ser al menos 1')
    .default(10)
    .describe('Envíos de denuncias por hora que cada cliente puede hacer (página o API, cada una), contra el abuso'),
  SELLO_TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value, ctx): TrustProxy => {
      const v = value.trim().toLowerCase();
      if (v === 'true') return true;
      if (v === 'false') return false;
      if (/^\d+$/.test(v)) return Number(v);
      const list = v.split(',').map((item) => item.trim());
      const bad = list.filter((item) => !isAddressOrCidr(item));
      if (bad.length === 0) return list;
      ctx.addIssue({
        code: 'custom',
        message: `SELLO_TRUST_PROXY debe ser true, false, un número de saltos o una lista de direcciones/CIDR separadas por comas (no vale: ${bad.join(', ')})`,
      });
      return z.NEVER;
    })
    .describe(
      'Proxies de confianza: solo detrás de ellos se cree X-Forwarded-For para saber la dirección del cliente (true, false, saltos o direcciones/CIDR)',
    ),
  // A floor against a mistyped value; OWASP pairs memory with passes (19 MiB×2 … 7 MiB×5).
  SELLO_PASSWORD_MEMORY_KIB: z.coerce
    .number({ error: 'SELLO_PASSWORD_MEMORY_KIB debe ser un número' })
    .int('SELLO_PASSWORD_MEMORY_KIB debe ser un entero')
    .min(7168, 'SELLO_PASSWORD_MEMORY_KIB debe ser al menos 7168 (7 MiB)')
    .default(DEFAULT_PASSWORD_HASHING.memoryCost)
    .describe('Memoria de argon2id por contraseña, en KiB'),
  SELLO_PASSWORD_TIME_COST: z.coerce
    .number({ error: 'SELLO_PASSWORD_TIME_COST debe ser un número' })
    .int('SELLO_PASSWORD_TIME_COST debe ser un entero')
    .min(1, 'SELLO_PASSWORD_TIME_COST debe ser al menos 1')
    .default(DEFAULT_PASSWORD_HASHING.timeCost)
    .describe('Pasadas de argon2id sobre esa memoria por contraseña'),
  SELLO_AUDIT_CHECKPOINT_MINUTES: z.coerce
    .number({ error: 'SELLO_AUDIT_CHECKPOINT_MINUTES debe ser un número' })
    .int('SELLO_AUDIT_CHECKPOINT_MINUTES debe ser un entero')
    .min(0, 'SELLO_AUDIT_CHECKPOINT_MINUTES no puede ser negativo')
    // Timers cannot wait longer than about 24 days; a week between checkpoints is already generous.
    .max(10_080, 'SELLO_AUDIT_CHECKPOINT_MINUTES debe ser como mucho 10080 (una semana)')
    .default(60)
    .describe('Cada cuántos minutos se guarda un punto de control firmado del historial, si creció (0 los desactiva)'),
  SELLO_PDF_THREADS: z.coerce
    .number({ error: 'SELLO_PDF_THREADS debe ser un número' })
    .int('SELLO_PDF_THREADS debe ser un entero')
    .min(1, 'SELLO_PDF_THREADS debe ser al menos 1')
    .default(() => os.availableParallelism())
    .describe('Hilos que generan PDF (certificados, actas, informes) a la vez; por omisión, los núcleos de la máquina'),
  SELLO_BACKUP_DIR: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Carpeta de las copias de seguridad programadas, una subcarpeta sello-AAAAMMDD-HHMMSS (UTC) por copia; sin valor no se hacen',
    ),
  // setInterval cannot wait longer than about 24 days; a week is plenty between copies.
  SELLO_BACKUP_EVERY_HOURS: z.coerce
    .number({ error: 'SELLO_BACKUP_EVERY_HOURS debe ser un número' })
    .int('SELLO_BACKUP_EVERY_HOURS debe ser un entero')
    .min(1, 'SELLO_BACKUP_EVERY_HOURS debe estar entre 1 y 168 (una semana)')
    .max(168, 'SELLO_BACKUP_EVERY_HOURS debe estar entre 1 y 168 (una semana)')
    .default(24)
    .describe('Horas entre dos copias programadas; la primera se hace pasado ese tiempo desde el inicio'),
  SELLO_BACKUP_KEEP: z.coerce
    .number({ error: 'SELLO_BACKUP_KEEP debe ser un número' })
    .int('SELLO_BACKUP_KEEP debe ser un entero')
    .min(1, 'SELLO_BACKUP_KEEP debe ser al menos 1')
    .default(7)
    .describe('Copias programadas que se guardan; al verificarse una nueva se borran las más antiguas'),
});

/** Fastify's `trustProxy`: trust every proxy, none, this many hops, or these addresses/CIDRs. */
export type TrustProxy = boolean | number | string[];

function isAddressOrCidr(item: string): boolean {
  const [address = '', bits, ...rest] = item.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

export type Config = {
  port: number;
  host: string;
  logLevel: (typeof LOG_LEVELS)[number];
  dataDir: string;
  criteriaDir: string;
  publicBaseUrl: string;
  publicRateLimitPerMinute: number;
  /** Verifications of one code per minute and client. */
  verifyRateLimitPerMinute: number;
  /** Unknown codes per minute and client: what stops enumeration. */
  unknownCodeLimitPerMinute: number;
  /** Complaints each client may file per hour (page and API, each). */
  complaintsPerHour: number;
  /** Which proxies' X-Forwarded-For gives the client address (`request.ip`). */
  trustProxy: TrustProxy;
  /** Cost of new password hashes; tests lower it, the environment may raise it. */
  passwordHashing: PasswordHashing;
  /** Minutes between signed checkpoints of the audit trail; 0 disables them. */
  auditCheckpointMinutes: number;
  /** Most worker threads rendering PDFs at once. */
  pdfThreads: number;
  /** Scheduled backups into a folder, or null when SELLO_BACKUP_DIR is unset. */
  backup: BackupSchedule | null;
};

export type BackupSchedule = {
  /** The folder of the copies. */
  dir: string;
  everyHours: number;
  /** Copies kept, the newest included. */
  keep: number;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuración inválida:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Lowercases scheme and host (URL does it) and drops a trailing slash, so that
 * verification URLs printed in QR codes are canonical.
 */
export function normalizeBaseUrl(value: string): string {
  return new URL(value).toString().replace(/\/+$/, '');
}

/** Parses the environment; throws a ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty variables count as unset, as in most shells' `VAR= cmd` usage.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = EnvSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || 'entorno'}: ${issue.message}`));
  }
  const e = result.data;
  return {
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    dataDir: path.resolve(e.SELLO_DATA_DIR),
    criteriaDir: path.resolve(e.SELLO_CRITERIA_DIR),
    publicBaseUrl: e.SELLO_PUBLIC_BASE_URL,
    publicRateLimitPerMinute: e.SELLO_PUBLIC_RATE_LIMIT,
    verifyRateLimitPerMinute: e.SELLO_VERIFY_RATE_LIMIT,
    unknownCodeLimitPerMinute: e.SELLO_UNKNOWN_CODE_LIMIT,
    complaintsPerHour: e.SELLO_COMPLAINT_RATE_LIMIT,
    trustProxy: e.SELLO_TRUST_PROXY,
    passwordHashing: { memoryCost: e.SELLO_PASSWORD_MEMORY_KIB, timeCost: e.SELLO_PASSWORD_TIME_COST },
    auditCheckpointMinutes: e.SELLO_AUDIT_CHECKPOINT_MINUTES,
    pdfThreads: e.SELLO_PDF_THREADS,
    backup: e.SELLO_BACKUP_DIR
      ? { dir: path.resolve(e.SELLO_BACKUP_DIR), everyHours: e.SELLO_BACKUP_EVERY_HOURS, keep: e.SELLO_BACKUP_KEEP }
      : null,
  };
}

/** The setting as Fastify takes it: a hop count becomes a function, as proxy-addr reads it (Fastify's types omit the number form). */
export function fastifyTrustProxy(trust: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust;
}
