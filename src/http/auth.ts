/**
 * Authentication on every request: a bearer API token or the session cookie
 * identifies the actor. Cookie-authenticated writes must come from our own
 * origin (CSRF defence by standard headers); anonymous requests reach only
 * public routes, which do not call `requireActor`. Routes marked `config: { public: true }`
 * (verification, registry, keys, transparency log) skip all of it: no cookie is parsed and no
 * session or token is looked up for them, whatever the request carries.
 *
 * Every other route under /api/v1/ needs an account, and says so before anything else: an
 * anonymous request gets 401 before its parameters and body are validated, so that it learns
 * nothing of what the route expects. Routes anyone may call while still identifying a signed-in
 * caller (sign-in, the criteria) say `config: { anonymous: true }`. Pages (/app) redirect to the
 * sign-in page themselves.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import fastifyCookie from '@fastify/cookie';
import { requireActor, type Actor } from '../domain/access.js';
import { AppError } from '../errors.js';
import { SESSION_COOKIE, type AuthService } from '../modules/auth/auth-service.js';
import { isOwnOrigin } from '../modules/auth/session-cookie.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Anyone may call the route: the request is never authenticated (see the plugin). */
    public?: boolean;
    /** Anyone may call the route, signed in or not: no 401 before validation (see the plugin). */
    anonymous?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    authVia: 'session' | 'token' | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The API's routes that need an account: every one under /api/v1/ but the public and anonymous ones. */
function needsAccount(request: FastifyRequest): boolean {
  const { url, config } = request.routeOptions;
  return url !== undefined && url.startsWith('/api/v1/') && !url.startsWith('/api/v1/public/') && config.anonymous !== true;
}

export type AuthPluginOptions = { auth: AuthService; publicBaseUrl: string };

const INVALID_TOKEN_MESSAGE = 'El token de API no es válido: puede estar mal copiado o revocado, o su cuenta puede estar deshabilitada';

async function authPlugin(app: FastifyInstance, { auth, publicBaseUrl }: AuthPluginOptions) {
  // Cookies are parsed below, only for routes that may use them; setting a cookie works everywhere.
  await app.register(fastifyCookie, { hook: false });
  app.decorateRequest('actor', null);
  app.decorateRequest('authVia', null);
  const publicOrigin = new URL(publicBaseUrl).origin;

  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config.public === true) return;
    request.cookies = app.parseCookie(request.headers.cookie ?? '');
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const actor = match ? auth.actorForApiToken(match[1]!) : null;
      if (!actor) throw new AppError('unauthenticated', 'INVALID_TOKEN', INVALID_TOKEN_MESSAGE);
      request.actor = actor;
      request.authVia = 'token';
      return;
    }
    const secret = request.cookies[SESSION_COOKIE];
    const actor = secret ? auth.actorForSession(secret) : null;
    if (!actor) {
      // An expired or ended session is simply anonymous: refused here where an account is needed.
      if (needsAccount(request)) requireActor(request);
      return;
    }
    if (!SAFE_METHODS.has(request.method)) {
      const origin = request.headers.origin;
      const sameOrigin =
        request.headers['sec-fetch-site'] === 'same-origin' || (origin !== undefined && isOwnOrigin(origin, publicOrigin, request));
      if (!sameOrigin) {
        throw new AppError(
          'forbidden',
          'CSRF_REJECTED',
          'Solicitud rechazada: no viene de una página de este sitio (protección CSRF). Envíela desde el sitio o use un token de API',
        );
      }
    }
    request.actor = actor;
    request.authVia = 'session';
  });
}

export default fp(authPlugin, { name: 'auth' });
