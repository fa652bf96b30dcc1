/**
 * Errors with a stable code. The domain and services throw them; one HTTP error
 * handler turns the `kind` into a status, so nothing below the routes knows HTTP.
 */
import { STATUS_CODES } from 'node:http';
import { z } from 'zod';

export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'unsupported_media'
  | 'too_many'
  /** The service cannot do it now (its storage is full or unusable): the client may try again later. */
  | 'unavailable';

export type FieldIssue = {
  /** Dotted path to the field, starting with where it came from (body, query, params). */
  path: string;
  message: string;
  code?: string;
};

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    /** Stable, machine-readable code (UPPER_SNAKE_CASE), part of the API contract. */
    readonly code: string,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** The HTTP status of each kind of error, for the JSON error handler and the pages' one. */
export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  unsupported_media: 415,
  too_many: 429,
  unavailable: 503,
};

export const notFound = (code: string, message: string) => new AppError('not_found', code, message);

/** The message of every validation refusal (VALIDATION_FAILED): the details are in `issues`, one per field. */
export const VALIDATION_FAILED_MESSAGE = 'Hay datos que faltan o no son válidos: vea en «issues» qué corregir en cada campo';

/** The one body of every 4xx and 5xx response. */
export const ErrorBodySchema = z
  .object({
    statusCode: z.int().describe('Código de estado HTTP'),
    code: z.string().describe('Código estable del error, en MAYÚSCULAS_CON_GUIONES'),
    error: z.string().describe('Nombre del estado HTTP'),
    message: z.string().describe('Descripción del problema, en castellano'),
    issues: z
      .array(
        z.object({
          path: z.string().describe('Ruta del campo, p. ej. "query.sector"'),
          message: z.string(),
          code: z.string().optional(),
        }),
      )
      .optional()
      .describe('Campos con problemas'),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export function errorBody(statusCode: number, code: string, message: string, issues?: FieldIssue[]): ErrorBody {
  return {
    statusCode,
    code,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message,
    ...(issues && issues.length > 0 ? { issues } : {}),
  };
}

/** The response schemas of the error statuses a route may answer, for its OpenAPI. */
export function errorResponses<S extends number>(...statuses: S[]): Record<S, typeof ErrorBodySchema> {
  return Object.fromEntries(statuses.map((status) => [status, ErrorBodySchema])) as Record<S, typeof ErrorBodySchema>;
}
