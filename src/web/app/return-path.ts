/** Where to go after signing in (`?volver=`): only a path of this site under /app, never elsewhere. */

const MAX_LENGTH = 500;

/** The path if it is safe to redirect to (`/app`, `/app/…`, `/app?…`), else null. */
export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return null;
  // Printable ASCII only: no spaces, no control characters, no backslashes (browsers read "\" as "/").
  if (!/^[\x21-\x7e]+$/.test(value) || value.includes('\\') || value.includes('//')) return null;
  if (!(value === '/app' || value.startsWith('/app/') || value.startsWith('/app?'))) return null;
  const base = 'http://sello.invalid';
  const url = new URL(value, base);
  if (url.origin !== base || !(url.pathname === '/app' || url.pathname.startsWith('/app/'))) return null;
  return url.pathname + url.search;
}
