/** Sign-in with a session cookie, sign-out, the current user, and personal API tokens. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OPTIONAL_AUTH } from '../../openapi-docs.js';
import { ErrorBodySchema, errorResponses } from '../../errors.js';
import { HumanLine } from '../../human-text.js';
import type { UsersService } from '../users/users-service.js';
import { UserSchema } from '../users/users-schemas.js';
import type { AuthService } from './auth-service.js';
import { requireActor } from '../../domain/access.js';
import { SESSION_COOKIE } from './auth-service.js';
import { TooManyLoginAttempts } from './login-limiter.js';
import { sessionCookieOptions } from './session-cookie.js';

const tags = ['Cuentas'];
const LoginSchema = z
  .object({ username: z.string().trim().toLowerCase().min(1).regex(/\S/, 'Escriba su usuario'), password: z.string().min(1) })
  .strict();
const TokenInfoSchema = z.object({ id: z.string(), name: z.string(), createdAt: z.string(), revokedAt: z.string().nullable() });
const errors = errorResponses(400, 401, 403);

export const authRoutes: FastifyPluginAsyncZod<{ auth: AuthService; users: UsersService; secureCookies: boolean }> = async (
  app,
  { auth, users, secureCookies },
) => {
  app.post(
    '/login',
    {
      config: { anonymous: true },
      schema: {
        tags,
        summary: 'Inicia sesión; la sesión viaja en una cookie HttpOnly',
        security: OPTIONAL_AUTH,
        body: LoginSchema,
        response: { 200: UserSchema, ...errors, 429: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const { secret, actor, expiresAt } = await auth.login(username, password, request.ip).catch((error: unknown) => {
        if (error instanceof TooManyLoginAttempts) reply.header('retry-after', String(error.retryAfterSeconds));
        throw error;
      });
      reply.setCookie(SESSION_COOKIE, secret, sessionCookieOptions(secureCookies, expiresAt));
      return users.get(actor.userId);
    },
  );

  app.post(
    '/logout',
    { schema: { tags, summary: 'Cierra la sesión actual', response: { 204: z.null(), ...errors } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const secret = request.cookies[SESSION_COOKIE];
      if (secret) auth.logout(actor, secret);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me',
    { schema: { tags, summary: 'El usuario de la sesión o del token', response: { 200: UserSchema, 401: ErrorBodySchema } } },
    (request) => users.get(requireActor(request).userId),
  );

  app.get(
    '/tokens',
    { schema: { tags, summary: 'Mis tokens de API (sin el secreto)', response: { 200: z.array(TokenInfoSchema), 401: ErrorBodySchema } } },
    (request) => auth.listApiTokens(requireActor(request)),
  );

  app.post(
    '/tokens',
    {
      schema: {
        tags,
        summary: 'Crea un token de API; el secreto se muestra solo esta vez',
        body: z.object({ name: HumanLine().min(1).max(80) }).strict(),
        response: { 201: TokenInfoSchema.extend({ token: z.string().describe('Guárdelo ahora: no se vuelve a mostrar') }), ...errors },
      },
    },
    async (request, reply) => {
      const { token, info } = auth.createApiToken(requireActor(request), request.body.name);
      return reply.code(201).send({ ...info, token });
    },
  );

  app.delete(
    '/tokens/:id',
    {
      schema: {
        tags,
        summary: 'Revoca un token de API',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null(), ...errors, 404: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      auth.revokeApiToken(requireActor(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
