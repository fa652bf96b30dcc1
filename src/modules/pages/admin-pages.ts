/**
 * The administration's pages under /app/admin: accounts (admin-account-pages.ts), organisations
 * and their committees, and the criteria versions (read-only). Registered inside `appPages`
 * (pages-routes.ts), so a session is required, errors are pages and forms re-render with their
 * errors. Every other role gets the refusal page on every page and form, before a form is read.
 * Reads and writes go through the users, organisations and criteria services the API uses.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../domain/access.js';
import { SlugSchema, VersionIdSchema } from '../../domain/criteria-schema.js';
import { AppError } from '../../errors.js';
import {
  organizationHref,
  renderCriteriaChangesPage,
  renderCriteriaListPage,
  renderCriteriaVersionPage,
  renderOrganizationFormPage,
  renderOrganizationListPage,
  renderOrganizationPage,
  type AppPerson,
} from '../../web/app/app-pages.js';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import type { UsersService } from '../users/users-service.js';
import { adminAccountPages } from './admin-account-pages.js';
import { createAdminAccountsService } from './admin-accounts-service.js';
import { createAdminRegistryService } from './admin-registry-service.js';
import { sendPage, type PageProblem } from './page-replies.js';
import { DoneQuerySchema, IdParamsSchema, RawFormSchema } from './registry-forms.js';

export type AdminPagesOptions = {
  db: Db;
  now: () => Date;
  users: UsersService;
  catalog: CriteriaCatalog;
  /** The sector codes of the criteria catalogue (the producers service checks them). */
  sectors: readonly string[];
  /** The signed-in person as pages show them (pages-routes.ts). */
  personOf: (request: { actor: Actor | null }) => AppPerson | null;
};

const html = { 200: z.string() };
const hide = true;
const PageQuerySchema = z.object({ pagina: z.coerce.number().int().min(1).max(10_000).default(1) });
const VersionParamsSchema = z.object({ esquema: SlugSchema, version: VersionIdSchema });

export const adminPages: FastifyPluginAsyncZod<AdminPagesOptions> = async (app, { db, now, users, catalog, sectors, personOf }) => {
  const accounts = createAdminAccountsService({ db, now, users, sectors });
  const registry = createAdminRegistryService({ db, now, catalog });

  const signedIn = (request: { actor: Actor | null }): { actor: Actor; person: AppPerson } => {
    const person = personOf(request);
    if (!request.actor || !person) throw new AppError('unauthenticated', 'AUTHENTICATION_REQUIRED', 'Debe iniciar sesión');
    return { actor: request.actor, person };
  };

  // The administration only, on every page and form here; checked before a form is read, so
  // another role sees the refusal page whatever it sends. (Anonymous requests were already sent to /entrar.)
  app.addHook('onRequest', async (request) => {
    if (request.actor) accounts.gate(request.actor);
  });

  await app.register(adminAccountPages, { accounts, signedIn });

  // Organisations and committees

  app.get('/organizaciones', { schema: { hide, querystring: PageQuerySchema, response: html } }, async (request, reply) => {
    const { actor, person } = signedIn(request);
    return sendPage(reply, 200, renderOrganizationListPage({ list: registry.listOrganizations(actor, request.query.pagina) }, person));
  });

  app.get('/organizaciones/nueva', { schema: { hide, response: html } }, async (request, reply) =>
    sendPage(reply, 200, renderOrganizationFormPage(signedIn(request).person)),
  );
  const problemState = (request: FastifyRequest, problem: PageProblem) => ({
    values: (request.body ?? {}) as Record<string, unknown>,
    errors: problem.fields,
    message: problem.message,
  });
  const newOrganizationForm = (request: FastifyRequest, problem: PageProblem) =>
    renderOrganizationFormPage(signedIn(request).person, problemState(request, problem));
  app.post(
    '/organizaciones/nueva',
    { schema: { hide, body: RawFormSchema, response: html }, config: { pageForm: newOrganizationForm } },
    async (request, reply) => {
      const created = registry.createOrganization(signedIn(request).actor, request.body);
      return reply.redirect(`${organizationHref(created.id)}?hecho=registrada`, 303);
    },
  );

  app.get(
    '/organizaciones/:id',
    { schema: { hide, params: IdParamsSchema, querystring: DoneQuerySchema, response: html } },
    async (request, reply) => {
      const { actor, person } = signedIn(request);
      const organization = registry.organization(actor, request.params.id);
      return sendPage(reply, 200, renderOrganizationPage(organization, person, { done: request.query.hecho }));
    },
  );
  app.get('/organizaciones/:id/editar', { schema: { hide, params: IdParamsSchema, response: html } }, async (request, reply) => {
    const { actor, person } = signedIn(request);
    return sendPage(reply, 200, renderOrganizationFormPage(person, {}, registry.organization(actor, request.params.id)));
  });
  const editOrganizationForm = (request: FastifyRequest, problem: PageProblem) => {
    const { actor, person } = signedIn(request);
    const organization = registry.organization(actor, (request.params as { id: string }).id);
    return renderOrganizationFormPage(person, problemState(request, problem), organization);
  };
  app.post(
    '/organizaciones/:id/editar',
    { schema: { hide, params: IdParamsSchema, body: RawFormSchema, response: html }, config: { pageForm: editOrganizationForm } },
    async (request, reply) => {
      registry.updateOrganization(signedIn(request).actor, request.params.id, request.body);
      return reply.redirect(`${organizationHref(request.params.id)}?hecho=guardada`, 303);
    },
  );
  const committeeForm = (request: FastifyRequest, problem: PageProblem) => {
    const { actor, person } = signedIn(request);
    const organization = registry.organization(actor, (request.params as { id: string }).id);
    return renderOrganizationPage(organization, person, problemState(request, problem));
  };
  app.post(
    '/organizaciones/:id/comites',
    { schema: { hide, params: IdParamsSchema, body: RawFormSchema, response: html }, config: { pageForm: committeeForm } },
    async (request, reply) => {
      registry.addCommittee(signedIn(request).actor, request.params.id, request.body);
      return reply.redirect(`${organizationHref(request.params.id)}?hecho=comite#comites`, 303);
    },
  );

  // Criteria versions (read-only)

  app.get('/criterios', { schema: { hide, response: html } }, async (request, reply) => {
    const { actor, person } = signedIn(request);
    return sendPage(reply, 200, renderCriteriaListPage(registry.schemes(actor), person));
  });

  app.get('/criterios/:esquema/:version', { schema: { hide, params: VersionParamsSchema, response: html } }, async (request, reply) => {
    const { actor, person } = signedIn(request);
    const { scheme, version } = registry.version(actor, request.params.esquema, request.params.version);
    return sendPage(reply, 200, renderCriteriaVersionPage(scheme, version, person));
  });

  app.get(
    '/criterios/:esquema/:version/cambios',
    { schema: { hide, params: VersionParamsSchema, response: html } },
    async (request, reply) => {
      const { actor, person } = signedIn(request);
      return sendPage(
        reply,
        200,
        renderCriteriaChangesPage(registry.changes(actor, request.params.esquema, request.params.version), person),
      );
    },
  );
};
