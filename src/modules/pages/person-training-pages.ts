/**
 * A person's training on its own page (/app/personas/:id/capacitaciones): the records, with until when each
 * counts, and a form to record one (topics of the criteria in force, in words), through the same service,
 * access rules and audit as the API. A refused record re-renders the page with the form's errors.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../domain/access.js';
import { AppError } from '../../errors.js';
import { personHref, rawForm, type AppPerson } from '../../web/app/app-pages.js';
import { renderPersonTrainingPage } from '../../web/app/person-training-page.js';
import type { TrainingService } from '../training/training-service.js';
import { sendPage, type PageProblem } from './page-replies.js';
import { IdParamsSchema, one, RawFormSchema } from './registry-forms.js';
import { HumanLine } from '../../human-text.js';

const html = { 200: z.string() };
const TrainingForm = z.object({
  topic: z.preprocess(one, z.string().min(1, 'Elija la capacitación')),
  criteriaVersion: z.string(),
  completedOn: z.preprocess(one, z.iso.date({ error: 'Indique el día en que terminó la capacitación' })),
  trainer: z.preprocess(one, HumanLine().min(2, 'Indique quién dio la capacitación').max(200, 'Escriba como máximo 200 caracteres')),
});
const hide = true;

export const trainingHref = (personId: string) => `${personHref(personId)}/capacitaciones`;

export const personTrainingPages: FastifyPluginAsyncZod<{
  training: TrainingService;
  personOf: (request: { actor: Actor | null }) => AppPerson | null;
}> = async (app, { training, personOf }) => {
  const signedIn = (request: FastifyRequest) => {
    const person = personOf(request);
    if (!request.actor || !person) throw new AppError('unauthenticated', 'AUTHENTICATION_REQUIRED', 'Debe iniciar sesión');
    return { actor: request.actor, person };
  };

  const form = (request: FastifyRequest, problem: PageProblem) => {
    const { actor, person } = signedIn(request);
    const page = training.page(actor, (request.params as { id: string }).id);
    return renderPersonTrainingPage(page, person, {
      values: rawForm(request.body),
      errors: problem.fields,
      message: problem.message ?? 'Revise los datos de la capacitación: no se guardó nada.',
    });
  };

  app.get(
    '/personas/:id/capacitaciones',
    { schema: { hide, params: IdParamsSchema, querystring: z.object({ hecho: z.string().max(20).optional() }), response: html } },
    async (request, reply) => {
      const { actor, person } = signedIn(request);
      const page = training.page(actor, request.params.id);
      return sendPage(reply, 200, renderPersonTrainingPage(page, person, { done: request.query.hecho === 'capacitacion' }));
    },
  );

  app.post(
    '/personas/:id/capacitaciones',
    {
      schema: { hide, params: IdParamsSchema, body: RawFormSchema, response: html },
      config: { pageForm: form },
    },
    async (request, reply) => {
      const { actor } = signedIn(request);
      const page = training.page(actor, request.params.id);
      const parsed = TrainingForm.safeParse({ ...rawForm(request.body), criteriaVersion: page.criteriaVersion ?? '' });
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: `body.${i.path.map(String).join('.')}`, message: i.message }));
        throw new AppError('invalid', 'VALIDATION_FAILED', 'Revise los datos de la capacitación: no se guardó nada.', issues);
      }
      training.record(actor, request.params.id, parsed.data);
      return reply.redirect(`${trainingHref(request.params.id)}?hecho=capacitacion`, 303);
    },
  );
};
