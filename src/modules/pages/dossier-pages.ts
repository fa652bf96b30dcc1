/**
 * The committee's dossier pages under /app/expedientes: open a dossier, the dossier itself, the
 * self-assessment, the recommendation and sending to the commission (visits and corrective actions
 * are in dossier-work-pages.ts). Every read and write goes through the dossier services, so each
 * page checks access per record like the API and every write leaves its audit entry.
 * Forms post back to their own address; success answers 303 to the dossier with a message.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, type Actor } from '../../domain/access.js';
import { laPazDate } from '../../domain/certificate-state.js';
import { count } from '../../domain/text.js';
import {
  doneFlash,
  formValues,
  readAnswers,
  renderDossierPage,
  renderNewDossierPage,
  renderRecommendationPage,
  renderSelfAssessmentPage,
  dossierDone,
  type AppPerson,
} from '../../web/app/app-pages.js';
import { NewDossierSchema, RecommendationSchema } from '../dossiers/dossier-schemas.js';
import { DOSSIER_SCOPES } from '../../domain/group-scope.js';
import type { PageProblem } from './page-replies.js';
import { sendPage } from './page-replies.js';
import { createDossierPagesService, type DossierPagesDeps } from './dossier-pages-service.js';
import { dossierWorkPages } from './dossier-work-pages.js';
import { unannouncedVisitPages } from './unannounced-pages.js';

export type DossierPagesOptions = DossierPagesDeps & {
  requirePerson: (request: { actor: Actor | null }) => { actor: Actor; person: AppPerson };
};

const html = { 200: z.string() };
const IdParams = z.object({ id: z.uuid() });
const DoneQuery = z.object({ hecho: z.string().max(40).optional() });
const AnyForm = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

const NewDossierForm = z
  .object({
    scope: z.enum(DOSSIER_SCOPES, { error: 'Elija qué se certifica' }).default('unit'),
    producerId: z.union([z.literal(''), z.uuid({ error: 'Elija la unidad productiva' })]).optional(),
    cycle: z.coerce
      .number({ error: 'Escriba el año del ciclo' })
      .int('Escriba el año del ciclo')
      .min(2000, 'Escriba un año entre 2000 y 2100')
      .max(2100, 'Escriba un año entre 2000 y 2100'),
  })
  .superRefine((form, ctx) => {
    if (form.scope !== 'organization' && !form.producerId)
      ctx.addIssue({ code: 'custom', path: ['producerId'], message: 'Elija la unidad productiva' });
  });
const RecommendationForm = RecommendationSchema.extend({
  outcome: z.enum(['approve', 'approve_with_conditions', 'deny'], { error: 'Elija una recomendación' }),
});

export const dossierPages: FastifyPluginAsyncZod<DossierPagesOptions> = async (app, { requirePerson, ...deps }) => {
  const pages = createDossierPagesService(deps);
  const paramsOf = (request: FastifyRequest) => request.params as { id: string };
  const typed = (request: FastifyRequest) => formValues(request.body);
  const currentYear = () => Number(laPazDate(deps.now()).slice(0, 4));

  const newDossierForm = (request: FastifyRequest, problem: Partial<PageProblem> = {}) => {
    const { actor, person } = requirePerson(request);
    return renderNewDossierPage(pages.producersOf(actor), currentYear(), person, {
      values: typed(request),
      errors: problem.fields ?? {},
      ...(problem.message ? { message: problem.message } : {}),
    });
  };

  app.get('/expedientes/nuevo', { schema: { hide: true, response: html } }, async (request, reply) => {
    const { actor, person } = requirePerson(request);
    return sendPage(reply, 200, renderNewDossierPage(pages.producersOf(actor), currentYear(), person));
  });

  app.post(
    '/expedientes/nuevo',
    { schema: { hide: true, body: NewDossierForm, response: html }, config: { pageForm: newDossierForm } },
    async (request, reply) => {
      const { actor } = requirePerson(request);
      const { scope, producerId, cycle } = request.body;
      // The organisation's own file is the committee's organisation's; a unit's names the unit.
      const dossier = deps.dossiers.open(
        actor,
        NewDossierSchema.parse(
          scope === 'organization' ? { scope, organizationId: actor.organizationId ?? undefined, cycle } : { scope, producerId, cycle },
        ),
      );
      return reply.redirect(dossierDone(dossier.id, 'abierto'), 303);
    },
  );

  app.get(
    '/expedientes/:id',
    { schema: { hide: true, params: IdParams, querystring: DoneQuery, response: html } },
    async (request, reply) => {
      const { actor, person } = requirePerson(request);
      return sendPage(reply, 200, renderDossierPage(pages.dossier(actor, request.params.id), person, doneFlash(request.query.hecho)));
    },
  );

  // --- Self-assessment: every applicable criterion, the four answers, notes ---
  const selfAssessmentForm = (request: FastifyRequest, problem: Partial<PageProblem> = {}) => {
    const { actor, person } = requirePerson(request);
    return renderSelfAssessmentPage(deps.dossiers.get(actor, paramsOf(request).id), person, {
      values: typed(request),
      errors: problem.fields ?? {},
      ...(problem.message ? { message: problem.message } : {}),
    });
  };

  app.get('/expedientes/:id/autoevaluacion', { schema: { hide: true, params: IdParams, response: html } }, async (request, reply) => {
    const { actor, person } = requirePerson(request);
    const { dossier, can } = pages.dossier(actor, request.params.id);
    authorize(can.selfAssess, 'Solo el productor o su comité registran la autoevaluación');
    return sendPage(reply, 200, renderSelfAssessmentPage(dossier, person));
  });

  app.post(
    '/expedientes/:id/autoevaluacion',
    { schema: { hide: true, params: IdParams, body: AnyForm, response: html }, config: { pageForm: selfAssessmentForm } },
    async (request, reply) => {
      const { actor, person } = requirePerson(request);
      const dossier = deps.dossiers.get(actor, request.params.id);
      const values = typed(request);
      const { answers, missing, badNotes } = readAnswers(
        values,
        dossier.applicableCriteria.map((c) => c.code),
      );
      if (Object.keys(missing).length > 0) {
        const message = `Faltan respuestas en ${count(Object.keys(missing).length, 'criterio', 'criterios')}: están marcados abajo. No se guardó nada.`;
        return sendPage(reply, 422, renderSelfAssessmentPage(dossier, person, { values, errors: { ...badNotes, ...missing }, message }));
      }
      if (Object.keys(badNotes).length > 0) {
        const message = `Revise las notas de ${count(Object.keys(badNotes).length, 'criterio', 'criterios')} marcadas abajo. No se guardó nada.`;
        return sendPage(reply, 400, renderSelfAssessmentPage(dossier, person, { values, errors: badNotes, message }));
      }
      deps.dossiers.selfAssess(actor, dossier.id, { answers });
      return reply.redirect(dossierDone(dossier.id, 'autoevaluacion'), 303);
    },
  );

  // --- The committee's recommendation, then sending to the commission ---
  const recommendationForm = (request: FastifyRequest, problem: Partial<PageProblem> = {}) => {
    const { actor, person } = requirePerson(request);
    return renderRecommendationPage(deps.dossiers.get(actor, paramsOf(request).id), person, {
      values: typed(request),
      errors: problem.fields ?? {},
      ...(problem.message ? { message: problem.message } : {}),
    });
  };

  app.get('/expedientes/:id/recomendacion', { schema: { hide: true, params: IdParams, response: html } }, async (request, reply) => {
    const { actor, person } = requirePerson(request);
    const { dossier, can } = pages.dossier(actor, request.params.id);
    authorize(can.recommend, 'Solo el comité local recomienda');
    return sendPage(reply, 200, renderRecommendationPage(dossier, person));
  });

  app.post(
    '/expedientes/:id/recomendacion',
    { schema: { hide: true, params: IdParams, body: RecommendationForm, response: html }, config: { pageForm: recommendationForm } },
    async (request, reply) => {
      const { actor } = requirePerson(request);
      deps.dossiers.recommend(actor, request.params.id, request.body);
      return reply.redirect(dossierDone(request.params.id, 'recomendacion'), 303);
    },
  );

  app.post('/expedientes/:id/enviar', { schema: { hide: true, params: IdParams, response: html } }, async (request, reply) => {
    const { actor } = requirePerson(request);
    deps.dossiers.applyEvent(actor, request.params.id, 'send_to_commission');
    return reply.redirect(dossierDone(request.params.id, 'enviado'), 303);
  });

  await app.register(dossierWorkPages, { requirePerson, pages });
  await app.register(unannouncedVisitPages, { requirePerson, pages });
};
