/** The history of any record, for the administration and the commission. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { authorize, canReadAudit, requireActor } from '../../domain/access.js';
import { ErrorBodySchema } from '../../errors.js';
import { historyOf } from './audit-log.js';

const AuditEntrySchema = z
  .object({
    seq: z.int(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorLabel: z.string(),
    entity: z.string(),
    entityId: z.string(),
    action: z.string(),
    change: z.unknown(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'AuditEntry' });

export const auditRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/:entity/:id',
    {
      schema: {
        tags: ['Auditoría'],
        summary: 'Historial de un registro: quién cambió qué y cuándo',
        params: z.object({ entity: z.string().regex(/^[a-z_]+$/), id: z.string().min(1).max(100) }),
        response: { 200: z.object({ entries: z.array(AuditEntrySchema) }), 401: ErrorBodySchema, 403: ErrorBodySchema },
      },
    },
    (request) => {
      authorize(canReadAudit(requireActor(request)), 'Solo la administración y la comisión leen el historial');
      return { entries: historyOf(db, request.params.entity, request.params.id) };
    },
  );
};
