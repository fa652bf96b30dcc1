/** Registry API: a person's ties to production units and organisations (for the rule on former ties). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { requireActor } from '../../domain/access.js';
import { errorResponses } from '../../errors.js';
import { createPersonTiesService } from './person-ties-service.js';
import { IdParamsSchema, NewPersonTieSchema, PersonTieParamsSchema, PersonTieSchema } from './registry-schemas.js';

const errors = errorResponses(400, 401, 403, 404);

export const personTiesRoutes: FastifyPluginAsyncZod<{ db: Db; now: () => Date }> = async (app, { db, now }) => {
  const ties = createPersonTiesService(db, now);
  const tags = ['Personas'];

  app.get(
    '/persons/:id/ties',
    {
      schema: {
        tags,
        summary: 'Vínculos de la persona con unidades productivas u organizaciones (vigentes y más recientes primero)',
        params: IdParamsSchema,
        response: { 200: z.array(PersonTieSchema), ...errors },
      },
    },
    (request) => ties.list(requireActor(request), request.params.id),
  );
  app.post(
    '/persons/:id/ties',
    {
      schema: {
        tags,
        summary: 'Registra un vínculo de la persona (trabajó para, le compró o vendió a, fue socio o miembro de)',
        description:
          'Un vínculo con la unidad visitada o con su organización que terminó hace menos de los años que fijan los criterios (conflictOfInterest.formerTiesWindowYears), o que sigue vigente, impide a la persona integrar el equipo de la visita.',
        params: IdParamsSchema,
        body: NewPersonTieSchema,
        response: { 201: PersonTieSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(ties.add(requireActor(request), request.params.id, request.body)),
  );
  app.delete(
    '/persons/:id/ties/:tieId',
    {
      schema: {
        tags,
        summary: 'Quita un vínculo registrado por error (el historial conserva lo que decía)',
        params: PersonTieParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      ties.remove(requireActor(request), request.params.id, request.params.tieId);
      return reply.code(204).send(null);
    },
  );
};
