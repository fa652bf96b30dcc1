/**
 * Whole numbers read from a query string (`?page=2`). An empty value (`?page=`) is refused, even
 * where the parameter is optional: it is a mistake, not 0 (which a plain coercion would read) nor
 * a request for the default. The OpenAPI document states the same bounds.
 */
import { z } from 'zod';

const NOT_A_NUMBER = 'Escriba un número entero, sin decimales ni espacios';

export function QueryInt({ min, max }: { min?: number; max?: number } = {}) {
  let number = z.coerce.number({ error: NOT_A_NUMBER }).int(NOT_A_NUMBER);
  if (min !== undefined) number = number.min(min);
  if (max !== undefined) number = number.max(max);
  return z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? Number.NaN : value), number);
}
