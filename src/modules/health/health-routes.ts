/** Liveness and readiness: the database answers and criteria are loaded. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import type { Db } from '../../db/client.js';
import { createHealthRepository } from './health-repository.js';

const HealthSchema = z.object({
  status: z.enum(['ok', 'error']),
  database: z.object({ status: z.enum(['ok', 'error']), journalMode: z.string().optional() }),
  criteria: z.object({
    schemes: z.int(),
    versions: z.int(),
    current: z.array(z.object({ scheme: z.string(), version: z.string().nullable() })),
  }),
});

export const healthRoutes: FastifyPluginAsyncZod<{ db: Db; catalog: CriteriaCatalog }> = async (app, { db, catalog }) => {
  const health = createHealthRepository(db);

  app.get(
    '/health',
    {
      schema: {
        tags: ['Servicio'],
        summary: 'Estado del servicio: base de datos y criterios cargados',
        response: { 200: HealthSchema, 503: HealthSchema },
      },
    },
    async (request, reply) => {
      const criteria = {
        ...catalog.count(),
        current: catalog.schemes().map((s) => ({ scheme: s.scheme, version: s.currentVersion })),
      };
      try {
        return { status: 'ok' as const, database: { status: 'ok' as const, journalMode: health.journalMode() }, criteria };
      } catch (err) {
        request.log.error({ err }, 'health check: database unavailable');
        return reply.code(503).send({ status: 'error', database: { status: 'error' }, criteria });
      }
    },
  );
};
