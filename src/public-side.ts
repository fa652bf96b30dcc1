/**
 * The public side: routes anyone may call without an account (verification, registry, suppliers,
 * figures, the offline verifier, the transparency log, complaints), each client limited per minute
 * (complaints filed: per hour).
 */
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import { waitInWords } from './domain/text.js';
import { AppError } from './errors.js';
import { routeHeaderSet } from './http/security-headers.js';
import { complaintFilingPages } from './modules/complaints/complaint-filing-pages.js';
import { createQuestionMaker } from './modules/complaints/complaint-filing-question.js';
import { complaintFilingRoutes } from './modules/complaints/complaint-filing-routes.js';
import { createComplaintFilingService } from './modules/complaints/complaint-filing-service.js';
import type { CriteriaCatalog } from './modules/criteria/criteria-catalog.js';
import { figuresRoutes } from './modules/public/figures-routes.js';
import { createFiguresService } from './modules/public/figures-service.js';
import { publicRoutes } from './modules/public/public-routes.js';
import { createRegistryService } from './modules/public/registry-service.js';
import { suppliersRoutes } from './modules/public/suppliers-routes.js';
import { createSuppliersService } from './modules/public/suppliers-service.js';
import { createVerificationService, type VerificationService } from './modules/public/verification-service.js';
import { catalogSectorNames } from './modules/registry/registry-routes.js';
import type { TransparencyLog } from './modules/transparency/transparency-log.js';
import { transparencyRoutes } from './modules/transparency/transparency-routes.js';
import { createStatusListService } from './modules/verifier/status-list-service.js';
import { verifierRoutes } from './modules/verifier/verifier-routes.js';
import type { KeyStore } from './signing/key-store.js';

export type PublicSideDeps = { config: Config; db: Db; catalog: CriteriaCatalog; keys: KeyStore; now: () => Date; log: TransparencyLog };

/** Registers the public routes; returns the verification service, whose record check runs in the background. */
export async function registerPublicSide(
  app: FastifyInstance,
  { config, db, catalog, keys, now, log }: PublicSideDeps,
): Promise<VerificationService> {
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError(
        'too_many',
        'RATE_LIMITED',
        `Demasiadas consultas seguidas: espere ${waitInWords(context.ttl / 1000)} y vuelva a intentarlo`,
      ),
  });
  const publicBaseUrl = config.publicBaseUrl;
  const perMinute = config.publicRateLimitPerMinute;
  const headerSetFor = (route: Parameters<typeof routeHeaderSet>[1]) => routeHeaderSet(publicBaseUrl, route);
  const verification = createVerificationService({ db, catalog, keys, now, publicBaseUrl });
  await app.register(publicRoutes, {
    verification,
    registry: createRegistryService({ db, catalog, now, publicBaseUrl }),
    keys,
    sectors: catalogSectorNames(catalog),
    perMinute,
    verifyPerMinute: config.verifyRateLimitPerMinute,
    unknownCodesPerMinute: config.unknownCodeLimitPerMinute,
    headerSetFor,
  });
  await app.register(suppliersRoutes, {
    suppliers: createSuppliersService({ db, catalog, keys, now, publicBaseUrl }),
    perMinute,
    headerSetFor,
  });
  await app.register(figuresRoutes, { figures: createFiguresService({ db, now }), publicBaseUrl, perMinute, headerSetFor });
  await app.register(verifierRoutes, {
    statusList: createStatusListService({ db, keys, now, publicBaseUrl }),
    publicBaseUrl,
    perMinute,
    headerSetFor,
  });
  await app.register(transparencyRoutes, { log, perMinute });
  // Complaints: anyone files one with no account, so filings have their own, hourly limit.
  const complaints = createComplaintFilingService({
    db,
    dataDir: config.dataDir,
    question: createQuestionMaker(keys.derivedKey('complaint-question'), now),
    now,
  });
  const perHour = config.complaintsPerHour;
  await app.register(complaintFilingPages, { complaints, publicBaseUrl, perMinute, perHour, headerSetFor });
  await app.register(complaintFilingRoutes, { complaints, publicBaseUrl, perMinute, perHour });
  return verification;
}
