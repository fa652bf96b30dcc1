/**
 * The commission's visit without notice, from its dossier page (/app/comision/expedientes/:id): the
 * committee's visit-plan form (date, team by name, each conflict-of-interest refusal next to the
 * person it is about) with a choice of purpose, and the persons of every organisation to choose from.
 * The visit is then recorded on the visit page (/app/visitas/:id), which the commission may open.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, canPlanUnannounced, type Actor } from '../../domain/access.js';
import { AppError } from '../../errors.js';
import { formValues, readTeam, renderPlanVisitPage, teamRefusals, type AppPerson } from '../../web/app/app-pages.js';
import type { DossierPagesService } from './dossier-pages-service.js';
import { sendPage, type PageProblem } from './page-replies.js';

type Options = {
  requirePerson: (request: { actor: Actor | null }) => { actor: Actor; person: AppPerson };
  pages: DossierPagesService;
};

const html = { 200: z.string() };
const IdParams = z.object({ id: z.uuid() });
const UnannouncedForm = z
  .object({
    plannedOn: z.iso.date({ error: 'Elija la fecha de la visita' }),
    purpose: z.enum(['surveillance', 'regular', 'follow_up'], { error: 'Elija para qué es la visita' }),
  })
  .catchall(z.string());

export const unannouncedVisitPages: FastifyPluginAsyncZod<Options> = async (app, { requirePerson, pages }) => {
  const planning = (actor: Actor, id: string) => {
    authorize(canPlanUnannounced(actor), 'Solo la comisión de certificación planifica visitas sin aviso');
    return { dossier: pages.dossiers.get(actor, id), people: pages.everyone(actor) };
  };

  const planForm = (request: FastifyRequest, problem: Partial<PageProblem> = {}) => {
    const { actor, person } = requirePerson(request);
    const { dossier, people } = planning(actor, (request.params as { id: string }).id);
    const values = formValues(request.body);
    return renderPlanVisitPage(dossier, people, person, {
      values,
      errors: problem.fields ?? {},
      ...(problem.message ? { message: problem.message } : {}),
      unannounced: true,
    });
  };

  app.get(
    '/comision/expedientes/:id/visita-sin-aviso',
    { schema: { hide: true, params: IdParams, response: html } },
    async (request, reply) => {
      const { actor, person } = requirePerson(request);
      const { dossier, people } = planning(actor, request.params.id);
      return sendPage(reply, 200, renderPlanVisitPage(dossier, people, person, { unannounced: true }));
    },
  );

  app.post(
    '/comision/expedientes/:id/visita-sin-aviso',
    { schema: { hide: true, params: IdParams, body: UnannouncedForm, response: html }, config: { pageForm: planForm } },
    async (request, reply) => {
      const { actor, person } = requirePerson(request);
      const { dossier, people } = planning(actor, request.params.id);
      const values = formValues(request.body);
      const team = readTeam(
        values,
        people.map((p) => p.id),
      );
      const { plannedOn, purpose } = request.body;
      try {
        pages.visits.plan(actor, dossier.id, { plannedOn, team, purpose, unannounced: true });
      } catch (error) {
        const teamCodes = ['VISIT_TEAM_REFUSED', 'FOLLOW_UP_TEAM_NOT_INDEPENDENT'];
        if (!(error instanceof AppError) || !teamCodes.includes(error.code)) throw error;
        const refusals = teamRefusals(error.issues, team);
        const state = { values, teamErrors: refusals.team, personErrors: refusals.byPerson, unannounced: true };
        return sendPage(reply, 422, renderPlanVisitPage(dossier, people, person, state));
      }
      return reply.redirect(`/app/comision/expedientes/${dossier.id}#visitas`, 303);
    },
  );
};
