/**
 * The public figures: the page (/cifras, charts as inline SVG with their tables) and its numbers as
 * open data (JSON and CSV). Public like the registry: no account, limited per client, never stored by
 * clients or proxies (a suspension must show on the next request).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FIGURE_IDS } from '../../domain/figures.js';
import { ErrorBodySchema } from '../../errors.js';
import { renderFiguresPage } from '../../web/figures-page.js';
import { FIGURES_PATH, pageLocale } from '../../web/pages.js';
import { FIGURES_CSV_FILENAME, figuresToCsv } from './figures-csv.js';
import type { FiguresService } from './figures-service.js';
import { fixedPublicHeaders, type HeaderSetFor } from './public-headers.js';
import { NO_STORE, sendEncoded } from './encoded-reply.js';

export const FIGURES_JSON_PATH = '/api/v1/public/figures';
export const FIGURES_CSV_PATH = '/api/v1/public/figures.csv';

export const FiguresSchema = z
  .object({
    asOf: z.iso.date().describe('Día de Bolivia al que corresponden las cifras'),
    generatedAt: z.string().describe('Cuándo se calcularon (UTC)'),
    figures: z.array(
      z.object({
        id: z.enum(FIGURE_IDS),
        series: z.array(z.string()),
        rows: z.array(z.object({ key: z.string(), label: z.string(), values: z.record(z.string(), z.number()) })),
      }),
    ),
  })
  .meta({ id: 'PublicFigures' });

export type FiguresRoutesOptions = {
  figures: FiguresService;
  /** The configured public base URL, shown in the layout's footer. */
  publicBaseUrl: string;
  perMinute: number;
  headerSetFor: HeaderSetFor;
};

export const figuresRoutes: FastifyPluginAsyncZod<FiguresRoutesOptions> = async (
  app,
  { figures, publicBaseUrl, perMinute, headerSetFor },
) => {
  const headers = fixedPublicHeaders(headerSetFor);
  const page = { helmet: false, onRequest: headers.page, decompress: false, compress: false } as const;
  const data = { helmet: false, onRequest: headers.data, decompress: false } as const;
  const tags = ['Cifras públicas'];
  const config = { public: true, rateLimit: { max: perMinute, timeWindow: 60_000 } };

  app.get(
    FIGURES_PATH,
    {
      config,
      ...page,
      schema: {
        tags,
        summary: 'El sello en cifras: gráficos con sus tablas (página)',
        querystring: z.object({ lang: z.enum(['es', 'en']).optional() }),
        produces: ['text/html'],
        response: { 200: z.string(), 400: ErrorBodySchema, 429: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const locale = pageLocale(request.query.lang);
      const body = figures.rendered(`page:${locale}`, (f) =>
        renderFiguresPage({ figures: f, publicBaseUrl, csvHref: FIGURES_CSV_PATH, jsonHref: FIGURES_JSON_PATH }, locale),
      );
      reply.header('vary', 'Accept-Encoding');
      return sendEncoded(request, reply, 'text/html; charset=utf-8', body);
    },
  );

  app.get(
    FIGURES_JSON_PATH,
    {
      config,
      ...data,
      schema: { tags, summary: 'Las cifras del sello en JSON (datos abiertos)', response: { 200: FiguresSchema, 429: ErrorBodySchema } },
    },
    async (_request, reply) => reply.header('cache-control', NO_STORE).send(figures.figures()),
  );

  app.get(
    FIGURES_CSV_PATH,
    {
      config,
      ...data,
      schema: {
        tags,
        summary: 'Las cifras del sello en CSV (UTF-8): una fila por número (cifra, clave, etiqueta, serie, valor, al_dia)',
        produces: ['text/csv'],
        response: { 200: z.string(), 429: ErrorBodySchema },
      },
    },
    async (_request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${FIGURES_CSV_FILENAME}"`)
        .header('cache-control', NO_STORE)
        .send(figures.rendered('csv', figuresToCsv).identity.toString('utf8')),
  );
};
