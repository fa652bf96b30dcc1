/**
 * Public routes, no account needed: certificate verification (`/c/<code>`, a
 * page for people and JSON for programs), the public registry with its open
 * data, the signing keys and the transparency log. Never cached: a suspension
 * must show on the next request.
 */
import { negotiate } from '@fastify/accept-negotiator';
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEPARTMENTS } from '../../domain/bolivia.js';
import { ErrorBodySchema, errorBody } from '../../errors.js';
import type { KeyStore } from '../../signing/key-store.js';
import { negotiateLocale, renderCodeNotFoundPage, renderRegistryPage, renderVerificationPage } from '../../web/pages.js';
import type { TransparencyLog } from '../certificates/transparency-log.js';
import { CodeParamsSchema, RegistryQuerySchema, RegistrySchema, VerificationSchema, type PublicCertificate } from './public-schemas.js';
import type { VerificationService } from './verification-service.js';

const NO_STORE = 'no-store, max-age=0';

const wantsJson = (request: FastifyRequest) => negotiate(request.headers.accept ?? '', ['text/html', 'application/json']) === 'application/json';

const html = (reply: FastifyReply, status: number, body: string) =>
  reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', NO_STORE)
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .send(body);

export type PublicRoutesOptions = {
  verification: VerificationService;
  log: TransparencyLog;
  keys: KeyStore;
  sectors: { code: string; name: string }[];
  /** Requests per minute each client may make. */
  perMinute: number;
};

export const publicRoutes: FastifyPluginAsyncZod<PublicRoutesOptions> = async (app, { verification, log, keys, sectors, perMinute }) => {
  const tags = ['Verificación pública'];
  const config = { rateLimit: { max: perMinute, timeWindow: 60_000 } };

  app.get(
    '/c/:code',
    {
      config,
      schema: {
        tags,
        summary: 'Verifica un certificado: página en castellano (o inglés) o JSON firmado con Accept: application/json',
        params: CodeParamsSchema,
        querystring: z.object({ lang: z.enum(['es', 'en']).optional() }),
        produces: ['text/html', 'application/json'],
        response: { 200: VerificationSchema, 404: ErrorBodySchema, 429: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const result = verification.verify(request.params.code);
      const locale = negotiateLocale(request.headers['accept-language'], request.query.lang);
      const json = wantsJson(request);
      reply.header('vary', 'Accept, Accept-Language');
      if (!result.found) {
        if (json) {
          const [code, message] =
            result.reason === 'unknown'
              ? ['CERTIFICATE_NOT_FOUND', 'No existe un certificado con ese código: posible falsificación']
              : ['CERTIFICATE_CODE_MISTYPED', 'El código tiene un error de escritura (carácter de control o formato incorrecto)'];
          return reply.code(404).header('cache-control', NO_STORE).send(errorBody(404, code, message, [{ path: 'params.code', message, code: result.reason }]));
        }
        const page = renderCodeNotFoundPage({ input: result.input, reason: result.reason, checkedAt: new Date().toISOString(), officialDomain: verification.issuer }, locale);
        return html(reply, 404, page);
      }
      if (json) return reply.header('cache-control', NO_STORE).send(result.verification);
      const { certificate, checkedAt } = result.verification;
      const page = renderVerificationPage(
        {
          code: certificate.code,
          status: certificate.status,
          statusSince: certificate.statusSince,
          statusReason: certificate.statusReason,
          organization: { name: certificate.organization.name, department: certificate.region.department, municipality: certificate.region.municipality },
          producer: certificate.producer,
          products: certificate.products,
          sectors: certificate.sectors,
          sealLevel: certificate.sealLevel,
          scheme: certificate.scheme,
          issuedOn: certificate.issuedOn,
          expiresOn: certificate.expiresOn,
          checkedAt,
          officialDomain: verification.issuer,
          jsonUrl: new URL(certificate.verificationUrl).pathname,
        },
        locale,
      );
      return html(reply, 200, page);
    },
  );

  const departments = Object.entries(DEPARTMENTS).map(([code, name]) => ({ code, name }));

  app.get(
    '/registro',
    {
      config,
      schema: {
        tags,
        summary: 'Registro público de organizaciones certificadas (página)',
        querystring: RegistryQuerySchema,
        produces: ['text/html'],
        response: { 200: z.string(), 400: ErrorBodySchema, 429: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const result = verification.registry(request.query);
      const { lang: _lang, pageSize: _size, ...query } = request.query;
      const filters = new URLSearchParams(Object.entries(query).flatMap(([k, v]): [string, string][] => (k !== 'page' && v !== undefined ? [[k, String(v)]] : [])));
      const suffix = filters.size > 0 ? `?${filters.toString()}` : '';
      const page = renderRegistryPage(
        {
          query,
          entries: result.items.map((c) => entryOf(c)),
          total: result.total,
          pageSize: result.pageSize,
          departments,
          sectors,
          csvUrl: `/api/v1/public/registry.csv${suffix}`,
          jsonUrl: `/api/v1/public/registry${suffix}`,
          officialDomain: verification.issuer,
        },
        negotiateLocale(request.headers['accept-language'], request.query.lang),
      );
      return html(reply, 200, page);
    },
  );

  app.get(
    '/api/v1/public/registry',
    { config, schema: { tags, summary: 'Registro público en JSON (datos abiertos)', querystring: RegistryQuerySchema, response: { 200: RegistrySchema, 400: ErrorBodySchema, 429: ErrorBodySchema } } },
    async (request, reply) => reply.header('cache-control', NO_STORE).send(verification.registry(request.query)),
  );

  app.get(
    '/api/v1/public/registry.csv',
    {
      config,
      schema: {
        tags,
        summary: 'Registro público en CSV (UTF-8), con todas las entradas que cumplen los filtros',
        querystring: RegistryQuerySchema.omit({ page: true, pageSize: true }),
        produces: ['text/csv'],
        response: { 200: z.string(), 400: ErrorBodySchema, 429: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const { items } = verification.registry({ ...request.query, page: 1, pageSize: Number.MAX_SAFE_INTEGER });
      const csv = stringify(
        items.map((c) => [c.code, c.statusLabel, c.statusSince, c.organization.name, c.producer ?? '', c.region.department, c.region.municipality, c.products.join(' | '), c.sectors.join(' | '), c.sealLevel, c.scheme.version, c.issuedOn, c.expiresOn, c.verificationUrl]),
        {
          bom: true,
          header: true,
          columns: ['codigo', 'estado', 'estado_desde', 'organizacion', 'unidad_productiva', 'departamento', 'municipio', 'productos', 'sectores', 'nivel_sello', 'version_criterios', 'emitido', 'vence', 'verificacion'],
        },
      );
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="registro-sello-escj.csv"').header('cache-control', NO_STORE).send(csv);
    },
  );

  app.get(
    '/.well-known/jwks.json',
    {
      config,
      schema: {
        tags,
        summary: 'Claves públicas (Ed25519) que firman las verificaciones y las cabezas del registro de transparencia',
        response: { 200: z.object({ keys: z.array(z.object({ kty: z.string(), crv: z.string(), x: z.string(), kid: z.string(), alg: z.string(), use: z.string() })) }) },
      },
    },
    async (_request, reply) => reply.header('cache-control', 'public, max-age=300').send(keys.jwks()),
  );

  const transparencyTags = ['Registro de transparencia'];
  app.get(
    '/api/v1/transparency/sth',
    {
      config,
      schema: {
        tags: transparencyTags,
        summary: 'Cabeza firmada del árbol (RFC 6962): tamaño, raíz y firma JWS',
        response: { 200: z.object({ treeSize: z.int(), rootHash: z.string(), timestamp: z.string(), signature: z.string() }) },
      },
    },
    async (_request, reply) => reply.header('cache-control', NO_STORE).send(log.treeHead()),
  );

  app.get(
    '/api/v1/transparency/proof',
    {
      config,
      schema: {
        tags: transparencyTags,
        summary: 'Prueba de inclusión de una entrada en un árbol de tamaño dado (por defecto, el actual)',
        querystring: z.object({ leafIndex: z.coerce.number().int().min(0), treeSize: z.coerce.number().int().min(1).optional() }).strict(),
        response: {
          200: z.object({ leafIndex: z.int(), treeSize: z.int(), leafHash: z.string(), rootHash: z.string(), auditPath: z.array(z.string()) }),
          400: ErrorBodySchema,
          404: ErrorBodySchema,
        },
      },
    },
    (request) => log.inclusion(request.query.leafIndex, request.query.treeSize),
  );

  app.get(
    '/api/v1/transparency/consistency',
    {
      config,
      schema: {
        tags: transparencyTags,
        summary: 'Prueba de consistencia entre dos tamaños del árbol',
        querystring: z.object({ first: z.coerce.number().int().min(0), second: z.coerce.number().int().min(0) }).strict(),
        response: { 200: z.object({ first: z.int(), second: z.int(), consistency: z.array(z.string()) }), 400: ErrorBodySchema },
      },
    },
    (request) => log.consistency(request.query.first, request.query.second),
  );

  app.get(
    '/api/v1/transparency/entries',
    {
      config,
      schema: {
        tags: transparencyTags,
        summary: 'Entradas del registro en [start, end) (como máximo 1000)',
        querystring: z
          .object({ start: z.coerce.number().int().min(0), end: z.coerce.number().int().min(1) })
          .strict()
          .refine((q) => q.end > q.start && q.end - q.start <= 1000, { message: 'end debe ser mayor que start y el rango de 1000 como máximo', path: ['end'] }),
        response: {
          200: z.object({
            entries: z.array(
              z.object({
                leafIndex: z.int(),
                leafHash: z.string(),
                entry: z.object({
                  certificateCode: z.string(),
                  event: z.string(),
                  at: z.string(),
                  reason: z.string().nullable(),
                  scheme: z.string(),
                  criteriaVersion: z.string(),
                  criteriaHash: z.string(),
                  eventSeq: z.int(),
                }),
              }),
            ),
          }),
          400: ErrorBodySchema,
        },
      },
    },
    (request) => ({ entries: log.entries(request.query.start, request.query.end) }),
  );
};

function entryOf(c: PublicCertificate) {
  return {
    code: c.code,
    status: c.status,
    organization: c.organization.name,
    department: c.region.department,
    municipality: c.region.municipality,
    producer: c.producer,
    products: c.products,
    sectors: c.sectors,
    sealLevel: c.sealLevel,
    issuedOn: c.issuedOn,
    expiresOn: c.expiresOn,
    statusSince: c.statusSince,
    verifyUrl: c.verificationUrl,
  };
}
