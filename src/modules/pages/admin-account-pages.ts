/**
 * The administration's account pages under /app/admin/cuentas: list, create, change role and
 * organisation, enable or disable, and generate a new password. Registered by admin-pages.ts,
 * which refuses every other role before a form is read. A generated password is sent once, in the
 * page that answers the form (never in an address, never cached, never stored in clear).
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../domain/access.js';
import {
  accountHref,
  renderAccountListPage,
  renderAccountPage,
  renderNewAccountPage,
  renderPasswordPage,
  type AccountFormState,
  type AppPerson,
} from '../../web/app/app-pages.js';
import type { AdminAccountsService } from './admin-accounts-service.js';
import { AccountQuerySchema, NO_ORGANIZATION } from './admin-forms.js';
import { sendPage, type PageProblem } from './page-replies.js';
import { IdParamsSchema, ListQuerySchema, RawFormSchema } from './registry-forms.js';

export type AdminAccountPagesOptions = {
  accounts: AdminAccountsService;
  signedIn: (request: { actor: Actor | null }) => { actor: Actor; person: AppPerson };
};

const html = { 200: z.string() };
const hide = true;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const adminAccountPages: FastifyPluginAsyncZod<AdminAccountPagesOptions> = async (app, { accounts, signedIn }) => {
  const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;
  const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;

  /** The form's choices for an organisation; one that no longer exists leaves the form to choose again. */
  const choicesFor = (actor: Actor, chosen: string | undefined) => {
    try {
      return { choices: accounts.choices(actor, chosen), chosen };
    } catch {
      return { choices: accounts.choices(actor, undefined), chosen: undefined };
    }
  };
  /** The organisation a posted form was for: its hidden field (empty: none). */
  const postedOrganization = (request: FastifyRequest) => {
    const value = body(request).organizationId;
    if (value === '' || value === undefined) return NO_ORGANIZATION;
    return typeof value === 'string' && UUID.test(value) ? value : undefined;
  };
  const problemState = (request: FastifyRequest, problem: PageProblem): AccountFormState => ({
    values: body(request),
    errors: problem.fields,
    flash: problem.message ? { kind: 'error', text: problem.message } : null,
  });

  app.get('/cuentas', { schema: { hide, querystring: ListQuerySchema, response: html } }, async (request, reply) => {
    const { actor, person } = signedIn(request);
    const list = accounts.list(actor, request.query);
    return sendPage(reply, 200, renderAccountListPage({ list, q: request.query.q }, person));
  });

  app.get('/cuentas/nueva', { schema: { hide, querystring: AccountQuerySchema, response: html } }, async (request, reply) => {
    const { actor, person } = signedIn(request);
    const { choices, chosen } = choicesFor(actor, request.query.organizacion);
    return sendPage(reply, 200, renderNewAccountPage(choices, chosen, person));
  });

  const newAccountForm = (request: FastifyRequest, problem: PageProblem) => {
    const { actor, person } = signedIn(request);
    const { choices, chosen } = choicesFor(actor, postedOrganization(request));
    return renderNewAccountPage(choices, chosen, person, problemState(request, problem));
  };
  app.post(
    '/cuentas/nueva',
    { schema: { hide, body: RawFormSchema, response: html }, config: { pageForm: newAccountForm } },
    async (request, reply) => {
      const { actor, person } = signedIn(request);
      return sendPage(reply, 200, renderPasswordPage(await accounts.create(actor, request.body), true, person));
    },
  );

  app.get(
    '/cuentas/:id',
    { schema: { hide, params: IdParamsSchema, querystring: AccountQuerySchema, response: html } },
    async (request, reply) => {
      const { actor, person } = signedIn(request);
      const account = accounts.detail(actor, request.params.id);
      const { choices, chosen } = choicesFor(actor, request.query.organizacion ?? account.organizationId ?? NO_ORGANIZATION);
      return sendPage(reply, 200, renderAccountPage(account, choices, chosen, person, { done: request.query.hecho }));
    },
  );

  const accountForm = (request: FastifyRequest, problem: PageProblem) => {
    const { actor, person } = signedIn(request);
    const account = accounts.detail(actor, idOf(request));
    const { choices, chosen } = choicesFor(actor, postedOrganization(request));
    return renderAccountPage(account, choices, chosen, person, problemState(request, problem));
  };
  app.post(
    '/cuentas/:id',
    { schema: { hide, params: IdParamsSchema, body: RawFormSchema, response: html }, config: { pageForm: accountForm } },
    async (request, reply) => {
      const user = await accounts.change(signedIn(request).actor, request.params.id, request.body);
      return reply.redirect(`${accountHref(user.id)}?hecho=guardada`, 303);
    },
  );

  app.post('/cuentas/:id/contrasena', { schema: { hide, params: IdParamsSchema, response: html } }, async (request, reply) => {
    const { actor, person } = signedIn(request);
    return sendPage(reply, 200, renderPasswordPage(await accounts.resetPassword(actor, request.params.id), false, person));
  });

  for (const [path, enabled, done] of [
    ['deshabilitar', false, 'deshabilitada'],
    ['habilitar', true, 'habilitada'],
  ] as const) {
    app.post(`/cuentas/:id/${path}`, { schema: { hide, params: IdParamsSchema } }, async (request, reply) => {
      const user = await accounts.setEnabled(signedIn(request).actor, request.params.id, enabled);
      return reply.redirect(`${accountHref(user.id)}?hecho=${done}`, 303);
    });
  }
};
