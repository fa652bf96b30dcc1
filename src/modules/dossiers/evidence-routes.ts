/** Upload (raw body, type checked by content) and download of evidence files. */
import fs from 'node:fs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../domain/access.js';
import { AppError, ErrorBodySchema, errorResponses } from '../../errors.js';
import { IdParamsSchema } from './dossier-schemas.js';
import { EVIDENCE_MAX_BYTES, EVIDENCE_TYPES, EvidenceQuerySchema, EvidenceSchema } from './evidence-schemas.js';
import type { EvidenceService } from './evidence-service.js';

const tags = ['Expedientes y visitas'];
const errors = errorResponses(400, 401, 403, 404, 413, 415);

export const evidenceRoutes: FastifyPluginAsyncZod<{ evidence: EvidenceService }> = async (app, { evidence }) => {
  // Encapsulated: only these routes read binary bodies.
  app.addContentTypeParser([...EVIDENCE_TYPES], { parseAs: 'buffer', bodyLimit: EVIDENCE_MAX_BYTES }, (_req, body, done) =>
    done(null, body),
  );

  app.post(
    '/dossiers/:id/evidence',
    {
      bodyLimit: EVIDENCE_MAX_BYTES,
      schema: {
        tags,
        summary: 'Sube una foto (JPEG, PNG, WebP) o un PDF como evidencia, de la visita o de una respuesta; máximo 8 MB',
        params: IdParamsSchema,
        querystring: EvidenceQuerySchema,
        response: { 201: EvidenceSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      if (!Buffer.isBuffer(request.body)) {
        throw new AppError('unsupported_media', 'UNSUPPORTED_MEDIA_TYPE', `Envíe el archivo con content-type ${EVIDENCE_TYPES.join(', ')}`);
      }
      const stored = await evidence.add(actor, request.params.id, request.body, request.query);
      return reply.code(201).send(stored);
    },
  );

  app.get(
    '/evidence/:id',
    {
      schema: {
        tags,
        summary: 'Descarga una evidencia (solo personas con acceso al expediente)',
        params: IdParamsSchema,
        response: {
          200: z.any().describe('El archivo, con su tipo de contenido'),
          401: ErrorBodySchema,
          403: ErrorBodySchema,
          404: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const { evidence: meta, file } = evidence.open(requireActor(request), request.params.id);
      return reply
        .type(meta.mediaType)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('etag', `"${meta.sha256}"`)
        .send(fs.createReadStream(file));
    },
  );
};
