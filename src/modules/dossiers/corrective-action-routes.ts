/** Corrective actions of a non-conformity: listing, agreeing and closing them. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../domain/access.js';
import { errorResponses } from '../../errors.js';
import { ClosureSchema, CorrectiveActionSchema, NewCorrectiveActionSchema } from './corrective-action-schemas.js';
import type { CorrectiveActionService } from './corrective-action-service.js';
import { IdParamsSchema } from './dossier-schemas.js';

const tags = ['Expedientes y visitas'];
const errors = errorResponses(400, 401, 403, 404, 409, 422);

export const correctiveActionRoutes: FastifyPluginAsyncZod<{ actions: CorrectiveActionService }> = async (app, { actions }) => {
  app.get(
    '/non-conformities/:id/corrective-actions',
    {
      schema: {
        tags,
        summary: 'Acciones correctivas de una no conformidad',
        params: IdParamsSchema,
        response: { 200: z.array(CorrectiveActionSchema), ...errors },
      },
    },
    (request) => actions.listForNonConformity(requireActor(request), request.params.id),
  );

  app.post(
    '/non-conformities/:id/corrective-actions',
    {
      schema: {
        tags,
        summary: 'Acuerda una acción correctiva con responsable y plazo (dentro del máximo del nivel del criterio)',
        params: IdParamsSchema,
        body: NewCorrectiveActionSchema,
        response: { 201: CorrectiveActionSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(actions.create(requireActor(request), request.params.id, request.body)),
  );

  app.post(
    '/corrective-actions/:id/closure',
    {
      schema: {
        tags,
        summary: 'Cierra una acción correctiva con lo hecho y su evidencia',
        params: IdParamsSchema,
        body: ClosureSchema,
        response: { 200: CorrectiveActionSchema, ...errors },
      },
    },
    (request) => actions.close(requireActor(request), request.params.id, request.body),
  );
};
