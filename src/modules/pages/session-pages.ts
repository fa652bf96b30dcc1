/**
 * The commission's sessions under /app/comision/sesiones: the list, opening a session with its
 * agenda (and, optionally, who is present), and a session's page with its attendance, agenda and
 * closing forms. Registered inside `appPages` (pages-routes.ts): a session is required and errors
 * are pages. Only those who may act as the commission get past the first hook, on every page and
 * form, before the form is read. Every write goes through the session service (checks, audit).
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, canActAsCommission, type Actor } from '../../domain/access.js';
import { laPazDate, laPazTime } from '../../domain/certificate-state.js';
import {
  formValues,
  renderNewSessionPage,
  renderSessionPage,
  renderSessionsPage,
  sessionDone,
  sessionHref,
  type AppPerson,
  type SessionDone,
} from '../../web/app/app-pages.js';
import { NewSessionSchema } from '../commission/commission-schemas.js';
import type { CommissionService } from '../commission/commission-service.js';
import type { DecidingService } from '../commission/deciding-service.js';
import type { QueueService } from '../commission/queue-service.js';
import type { QuorumService } from '../commission/quorum-service.js';
import { COMMISSION_ONLY, type SessionService } from '../commission/session-service.js';
import { sendPage, type PageProblem } from './page-replies.js';
import { text } from './registry-forms.js';

export type SessionPagesDeps = {
  sessions: SessionService;
  commission: CommissionService;
  quorum: QuorumService;
  deciding: DecidingService;
  queue: QueueService;
  now: () => Date;
};

export type SessionPagesOptions = SessionPagesDeps & {
  requirePerson: (request: { actor: Actor | null }) => { actor: Actor; person: AppPerson };
};

const html = { 200: z.string() };
const IdParams = z.object({ id: z.uuid() });
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A group of checkboxes: nothing ticked sends nothing, one ticked sends a string. */
const checkedIds = (message: string) =>
  z.preprocess(
    (value: unknown): unknown[] => (value === undefined || value === '' ? [] : Array.isArray(value) ? (value as unknown[]) : [value]),
    z.array(z.uuid({ error: message })).max(100, message),
  );
/** The values of one checkbox group as sent, for re-rendering a form. */
const listOf = (body: unknown, name: string): string[] => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  const values: unknown[] = Array.isArray(value) ? (value as unknown[]) : [value];
  return values.filter((v): v is string => typeof v === 'string');
};

const NewSessionForm = z.object({
  heldOn: z.iso.date({ error: 'Elija la fecha de la sesión' }),
  place: text('Escriba el lugar de la sesión', 200),
  startsAt: z.string({ error: 'Escriba la hora de inicio' }).regex(TIME, 'Escriba la hora de inicio como HH:MM, por ejemplo 09:30'),
  agenda: checkedIds('Elija expedientes de la lista'),
  presentUserIds: checkedIds('Elija miembros de la lista'),
});
const AttendanceForm = z.object({ presentUserIds: checkedIds('Elija miembros de la lista') });
const AgendaForm = z.object({ dossierId: z.uuid({ error: 'Elija un expediente de la lista' }) });
const CloseForm = z.object({
  endsAt: z.string({ error: 'Escriba la hora de cierre' }).regex(TIME, 'Escriba la hora de cierre como HH:MM, por ejemplo 12:30'),
});
const ListQuery = z.object({ pagina: z.coerce.number().int().min(1).max(10_000).default(1) });
const NewQuery = z.object({ expediente: z.uuid().optional() });
const DoneQuery = z.object({ hecho: z.string().max(40).optional() });

/** Sessions per page of the list; dossiers and members a form offers at most. */
const PAGE_SIZE = 20;
const WAITING_SHOWN = 100;

export const sessionPages: FastifyPluginAsyncZod<SessionPagesOptions> = async (
  app,
  { sessions, commission, deciding, queue, now, requirePerson },
) => {
  // Before the form is read: whoever may not act as the commission gets the refusal page, even for an invalid form.
  app.addHook('preValidation', async (request) => {
    authorize(canActAsCommission(requirePerson(request).actor), COMMISSION_ONLY);
  });

  const waiting = (actor: Actor) => queue.list(actor, { page: 1, pageSize: WAITING_SHOWN });
  const done = (id: string, what: SessionDone) => `${sessionHref(id)}?hecho=${what}`;
  const problemState = (request: FastifyRequest, problem: Partial<PageProblem>) => ({
    values: formValues(request.body),
    // A checkbox group sent back as it was ticked; one that was not in the form keeps what is recorded.
    lists: Object.fromEntries(
      ['agenda', 'presentUserIds']
        .filter((name) => listOf(request.body, name).length > 0)
        .map((name) => [name, listOf(request.body, name)]),
    ),
    errors: problem.fields ?? {},
    ...(problem.message ? { message: problem.message } : {}),
  });

  app.get('/comision/sesiones', { schema: { hide: true, querystring: ListQuery, response: html } }, async (request, reply) => {
    const { actor, person } = requirePerson(request);
    return sendPage(reply, 200, renderSessionsPage(sessions.list(actor, { page: request.query.pagina, pageSize: PAGE_SIZE }), person));
  });

  const newSessionPage = (request: FastifyRequest, problem?: Partial<PageProblem>) => {
    const { actor, person } = requirePerson(request);
    const queued = waiting(actor);
    const expediente = (request.query as { expediente?: unknown }).expediente;
    const view = {
      waiting: queued.items,
      waitingTotal: queued.total,
      members: sessions.members(actor),
      today: laPazDate(now()),
      preselected: typeof expediente === 'string' ? [expediente] : [],
    };
    return renderNewSessionPage(view, person, problem ? problemState(request, problem) : {});
  };

  app.get('/comision/sesiones/nueva', { schema: { hide: true, querystring: NewQuery, response: html } }, async (request, reply) =>
    sendPage(reply, 200, newSessionPage(request)),
  );

  app.post(
    '/comision/sesiones/nueva',
    { schema: { hide: true, body: NewSessionForm, response: html }, config: { pageForm: newSessionPage } },
    async (request, reply) => {
      const { actor } = requirePerson(request);
      const { heldOn, place, startsAt, agenda, presentUserIds } = request.body;
      const input = NewSessionSchema.parse({
        heldOn,
        place,
        startsAt,
        agenda: agenda.map((dossierId) => ({ dossierId })),
        ...(presentUserIds.length > 0 ? { presentUserIds } : {}),
      });
      const session = sessions.create(actor, input);
      return reply.redirect(done(session.id, 'creada'), 303);
    },
  );

  const sessionPage = (request: FastifyRequest, problem?: Partial<PageProblem>) => {
    const { actor, person } = requirePerson(request);
    const session = commission.getSession(actor, (request.params as { id: string }).id);
    const view = {
      session,
      members: sessions.members(actor),
      waiting: waiting(actor).items,
      now: laPazTime(now()),
      subjects: deciding.subjects(
        actor,
        session.decisions.map((d) => d.dossierId),
      ),
    };
    const hecho = (request.query as { hecho?: unknown }).hecho;
    const flash = typeof hecho === 'string' ? sessionDone(hecho) : undefined;
    return renderSessionPage(view, person, problem ? problemState(request, problem) : {}, flash);
  };

  app.get(
    '/comision/sesiones/:id',
    { schema: { hide: true, params: IdParams, querystring: DoneQuery, response: html } },
    async (request, reply) => sendPage(reply, 200, sessionPage(request)),
  );

  app.post(
    '/comision/sesiones/:id/asistencia',
    { schema: { hide: true, params: IdParams, body: AttendanceForm, response: html }, config: { pageForm: sessionPage } },
    async (request, reply) => {
      const { actor } = requirePerson(request);
      sessions.setAttendance(actor, request.params.id, { presentUserIds: request.body.presentUserIds });
      return reply.redirect(done(request.params.id, 'asistencia'), 303);
    },
  );

  app.post(
    '/comision/sesiones/:id/orden-del-dia',
    { schema: { hide: true, params: IdParams, body: AgendaForm, response: html }, config: { pageForm: sessionPage } },
    async (request, reply) => {
      const { actor } = requirePerson(request);
      sessions.addAgendaItem(actor, request.params.id, { dossierId: request.body.dossierId });
      return reply.redirect(done(request.params.id, 'orden'), 303);
    },
  );

  app.post(
    '/comision/sesiones/:id/cerrar',
    { schema: { hide: true, params: IdParams, body: CloseForm, response: html }, config: { pageForm: sessionPage } },
    async (request, reply) => {
      const { actor } = requirePerson(request);
      sessions.close(actor, request.params.id, { endsAt: request.body.endsAt });
      return reply.redirect(done(request.params.id, 'cerrada'), 303);
    },
  );
};
