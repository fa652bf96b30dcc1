/**
 * The infrastructure every people's page shares, for the pages plugin (pages-routes.ts):
 * sending a page and the error handler that turns errors into pages. The security headers (CSP,
 * frame and referrer policy) are the app's defaults, set for every response in src/http/security-headers.ts.
 *
 * - 403 → "No tiene permiso" (nothing of the record); 404 (and a malformed id in an address) → not found;
 * - a validation error on a form route re-renders the form with its field errors: give the route
 *   `config: { pageForm: (request, problem) => html }` and it is called with `problem.fields`
 *   (field name → Spanish message) or `problem.message` (a service refused with its own message);
 * - an anonymous request (or an expired session) is sent to /entrar, coming back afterwards;
 * - a full or unusable disk (503) says so, and that nothing was saved;
 * - 5xx never shows internals: the error goes to the log only.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { storageAppError } from '../../db/storage.js';
import { AppError, STATUS_BY_KIND } from '../../errors.js';
import {
  fieldErrors,
  renderCannotPage,
  renderErrorPage,
  renderNotFoundPage,
  renderRefusedPage,
  safeReturnPath,
  type AppPerson,
} from '../../web/app/app-pages.js';

export type PageProblem = { fields: Record<string, string>; message?: string };

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Re-renders this route's form with the problem (see the module header). */
    pageForm?: (request: FastifyRequest, problem: PageProblem) => string;
  }
}

/** Sends a page; pages carry personal data, so no cache keeps them. */
export const sendPage = (reply: FastifyReply, status: number, html: string) =>
  reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);

/** The sign-in page's address that comes back to this request's page afterwards. */
export function signInRedirect(request: FastifyRequest): string {
  const back = request.method === 'GET' ? safeReturnPath(request.url) : null;
  return back ? `/entrar?volver=${encodeURIComponent(back)}` : '/entrar';
}

const CSRF_REASON =
  'La solicitud no vino de una página de este sitio, así que no la hicimos. Si usted la envió, vuelva a la página y envíela de nuevo desde ahí.';

export function pageErrorHandler(personOf: (request: FastifyRequest) => AppPerson | null) {
  return (thrown: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
    const storage = storageAppError(thrown);
    if (storage) request.log.error({ err: thrown, code: storage.code }, 'storage refused a write on a page');
    const error = storage ?? thrown;
    let person: AppPerson | null = null;
    try {
      person = personOf(request);
    } catch {
      // The page still renders, without the name in its header.
    }
    const form = request.routeOptions.config?.pageForm;
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => ({
        path: [error.validationContext === 'body' ? 'body' : 'other', ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'Este valor no es válido',
      }));
      if (form && error.validationContext === 'body') return sendPage(reply, 400, form(request, { fields: fieldErrors(issues) }));
      // A malformed id or query in an address is a page that does not exist.
      if (request.method === 'GET') return sendPage(reply, 404, renderNotFoundPage(person));
      return sendPage(reply, 400, renderCannotPage(person, 'Los datos enviados no son válidos. Vuelva a la página e intente de nuevo.'));
    }
    if (error instanceof AppError) {
      const status = STATUS_BY_KIND[error.kind];
      if (!storage) request.log.info({ code: error.code, statusCode: status }, 'page refused');
      switch (error.kind) {
        case 'forbidden':
          return sendPage(reply, 403, renderRefusedPage(person, error.code === 'CSRF_REJECTED' ? CSRF_REASON : undefined));
        case 'not_found':
          return sendPage(reply, 404, renderNotFoundPage(person));
        case 'unauthenticated':
          return reply.code(303).header('cache-control', 'no-store').redirect(signInRedirect(request), 303);
        default:
          if (form) return sendPage(reply, status, form(request, { fields: fieldErrors(error.issues), message: error.message }));
          return sendPage(reply, status, renderCannotPage(person, error.message));
      }
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'unhandled error on a page');
      return sendPage(reply, 500, renderErrorPage(person));
    }
    // Fastify's own refusals (body too large, wrong content type...): a plain sentence, no internals.
    return sendPage(reply, status, renderCannotPage(person, 'No pudimos leer lo que se envió. Vuelva a la página e intente de nuevo.'));
  };
}
