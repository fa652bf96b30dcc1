/**
 * Suppliers for public purchases, no account needed: the page /proveedores and its open data, the
 * signed JSON list and the CSV. Never cached by clients or proxies (a suspension must drop an
 * organisation on the next request); the service keeps each signed list and it is served as the same bytes.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema } from '../../errors.js';
import { DEFAULT_LOCALE, renderSuppliersPage, SUPPLIERS_PATH } from '../../web/pages.js';
import { fixedPublicHeaders, type HeaderSetFor } from './public-headers.js';
import { NO_STORE, sendEncoded } from './encoded-reply.js';
import { SUPPLIERS_CSV_FILENAME, suppliersToCsv } from './suppliers-csv.js';
import { SuppliersQuerySchema, SuppliersSchema } from './suppliers-schemas.js';
import type { SuppliersService } from './suppliers-service.js';

export type SuppliersRoutesOptions = {
  suppliers: SuppliersService;
  /** Requests per minute each client may make. */
  perMinute: number;
  headerSetFor: HeaderSetFor;
};

export const suppliersRoutes: FastifyPluginAsyncZod<SuppliersRoutesOptions> = async (app, { suppliers, perMinute, headerSetFor }) => {
  const headers = fixedPublicHeaders(headerSetFor);
  const page = { helmet: false, onRequest: headers.page, decompress: false } as const;
  const data = { helmet: false, onRequest: headers.data, decompress: false } as const;
  const tags = ['Proveedores para compras públicas'];
  const config = { public: true, rateLimit: { max: perMinute, timeWindow: 60_000 } };
  const errors = { 400: ErrorBodySchema, 429: ErrorBodySchema };

  app.get(
    SUPPLIERS_PATH,
    {
      config,
      ...page,
      schema: {
        tags,
        summary: 'Organizaciones con sello vigente, por departamento, municipio y producto (página)',
        querystring: SuppliersQuerySchema,
        produces: ['text/html'],
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) => {
      const { lang, ...filters } = request.query;
      // The language is the one asked for in the address, never guessed from the browser.
      const locale = lang ?? DEFAULT_LOCALE;
      const body = renderSuppliersPage(
        { query: request.query, list: suppliers.list(filters).list, publicBaseUrl: suppliers.publicBaseUrl },
        locale,
      );
      return reply.code(200).type('text/html; charset=utf-8').header('cache-control', NO_STORE).send(body);
    },
  );

  app.get(
    '/api/v1/public/suppliers',
    {
      config,
      ...data,
      compress: false,
      schema: {
        tags,
        summary: 'Proveedores con sello vigente en JSON firmado (datos abiertos), con los mismos filtros que la página',
        description:
          'Una entrada por organización con al menos un certificado VIGENTE que cumple los filtros, con todos sus certificados vigentes. ' +
          'Qué se firma: el JSON canónico (RFC 8785) del documento sin el campo "signature", es decir producedAt (cuándo se produjo), ' +
          'issuer, filters (los filtros aplicados), total e items. "signature" es un JWS compacto EdDSA (Ed25519) con ese contenido, ' +
          'firmado con la clave del servicio; su cabecera nombra la clave ("kid") publicada en /.well-known/jwks.json. ' +
          'Cómo comprobarlo más tarde sin el servicio: guarde el documento y la clave pública; verifique el JWS con la clave de ese kid ' +
          '(p. ej. jose.compactVerify) y compruebe que el contenido firmado es, byte a byte, el JSON canónico del documento sin "signature". ' +
          'La misma lista se sirve (con el mismo producedAt) mientras los datos del registro no cambien.',
        querystring: SuppliersQuerySchema.omit({ lang: true }),
        response: { 200: SuppliersSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { json } = suppliers.list(request.query);
      // The signed bytes as made once (compressed once too), not serialised again.
      return sendEncoded(request, reply.header('vary', 'Accept-Encoding'), 'application/json; charset=utf-8', json);
    },
  );

  app.get(
    '/api/v1/public/suppliers.csv',
    {
      config,
      ...data,
      schema: {
        tags,
        summary: 'Proveedores con sello vigente en CSV (UTF-8), con los mismos filtros que la página',
        querystring: SuppliersQuerySchema.omit({ lang: true }),
        produces: ['text/csv'],
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${SUPPLIERS_CSV_FILENAME}"`)
        .header('cache-control', NO_STORE)
        .send(suppliersToCsv(suppliers.list(request.query).list)),
  );
};
