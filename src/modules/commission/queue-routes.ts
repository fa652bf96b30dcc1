/** The commission's queue in the API: the dossiers waiting for its decision, filtered and paged. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../domain/access.js';
import { errorResponses } from '../../errors.js';
import { QueuePageSchema, QueueQuerySchema } from './queue-schemas.js';
import type { QueueService } from './queue-service.js';

export const queueRoutes: FastifyPluginAsyncZod<{ queue: QueueService }> = async (app, { queue }) => {
  app.get(
    '/commission/queue',
    {
      schema: {
        tags: ['Comisión de certificación'],
        summary: 'Expedientes que esperan la decisión de la comisión, los que esperan hace más tiempo primero',
        description:
          'Cada expediente listo para la comisión con su organización, unidad productiva, ciclo, versión de criterios, la recomendación del comité, las no conformidades sin cerrar por nivel y por qué espera: su primera decisión, después de que la comisión lo difirió, o de vuelta por una apelación aceptada.',
        querystring: QueueQuerySchema,
        response: { 200: QueuePageSchema, ...errorResponses(400, 401, 403) },
      },
    },
    (request) => queue.list(requireActor(request), request.query),
  );
};
