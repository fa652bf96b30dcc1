/** The history of any record, and the trail's signed head, for the administration and the commission. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { authorize, canReadAudit, requireActor } from '../../domain/access.js';
import { ErrorBodySchema } from '../../errors.js';
import type { KeyStore } from '../../signing/key-store.js';
import { SignedAuditHeadSchema, signedAuditHead } from './audit-head.js';
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

export const auditRoutes: FastifyPluginAsyncZod<{ db: Db; keys: KeyStore; now: () => Date }> = async (app, { db, keys, now }) => {
  app.get(
    '/head',
    {
      schema: {
        tags: ['Auditoría'],
        summary: 'Cabeza firmada del historial: cuántas entradas tiene y la huella de la última',
        description:
          'Guárdela fuera de esta máquina: `sello audit verify --head <archivo>` comprueba después que no se borró ni reescribió ninguna de esas entradas.',
        response: { 200: SignedAuditHeadSchema, 401: ErrorBodySchema, 403: ErrorBodySchema },
      },
    },
    (request) => {
      authorize(canReadAudit(requireActor(request)), 'Solo la administración y la comisión leen el historial');
      return signedAuditHead(db, keys, now);
    },
  );

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
