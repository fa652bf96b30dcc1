/** User administration (administrators only). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, canManageUsers, requireActor } from '../../domain/access.js';
import { ErrorBodySchema, errorResponses } from '../../errors.js';
import { NewUserSchema, UserParamsSchema, UserPatchSchema, UserSchema } from './users-schemas.js';
import type { UsersService } from './users-service.js';

const tags = ['Cuentas'];
const errors = errorResponses(400, 401, 403);

export const usersRoutes: FastifyPluginAsyncZod<{ users: UsersService }> = async (app, { users }) => {
  app.addHook('preHandler', async (request) =>
    authorize(canManageUsers(requireActor(request)), 'Solo la administración gestiona usuarios'),
  );

  app.get('/', { schema: { tags, summary: 'Usuarios', response: { 200: z.array(UserSchema), ...errors } } }, () => users.list());

  app.post(
    '/',
    {
      schema: {
        tags,
        summary: 'Crea un usuario',
        body: NewUserSchema,
        response: { 201: UserSchema, ...errors, 404: ErrorBodySchema, 409: ErrorBodySchema },
      },
    },
    async (request, reply) => reply.code(201).send(await users.create(requireActor(request), request.body)),
  );

  app.get(
    '/:id',
    { schema: { tags, summary: 'Un usuario', params: UserParamsSchema, response: { 200: UserSchema, ...errors, 404: ErrorBodySchema } } },
    (request) => users.get(request.params.id),
  );

  app.patch(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Cambia nombre, rol, organización, contraseña o habilita/deshabilita un usuario',
        params: UserParamsSchema,
        body: UserPatchSchema,
        response: { 200: UserSchema, ...errors, 404: ErrorBodySchema },
      },
    },
    (request) => users.update(requireActor(request), request.params.id, request.body),
  );
};
