/**
 * Completes each operation of the OpenAPI document with what every route of its kind may answer,
 * so that the routes declare only their own answers: the shared error body for the statuses the
 * plugins give (validation 400, authentication 401, CSRF 403, unknown record 404, large or
 * unsupported bodies 413/415, long path parameters 414, rate limits 429, full storage 503), always
 * as application/json even where success is a PDF, a CSV or a page; 204 without a body; the
 * security schemes of authenticated routes; and the documented request body of uploads.
 */
import type { RouteOptions } from 'fastify';
import { SESSION_COOKIE } from '../modules/auth/auth-service.js';
import { AUTHENTICATED } from '../openapi-docs.js';

type JsonSchema = Record<string, unknown>;
type MediaContent = Record<string, { schema: JsonSchema }>;

/** The security schemes of `components.securitySchemes`. */
export const SECURITY_SCHEMES = {
  bearerToken: {
    type: 'http',
    scheme: 'bearer',
    description:
      'Token de API (POST /api/v1/auth/tokens), en la cabecera `Authorization: Bearer <token>`. Un token mal copiado, revocado o de una cuenta deshabilitada recibe 401 INVALID_TOKEN en cualquier ruta que no sea pública.',
  },
  sessionCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description:
      'Cookie de sesión que fija POST /api/v1/auth/login. Las escrituras con cookie deben venir del propio sitio (Origin o Sec-Fetch-Site); si no, 403 CSRF_REJECTED.',
  },
} as const;

const ERROR_REF = { $ref: '#/components/schemas/Error' };

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Datos no válidos (VALIDATION_FAILED con «issues» por campo, MALFORMED_JSON y otros)',
  401: 'Falta autenticarse (AUTHENTICATION_REQUIRED) o el token de API no es válido (INVALID_TOKEN)',
  403: 'La cuenta no puede hacer esto, o la escritura con cookie no viene del sitio (CSRF_REJECTED)',
  404: 'No existe (o la cuenta no puede saber que existe)',
  409: 'Conflicto con el estado actual del registro',
  413: 'El cuerpo de la solicitud es demasiado grande (BODY_TOO_LARGE)',
  414: 'Un parámetro de la ruta es demasiado largo',
  415: 'Esta ruta no admite ese tipo de contenido (UNSUPPORTED_MEDIA_TYPE)',
  422: 'Los datos son válidos pero las reglas no permiten el acto',
  429: 'Demasiadas solicitudes: espere antes de volver a intentar',
  503: 'El servicio no puede guardar ahora (STORAGE_FULL, STORAGE_UNAVAILABLE) o no puede confirmar el dato: intente más tarde',
};

const RETRY_AFTER = {
  'Retry-After': { type: 'integer', minimum: 0, description: 'Segundos que conviene esperar antes de volver a intentar' },
};

/** Answers that never carry a body, with what they mean when the route does not say. */
const NO_BODY: Record<number, string> = {
  204: 'Hecho; sin cuerpo',
  303: 'Redirección a la dirección de la cabecera Location; sin cuerpo',
  304: 'Sin cambios desde la copia que tiene el cliente; sin cuerpo',
};

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const isErrorRef = (schema: unknown) => (schema as JsonSchema | undefined)?.$ref === ERROR_REF.$ref;
const hasContent = (schema: unknown): schema is { content: MediaContent } =>
  typeof schema === 'object' && schema !== null && 'content' in schema;

/** The error statuses every route of this kind may answer, whatever the route itself declares. */
function standardErrors(route: RouteOptions, schema: JsonSchema): number[] {
  const method = String(route.method).toUpperCase();
  const isPublic = route.config?.public === true;
  const pathParams = /[:*]/.test(route.url ?? '');
  const statuses: number[] = [];
  if (schema.params || schema.querystring || schema.body || schema.headers || schema.uploadBody) statuses.push(400);
  if (!isPublic) statuses.push(401);
  if (!isPublic && WRITE_METHODS.has(method)) statuses.push(403);
  if (pathParams) statuses.push(404, 414);
  if (WRITE_METHODS.has(method)) statuses.push(413, 415, 503);
  if (route.config && 'rateLimit' in route.config) statuses.push(429);
  return statuses;
}

/** The transform of one route's (already JSON Schema) OpenAPI operation. */
export function completeOperation(schema: JsonSchema, route: RouteOptions): JsonSchema {
  if (schema.hide) return schema;
  const response: Record<string, unknown> = { ...((schema.response as Record<string, unknown> | undefined) ?? {}) };
  const declared = Object.keys(response).map(Number);
  for (const status of new Set([...declared, ...standardErrors(route, schema)])) {
    const current = response[status];
    if (status in NO_BODY) {
      // No body, whatever the route's serializer schema says.
      const fallback = NO_BODY[status]!;
      response[status] = { type: 'null', description: (current as JsonSchema | undefined)?.description ?? fallback };
    } else if (status >= 400 && (current === undefined || isErrorRef(current))) {
      // Errors are the shared JSON body, even where success is a file or a page.
      const description = ERROR_DESCRIPTIONS[status] ?? 'Error';
      response[status] = {
        description,
        ...(status === 429 ? { headers: RETRY_AFTER } : {}),
        content: { 'application/json': { schema: ERROR_REF } },
      };
    } else if (typeof current === 'object' && current !== null && !hasContent(current) && !('description' in current)) {
      response[status] = { ...current, description: status < 300 ? 'Respuesta correcta' : 'Respuesta' };
    }
  }
  const out: JsonSchema = { ...schema, response };
  if (schema.security === undefined && route.config?.public !== true) out.security = AUTHENTICATED;
  const upload = schema.uploadBody as { description: string; content: MediaContent } | undefined;
  delete out.uploadBody;
  if (upload && !schema.body) {
    out.body = { content: upload.content, description: upload.description };
  }
  return out;
}
