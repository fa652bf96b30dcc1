/** Registry API: the training a person took, which visit planning checks for peer reviewers. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../domain/access.js';
import { errorResponses } from '../../errors.js';
import { IdParamsSchema } from '../registry/registry-schemas.js';
import { NewTrainingSchema, TrainingSchema } from './training-schemas.js';
import type { TrainingService } from './training-service.js';

const errors = errorResponses(400, 401, 403, 404);
const tags = ['Personas'];

export const trainingRoutes: FastifyPluginAsyncZod<{ training: TrainingService }> = async (app, { training }) => {
  app.get(
    '/persons/:id/trainings',
    {
      schema: {
        tags,
        summary: 'Capacitaciones de la persona (la más reciente primero), con hasta cuándo cuentan',
        params: IdParamsSchema,
        response: { 200: z.array(TrainingSchema), ...errors },
      },
    },
    (request) => training.list(requireActor(request), request.params.id),
  );
  app.post(
    '/persons/:id/trainings',
    {
      schema: {
        tags,
        summary: 'Registra una capacitación de la persona',
        description:
          'El tema debe ser uno de los que piden los criterios (training.reviewer) de la versión indicada o de la vigente; la fecha no puede ser futura. Un registro no se modifica ni se borra: un error se corrige registrando el dato correcto. Al planificar una visita, a quien integra el equipo se le pide cada capacitación vigente que exigen los criterios de la visita.',
        params: IdParamsSchema,
        body: NewTrainingSchema,
        response: { 201: TrainingSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(training.record(requireActor(request), request.params.id, request.body)),
  );
};
