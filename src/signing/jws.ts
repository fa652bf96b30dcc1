/**
 * Compact JWS (RFC 7515) with EdDSA over RFC 8785 canonical JSON, so that a
 * verifier holding the JSON document can rebuild the exact signed bytes.
 * Signing is synchronous (node:crypto) so it can run inside a synchronous
 * database transaction; verification uses jose against a published JWKS.
 */
import { sign as edSign, type KeyObject } from 'node:crypto';
import { compactVerify, createLocalJWKSet, errors as joseErrors } from 'jose';
import { canonicalJson } from '../domain/content-hash.js';
import type { Jwks } from './jwk.js';

/** RFC 7515 §4.1.9: the registered type of a compact-serialised JWS. */
export const DEFAULT_JWS_TYPE = 'JOSE';

export type JwsHeader = { alg: 'EdDSA'; kid: string; typ: string };

export type SigningKey = { kid: string; privateKey: KeyObject };

export type VerifiedJws = { payload: unknown; kid: string; typ: string | undefined };

export type JwsErrorCode = 'JWS_MALFORMED' | 'JWS_UNKNOWN_KEY' | 'JWS_BAD_SIGNATURE' | 'JWS_WRONG_TYPE' | 'JWS_NOT_CANONICAL';

export class JwsError extends Error {
  constructor(
    readonly code: JwsErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'JwsError';
  }
}

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** The exact bytes that get signed for `payload`; throws if it is not plain JSON data. */
export function canonicalPayload(payload: unknown): string {
  const text = canonicalJson(payload);
  let reparsed: unknown;
  try {
    reparsed = JSON.parse(text);
  } catch {
    throw new TypeError('El contenido a firmar no es un valor JSON');
  }
  // Values like functions or undefined inside arrays would not survive the trip unchanged.
  if (canonicalJson(reparsed) !== text) throw new TypeError('El contenido a firmar no es un valor JSON estable');
  return text;
}

export function signJws(payload: unknown, key: SigningKey, typ: string = DEFAULT_JWS_TYPE): string {
  return signCanonicalJws(canonicalPayload(payload), key, typ);
}

/**
 * signJws for a payload the caller already wrote as its canonical JSON: a large document (the status list)
 * written once by JSON.stringify, its keys in order, instead of canonicalised and checked twice. Verifiers
 * still refuse a payload that is not canonical (verifyJws).
 */
export function signCanonicalJws(canonicalText: string, key: SigningKey, typ: string = DEFAULT_JWS_TYPE): string {
  const header: JwsHeader = { alg: 'EdDSA', kid: key.kid, typ };
  const signingInput = `${base64url(canonicalJson(header))}.${base64url(canonicalText)}`;
  const signature = edSign(null, Buffer.from(signingInput, 'ascii'), key.privateKey);
  return `${signingInput}.${signature.toString('base64url')}`;
}

function translate(error: unknown): JwsError {
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
    return new JwsError('JWS_BAD_SIGNATURE', 'La firma no corresponde al contenido: el documento fue alterado o no lo firmó esta clave', {
      cause: error,
    });
  }
  if (error instanceof joseErrors.JWKSNoMatchingKey || error instanceof joseErrors.JWKSMultipleMatchingKeys) {
    return new JwsError('JWS_UNKNOWN_KEY', 'La firma usa una clave que no está entre las claves publicadas', { cause: error });
  }
  return new JwsError('JWS_MALFORMED', 'La firma no tiene el formato JWS esperado', { cause: error });
}

/**
 * Verifies a compact JWS against a JWKS and returns its JSON payload. Throws a
 * JwsError when the signature, key, type or payload encoding is not right.
 */
export async function verifyJws(jws: string, jwks: Jwks, options: { typ?: string } = {}): Promise<VerifiedJws> {
  let verified: Awaited<ReturnType<typeof compactVerify>>;
  try {
    verified = await compactVerify(jws, createLocalJWKSet(jwks), { algorithms: ['EdDSA'] });
  } catch (error) {
    throw translate(error);
  }
  const { payload, protectedHeader } = verified;
  if (typeof protectedHeader.kid !== 'string') throw new JwsError('JWS_MALFORMED', 'La firma no indica su clave (kid)');
  if (options.typ !== undefined && protectedHeader.typ !== options.typ) {
    throw new JwsError(
      'JWS_WRONG_TYPE',
      `Se esperaba un documento de tipo "${options.typ}" y se recibió "${protectedHeader.typ ?? '(ninguno)'}"`,
    );
  }
  let text: string;
  let value: unknown;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(payload);
    value = JSON.parse(text);
  } catch (error) {
    throw new JwsError('JWS_NOT_CANONICAL', 'El contenido firmado no es JSON', { cause: error });
  }
  if (canonicalJson(value) !== text) {
    throw new JwsError('JWS_NOT_CANONICAL', 'El contenido firmado no está en JSON canónico (RFC 8785)');
  }
  return { payload: value, kid: protectedHeader.kid, typ: protectedHeader.typ };
}
