/** Small pure helpers shared by the registry services. */

/** `{ field: { before, after } }` for each field of `patch` whose value differs from `before`. */
export function changesBetween<T extends object>(before: T, patch: Partial<T>): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {};
  for (const [key, after] of Object.entries(patch)) {
    const prev = (before as Record<string, unknown>)[key];
    if (after !== undefined && JSON.stringify(prev) !== JSON.stringify(after)) changes[key] = { before: prev, after };
  }
  return changes;
}
