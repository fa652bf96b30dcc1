/**
 * A person's ties on their page (/app/personas/:id): recording one (POST …/vinculos) and removing
 * one (POST …/vinculos/:tieId/quitar), through the same service, access rules and audit as the API.
 * A refused tie re-renders the person's page with the tie form's errors.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { personHref, rawForm, renderPersonFormPage } from '../../web/app/app-pages.js';
import type { PageProblem } from './page-replies.js';
import { IdParamsSchema, RawFormSchema } from './registry-forms.js';
import { createRegistryPagesService } from './registry-pages-service.js';
import type { RegistryPagesOptions } from './registry-pages.js';

const html = { 200: z.string() };
const hide = true;
const TieParamsSchema = z.object({ id: z.uuid(), tieId: z.uuid() });

export const personTiesPages: FastifyPluginAsyncZod<RegistryPagesOptions> = async (app, { db, now, sectors, personOf }) => {
  const registry = createRegistryPagesService({ db, now, sectors });

  const signedIn = (request: FastifyRequest) => {
    const person = personOf(request);
    if (!request.actor || !person) throw new AppError('unauthenticated', 'AUTHENTICATION_REQUIRED', 'Debe iniciar sesión');
    return { actor: request.actor, person };
  };

  /** The person's page again, the tie form showing what was sent and what to correct. */
  const tieForm = (request: FastifyRequest, problem: PageProblem) => {
    const { actor, person } = signedIn(request);
    const existing = registry.personForEdit(actor, (request.params as { id: string }).id);
    const ties = { ...registry.personTies(actor, existing.id), values: rawForm(request.body), errors: problem.fields };
    const flash = { kind: 'error' as const, text: problem.message ?? 'Revise los datos del vínculo: no se guardó nada.' };
    return renderPersonFormPage(
      {
        person: existing,
        values: { ...existing },
        organizations: [],
        producers: registry.producerChoices(actor, existing.organizationId),
        ties,
        flash,
      },
      person,
    );
  };

  app.post(
    '/personas/:id/vinculos',
    {
      // Access is checked before the form is read: a refused person sees the refusal, never a form.
      preValidation: async (request) => void registry.personForEdit(signedIn(request).actor, request.params.id),
      schema: { hide, params: IdParamsSchema, body: RawFormSchema, response: html },
      config: { pageForm: tieForm },
    },
    async (request, reply) => {
      registry.addTie(signedIn(request).actor, request.params.id, request.body);
      return reply.redirect(`${personHref(request.params.id)}?hecho=vinculo#vinculos`, 303);
    },
  );

  app.post(
    '/personas/:id/vinculos/:tieId/quitar',
    { schema: { hide, params: TieParamsSchema, response: html } },
    async (request, reply) => {
      registry.removeTie(signedIn(request).actor, request.params.id, request.params.tieId);
      return reply.redirect(`${personHref(request.params.id)}?hecho=vinculo-quitado#vinculos`, 303);
    },
  );
};
