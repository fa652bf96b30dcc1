/**
 * What route schemas may say for the OpenAPI document only (src/http/openapi-operations.ts reads it):
 * who may call an operation, and the request body of a route that reads its body itself.
 */

type MediaContent = Record<string, { schema: Record<string, unknown> }>;

declare module 'fastify' {
  interface FastifySchema {
    /**
     * Documentation only: the request body of a route that reads it itself (a file upload),
     * one schema per media type. Never validated here: the route checks what it reads.
     */
    uploadBody?: { description: string; content: MediaContent };
  }
}

/** Either credential identifies the account (names of `components.securitySchemes`). */
export const AUTHENTICATED = [{ bearerToken: [] }, { sessionCookie: [] }];

/** A route open to anyone that still reads credentials when they come (a bad token gets 401). */
export const OPTIONAL_AUTH = [{}, ...AUTHENTICATED];

/** A file in a response or an upload: bytes, with the media type in Content-Type. */
export const BINARY = { type: 'string', format: 'binary' } as const;
