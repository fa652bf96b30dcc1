/**
 * The people's pages: sign in (/entrar), sign out (/salir) and everything under /app, server-rendered
 * Spanish HTML that works on a cheap phone. Thin handlers: call a service, map to a view
 * (src/web/app), send the page. Shared infrastructure lives in page-replies.ts.
 *
 * Adding a page under /app: register it inside `appPages` below (it then requires a session,
 * carries the app's security headers, and its errors become pages), render it with a renderer from
 * src/web/app/app-pages.ts, and for a form give the route `config.pageForm` so validation errors
 * re-render it. Cookie-authenticated POSTs are checked against CSRF by src/http/auth.ts.
 */
import fastifyFormbody from '@fastify/formbody';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../domain/access.js';
import { AppError } from '../../errors.js';
import {
  APP_STYLESHEET,
  homeView,
  loginAction,
  MANIFEST,
  OFFLINE_SHELL_HREF,
  renderHomePage,
  renderLoginPage,
  renderNotFoundPage,
  renderVisitPage,
  renderVisitShell,
  safeReturnPath,
  serviceWorker,
  VERSIONED_ASSETS,
  visitPageData,
  type AppPerson,
  type LoginView,
} from '../../web/app/app-pages.js';
import { SESSION_COOKIE, type AuthService } from '../auth/auth-service.js';
import { isOwnOrigin, sessionCookieOptions } from '../auth/session-cookie.js';
import { TooManyLoginAttempts } from '../auth/login-limiter.js';
import { adminPages, type AdminPagesOptions } from './admin-pages.js';
import { appealPages } from './appeal-pages.js';
import type { AppealPagesDeps } from './appeal-pages-service.js';
import { certificatePages, type CertificatePagesDeps } from './certificate-pages.js';
import { commissionPages, type CommissionPagesDeps } from './commission-pages.js';
import { dossierPages } from './dossier-pages.js';
import type { DossierPagesDeps } from './dossier-pages-service.js';
import type { VisitCaptureService } from '../dossiers/visit-capture-service.js';
import { pageErrorHandler, sendPage, signInRedirect } from './page-replies.js';
import type { PagesService } from './pages-service.js';
import { registryPages, type RegistryPagesOptions } from './registry-pages.js';
import { personTiesPages } from './person-ties-pages.js';
import { personTrainingPages } from './person-training-pages.js';
import type { TrainingService } from '../training/training-service.js';
import { decidingPages } from './deciding-pages.js';
import { sessionPages, type SessionPagesDeps } from './session-pages.js';
import { complaintPages, type ComplaintPagesDeps } from './complaint-pages.js';

export type PagesRoutesOptions = {
  auth: AuthService;
  pages: PagesService;
  /** What the dossier pages (dossier-pages.ts) call. */
  dossierPageDeps: DossierPagesDeps;
  captures: VisitCaptureService;
  secureCookies: boolean;
  /** The site's public address: a sign-in form must be posted from it. */
  publicBaseUrl: string;
  /** What the registry pages need (registry-pages.ts). */
  registry: Omit<RegistryPagesOptions, 'personOf'>;
  /** Persons' training records (person-training-pages.ts). */
  training: TrainingService;
  /** What the administration's pages need (admin-pages.ts). */
  admin: Omit<AdminPagesOptions, 'personOf'>;
  /** What the commission's pages need (commission-pages.ts). */
  commission: CommissionPagesDeps;
  /** What the certificate and appeal pages need (certificate-pages.ts, appeal-pages.ts). */
  certificatesAndAppeals: CertificatePagesDeps & AppealPagesDeps;
  /** What the commission's session and deciding pages need (session-pages.ts, deciding-pages.ts). */
  sessions: SessionPagesDeps;
  /** What the commission's complaint pages need (complaint-pages.ts). */
  complaints: ComplaintPagesDeps;
};

const LoginFormSchema = z.object({
  username: z
    .string({ error: 'Escriba su usuario' })
    .trim()
    .toLowerCase()
    .min(1, 'Escriba su usuario')
    .max(100, 'El usuario es demasiado largo'),
  password: z.string({ error: 'Escriba su contraseña' }).min(1, 'Escriba su contraseña').max(200, 'La contraseña es demasiado larga'),
});
const ReturnQuerySchema = z.object({ volver: z.string().max(500).optional() });
const html = { 200: z.string() };

const WRONG_CREDENTIALS = 'El usuario o la contraseña no son correctos. Revise e intente de nuevo.';

export const pagesRoutes: FastifyPluginAsyncZod<PagesRoutesOptions> = async (
  app,
  {
    auth,
    pages,
    dossierPageDeps,
    captures,
    secureCookies,
    publicBaseUrl,
    registry,
    training,
    admin,
    commission,
    certificatesAndAppeals,
    sessions,
    complaints,
  },
) => {
  // Only these routes read urlencoded forms; the API stays JSON.
  await app.register(fastifyFormbody, { bodyLimit: 64 * 1024 });
  const publicOrigin = new URL(publicBaseUrl).origin;

  const personOf = (request: { actor: Actor | null }): AppPerson | null => {
    if (!request.actor) return null;
    const row = pages.person(request.actor);
    return row ? { name: row.name, role: row.role, organization: row.organization } : null;
  };
  const requirePerson = (request: { actor: Actor | null }): { actor: Actor; person: AppPerson } => {
    const person = personOf(request);
    if (!request.actor || !person) throw new AppError('unauthenticated', 'AUTHENTICATION_REQUIRED', 'Debe iniciar sesión');
    return { actor: request.actor, person };
  };

  app.setErrorHandler(pageErrorHandler(personOf));

  app.get(APP_STYLESHEET.href, { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(APP_STYLESHEET.css),
  );

  // The offline visit page's files (src/web/app/offline-assets.ts): no personal data, so no session needed.
  for (const asset of VERSIONED_ASSETS) {
    app.get(asset.href, { schema: { hide: true } }, async (_request, reply) =>
      reply.type(asset.type).header('cache-control', 'public, max-age=31536000, immutable').send(asset.body),
    );
  }
  const shell = renderVisitShell();
  const worker = serviceWorker(shell);
  for (const asset of [MANIFEST, worker, { href: OFFLINE_SHELL_HREF, type: 'text/html; charset=utf-8', body: shell }]) {
    app.get(asset.href, { schema: { hide: true } }, async (_request, reply) =>
      reply.type(asset.type).header('cache-control', 'no-cache').send(asset.body),
    );
  }

  const returnTo = (request: { query: { volver?: string | undefined } }) => safeReturnPath(request.query.volver);
  const loginPage = (request: FastifyRequest, view: Omit<LoginView, 'action'>) =>
    renderLoginPage({ ...view, action: loginAction(safeReturnPath((request.query as { volver?: unknown }).volver)) });
  const typedUsername = (request: FastifyRequest) => {
    const value = (request.body as Record<string, unknown> | undefined)?.username;
    return typeof value === 'string' ? value.slice(0, 100) : '';
  };

  app.get('/entrar', { schema: { hide: true, querystring: ReturnQuerySchema, response: html } }, async (request, reply) => {
    if (personOf(request)) return reply.redirect(returnTo(request) ?? '/app', 303);
    return sendPage(reply, 200, loginPage(request, {}));
  });

  app.post(
    '/entrar',
    {
      schema: { hide: true, querystring: ReturnQuerySchema, body: LoginFormSchema, response: html },
      config: {
        pageForm: (request, problem) =>
          loginPage(request, {
            username: typedUsername(request),
            errors: problem.fields,
            ...(problem.message ? { flash: { kind: 'error', text: problem.message } } : {}),
          }),
      },
    },
    async (request, reply) => {
      // No session exists yet, so src/http/auth.ts does not check this form's origin: do it here (login CSRF).
      const site = request.headers['sec-fetch-site'];
      const origin = request.headers.origin;
      if (
        (site !== undefined && site !== 'same-origin' && site !== 'none') ||
        (origin !== undefined && !isOwnOrigin(origin, publicOrigin, request))
      ) {
        throw new AppError('forbidden', 'CSRF_REJECTED', 'Solicitud rechazada: el origen no es este sitio (protección CSRF)');
      }
      const { username, password } = request.body;
      try {
        const { secret, expiresAt } = await auth.login(username, password, request.ip);
        reply.setCookie(SESSION_COOKIE, secret, sessionCookieOptions(secureCookies, expiresAt));
        return reply.header('cache-control', 'no-store').redirect(returnTo(request) ?? '/app', 303);
      } catch (error) {
        if (!(error instanceof AppError) || (error.kind !== 'unauthenticated' && error.kind !== 'too_many')) throw error;
        const text = error.kind === 'too_many' ? error.message : WRONG_CREDENTIALS;
        if (error instanceof TooManyLoginAttempts) reply.header('retry-after', String(error.retryAfterSeconds));
        return sendPage(reply, error.kind === 'too_many' ? 429 : 401, loginPage(request, { username, flash: { kind: 'error', text } }));
      }
    },
  );

  // The pages' sign-out form posts to /app/salir, inside the offline worker's scope, so the worker
  // can forget who is signed in on the phone (templates/app/offline/sw.js); /salir stays for links and scripts.
  for (const path of ['/salir', '/app/salir']) {
    app.post(path, { schema: { hide: true } }, async (request, reply) => {
      const secret = request.cookies[SESSION_COOKIE];
      if (request.actor && secret) auth.logout(request.actor, secret);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.header('cache-control', 'no-store').redirect('/entrar', 303);
    });
  }

  await app.register(
    async function appPages(scope) {
      const pagesApp = scope.withTypeProvider<ZodTypeProvider>();
      // Every page under /app needs a session; an anonymous visit goes to /entrar and comes back.
      pagesApp.addHook('onRequest', async (request, reply) => {
        if (!request.actor) return reply.header('cache-control', 'no-store').redirect(signInRedirect(request), 303);
      });
      pagesApp.setNotFoundHandler((request, reply) => sendPage(reply, 404, renderNotFoundPage(personOf(request))));

      await pagesApp.register(registryPages, { ...registry, personOf });
      await pagesApp.register(personTiesPages, { ...registry, personOf });
      await pagesApp.register(personTrainingPages, { training, personOf });
      await pagesApp.register(adminPages, { ...admin, personOf, prefix: '/admin' });

      pagesApp.get('/', { schema: { hide: true, response: html } }, async (request, reply) => {
        const { actor, person } = requirePerson(request);
        return sendPage(reply, 200, renderHomePage(homeView(pages.home(actor), person), person));
      });

      await pagesApp.register(dossierPages, { ...dossierPageDeps, requirePerson });
      await pagesApp.register(commissionPages, { ...commission, requirePerson });
      await pagesApp.register(certificatePages, { ...certificatesAndAppeals, requirePerson });
      await pagesApp.register(appealPages, { ...certificatesAndAppeals, requirePerson });
      await pagesApp.register(sessionPages, { ...sessions, requirePerson });
      await pagesApp.register(decidingPages, { ...sessions, requirePerson });
      await pagesApp.register(complaintPages, { ...complaints, requirePerson });

      // The peer visit, to record on the phone with or without signal (templates/app/offline/).
      pagesApp.get(
        '/visitas/:id',
        { schema: { hide: true, params: z.object({ id: z.uuid() }), response: html } },
        async (request, reply) => {
          const { actor, person } = requirePerson(request);
          const data = visitPageData(captures.forRecording(actor, request.params.id), { userId: actor.userId, name: person.name });
          return sendPage(reply, 200, renderVisitPage(data, person));
        },
      );
    },
    { prefix: '/app' },
  );
};
