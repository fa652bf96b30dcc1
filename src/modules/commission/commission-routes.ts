/** Commission sessions, decisions on dossiers, appeals, and the session minutes (acta) as PDF. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../errors.js';
import type { AppealService } from './appeal-service.js';
import type { ActaService } from './acta-service.js';
import { AppealDecisionSchema, AppealSchema, DecisionSchema, NewAppealSchema, NewDecisionSchema } from './commission-schemas.js';
import type { CommissionService } from './commission-service.js';
import { requireActor } from '../../domain/access.js';

const tags = ['Comisión de certificación'];
const errors = errorResponses(400, 401, 403, 404, 409, 422);
const IdParams = z.object({ id: z.uuid() });
const PdfSchema = z.any().describe('Documento PDF');

export const commissionRoutes: FastifyPluginAsyncZod<{ commission: CommissionService; appeals: AppealService; acta: ActaService }> = async (
  app,
  { commission, appeals, acta },
) => {
  app.get(
    '/commission/sessions/:id/acta.pdf',
    {
      schema: {
        tags,
        summary: 'Acta de la sesión en PDF: asistencia, cada expediente, votos, excusas y resultado',
        params: IdParams,
        produces: ['application/pdf'],
        response: { 200: PdfSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { fileName, pdf } = await acta.render(requireActor(request), request.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  app.post(
    '/commission/sessions/:id/decisions',
    {
      schema: {
        tags,
        summary: 'Decide un expediente: votos de cada miembro presente, excusas, fundamento; emite el certificado si se aprueba',
        params: IdParams,
        body: NewDecisionSchema,
        response: { 201: DecisionSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(commission.decide(requireActor(request), request.params.id, request.body)),
  );

  app.get(
    '/decisions/:id',
    { schema: { tags, summary: 'Una decisión con sus votos y excusas', params: IdParams, response: { 200: DecisionSchema, ...errors } } },
    (request) => commission.getDecision(requireActor(request), request.params.id),
  );

  app.get(
    '/decisions/:id/dossier-snapshot',
    {
      schema: {
        tags,
        summary: 'El expediente tal como estaba cuando se decidió, con su huella',
        params: IdParams,
        response: { 200: z.object({ snapshotHash: z.string(), dossier: z.unknown() }), ...errors },
      },
    },
    (request) => commission.snapshot(requireActor(request), request.params.id),
  );

  app.post(
    '/appeals',
    {
      schema: {
        tags,
        summary: 'Presenta una apelación contra una decisión o una suspensión',
        body: NewAppealSchema,
        response: { 201: AppealSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(appeals.file(requireActor(request), request.body)),
  );

  app.get(
    '/appeals/:id',
    { schema: { tags, summary: 'Una apelación', params: IdParams, response: { 200: AppealSchema, ...errors } } },
    (request) => appeals.get(requireActor(request), request.params.id),
  );

  app.post(
    '/commission/sessions/:id/appeals/:appealId/decision',
    {
      schema: {
        tags,
        summary: 'Resuelve una apelación; no votan quienes votaron la decisión apelada o suspendieron',
        params: z.object({ id: z.uuid(), appealId: z.uuid() }),
        body: AppealDecisionSchema,
        response: { 200: AppealSchema, ...errors },
      },
    },
    (request) => appeals.decide(requireActor(request), request.params.id, request.params.appealId, request.body),
  );
};
