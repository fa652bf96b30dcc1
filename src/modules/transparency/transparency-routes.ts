/** The public transparency log API: signed tree head, inclusion and consistency proofs, entries. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBodySchema } from '../../errors.js';
import { PUBLIC_DATA_HELMET } from '../public/public-headers.js';
import type { TransparencyLog } from './transparency-log.js';
import {
  ConsistencyProofSchema,
  ConsistencyQuerySchema,
  EntriesQuerySchema,
  InclusionProofSchema,
  InclusionQuerySchema,
  LogEntriesSchema,
  SignedTreeHeadSchema,
  TREE_HEAD_SIGNATURE_TEXT,
} from './transparency-schemas.js';

// The head changes with every certificate event, so a cached copy would hide the latest ones.
const NO_STORE = 'no-store, max-age=0';

export type TransparencyRoutesOptions = {
  log: TransparencyLog;
  /** Requests per minute each client may make. */
  perMinute: number;
};

export const transparencyRoutes: FastifyPluginAsyncZod<TransparencyRoutesOptions> = async (app, { log, perMinute }) => {
  const tags = ['Registro de transparencia'];
  const config = { public: true, rateLimit: { max: perMinute, timeWindow: 60_000 } };

  app.get(
    '/api/v1/transparency/sth',
    {
      config,
      helmet: PUBLIC_DATA_HELMET,
      schema: {
        tags,
        summary: 'Cabeza firmada del árbol (RFC 6962): tamaño, raíz y firma JWS',
        description: `Qué cubre la firma: ${TREE_HEAD_SIGNATURE_TEXT}`,
        response: { 200: SignedTreeHeadSchema },
      },
    },
    async (_request, reply) => reply.header('cache-control', NO_STORE).send(log.treeHead()),
  );

  app.get(
    '/api/v1/transparency/proof',
    {
      config,
      helmet: PUBLIC_DATA_HELMET,
      schema: {
        tags,
        summary: 'Prueba de inclusión de una entrada en un árbol de tamaño dado (por defecto, el actual)',
        querystring: InclusionQuerySchema,
        response: { 200: InclusionProofSchema, 400: ErrorBodySchema, 404: ErrorBodySchema },
      },
    },
    (request) => log.inclusion(request.query.leafIndex, request.query.treeSize),
  );

  app.get(
    '/api/v1/transparency/consistency',
    {
      config,
      helmet: PUBLIC_DATA_HELMET,
      schema: {
        tags,
        summary: 'Prueba de consistencia entre dos tamaños del árbol',
        querystring: ConsistencyQuerySchema,
        response: { 200: ConsistencyProofSchema, 400: ErrorBodySchema },
      },
    },
    (request) => log.consistency(request.query.first, request.query.second),
  );

  app.get(
    '/api/v1/transparency/entries',
    {
      config,
      helmet: PUBLIC_DATA_HELMET,
      schema: {
        tags,
        summary: 'Entradas del registro en [start, end) (como máximo 1000)',
        querystring: EntriesQuerySchema,
        response: { 200: LogEntriesSchema, 400: ErrorBodySchema },
      },
    },
    (request) => ({ entries: log.entries(request.query.start, request.query.end) }),
  );
};
