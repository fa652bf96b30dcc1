/**
 * Offline verification: the signed status list (GET /api/v1/public/status-list, a compact JWS refreshed
 * with every status change, with an entity tag so that phones refresh cheaply) and the installable
 * verifier page (/verificador) with its script, service worker, manifest and icon. No account needed.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema } from '../../errors.js';
import { pageLocale } from '../../web/pages.js';
import { renderVerifierPage, STATUS_LIST_PATH } from '../../web/verifier-page.js';
import { VERIFIER_ASSETS, VERIFIER_MANIFEST, VERIFIER_PATH, verifierWorker } from '../../web/verifier-assets.js';
import { fixedHeaders, PUBLIC_DATA_HELMET, type HeaderSetFor, type HelmetRouteOptions } from '../public/public-headers.js';
import { sendEncoded } from '../public/encoded-reply.js';
import type { SignedStatusList, StatusListService } from './status-list-service.js';

/** The verifier page: its own scripts, service worker and manifest, and reads of this site (the list and the keys). */
export const VERIFIER_CSP_DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'media-src': ["'self'", 'blob:'],
  'style-src': ["'unsafe-inline'"],
  'form-action': ["'self'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
};

const VERIFIER_PAGE_HELMET: HelmetRouteOptions = {
  ...PUBLIC_DATA_HELMET,
  contentSecurityPolicy: { useDefaults: false, directives: VERIFIER_CSP_DIRECTIVES },
  referrerPolicy: { policy: 'no-referrer' },
};

/** The list's bytes in the encoding the client accepts, or 304 when the client already holds this list. */
function sendStatusList(request: FastifyRequest, reply: FastifyReply, list: SignedStatusList) {
  reply.header('etag', list.etag).header('cache-control', 'no-cache').header('vary', 'Accept-Encoding');
  const asked = request.headers['if-none-match'];
  if (asked?.split(',').some((tag) => tag.trim() === list.etag || tag.trim() === '*')) return reply.code(304).send();
  return sendEncoded(request, reply, 'application/jose', list.body, 'no-cache');
}

export type VerifierRoutesOptions = {
  statusList: StatusListService;
  /** The configured public base URL, shown in the layout's footer. */
  publicBaseUrl: string;
  /** Requests per minute each client may make. */
  perMinute: number;
  headerSetFor: HeaderSetFor;
};

export const verifierRoutes: FastifyPluginAsyncZod<VerifierRoutesOptions> = async (
  app,
  { statusList, publicBaseUrl, perMinute, headerSetFor },
) => {
  const fixed = (route: HelmetRouteOptions) => fixedHeaders(headerSetFor, route);
  const config = { public: true, rateLimit: { max: perMinute, timeWindow: 60_000 } };
  const tags = ['Verificación pública'];
  const pages = { es: renderVerifierPage('es', publicBaseUrl), en: renderVerifierPage('en', publicBaseUrl) };

  app.get(
    STATUS_LIST_PATH,
    {
      config,
      helmet: false,
      onRequest: fixed(PUBLIC_DATA_HELMET),
      compress: false,
      schema: {
        tags,
        summary:
          'Lista firmada (JWS compacto, Ed25519) del estado de todos los certificados del registro público, para verificar sin conexión',
        description:
          'Se renueva con cada cambio de estado. Responde 304 si If-None-Match trae su ETag. Formato descrito en el README (sello-lista-estados/1).',
        produces: ['application/jose'],
        response: {
          200: z.string(),
          304: z.null().describe('La lista que el cliente ya tiene sigue siendo la actual'),
          429: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => sendStatusList(request, reply, statusList.current()),
  );

  app.get(
    VERIFIER_PATH,
    {
      config,
      helmet: false,
      onRequest: fixed(VERIFIER_PAGE_HELMET),
      schema: {
        tags,
        summary:
          'Verificador instalable que funciona sin señal (página); sin JavaScript, su formulario lleva a la verificación en línea (/verificar)',
        querystring: z.object({ lang: z.string().max(10).optional() }),
        produces: ['text/html'],
        response: { 200: z.string(), 400: ErrorBodySchema, 429: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const locale = pageLocale(request.query.lang);
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header('vary', 'Accept-Encoding')
        .send(pages[locale]);
    },
  );

  // The script, icon and manifest carry no data: the app's default headers.
  for (const asset of VERIFIER_ASSETS) {
    app.get(asset.href, { config, schema: { hide: true } }, async (_request, reply) =>
      reply.type(asset.type).header('cache-control', 'public, max-age=31536000, immutable').send(asset.body),
    );
  }
  for (const asset of [VERIFIER_MANIFEST, verifierWorker(pages.es)]) {
    app.get(asset.href, { config, schema: { hide: true } }, async (_request, reply) =>
      reply.type(asset.type).header('cache-control', 'no-cache').send(asset.body),
    );
  }
};
