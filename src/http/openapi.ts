/**
 * The OpenAPI document (/docs/json) built from the routes' zod schemas, and swagger-ui on /docs.
 * Registered before the routes, unencapsulated, so that it sees every route.
 */
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { completeOperation, SECURITY_SCHEMES } from './openapi-operations.js';
import { cspText, docsCspDirectives } from './security-headers.js';
import { stateTrimmedText } from './trimmed-text.js';

export default fp<{ publicBaseUrl: string; version: string }>(
  async (app, { publicBaseUrl, version }) => {
    await app.register(fastifySwagger, {
      openapi: {
        info: {
          title: 'Sello: Sistema Participativo de Garantía ES/CJ',
          description:
            'API del sistema participativo de garantía del sello de Economía Solidaria y Comercio Justo de Bolivia: criterios versionados, visitas de pares, decisiones y certificados verificables.',
          version,
        },
        servers: [{ url: publicBaseUrl }],
        components: { securitySchemes: SECURITY_SCHEMES },
      },
      // Each route declares its own answers; completeOperation adds those every route of its kind may give.
      // Trimmed text states its real minimum length as a pattern (src/http/trimmed-text.ts).
      transform: (input) => {
        const { schema, url } = stateTrimmedText(jsonSchemaTransform(input));
        return { url, schema: schema && completeOperation(schema as Record<string, unknown>, input.route) };
      },
      transformObject: (input) => stateTrimmedText(jsonSchemaTransformObject(input)),
    });
    // swagger-ui sets its own policy on /docs and its files (it replaces helmet's default there).
    await app.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: cspText(docsCspDirectives(publicBaseUrl)) });
  },
  { name: 'sello-openapi' },
);
