/**
 * The security headers of the public routes (anyone may call them), as their `helmet` route option;
 * every other response keeps the app's defaults (src/http/security-headers.ts).
 */
import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';

export type HelmetRouteOptions = Omit<FastifyHelmetOptions, 'global'>;
/** The headers helmet would send on a route with these options (routeHeaderSet in src/http/security-headers.ts). */
export type HeaderSetFor = (route: HelmetRouteOptions) => Readonly<Record<string, string>>;

/** The public verification and registry pages: one self-contained HTML file with its style inline, no script at all. */
export const PUBLIC_PAGE_CSP_DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'none'"],
  'style-src': ["'unsafe-inline'"],
  'img-src': ['data:'],
  'form-action': ["'self'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/**
 * Public data (signed verification JSON, the registry and its CSV, the signing keys, the transparency log)
 * exists to be checked by anyone, including tools on other sites: helmet's default Cross-Origin-Resource-Policy
 * (same-origin) would stop a browser from handing these responses to another site's page (an embed, or
 * a page isolated with COEP), so they are marked cross-origin. They carry nothing personal and no session
 * is needed to read them. Everything else (the API with its session, /app) stays same-origin.
 */
export const PUBLIC_DATA_HELMET: HelmetRouteOptions = {
  crossOriginResourcePolicy: { policy: 'cross-origin' },
};

/** The public pages: their own policy (see PUBLIC_PAGE_CSP_DIRECTIVES), no referrer to other sites, readable from elsewhere. */
export const PUBLIC_PAGE_HELMET: HelmetRouteOptions = {
  ...PUBLIC_DATA_HELMET,
  contentSecurityPolicy: { useDefaults: false, directives: PUBLIC_PAGE_CSP_DIRECTIVES },
  referrerPolicy: { policy: 'no-referrer' },
};

/**
 * The same headers as `helmet` route options would give (the app's defaults with the route's own on top),
 * computed once and set by a route's onRequest hook, with `helmet: false` on the route: the public
 * routes are the ones called most, and helmet's middleware on each request was a tenth of their time.
 */
export function fixedHeaders(headerSetFor: HeaderSetFor, route: HelmetRouteOptions) {
  const headers = headerSetFor(route);
  return (_request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    reply.headers(headers);
    done();
  };
}

/** The hooks of the public pages and of the public data, made once. */
export function fixedPublicHeaders(headerSetFor: HeaderSetFor) {
  return { page: fixedHeaders(headerSetFor, PUBLIC_PAGE_HELMET), data: fixedHeaders(headerSetFor, PUBLIC_DATA_HELMET) };
}
