/** Criteria API: schemes, versions (optionally filtered by sector), diffs, and the check of a draft version. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBodySchema } from '../../errors.js';
import { OPTIONAL_AUTH } from '../../openapi-docs.js';
import type { CriteriaCatalog } from './criteria-catalog.js';
import { checkDraft } from './criteria-service.js';
import {
  CriteriaDiffSchema,
  CriteriaVersionSchema,
  DiffQuerySchema,
  DraftBodySchema,
  DraftCheckSchema,
  SchemeListSchema,
  SchemeParamsSchema,
  SchemeSummarySchema,
  VersionParamsSchema,
  VersionQuerySchema,
} from './criteria-schemas.js';

const tags = ['Criterios'];

export const criteriaRoutes: FastifyPluginAsyncZod<{ catalog: CriteriaCatalog }> = async (app, { catalog }) => {
  // The criteria are public: anyone may read them and check a draft (src/http/auth.ts).
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, anonymous: true };
  });
  app.get(
    '/',
    {
      schema: {
        tags,
        security: OPTIONAL_AUTH,
        summary: 'Esquemas de criterios y sus versiones',
        response: { 200: SchemeListSchema },
      },
    },
    () => ({ schemes: catalog.schemes() }),
  );

  app.post(
    '/validate',
    {
      schema: {
        tags,
        security: OPTIONAL_AUTH,
        summary: 'Valida una versión en preparación (borrador) sin guardarla',
        description:
          'Aplica el mismo esquema y las mismas reglas que al cargar la carpeta de criterios, comparando con las versiones ya cargadas. No escribe nada.',
        body: DraftBodySchema,
        response: { 200: DraftCheckSchema, 400: ErrorBodySchema, 422: ErrorBodySchema },
      },
    },
    (request) => checkDraft(catalog, request.body),
  );

  app.get(
    '/:scheme',
    {
      schema: {
        tags,
        security: OPTIONAL_AUTH,
        summary: 'Un esquema y sus versiones',
        params: SchemeParamsSchema,
        response: { 200: SchemeSummarySchema, 404: ErrorBodySchema },
      },
    },
    (request) => catalog.scheme(request.params.scheme),
  );

  app.get(
    '/:scheme/diff',
    {
      schema: {
        tags,
        security: OPTIONAL_AUTH,
        summary: 'Diferencias entre dos versiones: criterios añadidos, modificados y retirados',
        params: SchemeParamsSchema,
        querystring: DiffQuerySchema,
        response: { 200: CriteriaDiffSchema, 400: ErrorBodySchema, 404: ErrorBodySchema },
      },
    },
    (request) => catalog.diff(request.params.scheme, request.query.from, request.query.to),
  );

  app.get(
    '/:scheme/:version',
    {
      schema: {
        tags,
        security: OPTIONAL_AUTH,
        summary: 'Una versión completa, con su huella; opcionalmente solo los criterios de un sector',
        params: VersionParamsSchema,
        querystring: VersionQuerySchema,
        response: { 200: CriteriaVersionSchema, 400: ErrorBodySchema, 404: ErrorBodySchema },
      },
    },
    (request) => {
      const { scheme, version } = request.params;
      const { sector } = request.query;
      return sector ? catalog.versionForSector(scheme, version, sector) : catalog.version(scheme, version);
    },
  );
};
