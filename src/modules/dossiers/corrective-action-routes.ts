/** Corrective actions of a non-conformity: listing, agreeing and closing them. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../domain/access.js';
import { errorResponses } from '../../errors.js';
import { ClosureSchema, CommissionReviewSchema, CorrectiveActionSchema, NewCorrectiveActionSchema } from './corrective-action-schemas.js';
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
        summary: 'El comité cierra una acción correctiva con lo hecho y su evidencia',
        description:
          'Si el nivel del criterio exige verificación de seguimiento en la versión de criterios del expediente (p. ej. crítico en 2026.4), el comité no la cierra: responde 422 FOLLOW_UP_REQUIRED.',
        params: IdParamsSchema,
        body: ClosureSchema,
        response: { 200: CorrectiveActionSchema, ...errors },
      },
    },
    (request) => actions.close(requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/corrective-actions/:id/commission-review',
    {
      schema: {
        tags,
        summary: 'La comisión revisa la evidencia y cierra la acción correctiva',
        description:
          'Solo para niveles cuya verificación de seguimiento admite la revisión de la comisión (p. ej. mayor en 2026.4); si no, 422 FOLLOW_UP_MEANS_NOT_ALLOWED.',
        params: IdParamsSchema,
        body: CommissionReviewSchema,
        response: { 200: CorrectiveActionSchema, ...errors },
      },
    },
    (request) => actions.commissionReview(requireActor(request), request.params.id, request.body),
  );
};
