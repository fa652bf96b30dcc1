/**
 * How the public routes answer: never kept by clients or proxies (a suspension shows on the next
 * request), and bodies made once in every encoding (statement-cache.ts) sent in the one the client accepts.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { bodyIn, chooseEncoding, type EncodedBody } from './statement-cache.js';

export const NO_STORE = 'no-store, max-age=0';

/** A 200 with a body made once, in the encoding the client accepts (the route's own: @fastify/compress is off there). */
export function sendEncoded(request: FastifyRequest, reply: FastifyReply, type: string, body: EncodedBody, cacheControl = NO_STORE) {
  const encoding = chooseEncoding(request.headers['accept-encoding']);
  if (encoding !== 'identity') reply.header('content-encoding', encoding);
  return reply.code(200).type(type).header('cache-control', cacheControl).send(bodyIn(body, encoding));
}
