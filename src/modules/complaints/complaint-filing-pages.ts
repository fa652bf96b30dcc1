/**
 * The complaint pages (no account, no JavaScript needed): the form, where it is sent, and the tracking
 * page with its lookup field. Refusals come back as the form with what to fix next to each field,
 * never as a JSON error. Never cached, never indexed.
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { normalizeTrackingNumber } from '../../domain/complaints.js';
import { waitInWords } from '../../domain/text.js';
import { AppError, ErrorBodySchema } from '../../errors.js';
import {
  COMPLAINT_FIELDS,
  COMPLAINT_FORM_PATH,
  COMPLAINT_LOOKUP_PATH,
  COMPLAINT_POST_PATH,
  complaintPath,
  HONEYPOT_FIELD,
  renderComplaintFormPage,
  renderComplaintLookupPage,
  renderComplaintTrackingPage,
  type ComplaintField,
  type ComplaintFormView,
} from '../../web/complaint-pages.js';
import { pageLocale, type Locale } from '../../web/pages.js';
import { inLocale } from '../../web/page-layout.js';
import { NO_STORE } from '../public/encoded-reply.js';
import { fixedPublicHeaders, type HeaderSetFor } from '../public/public-headers.js';
import { COMPLAINT_MULTIPART_LIMITS, readComplaintForm } from './complaint-filing-form.js';
import { questionText } from './complaint-filing-question.js';
import { COMPLAINT_WHAT_MAX, ComplaintFilingSchema } from './complaint-filing-schemas.js';
import type { ComplaintFilingService } from './complaint-filing-service.js';

export type ComplaintFilingPagesOptions = {
  complaints: ComplaintFilingService;
  publicBaseUrl: string;
  perMinute: number;
  perHour: number;
  headerSetFor: HeaderSetFor;
};

const LangSchema = z.string().optional().describe('Idioma de la página: `en` para inglés; castellano si falta');
const typedValue = z.union([z.string(), z.array(z.string())]).optional();
const firstOf = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
const TEXT_FIELDS = ['subject', 'code', 'what', 'place', 'happenedOn', 'contact'] as const;

export const complaintFilingPages: FastifyPluginAsyncZod<ComplaintFilingPagesOptions> = async (
  app,
  { complaints, publicBaseUrl, perMinute, perHour, headerSetFor },
) => {
  await app.register(fastifyMultipart, { limits: COMPLAINT_MULTIPART_LIMITS, throwFileSizeLimit: false });
  const headers = fixedPublicHeaders(headerSetFor).page;
  const page = { helmet: false, onRequest: headers, decompress: false } as const;
  const reads = { public: true, rateLimit: { max: perMinute, timeWindow: 60_000 } };
  const tags = ['Denuncias'];
  const html = (reply: FastifyReply, status: number, body: string) =>
    reply.code(status).type('text/html; charset=utf-8').header('cache-control', NO_STORE).header('x-robots-tag', 'noindex').send(body);

  const form = (view: Omit<ComplaintFormView, 'publicBaseUrl' | 'question' | 'whatMax'>, locale: Locale) => {
    const q = complaints.question.ask();
    return renderComplaintFormPage(
      { ...view, publicBaseUrl, question: { text: questionText(q, locale), token: q.token }, whatMax: COMPLAINT_WHAT_MAX },
      locale,
    );
  };

  // Too many filings come back as the form, in words, not as a JSON error; other errors go on as usual.
  app.setErrorHandler((error, request, reply) => {
    if (!(error instanceof AppError) || error.code !== 'RATE_LIMITED') throw error;
    const locale = pageLocale((request.query as { lang?: string } | undefined)?.lang);
    const wait = waitInWords(Number(reply.getHeader('retry-after') ?? 60));
    const view = { values: {}, issues: {}, problem: { limitedFor: wait }, organizationName: null };
    return html(reply, 429, form(view, locale));
  });

  app.get(
    COMPLAINT_FORM_PATH,
    {
      config: reads,
      ...page,
      schema: {
        tags,
        summary: 'Formulario para presentar una denuncia, sin cuenta; `codigo` lo llena con el código de un certificado',
        querystring: z.object({
          codigo: typedValue.describe('El código del certificado de la página de donde se viene'),
          lang: LangSchema,
        }),
        produces: ['text/html'],
        response: { 200: z.string(), 429: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const locale = pageLocale(request.query.lang);
      const code = firstOf(request.query.codigo).slice(0, 40);
      const organizationName = complaints.organizationOfCode(code);
      // From a certificate's page the complaint is, most likely, about its organisation.
      const values = code ? { code, ...(organizationName ? { subject: 'organization' } : {}) } : {};
      return html(reply, 200, form({ values, issues: {}, organizationName }, locale));
    },
  );

  app.post(
    COMPLAINT_POST_PATH,
    {
      config: { public: true, rateLimit: { max: perHour, timeWindow: 3_600_000 } },
      ...page,
      // The form is sent as multipart/form-data; anything else is refused before its body is read.
      onRequest: async (request) => {
        if (!/^multipart\/form-data\b/i.test(request.headers['content-type'] ?? '')) {
          throw new AppError('unsupported_media', 'UNSUPPORTED_MEDIA_TYPE', 'El formulario de denuncia se envía como multipart/form-data');
        }
      },
      schema: {
        tags,
        summary:
          'Envío del formulario de denuncia (multipart/form-data, con una foto opcional): 303 a su página de seguimiento, o el formulario con lo que hay que corregir (400)',
        querystring: z.object({ lang: LangSchema }),
        consumes: ['multipart/form-data'],
        produces: ['text/html'],
        response: { 303: z.string(), 400: z.string(), 413: ErrorBodySchema, 415: ErrorBodySchema, 429: z.string() },
      },
    },
    async (request, reply) => {
      const locale = pageLocale(request.query.lang);
      const { fields, photo, problems } = await readComplaintForm(request);
      const values = Object.fromEntries(TEXT_FIELDS.map((k) => [k, (fields[k] ?? '').slice(0, COMPLAINT_WHAT_MAX)]));
      const organizationName = complaints.organizationOfCode(fields.code);
      // Whoever fills the field people do not see is a robot: refused in general words, nothing written.
      if ((fields[HONEYPOT_FIELD] ?? '') !== '') {
        return html(reply, 400, form({ values, issues: {}, problem: 'refused', organizationName }, locale));
      }
      const issues: Partial<Record<ComplaintField, string>> = {};
      const note = (path: string, message: string) => {
        const field = path.replace(/^body\./, '').split('.')[0] as ComplaintField;
        if ((COMPLAINT_FIELDS as readonly string[]).includes(field)) issues[field] ??= message;
      };
      for (const [field, message] of Object.entries(problems)) note(field, message);
      const input = Object.fromEntries(
        [...TEXT_FIELDS, 'questionToken', 'answer'].flatMap((k) => (fields[k] === undefined ? [] : [[k, fields[k]]])),
      );
      const parsed = ComplaintFilingSchema.safeParse(input);
      if (!parsed.success) for (const issue of parsed.error.issues) note(String(issue.path[0] ?? ''), issue.message);
      if (parsed.success && Object.keys(issues).length === 0) {
        try {
          const filed = await complaints.file(parsed.data, photo);
          return reply
            .code(303)
            .header('cache-control', NO_STORE)
            .redirect(inLocale(complaintPath(filed.trackingNumber), locale), 303);
        } catch (error) {
          if (!(error instanceof AppError) || error.kind !== 'invalid' || !error.issues) throw error;
          for (const issue of error.issues) note(issue.path, issue.message);
        }
      }
      return html(reply, 400, form({ values, issues, organizationName }, locale));
    },
  );

  app.get(
    COMPLAINT_LOOKUP_PATH,
    {
      config: reads,
      ...page,
      schema: {
        tags,
        summary: 'Campo para escribir el número de seguimiento de una denuncia: con `numero`, 303 a su página',
        querystring: z.object({ numero: typedValue.describe('El número de seguimiento tal como se escribió'), lang: LangSchema }),
        produces: ['text/html'],
        response: { 200: z.string(), 303: z.string(), 400: z.string(), 429: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const locale = pageLocale(request.query.lang);
      if (request.query.numero === undefined) return html(reply, 200, renderComplaintLookupPage({ publicBaseUrl, typed: '' }, locale));
      const typed = firstOf(request.query.numero);
      const number = typed.length > 40 ? null : normalizeTrackingNumber(typed);
      if (number === null) {
        const problem = typed === '' ? 'empty' : 'unknown';
        return html(reply, 400, renderComplaintLookupPage({ publicBaseUrl, typed, problem }, locale));
      }
      return reply
        .code(303)
        .header('cache-control', NO_STORE)
        .redirect(inLocale(complaintPath(number), locale), 303);
    },
  );

  app.get(
    '/denuncias/:trackingNumber',
    {
      config: reads,
      ...page,
      schema: {
        tags,
        summary: 'Página de seguimiento de una denuncia: su estado en palabras, sus fechas y, cerrada, el resultado y su resumen público',
        params: z.object({ trackingNumber: z.string().max(100) }),
        querystring: z.object({ lang: LangSchema }),
        produces: ['text/html'],
        response: { 200: z.string(), 404: z.string(), 429: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const locale = pageLocale(request.query.lang);
      const typed = request.params.trackingNumber;
      try {
        const complaint = complaints.track(typed);
        return html(reply, 200, renderComplaintTrackingPage({ ...complaint, publicBaseUrl }, locale));
      } catch (error) {
        if (!(error instanceof AppError) || error.kind !== 'not_found') throw error;
        return html(reply, 404, renderComplaintLookupPage({ publicBaseUrl, typed, problem: 'unknown' }, locale));
      }
    },
  );
};
