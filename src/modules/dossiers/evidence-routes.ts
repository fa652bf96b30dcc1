/** Upload (raw body or multipart form, type checked by content) and download of evidence files. */
import fs from 'node:fs';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../domain/access.js';
import { ErrorBodySchema, errorResponses } from '../../errors.js';
import { IdParamsSchema } from './dossier-schemas.js';
import { BINARY } from '../../openapi-docs.js';
import { EVIDENCE_MAX_BYTES, EVIDENCE_TYPES, EvidenceQuerySchema, EvidenceSchema } from './evidence-schemas.js';
import type { EvidenceService } from './evidence-service.js';
import { EVIDENCE_MULTIPART_LIMITS, readEvidenceUpload } from './evidence-upload.js';

const tags = ['Expedientes y visitas'];
const errors = errorResponses(400, 401, 403, 404, 413, 415);
/** The upload as OpenAPI shows it: the raw file with its media type, or a one-file form. */
const UPLOAD_CONTENT = {
  ...Object.fromEntries(EVIDENCE_TYPES.map((type) => [type, { schema: BINARY }])),
  'multipart/form-data': {
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { ...BINARY, description: 'El archivo: JPEG, PNG, WebP o PDF' },
        visitId: { type: 'string', format: 'uuid' },
        criterionCode: { type: 'string', minLength: 1, maxLength: 20 },
      },
    },
  },
};

export const evidenceRoutes: FastifyPluginAsyncZod<{ evidence: EvidenceService }> = async (app, { evidence }) => {
  // Encapsulated: only these routes read binary bodies and multipart forms.
  app.addContentTypeParser([...EVIDENCE_TYPES], { parseAs: 'buffer', bodyLimit: EVIDENCE_MAX_BYTES }, (_req, body, done) =>
    done(null, body),
  );
  await app.register(fastifyMultipart, { limits: EVIDENCE_MULTIPART_LIMITS });

  app.post(
    '/dossiers/:id/evidence',
    {
      bodyLimit: EVIDENCE_MAX_BYTES,
      schema: {
        tags,
        summary: 'Sube una foto (JPEG, PNG, WebP) o un PDF como evidencia, de la visita o de una respuesta; máximo 8 MB',
        description:
          'Dos formas: el archivo como cuerpo, con su content-type (visitId y criterionCode en la consulta), o un formulario multipart/form-data con un solo archivo en el campo «file» (visitId y criterionCode como campos del formulario o en la consulta). El tipo se comprueba por el contenido, no por lo que declara el cliente; un archivo idéntico se guarda una sola vez.',
        params: IdParamsSchema,
        querystring: EvidenceQuerySchema,
        uploadBody: { description: 'El archivo como cuerpo, o un formulario con el archivo en «file»', content: UPLOAD_CONTENT },
        response: { 201: EvidenceSchema, ...errors },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { body, where } = await readEvidenceUpload(request, request.query);
      return reply.code(201).send(await evidence.add(actor, request.params.id, body, where));
    },
  );

  app.get(
    '/evidence/:id',
    {
      schema: {
        tags,
        summary: 'Descarga una evidencia (solo personas con acceso al expediente)',
        params: IdParamsSchema,
        produces: [...EVIDENCE_TYPES],
        response: {
          200: z.any().meta({ ...BINARY, description: 'El archivo, con su tipo de contenido' }),
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
        .header('etag', `"${meta.sha256}"`)
        .send(fs.createReadStream(file));
    },
  );
};
