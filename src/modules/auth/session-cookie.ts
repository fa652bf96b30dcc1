/** How the session cookie is set, the same for the API's login and the sign-in page. */
import type { CookieSerializeOptions } from '@fastify/cookie';

/** HttpOnly and SameSite=Strict; Secure when the public address is https. */
export const sessionCookieOptions = (secure: boolean, expires: Date): CookieSerializeOptions => ({
  path: '/',
  httpOnly: true,
  sameSite: 'strict',
  secure,
  expires,
});
