/** Commission sessions: members, the list of sessions, opening one with its agenda, attendance and closing. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../domain/access.js';
import { errorResponses } from '../../errors.js';
import {
  AgendaItemInputSchema,
  AttendanceInputSchema,
  BallotSchema,
  DecisionSchema,
  DeferralSchema,
  CloseSessionSchema,
  MemberSchema,
  NewSessionSchema,
  SessionListQuerySchema,
  SessionPageSchema,
  SessionSchema,
} from './commission-schemas.js';
import type { CommissionService } from './commission-service.js';
import type { QuorumService } from './quorum-service.js';
import type { SessionService } from './session-service.js';

const tags = ['Comisión de certificación'];
const errors = errorResponses(400, 401, 403, 404, 409, 422);
const IdParams = z.object({ id: z.uuid() });

export const sessionRoutes: FastifyPluginAsyncZod<{
  sessions: SessionService;
  commission: CommissionService;
  quorum: QuorumService;
}> = async (app, { sessions, commission, quorum }) => {
  app.get(
    '/commission/members',
    {
      schema: {
        tags,
        summary: 'Miembros habilitados de la comisión, titulares y suplentes',
        response: { 200: z.array(MemberSchema), ...errors },
      },
    },
    (request) => sessions.members(requireActor(request)),
  );

  app.get(
    '/commission/sessions',
    {
      schema: {
        tags,
        summary: 'Sesiones de la comisión, de la más reciente a la más antigua',
        querystring: SessionListQuerySchema,
        response: { 200: SessionPageSchema, ...errors },
      },
    },
    (request) => sessions.list(requireActor(request), request.query),
  );

  app.post(
    '/commission/sessions',
    {
      schema: {
        tags,
        summary:
          'Abre una sesión numerada en el año, con lugar, hora de inicio y orden del día; si indica la asistencia, sin quórum se rechaza',
        body: NewSessionSchema,
        response: { 201: SessionSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(sessions.create(requireActor(request), request.body)),
  );

  app.get(
    '/commission/sessions/:id',
    {
      schema: {
        tags,
        summary: 'Una sesión: asistencia, orden del día, decisiones y apelaciones resueltas',
        params: IdParams,
        response: { 200: SessionSchema, ...errors },
      },
    },
    (request) => commission.getSession(requireActor(request), request.params.id),
  );

  app.put(
    '/commission/sessions/:id/attendance',
    {
      schema: {
        tags,
        summary: 'Registra quiénes están presentes; un suplente convocado ocupa un lugar vacante desde ese momento',
        params: IdParams,
        body: AttendanceInputSchema,
        response: { 200: SessionSchema, ...errors },
      },
    },
    (request) => sessions.setAttendance(requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/commission/sessions/:id/agenda',
    {
      schema: {
        tags,
        summary: 'Añade un punto al orden del día: un expediente, un certificado o una apelación',
        params: IdParams,
        body: AgendaItemInputSchema,
        response: { 200: SessionSchema, ...errors },
      },
    },
    (request) => sessions.addAgendaItem(requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/commission/sessions/:id/close',
    {
      schema: {
        tags,
        summary: 'Cierra la sesión con su hora de cierre; después no admite más decisiones',
        params: IdParams,
        body: CloseSessionSchema.nullish(),
        response: { 200: SessionSchema, ...errors },
      },
    },
    (request) => sessions.close(requireActor(request), request.params.id, request.body ?? {}),
  );

  app.get(
    '/commission/sessions/:id/ballot',
    {
      schema: {
        tags,
        summary: 'Quiénes votan un expediente en la sesión: excusas con su motivo, votantes, quórum y suplentes que se pueden convocar',
        params: IdParams,
        querystring: z.object({ dossierId: z.uuid() }).strict(),
        response: { 200: BallotSchema, ...errors },
      },
    },
    (request) => quorum.ballot(requireActor(request), request.params.id, request.query.dossierId),
  );

  app.post(
    '/commission/sessions/:id/deferrals',
    {
      schema: {
        tags,
        summary: 'Difiere un expediente sin votación cuando, tras las excusas, no hay quórum ni suplente disponible',
        params: IdParams,
        body: DeferralSchema,
        response: { 201: DecisionSchema, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(quorum.defer(requireActor(request), request.params.id, request.body)),
  );
};
