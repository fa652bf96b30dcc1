/**
 * Deciding a dossier in a session (/app/comision/expedientes/:id/decidir): choosing the open
 * session, calling a suplente in when recusals leave no quorum, deferring for lack of quorum when no
 * suplente is left, and recording the vote as the secretary reads it aloud; and the decision taken
 * (/app/comision/decisiones/:id). The secretary's account records every present member's vote.
 * Refusals of the services come back as the form, with the message and each error beside its field.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, canActAsCommission, type Actor } from '../../domain/access.js';
import { AppError, type FieldIssue } from '../../errors.js';
import {
  decideAction,
  decisionHref,
  missingWords,
  formIssues,
  formValues,
  readDecision,
  readRecusals,
  recusalValues,
  RECOMMENDATION_LABEL,
  renderDecidingPage,
  renderDecisionPage,
  sessionDone,
  sessionHref,
  type DecidingPageView,
  type FormValues,
} from '../../web/app/app-pages.js';
import { DeferralSchema, NewDecisionSchema } from '../commission/commission-schemas.js';
import { COMMISSION_ONLY } from '../commission/session-service.js';
import { sendPage, type PageProblem } from './page-replies.js';
import type { SessionPagesOptions } from './session-pages.js';

const html = { 200: z.string() };
const IdParams = z.object({ id: z.uuid() });
const DecideQuery = z.object({ sesion: z.uuid().optional(), convocado: z.uuid().optional() }).catchall(z.string().max(2000));
const AnyForm = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
const DoneQuery = z.object({ hecho: z.string().max(40).optional() });

const uuidOf = (value: string | undefined) => (value && z.uuid().safeParse(value).success ? value : undefined);
const withoutIds = (text: string) => text.replace(/\s*\(?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\)?/gi, '');
const zodIssues = (error: z.ZodError): FieldIssue[] =>
  error.issues.map((i) => ({ path: ['body', ...i.path.map(String)].join('.'), message: i.message }));

export const decidingPages: FastifyPluginAsyncZod<SessionPagesOptions> = async (
  app,
  { sessions, commission, quorum, deciding, requirePerson },
) => {
  app.addHook('preValidation', async (request) => {
    authorize(canActAsCommission(requirePerson(request).actor), COMMISSION_ONLY);
  });

  /** The page's state: the dossier, the session chosen, and who votes given the voluntary recusals in `values`. */
  const load = (actor: Actor, dossierId: string, sessionId: string | undefined, values: FormValues): DecidingPageView => {
    const dossier = deciding.dossier(actor, dossierId);
    const recommendation = dossier.recommendation ? (RECOMMENDATION_LABEL[dossier.recommendation] ?? null) : null;
    const view: DecidingPageView = {
      dossier: { ...dossier, recommendation },
      ready: dossier.ready,
      sessions: [],
      session: null,
      sessionGone: false,
      ballot: null,
      outlook: null,
    };
    if (!dossier.ready) return view;
    const open = deciding.openSessions(actor);
    const named = sessionId ? open.find((s) => s.id === sessionId) : undefined;
    const session = named ?? (open.length === 1 ? open[0]! : null);
    Object.assign(view, { sessions: open, session, sessionGone: sessionId !== undefined && !named });
    if (!session) return view;
    const plain = quorum.ballot(actor, session.id, dossierId);
    const voluntary = readRecusals(
      values,
      plain.present.map((m) => m.userId),
    );
    view.ballot = voluntary.length > 0 ? quorum.ballot(actor, session.id, dossierId, voluntary) : plain;
    view.outlook = deciding.outlook(actor, dossierId);
    return view;
  };

  const decideForm = (request: FastifyRequest, problem: Partial<PageProblem> = {}) => {
    const { actor, person } = requirePerson(request);
    const values = formValues(request.body);
    const view = load(actor, (request.params as { id: string }).id, uuidOf(values.sesion), values);
    return renderDecidingPage(view, person, {
      values,
      errors: problem.fields ?? {},
      ...(problem.message ? { message: withoutIds(problem.message) } : {}),
    });
  };

  /** The session a form names, which must be open; and the dossier, which must still wait. */
  const readyView = (actor: Actor, dossierId: string, values: FormValues) => {
    const view = load(actor, dossierId, uuidOf(values.sesion), values);
    if (!view.ready) throw new AppError('conflict', 'DOSSIER_STATE', 'Este expediente ya no espera una decisión de la comisión.');
    if (!view.session || view.sessionGone || !view.ballot)
      throw new AppError('conflict', 'SESSION_CLOSED', 'La sesión ya no está abierta: elija una sesión abierta. No se registró nada.');
    return { session: view.session, ballot: view.ballot };
  };

  app.get(
    '/comision/expedientes/:id/decidir',
    { schema: { hide: true, params: IdParams, querystring: DecideQuery, response: html } },
    async (request, reply) => {
      const { actor, person } = requirePerson(request);
      const values = formValues(request.query);
      const view = load(actor, request.params.id, request.query.sesion, values);
      const called = view.ballot?.present.find((m) => m.userId === request.query.convocado);
      const seated = called && view.ballot?.voting.some((m) => m.userId === called.userId);
      const flash = called
        ? {
            kind: 'success' as const,
            text: `${called.name} se sumó a la sesión como suplente${seated ? ' y ocupa un lugar vacante' : ''}.`,
          }
        : undefined;
      return sendPage(reply, 200, renderDecidingPage(view, person, { values }, flash));
    },
  );

  app.post(
    '/comision/expedientes/:id/decidir',
    { schema: { hide: true, params: IdParams, body: AnyForm, response: html }, config: { pageForm: decideForm } },
    async (request, reply) => {
      const { actor } = requirePerson(request);
      const values = formValues(request.body);
      const { session, ballot } = readyView(actor, request.params.id, values);
      if (ballot.missing > 0)
        throw new AppError(
          'unprocessable',
          'NO_QUORUM',
          `${missingWords(ballot.missing)}: convoque a un suplente o difiera el expediente. No se registró nada.`,
        );
      const recusals = readRecusals(
        values,
        ballot.present.map((m) => m.userId),
      );
      const { input, missing } = readDecision(values, request.params.id, ballot.voting, recusals);
      const votes = input.votes as { userId: string }[];
      const parsed = NewDecisionSchema.safeParse(input);
      const issues = [...missing, ...(parsed.success ? [] : zodIssues(parsed.error))];
      if (issues.length > 0 || !parsed.success)
        throw new AppError(
          'invalid',
          'VALIDATION_FAILED',
          'Revise los datos marcados. No se registró nada.',
          formIssues(issues, votes, recusals),
        );
      let decisionId: string;
      try {
        decisionId = commission.decide(actor, session.id, parsed.data).id;
      } catch (error) {
        if (!(error instanceof AppError) || error.kind === 'forbidden' || error.kind === 'not_found') throw error;
        throw new AppError(error.kind, error.code, error.message, formIssues(error.issues, votes, recusals));
      }
      return reply.redirect(`${decisionHref(decisionId)}?hecho=decidida`, 303);
    },
  );

  // A suplente called in joins the session now, then the page comes back with the recusals it had.
  app.post(
    '/comision/expedientes/:id/decidir/convocar',
    { schema: { hide: true, params: IdParams, body: AnyForm, response: html } },
    async (request, reply) => {
      const { actor } = requirePerson(request);
      const values = formValues(request.body);
      const { session, ballot } = readyView(actor, request.params.id, values);
      const suplente = ballot.availableSuplentes.find((m) => m.userId === values.suplente);
      if (!suplente)
        throw new AppError('conflict', 'SUPLENTE_NOT_AVAILABLE', 'Esa persona ya no es un suplente disponible para este expediente.');
      const present = commission
        .getSession(actor, session.id)
        .attendance.filter((a) => a.present)
        .map((a) => a.userId);
      sessions.setAttendance(actor, session.id, { presentUserIds: [...present, suplente.userId] });
      const query = new URLSearchParams([['sesion', session.id], ['convocado', suplente.userId], ...recusalValues(values)]);
      return reply.redirect(`${decideAction(request.params.id)}?${query.toString()}`, 303);
    },
  );

  app.post(
    '/comision/expedientes/:id/decidir/diferir',
    { schema: { hide: true, params: IdParams, body: AnyForm, response: html }, config: { pageForm: decideForm } },
    async (request, reply) => {
      const { actor } = requirePerson(request);
      const values = formValues(request.body);
      const { session, ballot } = readyView(actor, request.params.id, values);
      const recusals = readRecusals(
        values,
        ballot.present.map((m) => m.userId),
      );
      const parsed = DeferralSchema.safeParse({ dossierId: request.params.id, reason: values.reason ?? '', recusals });
      if (!parsed.success)
        throw new AppError(
          'invalid',
          'VALIDATION_FAILED',
          'Revise los datos marcados. No se registró nada.',
          formIssues(zodIssues(parsed.error), [], recusals),
        );
      quorum.defer(actor, session.id, parsed.data);
      return reply.redirect(`${sessionHref(session.id)}?hecho=diferido`, 303);
    },
  );

  app.get(
    '/comision/decisiones/:id',
    { schema: { hide: true, params: IdParams, querystring: DoneQuery, response: html } },
    async (request, reply) => {
      const { actor, person } = requirePerson(request);
      return sendPage(
        reply,
        200,
        renderDecisionPage(deciding.decision(actor, request.params.id), person, sessionDone(request.query.hecho)),
      );
    },
  );
};
