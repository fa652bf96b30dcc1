/**
 * The committee's work on a dossier between visit and recommendation: planning a visit with a team
 * that passes the conflict-of-interest rules (each refusal shown next to the person it is about) or
 * cancelling a planned one with the reason, agreeing a corrective action for a non-conformity, and
 * closing one with a note and an optional photo or document (a multipart form, read only by these routes).
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, type Actor } from '../../domain/access.js';
import { laPazDate } from '../../domain/certificate-state.js';
import type { CriterionLevel } from '../../domain/criteria-schema.js';
import { followUpRequiredMessage } from '../../domain/follow-up.js';
import { AppError, notFound } from '../../errors.js';
import {
  dossierDone,
  formValues,
  readTeam,
  renderCancelVisitPage,
  renderCloseActionPage,
  renderCorrectiveActionPage,
  renderPlanVisitPage,
  teamRefusals,
  type AppPerson,
  type FormValues,
} from '../../web/app/app-pages.js';
import { EVIDENCE_MAX_BYTES } from '../dossiers/evidence-schemas.js';
import { CancelVisitSchema, type Dossier } from '../dossiers/dossier-schemas.js';
import type { DossierPagesService } from './dossier-pages-service.js';
import { renderCannotPage } from '../../web/app/app-pages.js';
import { sendPage, type PageProblem } from './page-replies.js';
import { paragraphs, parseForm } from './registry-forms.js';

type Options = {
  requirePerson: (request: { actor: Actor | null }) => { actor: Actor; person: AppPerson };
  pages: DossierPagesService;
};

const html = { 200: z.string() };
const IdParams = z.object({ id: z.uuid() });
const NcParams = z.object({ id: z.uuid(), ncId: z.uuid() });
const ActionParams = z.object({ id: z.uuid(), actionId: z.uuid() });
const VisitParams = z.object({ id: z.uuid(), visitId: z.uuid() });
const PlanForm = z.object({ plannedOn: z.iso.date({ error: 'Elija la fecha de la visita' }) }).catchall(z.string());
const ActionForm = z.object({
  description: paragraphs('Describa la acción (al menos 5 caracteres)', 5, 4000),
  responsiblePersonId: z.uuid({ error: 'Elija la persona responsable' }),
  deadline: z.iso.date({ error: 'Elija el plazo' }),
});
const CLOSING_FIELDS = { notes: 'notes', file: 'file' } as const;
const ClosingForm = z.object({ notes: paragraphs('Escriba qué se hizo (al menos 5 caracteres)', 5, 4000) });

function nonConformityOf(dossier: Dossier, ncId: string) {
  const nc = dossier.nonConformities.find((n) => n.id === ncId);
  if (!nc) throw notFound('NON_CONFORMITY_NOT_FOUND', 'No existe esa no conformidad');
  return nc;
}

function visitOf(dossier: Dossier, visitId: string) {
  const visit = dossier.visits.find((v) => v.id === visitId);
  if (!visit) throw notFound('VISIT_NOT_FOUND', 'No existe esa visita');
  return visit;
}

/** Only a visit still planned is cancelled. */
function plannedVisitOf(dossier: Dossier, visitId: string) {
  const visit = visitOf(dossier, visitId);
  if (visit.status !== 'planned') throw new AppError('conflict', 'VISIT_NOT_PLANNED', 'Esta visita ya no está planificada: no se cancela');
  return visit;
}

function actionOf(dossier: Dossier, actionId: string) {
  const action = dossier.nonConformities.flatMap((nc) => nc.correctiveActions).find((a) => a.id === actionId);
  if (!action) throw notFound('CORRECTIVE_ACTION_NOT_FOUND', 'No existe esa acción correctiva');
  return action;
}

/** The refusal of the committee's closing, when the action's non-conformity needs follow-up: no close form then. */
function followUpRefusal(dossier: Dossier, actionId: string): AppError | null {
  const nc = dossier.nonConformities.find((n) => n.correctiveActions.some((a) => a.id === actionId));
  if (!nc?.followUp) return null;
  const rule = followUpRequiredMessage(nc.level as CriterionLevel, nc.followUp.means, dossier.criteriaVersion);
  return new AppError('unprocessable', 'FOLLOW_UP_REQUIRED', `${rule}. El comité no la cierra por su cuenta.`);
}

export const dossierWorkPages: FastifyPluginAsyncZod<Options> = async (app, { requirePerson, pages }) => {
  await app.register(fastifyMultipart, { limits: { fileSize: EVIDENCE_MAX_BYTES, files: 1, fields: 2, fieldSize: 8 * 1024, parts: 3 } });
  const today = () => laPazDate(pages.now());
  const managed = (actor: Actor, id: string) => {
    const data = pages.dossier(actor, id);
    authorize(data.can.manage, 'Solo el comité de la organización hace esto');
    return data;
  };
  const problemState = (values: FormValues, problem: Partial<PageProblem>) => ({
    values,
    errors: problem.fields ?? {},
    ...(problem.message ? { message: problem.message } : {}),
  });

  // --- Plan a visit: date and team by name ---
  const planForm = (request: FastifyRequest, problem: Partial<PageProblem> = {}) => {
    const { actor, person } = requirePerson(request);
    const { dossier, people } = managed(actor, (request.params as { id: string }).id);
    const values = formValues(request.body);
    return renderPlanVisitPage(dossier, people, person, { ...problemState(values, problem), followUp: values.purpose === 'follow_up' });
  };

  app.get('/expedientes/:id/planificar-visita', { schema: { hide: true, params: IdParams, response: html } }, async (request, reply) => {
    const { actor, person } = requirePerson(request);
    const { dossier, people } = managed(actor, request.params.id);
    // ?seguimiento=1: a follow-up visit of the non-conformities the committee does not close.
    const followUp = (request.query as Record<string, unknown>).seguimiento === '1';
    return sendPage(reply, 200, renderPlanVisitPage(dossier, people, person, { followUp }));
  });

  app.post(
    '/expedientes/:id/planificar-visita',
    { schema: { hide: true, params: IdParams, body: PlanForm, response: html }, config: { pageForm: planForm } },
    async (request, reply) => {
      const { actor, person } = requirePerson(request);
      const { dossier, people } = managed(actor, request.params.id);
      const values = formValues(request.body);
      const team = readTeam(
        values,
        people.map((p) => p.id),
      );
      const followUp = values.purpose === 'follow_up';
      try {
        pages.visits.plan(actor, dossier.id, { plannedOn: request.body.plannedOn, team, ...(followUp ? { purpose: 'follow_up' } : {}) });
      } catch (error) {
        const teamCodes = ['VISIT_TEAM_REFUSED', 'FOLLOW_UP_TEAM_NOT_INDEPENDENT', 'REVIEWER_NOT_TRAINED'];
        if (!(error instanceof AppError) || !teamCodes.includes(error.code)) throw error;
        const refusals = teamRefusals(error.issues, team);
        const state = { values, teamErrors: refusals.team, personErrors: refusals.byPerson, followUp };
        return sendPage(reply, 422, renderPlanVisitPage(dossier, people, person, state));
      }
      return reply.redirect(dossierDone(dossier.id, 'visita'), 303);
    },
  );

  // --- Cancel a planned visit, with the reason ---
  const cancelForm = (request: FastifyRequest, problem: Partial<PageProblem> = {}) => {
    const { actor, person } = requirePerson(request);
    const params = request.params as { id: string; visitId: string };
    const { dossier } = managed(actor, params.id);
    return renderCancelVisitPage(dossier, visitOf(dossier, params.visitId), person, problemState(formValues(request.body), problem));
  };

  app.get(
    '/expedientes/:id/visitas/:visitId/cancelar',
    { schema: { hide: true, params: VisitParams, response: html } },
    async (request, reply) => {
      const { actor } = requirePerson(request);
      plannedVisitOf(managed(actor, request.params.id).dossier, request.params.visitId);
      return sendPage(reply, 200, cancelForm(request));
    },
  );

  app.post(
    '/expedientes/:id/visitas/:visitId/cancelar',
    { schema: { hide: true, params: VisitParams, body: CancelVisitSchema, response: html }, config: { pageForm: cancelForm } },
    async (request, reply) => {
      const { actor } = requirePerson(request);
      plannedVisitOf(managed(actor, request.params.id).dossier, request.params.visitId);
      pages.visits.cancel(actor, request.params.visitId, request.body);
      return reply.redirect(dossierDone(request.params.id, 'visita-cancelada'), 303);
    },
  );

  // --- Agree a corrective action for a non-conformity ---
  const actionForm = (request: FastifyRequest, problem: Partial<PageProblem> = {}) => {
    const { actor, person } = requirePerson(request);
    const params = request.params as { id: string; ncId: string };
    const { dossier, people } = managed(actor, params.id);
    const nc = nonConformityOf(dossier, params.ncId);
    const criterion = dossier.applicableCriteria.find((c) => c.code === nc.criterionCode);
    return renderCorrectiveActionPage(
      dossier,
      { criterionCode: nc.criterionCode, text: criterion?.text ?? '', level: nc.level, maxDays: nc.correctiveActionMaxDays },
      people,
      today(),
      person,
      problemState(formValues(request.body), problem),
    );
  };

  app.get(
    '/expedientes/:id/no-conformidades/:ncId/accion',
    { schema: { hide: true, params: NcParams, response: html } },
    async (request, reply) => sendPage(reply, 200, actionForm(request)),
  );

  app.post(
    '/expedientes/:id/no-conformidades/:ncId/accion',
    { schema: { hide: true, params: NcParams, body: ActionForm, response: html }, config: { pageForm: actionForm } },
    async (request, reply) => {
      const { actor } = requirePerson(request);
      nonConformityOf(managed(actor, request.params.id).dossier, request.params.ncId);
      pages.actions.create(actor, request.params.ncId, request.body);
      return reply.redirect(dossierDone(request.params.id, 'accion'), 303);
    },
  );

  // --- Close a corrective action: a note and an optional photo or document ---
  const typedNotes = new WeakMap<FastifyRequest, FormValues>();
  const closeForm = (request: FastifyRequest, problem: Partial<PageProblem> = {}) => {
    const { actor, person } = requirePerson(request);
    const params = request.params as { id: string; actionId: string };
    const { dossier } = managed(actor, params.id);
    const refusal = followUpRefusal(dossier, params.actionId);
    if (refusal) return renderCannotPage(person, refusal.message);
    return renderCloseActionPage(dossier, actionOf(dossier, params.actionId), person, problemState(typedNotes.get(request) ?? {}, problem));
  };

  app.get(
    '/expedientes/:id/acciones/:actionId/cerrar',
    { schema: { hide: true, params: ActionParams, response: html } },
    async (request, reply) => {
      const refusal = followUpRefusal(managed(requirePerson(request).actor, request.params.id).dossier, request.params.actionId);
      if (refusal) throw refusal;
      return sendPage(reply, 200, closeForm(request));
    },
  );

  app.post(
    '/expedientes/:id/acciones/:actionId/cerrar',
    { schema: { hide: true, params: ActionParams, response: html }, config: { pageForm: closeForm } },
    async (request, reply) => {
      const { actor } = requirePerson(request);
      const { dossier } = managed(actor, request.params.id);
      const action = actionOf(dossier, request.params.actionId);
      const refusal = followUpRefusal(dossier, action.id);
      if (refusal) throw refusal;
      const { notes: typed, file } = await readClosingForm(request);
      typedNotes.set(request, { notes: typed });
      const { notes } = parseForm(ClosingForm, { notes: typed });
      if (action.closedAt) throw new AppError('conflict', 'ALREADY_CLOSED', 'Esta acción correctiva ya fue cerrada');
      // The photo is stored (with its own audit entry) only once the closing itself is acceptable.
      const evidenceId = file ? (await pages.evidence.add(actor, dossier.id, file, {})).id : undefined;
      pages.actions.close(actor, action.id, { notes, ...(evidenceId ? { evidenceId } : {}) });
      return reply.redirect(dossierDone(dossier.id, 'cierre'), 303);
    },
  );
};

/** The closing form's note and file (an empty file input sends no file). */
async function readClosingForm(request: FastifyRequest): Promise<{ notes: string; file: Buffer | null }> {
  if (!request.isMultipart()) {
    return { notes: formValues(request.body)[CLOSING_FIELDS.notes] ?? '', file: null };
  }
  let notes = '';
  let file: Buffer | null = null;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      const content = await part.toBuffer();
      if (part.fieldname === CLOSING_FIELDS.file && content.length > 0) file = content;
    } else if (part.fieldname === CLOSING_FIELDS.notes) {
      notes = String(part.value).slice(0, 4000);
    }
  }
  return { notes, file };
}
