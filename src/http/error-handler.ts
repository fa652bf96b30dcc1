/**
 * One error body for every 4xx and 5xx: `{ statusCode, code, error, message, issues? }`.
 * Validation problems list the offending fields; 5xx bodies never carry internals.
 * A write the full or unusable disk refused answers 503 (STORAGE_FULL, STORAGE_UNAVAILABLE).
 * A path that exists with other methods answers 405 with `Allow` (src/http/route-methods.ts);
 * a path parameter over 100 characters answers 414 (PARAM_TOO_LONG), in the same shape.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { storageAppError } from '../db/storage.js';
import { AppError, errorBody, STATUS_BY_KIND, VALIDATION_FAILED_MESSAGE, type ErrorBody } from '../errors.js';
import { createRouteMethods } from './route-methods.js';

const VALIDATION_SOURCE: Record<string, string> = {
  body: 'body',
  querystring: 'query',
  params: 'params',
  headers: 'headers',
};

function toBody(error: FastifyError | AppError | Error, request: FastifyRequest): ErrorBody {
  if (error instanceof AppError) {
    return errorBody(STATUS_BY_KIND[error.kind], error.code, error.message, error.issues);
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const source = VALIDATION_SOURCE[error.validationContext ?? ''] ?? 'request';
    const issues = error.validation.map((v) => ({
      path: [source, ...v.instancePath.split('/').filter(Boolean)].join('.'),
      message: v.message ?? 'Este valor no es válido',
      code: v.keyword,
    }));
    return errorBody(400, 'VALIDATION_FAILED', VALIDATION_FAILED_MESSAGE, issues);
  }
  if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    // A request naming a record that does not exist, which its service failed to look up first:
    // the client hears 404; the log keeps the error, which is a defect to fix in that service.
    request.log.error({ err: error }, 'a write named a record that does not exist');
    return errorBody(404, 'REFERENCE_NOT_FOUND', 'La solicitud nombra un registro que no existe: revise los identificadores que envió');
  }
  const fastifyError = error as FastifyError;
  const status = fastifyError.statusCode ?? 500;
  if (status >= 500 || isResponseSerializationError(error)) {
    request.log.error({ err: error }, 'unhandled error');
    return errorBody(
      500,
      'INTERNAL_ERROR',
      'Error interno del servidor. Intente de nuevo más tarde; si vuelve a ocurrir, avise a la administración',
    );
  }
  // Errors raised by fastify itself (malformed JSON, wrong content type, body too large...).
  return errorBody(status, fastifyCode(fastifyError), fastifyMessage(fastifyError));
}

const FASTIFY_CODES: Record<string, [code: string, message: string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['MALFORMED_JSON', 'El cuerpo de la solicitud no es JSON válido: revise comillas, comas y llaves'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['MALFORMED_JSON', 'El cuerpo de la solicitud está vacío: envíe los datos en JSON'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    'UNSUPPORTED_MEDIA_TYPE',
    'Esta ruta no admite ese tipo de contenido (Content-Type): vea en /docs qué formato espera',
  ],
  FST_ERR_CTP_BODY_TOO_LARGE: ['BODY_TOO_LARGE', 'El cuerpo de la solicitud es demasiado grande'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [
    'INVALID_CONTENT_LENGTH',
    'La longitud declarada (Content-Length) no coincide con el cuerpo de la solicitud',
  ],
  // Limits of multipart forms (@fastify/multipart): a file too large answers as a raw body too large does.
  FST_REQ_FILE_TOO_LARGE: ['BODY_TOO_LARGE', 'El archivo es demasiado grande'],
  FST_FILES_LIMIT: ['TOO_MANY_FILES', 'Envíe un solo archivo'],
  FST_FIELDS_LIMIT: ['TOO_MANY_FIELDS', 'El formulario tiene demasiados campos'],
  FST_PARTS_LIMIT: ['TOO_MANY_FIELDS', 'El formulario tiene demasiados campos'],
};

function fastifyCode(error: FastifyError): string {
  return FASTIFY_CODES[error.code]?.[0] ?? 'BAD_REQUEST';
}

function fastifyMessage(error: FastifyError): string {
  return FASTIFY_CODES[error.code]?.[1] ?? 'Solicitud inválida';
}

async function errorHandlerPlugin(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => {
    const storage = storageAppError(error);
    // The administration must learn of it from the log: the client only hears that nothing was saved.
    if (storage) request.log.error({ err: error, code: storage.code }, 'storage refused a write');
    const body = toBody(storage ?? error, request);
    if (body.statusCode < 500) request.log.info({ code: body.code, statusCode: body.statusCode }, 'request refused');
    return reply.code(body.statusCode).type('application/json; charset=utf-8').send(body);
  });

  const routeMethods = createRouteMethods();
  app.addHook('onRoute', (route) => routeMethods.add(route.method, route.url));

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const allowed = routeMethods.allowedFor(path);
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      const body = errorBody(
        405,
        'METHOD_NOT_ALLOWED',
        `La ruta ${path} no admite ${request.method}: admite ${allowed.join(', ')} (vea /docs)`,
      );
      return reply.code(405).header('allow', allowed.join(', ')).type('application/json; charset=utf-8').send(body);
    }
    const body = errorBody(404, 'ROUTE_NOT_FOUND', `No existe la ruta ${request.method} ${path}: vea las rutas disponibles en /docs`);
    return reply.code(404).type('application/json; charset=utf-8').send(body);
  });
}

/**
 * The errors fastify's router answers before any route or hook runs (a path parameter longer
 * than `maxParamLength`, a malformed URL), in the one error shape: for the server's `frameworkErrors`.
 */
export const frameworkErrors: NonNullable<FastifyServerOptions['frameworkErrors']> = (error, request, reply: FastifyReply) => {
  const body =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? errorBody(
          414,
          'PARAM_TOO_LONG',
          `Un dato de la dirección pasa de ${MAX_PARAM_LENGTH} caracteres: revise el enlace o el identificador`,
        )
      : error.code === 'FST_ERR_BAD_URL'
        ? errorBody(400, 'BAD_URL', 'La dirección tiene caracteres no válidos: revise el enlace')
        : toBody(error, request);
  if (body.statusCode < 500) request.log.info({ code: body.code, statusCode: body.statusCode }, 'request refused');
  void reply.code(body.statusCode).type('application/json; charset=utf-8').send(body);
};

/** The longest path parameter the router reads (fastify's default); longer ones answer 414 (PARAM_TOO_LONG). */
export const MAX_PARAM_LENGTH = 100;

export default fp(errorHandlerPlugin, { name: 'error-handler' });
