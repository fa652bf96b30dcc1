/**
 * How the session cookie is set, the same for the API's login and the sign-in page, and which
 * origins count as this site for the cross-site (CSRF) checks of cookie-authenticated writes.
 */
import type { CookieSerializeOptions } from '@fastify/cookie';

/** HttpOnly and SameSite=Strict; Secure when the public address is https. */
export const sessionCookieOptions = (secure: boolean, expires: Date): CookieSerializeOptions => ({
  path: '/',
  httpOnly: true,
  sameSite: 'strict',
  secure,
  expires,
});

/** An `Origin` header is this site's: the public address, or the address the request was made to. */
export const isOwnOrigin = (origin: string, publicOrigin: string, request: { protocol: string; host: string }): boolean =>
  origin === publicOrigin || origin === `${request.protocol}://${request.host}`;
