/**
 * One error body for every 4xx and 5xx: `{ statusCode, code, error, message, issues? }`.
 * Validation problems list the offending fields; 5xx bodies never carry internals.
 * A write the full or unusable disk refused answers 503 (STORAGE_FULL, STORAGE_UNAVAILABLE).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { storageAppError } from '../db/storage.js';
import { AppError, errorBody, STATUS_BY_KIND, VALIDATION_FAILED_MESSAGE, type ErrorBody } from '../errors.js';

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

  app.setNotFoundHandler((request, reply) => {
    const route = `${request.method} ${request.url.split('?')[0]}`;
    const body = errorBody(404, 'ROUTE_NOT_FOUND', `No existe la ruta ${route}: vea las rutas disponibles en /docs`);
    return reply.code(404).type('application/json; charset=utf-8').send(body);
  });
}

export default fp(errorHandlerPlugin, { name: 'error-handler' });
