/** Dossiers (expedientes), self-assessments, peer visits and the committee's review. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../domain/access.js';
import { errorResponses } from '../../errors.js';
import { page } from '../registry/registry-schemas.js';
import {
  CancelVisitSchema,
  CorrectVisitSchema,
  DossierListQuerySchema,
  DossierSchema,
  DossierSummarySchema,
  EventSchema,
  IdParamsSchema,
  NewDossierSchema,
  PlanVisitSchema,
  RecommendationSchema,
  SelfAssessmentSchema,
  SubmitVisitSchema,
  VisitListQuerySchema,
  VisitSchema,
  VisitSummarySchema,
} from './dossier-schemas.js';
import type { DossierService } from './dossier-service.js';
import type { VisitReportService } from './visit-report-service.js';
import type { VisitService } from './visit-service.js';

const tags = ['Expedientes y visitas'];
const errors = errorResponses(400, 401, 403, 404, 409, 422);

export const dossierRoutes: FastifyPluginAsyncZod<{ dossiers: DossierService; visits: VisitService; reports: VisitReportService }> = async (
  app,
  { dossiers, visits, reports },
) => {
  app.post(
    '/dossiers',
    {
      schema: {
        tags,
        summary: 'Abre el expediente de un productor para un ciclo, fijando la versión de criterios vigente',
        body: NewDossierSchema,
        response: { 201: DossierSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(dossiers.open(requireActor(request), request.body)),
  );

  app.get(
    '/dossiers',
    {
      schema: {
        tags,
        summary: 'Expedientes visibles para quien consulta, con sus próximos pasos',
        description:
          'El comité y los revisores ven los de su organización; un productor, los de su unidad; la comisión y la administración, todos. Ordenados del cambio más reciente al más antiguo.',
        querystring: DossierListQuerySchema,
        response: { 200: page(DossierSummarySchema), ...errors },
      },
    },
    (request) => dossiers.list(requireActor(request), request.query),
  );

  app.get(
    '/dossiers/:id',
    {
      schema: {
        tags,
        summary: 'El expediente completo: autoevaluación, visitas, diferencias, no conformidades y recomendación',
        params: IdParamsSchema,
        response: { 200: DossierSchema, ...errors },
      },
    },
    (request) => dossiers.get(requireActor(request), request.params.id),
  );

  app.post(
    '/dossiers/:id/self-assessment',
    {
      schema: {
        tags,
        summary: 'Registra la autoevaluación del productor (la misma lista de criterios que la visita)',
        params: IdParamsSchema,
        body: SelfAssessmentSchema,
        response: { 201: DossierSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(dossiers.selfAssess(requireActor(request), request.params.id, request.body)),
  );

  app.post(
    '/dossiers/:id/visits',
    {
      schema: {
        tags,
        summary: 'Planifica una visita de pares; el equipo se comprueba contra las reglas de conflicto de interés',
        description:
          'Un expediente tiene a lo sumo una visita planificada: mientras haya una sin registrar, otra se rechaza con 409 VISIT_ALREADY_PLANNED (regístrela o cancélela antes).',
        params: IdParamsSchema,
        body: PlanVisitSchema,
        response: { 201: VisitSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(visits.plan(requireActor(request), request.params.id, request.body)),
  );

  app.get(
    '/visits',
    {
      schema: {
        tags,
        summary: 'Visitas de pares visibles para quien consulta, con su equipo',
        description:
          'Las de los expedientes que puede leer (el comité y los revisores, los de su organización; un productor, los de su unidad). Con assignedTo=me, solo aquellas en cuyo equipo está la persona vinculada a su cuenta. Ordenadas por fecha planificada.',
        querystring: VisitListQuerySchema,
        response: { 200: page(VisitSummarySchema), ...errors },
      },
    },
    (request) => visits.list(requireActor(request), request.query),
  );

  app.get(
    '/visits/:id',
    { schema: { tags, summary: 'Una visita', params: IdParamsSchema, response: { 200: VisitSchema, ...errors } } },
    (request) => visits.get(requireActor(request), request.params.id),
  );

  app.post(
    '/visits/:id/submission',
    {
      schema: {
        tags,
        summary: 'Registra las respuestas de la visita (una por criterio aplicable); reenviar la misma entrega no duplica nada',
        params: IdParamsSchema,
        body: SubmitVisitSchema,
        response: { 200: VisitSchema, 201: VisitSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { visit, replayed } = visits.submit(requireActor(request), request.params.id, request.body);
      return reply
        .code(replayed ? 200 : 201)
        .header('idempotent-replayed', String(replayed))
        .send(visit);
    },
  );

  app.post(
    '/visits/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancela una visita planificada que no se hará, con el motivo; después se puede planificar otra',
        description: 'Solo quien puede planificar visitas del expediente, y solo mientras la visita está planificada (no registrada).',
        params: IdParamsSchema,
        body: CancelVisitSchema,
        response: { 200: VisitSchema, ...errors },
      },
    },
    (request) => visits.cancel(requireActor(request), request.params.id, request.body),
  );

  app.get(
    '/visits/:id/report.pdf',
    {
      schema: {
        tags,
        summary: 'Informe de la visita en PDF (castellano), para el productor y el comité',
        params: IdParamsSchema,
        produces: ['application/pdf'],
        response: { 200: z.any().describe('Documento PDF'), ...errors },
      },
    },
    async (request, reply) => {
      const { filename, pdf } = await reports.render(requireActor(request), request.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  app.post(
    '/visits/:id/corrections',
    {
      schema: {
        tags,
        summary: 'Corrige una visita registrada con un registro nuevo y completo que la referencia (antes de la revisión del comité)',
        params: IdParamsSchema,
        body: CorrectVisitSchema,
        response: { 200: VisitSchema, 201: VisitSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { visit, replayed } = visits.correct(requireActor(request), request.params.id, request.body);
      return reply
        .code(replayed ? 200 : 201)
        .header('idempotent-replayed', String(replayed))
        .send(visit);
    },
  );

  app.post(
    '/dossiers/:id/recommendation',
    {
      schema: {
        tags,
        summary: 'Revisión y recomendación del comité local (aprobar, aprobar con condiciones, denegar)',
        params: IdParamsSchema,
        body: RecommendationSchema,
        response: { 200: DossierSchema, ...errors },
      },
    },
    (request) => dossiers.recommend(requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/dossiers/:id/events',
    {
      schema: {
        tags,
        summary: 'Envía el expediente a la comisión o lo devuelve al comité',
        params: IdParamsSchema,
        body: EventSchema,
        response: { 200: DossierSchema, ...errors },
      },
    },
    (request) => dossiers.applyEvent(requireActor(request), request.params.id, request.body.event),
  );
};
