/**
 * buildApp(): the whole service as a fastify instance, ready and not listening.
 * Shared infrastructure is registered first, then every feature's routes, in order.
 */
import './zod-locale.js';
import fastifyCompress from '@fastify/compress';
import fastifyHelmet from '@fastify/helmet';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { fastifyTrustProxy, type Config } from './config.js';
import type { Db } from './db/client.js';
import { ensureDataDir, openDatabaseIn, openKeyStoreIn } from './db/data-dir.js';
import authPlugin from './http/auth.js';
import errorHandler, { frameworkErrors, MAX_PARAM_LENGTH } from './http/error-handler.js';
import { helmetOptions } from './http/security-headers.js';
import openApiDocs from './http/openapi.js';
import { auditRoutes } from './modules/audit/audit-routes.js';
import { authRoutes } from './modules/auth/auth-routes.js';
import { createAuthService } from './modules/auth/auth-service.js';
import { createLoginLimiter, type LoginLimiterOptions } from './modules/auth/login-limiter.js';
import { createPasswordHasher, type PasswordHasher } from './modules/auth/secrets.js';
import { criteriaRoutes } from './modules/criteria/criteria-routes.js';
import type { CriteriaVersion } from './domain/criteria.js';
import { loadCatalog } from './modules/criteria/criteria-service.js';
import { correctiveActionRoutes } from './modules/dossiers/corrective-action-routes.js';
import { createCorrectiveActionService } from './modules/dossiers/corrective-action-service.js';
import { dossierRoutes } from './modules/dossiers/dossier-routes.js';
import { createDossierService } from './modules/dossiers/dossier-service.js';
import { evidenceRoutes } from './modules/dossiers/evidence-routes.js';
import { createEvidenceService } from './modules/dossiers/evidence-service.js';
import { createVisitReportService } from './modules/dossiers/visit-report-service.js';
import { createVisitCaptureService } from './modules/dossiers/visit-capture-service.js';
import { createVisitService } from './modules/dossiers/visit-service.js';
import { healthRoutes } from './modules/health/health-routes.js';
import { catalogSectorNames, catalogSectors, registryRoutes } from './modules/registry/registry-routes.js';
import { personTiesRoutes } from './modules/registry/person-ties-routes.js';
import { trainingRoutes } from './modules/training/training-routes.js';
import { createTrainingService } from './modules/training/training-service.js';
import { createPersonsService } from './modules/registry/persons-service.js';
import { createProducersService } from './modules/registry/producers-service.js';
import { usersRoutes } from './modules/users/users-routes.js';
import { createUsersService } from './modules/users/users-service.js';
import { certificateRoutes } from './modules/certificates/certificate-routes.js';
import { createCertificateService } from './modules/certificates/certificate-service.js';
import { createActaService } from './modules/commission/acta-service.js';
import { createAppealService } from './modules/commission/appeal-service.js';
import { commissionRoutes } from './modules/commission/commission-routes.js';
import { createCommissionService } from './modules/commission/commission-service.js';
import { createDecidingService } from './modules/commission/deciding-service.js';
import { createQuorumService } from './modules/commission/quorum-service.js';
import { sessionRoutes } from './modules/commission/session-routes.js';
import { createSessionService } from './modules/commission/session-service.js';
import { createDossierReviewService } from './modules/commission/dossier-review-service.js';
import { queueRoutes } from './modules/commission/queue-routes.js';
import { createQueueService } from './modules/commission/queue-service.js';
import { complaintHandlingRoutes } from './modules/complaints/complaint-handling-routes.js';
import { createComplaintHandlingService } from './modules/complaints/complaint-handling-service.js';
import { pagesRoutes } from './modules/pages/pages-routes.js';
import { createPagesService } from './modules/pages/pages-service.js';
import { createTransparencyLog } from './modules/transparency/transparency-log.js';
import { createPdfPool, type PdfRenderer } from './pdf/pdf-pool.js';
import { startBackgroundJobs } from './background-jobs.js';
import { registerPublicSide } from './public-side.js';

export type AppOptions = {
  config: Config;
  /** Overrides the SQLite file under the data folder (tests use ':memory:'). */
  databaseFile?: string;
  logger?: FastifyServerOptions['logger'];
  /** The clock every service uses (tests fix it). */
  now?: () => Date;
  loginLimits?: LoginLimiterOptions;
  /** The versions of `config.criteriaDir`, already read and valid (tests read the folder once); read at start when absent. */
  criteria?: readonly CriteriaVersion[];
  /** How often time-driven certificate events (expiry, overdue conditions) are recorded; 0 disables the timer. */
  sweepIntervalMs?: number;
  /** How often a step of the certificate record check runs (src/modules/public/record-check.ts); 0 disables it. */
  recordCheckIntervalMs?: number;
  /** How often a signed checkpoint of the audit trail is stored (when it grew); 0 disables checkpoints. From config when absent. */
  auditCheckpointIntervalMs?: number;
  /** Free bytes under which /health reports the data folder's disk as full (1 MiB). */
  minFreeBytes?: number;
  /** How often scheduled backups run when `config.backup` is set (its hours by default); 0 disables them. */
  backupEveryMs?: number;
};

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's database, for the CLI-free administration paths and tests. */
    db: Db;
    /** The password hasher at the configured cost, for the same paths. */
    passwords: PasswordHasher;
    /** The worker threads that render PDFs, started with the first document. */
    pdfs: PdfRenderer;
  }
}

export const API_VERSION = '0.1.0';

/** Never log credentials, even if a later route receives them. */
export const LOG_REDACT = ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.token'];

export async function buildApp({
  config,
  databaseFile,
  logger,
  now = () => new Date(),
  loginLimits,
  sweepIntervalMs = 60_000,
  recordCheckIntervalMs = 50,
  auditCheckpointIntervalMs = config.auditCheckpointMinutes * 60_000,
  criteria,
  minFreeBytes,
  backupEveryMs = (config.backup?.everyHours ?? 0) * 3_600_000,
}: AppOptions): Promise<FastifyInstance> {
  // A data folder the service cannot write is said in one line at start, not found out by the first write.
  ensureDataDir(config.dataDir);
  const db: Db = openDatabaseIn(config.dataDir, databaseFile);
  let catalog;
  try {
    catalog = loadCatalog(db, config.criteriaDir, criteria);
  } catch (error) {
    db.$client.close();
    throw error;
  }

  const app = Fastify({
    logger: logger ?? { level: config.logLevel, redact: LOG_REDACT },
    // Behind a proxy the public base URL is what clients see; ids come from fastify.
    requestIdHeader: false,
    // Errors of the router itself (a too long path parameter) answer in the one error shape.
    frameworkErrors,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    bodyLimit: 1024 * 1024,
    // Only trusted proxies' X-Forwarded-For sets request.ip, which the rate limits key on.
    trustProxy: fastifyTrustProxy(config.trustProxy),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', db);
  app.addHook('onClose', () => db.$client.close());
  // PDFKit is CPU work of several milliseconds per document: off the request loop, in worker threads.
  const pdfs = createPdfPool({ threads: config.pdfThreads, onError: (err) => app.log.error({ err }, 'PDF worker thread failed') });
  app.decorate('pdfs', pdfs);
  app.addHook('onClose', () => pdfs.close());

  const secureCookies = config.publicBaseUrl.startsWith('https:');
  const passwords = createPasswordHasher(config.passwordHashing);
  app.decorate('passwords', passwords);
  const auth = createAuthService(db, createLoginLimiter(loginLimits, now), now, passwords);
  const users = createUsersService(db, now, passwords);

  await app.register(errorHandler);
  // Before any route, so that every response carries the headers (src/http/security-headers.ts).
  await app.register(fastifyHelmet, helmetOptions({ publicBaseUrl: config.publicBaseUrl }));
  // Bodies of 1 KiB or more, when the client asks; /c/<code> serves its own, compressed once per statement.
  await app.register(fastifyCompress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(openApiDocs, { publicBaseUrl: config.publicBaseUrl, version: API_VERSION });
  await app.register(authPlugin, { auth, publicBaseUrl: config.publicBaseUrl });

  await app.register(healthRoutes, { db, catalog, dataDir: config.dataDir, minFreeBytes });
  await app.register(criteriaRoutes, { prefix: '/api/v1/criteria', catalog });
  await app.register(authRoutes, { prefix: '/api/v1/auth', auth, users, secureCookies });
  await app.register(usersRoutes, { prefix: '/api/v1/users', users });
  const keys = openKeyStoreIn(config.dataDir, now);
  await app.register(auditRoutes, { prefix: '/api/v1/audit', db, keys, now });
  await app.register(registryRoutes, { prefix: '/api/v1', db, now, sectors: catalogSectors(catalog) });
  await app.register(personTiesRoutes, { prefix: '/api/v1', db, now });
  const training = createTrainingService({ db, catalog, now });
  await app.register(trainingRoutes, { prefix: '/api/v1', training });
  const dossiers = createDossierService(db, catalog, now);
  const visits = createVisitService({ db, catalog, now, dossiers });
  await app.register(dossierRoutes, {
    prefix: '/api/v1',
    dossiers,
    visits,
    reports: createVisitReportService({ db, catalog, dossiers, visits, dataDir: config.dataDir, now, pdfs }),
  });
  const actions = createCorrectiveActionService(db, now, catalog);
  const evidence = createEvidenceService(db, catalog, config.dataDir, now);
  await app.register(correctiveActionRoutes, { prefix: '/api/v1', actions });
  await app.register(evidenceRoutes, { prefix: '/api/v1', evidence });

  const log = createTransparencyLog(db, keys, now);
  const certificates = createCertificateService({ db, catalog, now, publicBaseUrl: config.publicBaseUrl, pdfs });
  const appeals = createAppealService({ db, catalog, now, dossiers });
  const commission = createCommissionService({ db, catalog, now, dossiers, certificates, appeals });
  await app.register(certificateRoutes, { prefix: '/api/v1', certificates });
  const sessions = createSessionService({ db, catalog, now, view: (actor, id) => commission.getSession(actor, id) });
  const quorum = createQuorumService({ db, catalog, now, dossiers });
  await app.register(sessionRoutes, { prefix: '/api/v1', sessions, commission, quorum });
  await app.register(commissionRoutes, {
    prefix: '/api/v1',
    commission,
    appeals,
    acta: createActaService({ db, catalog, commission, pdfs }),
  });
  const queue = createQueueService(db);
  await app.register(queueRoutes, { prefix: '/api/v1', queue });
  const complaints = createComplaintHandlingService({ db, catalog, now, dataDir: config.dataDir, visits });
  await app.register(complaintHandlingRoutes, { prefix: '/api/v1/complaints', complaints });

  // The people's pages (/entrar, /salir, /app): server-rendered Spanish HTML, errors as pages.
  await app.register(pagesRoutes, {
    auth,
    pages: createPagesService({ db, certificates, complaints }),
    dossierPageDeps: {
      dossiers,
      visits,
      actions,
      evidence,
      producers: createProducersService(db, catalogSectors(catalog), now),
      persons: createPersonsService(db, now),
      appeals,
      now,
    },
    captures: createVisitCaptureService({ db, catalog }),
    secureCookies,
    publicBaseUrl: config.publicBaseUrl,
    registry: { db, now, sectors: catalogSectorNames(catalog) },
    training,
    admin: { db, now, users, catalog, sectors: catalogSectors(catalog) },
    commission: { queue, review: createDossierReviewService({ db, catalog, dossiers, certificates, queue }), now },
    certificatesAndAppeals: { db, certificates, appeals, sessions, dossiers },
    sessions: {
      sessions,
      commission,
      quorum,
      deciding: createDecidingService({ db, catalog, now, dossiers, commission, certificates }),
      queue,
      now,
    },
    complaints: { complaints, now },
  });

  // Public routes: anyone may call them, so each client is limited.
  const verification = await registerPublicSide(app, { config, db, catalog, keys, now, log });

  startBackgroundJobs(app, {
    db,
    dataDir: config.dataDir,
    keys,
    now,
    certificates,
    verification,
    backup: config.backup,
    everyMs: {
      sweep: sweepIntervalMs,
      recordCheck: recordCheckIntervalMs,
      auditCheckpoint: auditCheckpointIntervalMs,
      backup: backupEveryMs,
    },
  });

  await app.ready();
  return app;
}
