/**
 * Errors with a stable code. The domain and services throw them; one HTTP error
 * handler turns the `kind` into a status, so nothing below the routes knows HTTP.
 */

export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'unsupported_media'
  | 'too_many';

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

export const notFound = (code: string, message: string) => new AppError('not_found', code, message);
