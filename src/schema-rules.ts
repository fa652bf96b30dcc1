/**
 * Rules across the fields of a request body, checked by zod and also stated in the OpenAPI
 * document in JSON Schema words (`minProperties`, `oneOf` of `required`), so that a client
 * generated from /docs/json knows them before the server refuses a request.
 */
import type { z } from 'zod';

/** A patch must name at least one field. */
export function atLeastOneField<T extends z.ZodObject>(schema: T) {
  return schema
    .refine((patch) => Object.keys(patch).length > 0, 'Indique al menos un campo')
    .meta({ minProperties: 1, description: 'Indique al menos un campo' });
}

/** Exactly one of `keys` must be given; the refusal names the first of them. */
export function exactlyOneOf<T extends z.ZodObject>(schema: T, keys: readonly [string, ...string[]], message: string) {
  return schema
    .refine((value) => keys.filter((key) => (value as Record<string, unknown>)[key] !== undefined).length === 1, {
      message,
      path: [keys[0]],
    })
    .meta({ oneOf: keys.map((key) => ({ required: [key] })), description: message });
}
