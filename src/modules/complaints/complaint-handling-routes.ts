/** The commission's handling of complaints in the API (/api/v1/complaints): the commission and the administration only. */
import fs from 'node:fs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../domain/access.js';
import { errorResponses } from '../../errors.js';
import { IdParamsSchema } from '../registry/registry-schemas.js';
import { BINARY } from '../../openapi-docs.js';
import { COMPLAINT_PHOTO_TYPES } from './complaint-filing-schemas.js';
import {
  AssignComplaintSchema,
  CloseComplaintSchema,
  ComplaintInquirySchema,
  ComplaintListQuerySchema,
  ComplaintPageSchema,
  ComplaintSchema,
  LinkComplaintSchema,
  OrderUnannouncedVisitSchema,
} from './complaint-handling-schemas.js';
import type { ComplaintHandlingService } from './complaint-handling-service.js';

const tags = ['Denuncias'];
const WHO = 'Solo la comisión de certificación y la administración.';

/** The file extension a photo is offered under. */
const EXTENSION: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

export const complaintHandlingRoutes: FastifyPluginAsyncZod<{ complaints: ComplaintHandlingService }> = async (app, { complaints }) => {
  app.get(
    '/',
    {
      schema: {
        tags,
        summary: 'Denuncias recibidas, las más recientes primero',
        description: `Filtra por estado y pagina como las otras listas. ${WHO}`,
        querystring: ComplaintListQuerySchema,
        response: { 200: ComplaintPageSchema, ...errorResponses(400, 401, 403) },
      },
    },
    (request) => complaints.list(requireActor(request), request.query),
  );

  app.get(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Una denuncia completa: lo denunciado, los pasos de la comisión, la visita ordenada y el resultado',
        description: `El contacto de quien denunció solo lo ve la comisión (la administración recibe null). ${WHO}`,
        params: IdParamsSchema,
        response: { 200: ComplaintSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    (request) => complaints.get(requireActor(request), request.params.id),
  );

  app.get(
    '/:id/photo',
    {
      schema: {
        tags,
        summary: 'La foto que acompañó la denuncia',
        description: WHO,
        params: IdParamsSchema,
        produces: [...COMPLAINT_PHOTO_TYPES],
        response: {
          200: z.any().meta({ ...BINARY, description: 'La foto, con su tipo de contenido' }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const photo = complaints.photo(requireActor(request), request.params.id);
      return reply
        .type(photo.type)
        .header('content-disposition', `inline; filename="${photo.trackingNumber}.${EXTENSION[photo.type] ?? 'bin'}"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('etag', `"${photo.sha256}"`)
        .send(fs.createReadStream(photo.file));
    },
  );

  const act = <B extends z.ZodType>(path: string, summary: string, description: string, body: B, statuses: (409 | 422)[]) => ({
    path,
    options: {
      schema: {
        tags,
        summary,
        description: `${description} ${WHO}`,
        params: IdParamsSchema,
        body,
        response: { 200: ComplaintSchema, ...errorResponses(400, 401, 403, 404, ...statuses) },
      },
    },
  });

  const assign = act(
    '/:id/assign',
    'Asigna la denuncia a un miembro de la comisión',
    'La denuncia recibida pasa a investigación; mientras esté abierta puede reasignarse.',
    AssignComplaintSchema,
    [409, 422],
  );
  app.post(assign.path, assign.options, (request) => complaints.assign(requireActor(request), request.params.id, request.body));

  const inquiry = act(
    '/:id/inquiry',
    'Registra notas de la investigación',
    'Solo en una denuncia en investigación (asignada y abierta).',
    ComplaintInquirySchema,
    [409],
  );
  app.post(inquiry.path, inquiry.options, (request) => complaints.inquiry(requireActor(request), request.params.id, request.body));

  const link = act(
    '/:id/link',
    'Vincula la denuncia a un certificado y a su organización',
    'Cuando quien denunció no dio un código (o no correspondía a ninguno). Solo en una denuncia abierta y sin certificado.',
    LinkComplaintSchema,
    [409, 422],
  );
  app.post(link.path, link.options, (request) => complaints.link(requireActor(request), request.params.id, request.body));

  const visit = act(
    '/:id/unannounced-visit',
    'Ordena una visita de vigilancia sin aviso a la unidad certificada',
    'Planifica la visita (sin aviso, de vigilancia) en el expediente del certificado: en un certificado de grupo, el del miembro elegido (producerId) o el de la organización. Se aplican las mismas reglas de conflicto de interés. Solo en una denuncia en investigación y vinculada a un certificado.',
    OrderUnannouncedVisitSchema,
    [409, 422],
  );
  app.post(visit.path, visit.options, (request) =>
    complaints.orderUnannouncedVisit(requireActor(request), request.params.id, request.body),
  );

  const close = act(
    '/:id/close',
    'Cierra la denuncia con su resultado, un resumen público y la sanción aplicada',
    'Una denuncia fundada cita una sanción del catálogo de la versión de criterios vigente (si tiene catálogo); las otras, ninguna. Una suspensión, exclusión o revocación debe estar ya registrada en el certificado citando la misma sanción (SANCTION_NOT_APPLIED si no).',
    CloseComplaintSchema,
    [409, 422],
  );
  app.post(close.path, close.options, (request) => complaints.close(requireActor(request), request.params.id, request.body));
};
