/**
 * Public routes, no account needed: the home page (home-routes.ts), verification (`/c/<code>`, a page or signed JSON), the registry
 * with its open data, and the signing keys. Never cached by clients or proxies: a suspension must show
 * on the next request. The service keeps each verification as a statement (statement-cache.ts) and it is
 * served as the same bytes, compressed once. No cookie is read and no session looked up here (`public`).
 */
import { negotiate } from '@fastify/accept-negotiator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema, errorBody } from '../../errors.js';
import { fixedPublicHeaders, type HeaderSetFor } from './public-headers.js';
import type { KeyStore } from '../../signing/key-store.js';
import {
  CODE_FORM_PATH,
  notFoundView,
  pageLocale,
  registryView,
  renderCodeNotFoundPage,
  renderRegistryPage,
  renderUnconfirmedPage,
  renderVerificationPage,
  verificationView,
} from '../../web/pages.js';
import {
  CodeParamsSchema,
  JwksSchema,
  RegistryOrganizationsSchema,
  RegistryPageQuerySchema,
  RegistryQuerySchema,
  RegistrySchema,
  VerificationSchema,
} from './public-schemas.js';
import { REGISTRY_CSV_FILENAME, registryToCsv } from './registry-csv.js';
import { NO_STORE, sendEncoded } from './encoded-reply.js';
import { createUnknownCodeBudget } from './unknown-code-budget.js';
import { homeRoutes } from './home-routes.js';
import type { RegistryService } from './registry-service.js';
import type { VerificationService } from './verification-service.js';

const wantsJson = (request: FastifyRequest) =>
  negotiate(request.headers.accept ?? '', ['text/html', 'application/json']) === 'application/json';

// The pages' CSP and referrer policy come from public-headers.ts (PUBLIC_PAGE_HELMET).
const html = (reply: FastifyReply, status: number, body: string) =>
  reply.code(status).type('text/html; charset=utf-8').header('cache-control', NO_STORE).send(body);

const CODE_SHAPE = '12 letras y números en tres grupos de cuatro, como 7K3M-9QXA-2F4P';

/** The code and message of each way a code is not found; the field issue says what to check. */
const NOT_FOUND = {
  unknown: [
    'CERTIFICATE_NOT_FOUND',
    'Ningún certificado del sello tiene ese código: si coincide con el impreso en el producto, es una posible falsificación',
    'Compárelo con el código impreso junto al sello',
  ],
  bad_check: [
    'CERTIFICATE_CODE_MISTYPED',
    'El código tiene un error de escritura: un carácter no coincide con los demás',
    'Compare los caracteres uno por uno con el código impreso',
  ],
  malformed: [
    'CERTIFICATE_CODE_MISTYPED',
    'El código tiene un error de escritura: no tiene la forma de un código del sello',
    `Un código del sello tiene ${CODE_SHAPE}`,
  ],
} as const;

/** A certificate whose row does not agree with its history: its status is neither shown nor signed. */
const RECORD_INCONSISTENT = [
  'CERTIFICATE_RECORD_INCONSISTENT',
  'Ahora no se puede confirmar el estado de este certificado: sus datos guardados no coinciden con su historial registrado. ' +
    'El problema quedó registrado para que la Comisión de Certificación lo revise; vuelva a consultar más tarde',
] as const;

export type PublicRoutesOptions = {
  verification: VerificationService;
  registry: RegistryService;
  keys: KeyStore;
  sectors: { code: string; name: string }[];
  /** Requests per minute each client may make. */
  perMinute: number;
  /** Verifications (`/c/<code>`) per minute each client may make. */
  verifyPerMinute: number;
  /** Not-found verifications per minute each client may get. */
  unknownCodesPerMinute: number;
  /** The security headers of a route with these helmet options (src/http/security-headers.ts). */
  headerSetFor: HeaderSetFor;
};

export const publicRoutes: FastifyPluginAsyncZod<PublicRoutesOptions> = async (
  app,
  { verification, registry, keys, sectors, perMinute, verifyPerMinute, unknownCodesPerMinute, headerSetFor },
) => {
  // Security headers worked out once (public-headers.ts); GET routes take no request body to decompress.
  const headers = fixedPublicHeaders(headerSetFor);
  const page = { helmet: false, onRequest: headers.page, decompress: false } as const;
  const data = { helmet: false, onRequest: headers.data, decompress: false } as const;
  const tags = ['Verificación pública'];
  // Limits key on request.ip, which follows X-Forwarded-For only from trusted proxies (SELLO_TRUST_PROXY).
  const config = { public: true, rateLimit: { max: perMinute, timeWindow: 60_000 } };
  // Reading a certificate is cheap and may come from a whole market behind one address, so its limit is
  // generous; guessing codes is what must stay slow, hence a tight budget of not-found answers.
  const unknownCodes = createUnknownCodeBudget(unknownCodesPerMinute);
  const { publicBaseUrl } = verification;
  await app.register(homeRoutes, { publicBaseUrl, perMinute, headerSetFor });

  app.get(
    '/c/:code',
    {
      config: { public: true, rateLimit: { max: verifyPerMinute, timeWindow: 60_000 } },
      ...page,
      compress: false,
      preHandler: unknownCodes.refuseIfSpent,
      onResponse: unknownCodes.countNotFound,
      schema: {
        tags,
        summary: 'Verifica un certificado: página en castellano (o inglés) o JSON firmado con Accept: application/json',
        params: CodeParamsSchema,
        querystring: z.object({ lang: z.enum(['es', 'en']).optional() }),
        produces: ['text/html', 'application/json'],
        response: {
          200: {
            description: 'La página de verificación, o con Accept: application/json la declaración firmada',
            content: { 'text/html': { schema: z.string() }, 'application/json': { schema: VerificationSchema } },
          },
          // A person reading the page gets the page; a client asking for JSON gets the error body.
          404: {
            description: 'Código desconocido',
            content: { 'text/html': { schema: z.string() }, 'application/json': { schema: ErrorBodySchema } },
          },
          429: ErrorBodySchema,
          503: {
            description: 'El registro del certificado no coincide con su historial: no se muestra su estado',
            content: { 'text/html': { schema: z.string() }, 'application/json': { schema: ErrorBodySchema } },
          },
        },
      },
    },
    async (request, reply) => {
      const result = verification.verify(request.params.code);
      const locale = pageLocale(request.query.lang);
      const json = wantsJson(request);
      reply.header('vary', 'Accept, Accept-Encoding');
      if (!result.found) {
        if (!json) {
          const view = { ...notFoundView(result, publicBaseUrl), retryAction: CODE_FORM_PATH };
          return html(reply, 404, renderCodeNotFoundPage(view, locale));
        }
        const [code, message, hint] = NOT_FOUND[result.reason];
        return reply
          .code(404)
          .header('cache-control', NO_STORE)
          .send(errorBody(404, code, message, [{ path: 'params.code', message: hint, code: result.reason }]));
      }
      if (!result.confirmed) {
        request.log.error(
          { certificateCode: result.code, problems: result.problems },
          `certificate ${result.code}: its record does not agree with its history; status not served`,
        );
        if (!json) return html(reply, 503, renderUnconfirmedPage({ ...result, publicBaseUrl }, locale));
        return reply
          .code(503)
          .header('cache-control', NO_STORE)
          .send(errorBody(503, RECORD_INCONSISTENT[0], RECORD_INCONSISTENT[1]));
      }
      if (json) return sendEncoded(request, reply, 'application/json; charset=utf-8', result.statement.json);
      const page = verification.page(result, locale, (v) => renderVerificationPage(verificationView(v, publicBaseUrl), locale));
      return sendEncoded(request, reply, 'text/html; charset=utf-8', page);
    },
  );

  app.get(
    '/registro',
    {
      config,
      ...page,
      compress: false,
      schema: {
        tags,
        summary: 'Registro público de organizaciones certificadas (página)',
        querystring: RegistryPageQuerySchema,
        produces: ['text/html'],
        response: { 200: z.string(), 400: ErrorBodySchema, 429: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const locale = pageLocale(request.query.lang);
      const body = registry.rendered(request.query, locale, (page) =>
        renderRegistryPage(registryView(request.query, page, { sectors, publicBaseUrl }), locale),
      );
      reply.header('vary', 'Accept-Encoding');
      return sendEncoded(request, reply, 'text/html; charset=utf-8', body);
    },
  );

  app.get(
    '/api/v1/public/registry',
    {
      config,
      ...data,
      schema: {
        tags,
        summary: 'Registro público en JSON, un elemento por certificado (datos abiertos)',
        querystring: RegistryQuerySchema,
        response: { 200: RegistrySchema, 400: ErrorBodySchema, 429: ErrorBodySchema },
      },
    },
    async (request, reply) => reply.header('cache-control', NO_STORE).send(registry.page(request.query)),
  );

  app.get(
    '/api/v1/public/registry/organizations',
    {
      config,
      ...data,
      schema: {
        tags,
        summary: 'Registro público en JSON agrupado por organización, como la página /registro (datos abiertos)',
        querystring: RegistryQuerySchema,
        response: { 200: RegistryOrganizationsSchema, 400: ErrorBodySchema, 429: ErrorBodySchema },
      },
    },
    async (request, reply) => reply.header('cache-control', NO_STORE).send(registry.organizations(request.query)),
  );

  app.get(
    '/api/v1/public/registry.csv',
    {
      config,
      ...data,
      schema: {
        tags,
        summary: 'Registro público en CSV (UTF-8), con todas las entradas que cumplen los filtros',
        querystring: RegistryQuerySchema.omit({ page: true, pageSize: true }),
        produces: ['text/csv'],
        response: { 200: z.string(), 400: ErrorBodySchema, 429: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${REGISTRY_CSV_FILENAME}"`)
        .header('cache-control', NO_STORE)
        .send(registryToCsv(registry.all(request.query)));
    },
  );

  app.get(
    '/.well-known/jwks.json',
    {
      config,
      ...data,
      schema: {
        tags,
        summary: 'Claves públicas (Ed25519) que firman las verificaciones y las cabezas del registro de transparencia',
        response: { 200: JwksSchema },
      },
    },
    async (_request, reply) => reply.header('cache-control', 'public, max-age=300').send(keys.jwks()),
  );
};
