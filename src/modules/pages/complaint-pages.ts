/**
 * The commission's complaint pages under /app/comision/denuncias: the list (filtered by state in the address)
 * and one complaint with its forms (assign, inquiry notes, tie to a certificate, unannounced visit, close),
 * each a plain POST that comes back to the complaint's page. Registered inside `appPages` (pages-routes.ts);
 * whoever may not act as the commission gets the refusal page, before any form is read.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, canActAsCommission, type Actor } from '../../domain/access.js';
import { laPazDate } from '../../domain/certificate-state.js';
import { COMPLAINT_OUTCOMES, COMPLAINT_STATUSES } from '../../domain/complaints.js';
import { AppError } from '../../errors.js';
import { MEMBER_KINDS, type MemberKind } from '../../domain/visit-team.js';
import { formValues, type AppPerson } from '../../web/app/app-pages.js';
import { CloseComplaintSchema, ComplaintInquirySchema, LinkComplaintSchema } from '../complaints/complaint-handling-schemas.js';
import { COMPLAINTS_COMMISSION_ONLY, type ComplaintHandlingService } from '../complaints/complaint-handling-service.js';
import {
  COMPLAINT_FORMS,
  complaintHref,
  renderComplaintPage,
  renderComplaintsPage,
  teamField,
  type ComplaintForm,
} from './complaint-pages-view.js';
import { sendPage, type PageProblem } from './page-replies.js';

export type ComplaintPagesDeps = { complaints: ComplaintHandlingService; now: () => Date };

type Options = ComplaintPagesDeps & {
  requirePerson: (request: { actor: Actor | null }) => { actor: Actor; person: AppPerson };
};

const html = { 200: z.string() };
const IdParams = z.object({ id: z.uuid() });
/** A form or a GET filter sends an empty value for «none»: the same as leaving it out. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const ListQuery = z.object({
  estado: optional(z.enum(COMPLAINT_STATUSES)),
  pagina: z.coerce.number().int().min(1).max(10_000).default(1),
});
const DoneQuery = z.object({ hecho: z.enum(COMPLAINT_FORMS).optional() });
const AssignForm = z.object({ userId: z.uuid({ error: 'Elija un miembro de la comisión' }) });
const VisitForm = z
  .object({
    plannedOn: z.iso.date({ error: 'Elija la fecha de la visita' }),
    producerId: optional(z.uuid({ error: 'Elija una unidad de la lista' })),
  })
  .catchall(z.string());
const CloseForm = CloseComplaintSchema.extend({
  outcome: z.enum(COMPLAINT_OUTCOMES, { error: 'Elija el resultado' }),
  sanctionCode: optional(z.string().trim().max(60)),
});

const PAGE_SIZE = 20;

export const complaintPages: FastifyPluginAsyncZod<Options> = async (app, { complaints, now, requirePerson }) => {
  app.addHook('preValidation', async (request) => {
    authorize(canActAsCommission(requirePerson(request).actor), COMPLAINTS_COMMISSION_ONLY);
  });

  app.get('/comision/denuncias', { schema: { hide: true, querystring: ListQuery, response: html } }, async (request, reply) => {
    const { actor, person } = requirePerson(request);
    const { estado, pagina } = request.query;
    const page = complaints.list(actor, { status: estado, page: pagina, pageSize: PAGE_SIZE });
    return sendPage(reply, 200, renderComplaintsPage(page, estado, complaints.openCount(actor), person));
  });

  /** The complaint's page, with a form's problem or the step just done. */
  const complaintPage = (request: FastifyRequest, problem?: Partial<PageProblem>) => {
    const { actor, person } = requirePerson(request);
    const id = (request.params as { id: string }).id;
    const complaint = complaints.get(actor, id);
    const view = {
      complaint,
      members: complaints.members(actor),
      persons: complaint.status === 'in_inquiry' && complaint.certificate ? complaints.persons(actor) : [],
      units: complaints.certificateMembers(actor, id).map((m) => ({ producerId: m.producerId, name: m.name })),
      catalogue: complaints.catalogue(actor, id),
      today: laPazDate(now()),
    };
    const form = request.url.split('?')[0]!.split('/').at(-1) as ComplaintForm;
    const hecho = (request.query as { hecho?: ComplaintForm } | undefined)?.hecho;
    const state = problem
      ? { form, values: formValues(request.body), errors: problem.fields ?? {}, ...(problem.message ? { message: problem.message } : {}) }
      : hecho
        ? { done: hecho }
        : {};
    return renderComplaintPage(view, person, state);
  };
  const done = (id: string, form: ComplaintForm) => `${complaintHref(id)}?hecho=${form}`;
  const formRoute = <B extends z.ZodType>(form: ComplaintForm, body: B, act: (actor: Actor, id: string, body: z.infer<B>) => unknown) =>
    app.post(
      `/comision/denuncias/:id/${form}`,
      { schema: { hide: true, params: IdParams, body, response: html }, config: { pageForm: complaintPage } },
      async (request, reply) => {
        act(requirePerson(request).actor, request.params.id, request.body as z.infer<B>);
        return reply.redirect(done(request.params.id, form), 303);
      },
    );

  app.get(
    '/comision/denuncias/:id',
    { schema: { hide: true, params: IdParams, querystring: DoneQuery, response: html } },
    async (request, reply) => sendPage(reply, 200, complaintPage(request)),
  );

  formRoute('asignar', AssignForm, (actor, id, body) => complaints.assign(actor, id, body));
  formRoute('investigacion', ComplaintInquirySchema, (actor, id, body) => complaints.inquiry(actor, id, body));
  formRoute('vincular', LinkComplaintSchema, (actor, id, body) => complaints.link(actor, id, body));
  formRoute('visita', VisitForm, (actor, id, body) => {
    const values = formValues(body);
    const team = complaints.persons(actor).flatMap((p) => {
      const kind = values[teamField(p.id)];
      return kind && (MEMBER_KINDS as readonly string[]).includes(kind) ? [{ personId: p.id, kind: kind as MemberKind }] : [];
    });
    if (team.length === 0) throw teamMissing();
    return complaints.orderUnannouncedVisit(actor, id, {
      plannedOn: body.plannedOn,
      team,
      ...(body.producerId ? { producerId: body.producerId } : {}),
    });
  });
  formRoute('cerrar', CloseForm, (actor, id, { sanctionCode, ...body }) =>
    complaints.close(actor, id, { ...body, ...(sanctionCode ? { sanctionCode } : {}) }),
  );
};

function teamMissing() {
  const message = 'Elija al menos una persona para el equipo de la visita';
  return new AppError('invalid', 'VALIDATION_FAILED', message, [{ path: 'body.team', message }]);
}
