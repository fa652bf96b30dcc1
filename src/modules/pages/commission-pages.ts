/**
 * The certification commission's pages under /app/comision: the queue of dossiers waiting for its
 * decision (filters in the address, so it works without scripts) and each dossier as the commission
 * reviews it. Registered inside `appPages` (pages-routes.ts): a session is required and errors are
 * pages. The services refuse (403) anyone who may not act as the commission, on every page.
 * The deciding page (/app/comision/expedientes/:id/decidir) and the sessions are built apart.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../domain/access.js';
import { DEPARTMENT_CODES } from '../../domain/bolivia.js';
import { laPazDate } from '../../domain/certificate-state.js';
import { QUEUE_STATES } from '../../domain/commission-queue.js';
import { renderCommissionDossierPage, renderCommissionQueuePage, type AppPerson } from '../../web/app/app-pages.js';
import type { DossierReviewService } from '../commission/dossier-review-service.js';
import type { QueueService } from '../commission/queue-service.js';
import { sendPage } from './page-replies.js';

export type CommissionPagesDeps = { queue: QueueService; review: DossierReviewService; now: () => Date };

type Options = CommissionPagesDeps & {
  requirePerson: (request: { actor: Actor | null }) => { actor: Actor; person: AppPerson };
};

const html = { 200: z.string() };
/** A GET form sends an empty value for «all»: the same as no filter. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const QueuePageQuery = z.object({
  organizacion: optional(z.uuid()),
  departamento: optional(z.enum(DEPARTMENT_CODES)),
  situacion: optional(z.enum(QUEUE_STATES)),
  pagina: z.coerce.number().int().min(1).max(10_000).default(1),
});
const IdParams = z.object({ id: z.uuid() });

/** Dossiers shown per page of the queue. */
const PAGE_SIZE = 20;

export const commissionPages: FastifyPluginAsyncZod<Options> = async (app, { queue, review, now, requirePerson }) => {
  app.get('/comision', { schema: { hide: true, querystring: QueuePageQuery, response: html } }, async (request, reply) => {
    const { actor, person } = requirePerson(request);
    const { organizacion, departamento, situacion, pagina } = request.query;
    const page = queue.list(actor, {
      organizationId: organizacion,
      department: departamento,
      queueState: situacion,
      page: pagina,
      pageSize: PAGE_SIZE,
    });
    const view = {
      queue: page,
      filters: { organizacion, departamento, situacion },
      organizations: queue.organizations(actor),
      waitingTotal: queue.summary(actor).total,
    };
    return sendPage(reply, 200, renderCommissionQueuePage(view, person));
  });

  app.get('/comision/expedientes/:id', { schema: { hide: true, params: IdParams, response: html } }, async (request, reply) => {
    const { actor, person } = requirePerson(request);
    return sendPage(reply, 200, renderCommissionDossierPage(review.review(actor, request.params.id), person, laPazDate(now())));
  });
};
