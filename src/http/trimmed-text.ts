/**
 * Text people type (src/human-text.ts) is trimmed before its length is checked, so `minLength`
 * alone would let a client believe that "   " is a valid name. Those schemas carry the mark
 * `x-trimmed`; here, in the OpenAPI document, the mark becomes a `pattern` that states the real
 * rule: at least `minLength` characters between the first and the last one that is not a space.
 */
export const TRIMMED_MARK = 'x-trimmed';

/** A regular expression (ECMA-262, as JSON Schema reads it) matching text whose trimmed length is at least `min`. */
export function trimmedMinPattern(min: number): string {
  return min <= 1 ? '\\S' : `\\S[\\s\\S]{${min - 2},}\\S`;
}

/** Replaces every mark in a generated JSON schema or document (in place) by the pattern it stands for. */
export function stateTrimmedText<T>(node: T): T {
  if (Array.isArray(node)) {
    for (const item of node) stateTrimmedText(item);
  } else if (node !== null && typeof node === 'object') {
    const schema = node as Record<string, unknown>;
    if (schema[TRIMMED_MARK] === true) {
      delete schema[TRIMMED_MARK];
      const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
      if (min >= 1 && schema.pattern === undefined) schema.pattern = trimmedMinPattern(min);
    }
    for (const value of Object.values(schema)) stateTrimmedText(value);
  }
  return node;
}
