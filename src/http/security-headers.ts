/**
 * Security headers on every response (@fastify/helmet, registered once in app.ts): the API's JSON,
 * errors and 404s, /health, /docs, the public pages and the people's pages under /app.
 * The default is the /app pages' policy; a route that needs another one says so with its `helmet` option
 * (the public pages and open data: src/modules/public/public-headers.ts).
 */
import type { FastifyHelmetOptions } from '@fastify/helmet';
import helmet, { type HelmetOptions } from 'helmet';

type Directives = Record<string, string[]>;

/** Writes a policy the way it is sent, for tests and for swagger-ui's own header. */
export const cspText = (directives: Directives) =>
  Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(' '))
    .join('; ');

/** The people's pages (and the default): nothing from elsewhere, no inline code, no framing, forms only to this site. */
export const PAGE_CSP_DIRECTIVES: Directives = {
  'default-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
};

/**
 * /docs (swagger-ui): its scripts and styles come from this site, but the UI injects style elements
 * while rendering, so styles (never scripts) may be inline. "Try it out" calls the documented server.
 */
export function docsCspDirectives(publicBaseUrl: string): Directives {
  return {
    'default-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'connect-src': ["'self'", new URL(publicBaseUrl).origin],
    'object-src': ["'none'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'none'"],
  };
}

/** The app-wide defaults. */
export function helmetOptions({ publicBaseUrl }: { publicBaseUrl: string }): FastifyHelmetOptions {
  return {
    contentSecurityPolicy: { useDefaults: false, directives: PAGE_CSP_DIRECTIVES },
    frameguard: { action: 'deny' },
    // Not no-referrer: a browser sends `Origin: null` on a form POST under that policy, and the
    // CSRF check (src/http/auth.ts) needs the real origin of the people's forms.
    referrerPolicy: { policy: 'same-origin' },
    // Strict-Transport-Security (helmet's: a year, subdomains included) only when the site is served
    // over HTTPS, so that a local or test address is never pinned to HTTPS.
    ...(publicBaseUrl.startsWith('https:') ? {} : { hsts: false }),
  };
}

/**
 * The headers helmet sends with these options, worked out once. Helmet's headers depend on its options
 * only (no nonces here), so a route answered thousands of times a second (public verification) sets
 * this fixed set instead of running helmet's middleware on each request.
 */
export function helmetHeaderSet(options: HelmetOptions): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const collector = {
    setHeader: (name: string, value: string) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  let failure: unknown;
  helmet(options)({} as never, collector as never, (error?: unknown) => (failure = error));
  if (failure) throw failure instanceof Error ? failure : new Error('helmet refused these options');
  return Object.freeze(headers);
}

/** The fixed header set of a route with its own `helmet` options over the app's defaults (as @fastify/helmet merges them). */
export const routeHeaderSet = (publicBaseUrl: string, route: Omit<FastifyHelmetOptions, 'global'>) =>
  helmetHeaderSet({ ...helmetOptions({ publicBaseUrl }), ...route } as HelmetOptions);
