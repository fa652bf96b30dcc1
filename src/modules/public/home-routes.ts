/**
 * The home page (GET /) and where its code form goes (GET /verificar?codigo=…). A code that can be one
 * goes on to its certificate's page (/c/<code>), which says whether it exists; an empty or impossible one
 * shows the home page again with what to fix, as a page, never as a JSON error. No cookie, no session.
 */
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { codeForUrl, parseCertificateCode } from '../../domain/certificate-code.js';
import { ErrorBodySchema } from '../../errors.js';
import { CODE_FORM_PATH, HOME_PATH, pageLocale, renderHomePage, VERIFY_PATH, type HomeView, type Locale } from '../../web/pages.js';
import { NO_STORE } from './encoded-reply.js';
import { fixedPublicHeaders, type HeaderSetFor } from './public-headers.js';

/** Longer than any way of typing a code (12 symbols with separators and spaces): not looked at further. */
const MAX_TYPED = 100;

export type HomeRoutesOptions = {
  /** The configured public base URL, shown in the footer as the official site. */
  publicBaseUrl: string;
  /** Requests per minute each client may make. */
  perMinute: number;
  headerSetFor: HeaderSetFor;
};

// Any text is accepted here (a language nobody offers reads as Spanish), so that no answer is a JSON error.
const LangSchema = z.string().optional().describe('Idioma de la página: `en` para inglés; castellano si falta');

export const homeRoutes: FastifyPluginAsyncZod<HomeRoutesOptions> = async (app, { publicBaseUrl, perMinute, headerSetFor }) => {
  const page = { helmet: false, onRequest: fixedPublicHeaders(headerSetFor).page, decompress: false } as const;
  const config = { public: true, rateLimit: { max: perMinute, timeWindow: 60_000 } };
  const tags = ['Verificación pública'];

  const send = (reply: FastifyReply, status: number, view: HomeView, locale: Locale) =>
    reply.code(status).type('text/html; charset=utf-8').header('cache-control', NO_STORE).send(renderHomePage(view, locale));

  app.get(
    HOME_PATH,
    {
      config,
      ...page,
      schema: {
        tags,
        summary: 'Página de inicio: qué es el sello y un campo para verificar el código impreso en una etiqueta',
        querystring: z.object({ lang: LangSchema }),
        produces: ['text/html'],
        response: { 200: z.string(), 429: ErrorBodySchema },
      },
    },
    async (request, reply) => send(reply, 200, { publicBaseUrl }, pageLocale(request.query.lang)),
  );

  app.get(
    CODE_FORM_PATH,
    {
      config,
      ...page,
      schema: {
        tags,
        summary: 'Envío del campo de código de la página de inicio: 303 a /c/<código>, o la página de inicio con el problema (400)',
        querystring: z.object({
          codigo: z
            .union([z.string(), z.array(z.string())])
            .optional()
            .describe('El código tal como se escribió'),
          lang: LangSchema,
        }),
        produces: ['text/html'],
        response: { 303: z.string(), 400: z.string(), 429: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const locale = pageLocale(request.query.lang);
      const asked = request.query.codigo;
      const typed = (Array.isArray(asked) ? asked[0] : asked)?.trim() ?? '';
      if (typed === '') return send(reply, 400, { publicBaseUrl, code: '', problem: 'empty' }, locale);
      const parsed = typed.length > MAX_TYPED ? ({ ok: false, reason: 'malformed' } as const) : parseCertificateCode(typed);
      if (!parsed.ok) return send(reply, 400, { publicBaseUrl, code: typed, problem: parsed.reason }, locale);
      const target = `${VERIFY_PATH}${codeForUrl(parsed.code)}${locale === 'es' ? '' : `?lang=${locale}`}`;
      return reply.code(303).header('cache-control', NO_STORE).redirect(target, 303);
    },
  );
};
