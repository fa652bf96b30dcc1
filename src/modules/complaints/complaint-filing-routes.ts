/**
 * Complaints for programs, no account needed: the question to answer, filing (JSON, without a photo:
 * the form at /denuncias/nueva takes one), and what anyone with a tracking number may read of it.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { COMPLAINT_STATUSES } from '../../domain/complaints.js';
import { errorResponses } from '../../errors.js';
import { complaintPath } from '../../web/complaint-pages.js';
import { NO_STORE } from '../public/encoded-reply.js';
import { questionText } from './complaint-filing-question.js';
import {
  ComplaintFilingSchema,
  ComplaintQuestionSchema,
  PublicComplaintSchema,
  TrackingNumberParamsSchema,
} from './complaint-filing-schemas.js';
import type { ComplaintFilingService } from './complaint-filing-service.js';

export type ComplaintFilingRoutesOptions = {
  complaints: ComplaintFilingService;
  publicBaseUrl: string;
  /** Reads per minute each client may make. */
  perMinute: number;
  /** Filings per hour each client may send. */
  perHour: number;
};

const FiledComplaintSchema = z
  .object({
    trackingNumber: z.string().describe('El número de seguimiento, DEN-XXXX-XXXX: la persona debe anotarlo'),
    status: z.enum(COMPLAINT_STATUSES),
    statusLabel: z.string(),
    filedAt: z.string(),
    trackingUrl: z.string().describe('La página donde la persona sigue su denuncia'),
  })
  .meta({ id: 'FiledComplaint' });

export const complaintFilingRoutes: FastifyPluginAsyncZod<ComplaintFilingRoutesOptions> = async (
  app,
  { complaints, publicBaseUrl, perMinute, perHour },
) => {
  const tags = ['Denuncias'];
  const reads = { public: true, rateLimit: { max: perMinute, timeWindow: 60_000 } };

  app.get(
    '/api/v1/public/complaints/question',
    {
      config: reads,
      schema: {
        tags,
        summary: 'Una pregunta para mostrar a la persona que denuncia, que un programa no responde sin entenderla',
        description:
          'Muestre `question` a la persona y envíe su respuesta en `answer`, con `token` en `questionToken`. La pregunta vence en dos horas; cada pregunta sirve para una denuncia.',
        response: { 200: ComplaintQuestionSchema, ...errorResponses(429) },
      },
    },
    async (_request, reply) => {
      const q = complaints.question.ask();
      return reply.header('cache-control', NO_STORE).send({ question: questionText(q, 'es'), token: q.token, expiresAt: q.expiresAt });
    },
  );

  app.post(
    '/api/v1/public/complaints',
    {
      config: { public: true, rateLimit: { max: perHour, timeWindow: 3_600_000 } },
      bodyLimit: 32 * 1024,
      schema: {
        tags,
        summary: 'Presenta una denuncia sobre una organización certificada o sobre el uso del sello, sin cuenta',
        description:
          'JSON, sin foto (la página /denuncias/nueva admite una). Anónima si no se da `contact`; el contacto nunca se publica y solo lo ve la comisión de certificación. Si `code` es el de un certificado, la denuncia queda ligada a él y a su organización. Una respuesta equivocada o vencida a la pregunta se rechaza (400, `COMPLAINT_QUESTION_WRONG` o `COMPLAINT_QUESTION_EXPIRED`): pida otra. Cada cliente puede enviar SELLO_COMPLAINT_RATE_LIMIT denuncias por hora.',
        body: ComplaintFilingSchema,
        response: { 201: FiledComplaintSchema, ...errorResponses(400, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const filed = await complaints.file(request.body, undefined);
      return reply
        .code(201)
        .header('cache-control', NO_STORE)
        .send({ ...filed, trackingUrl: `${publicBaseUrl}${complaintPath(filed.trackingNumber)}` });
    },
  );

  app.get(
    '/api/v1/public/complaints/:trackingNumber',
    {
      config: reads,
      schema: {
        tags,
        summary:
          'El estado de una denuncia por su número de seguimiento: estado, fechas y, si está cerrada, el resultado y su resumen público',
        description: 'Nunca el contacto de quien denunció, la investigación, quién la lleva ni la foto.',
        params: TrackingNumberParamsSchema,
        response: { 200: PublicComplaintSchema, ...errorResponses(404, 429) },
      },
    },
    async (request, reply) => reply.header('cache-control', NO_STORE).send(complaints.track(request.params.trackingNumber)),
  );
};
