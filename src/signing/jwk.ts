/** Ed25519 public keys as JWK (RFC 8037), named by their RFC 7638 thumbprint. */
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../domain/content-hash.js';

export type Ed25519PublicJwk = {
  kty: 'OKP';
  crv: 'Ed25519';
  /** The 32-byte public key, base64url. */
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
};

export type Jwks = { keys: Ed25519PublicJwk[] };

/**
 * RFC 7638 thumbprint of an OKP key: SHA-256 over its required members (crv,
 * kty, x) in lexicographic order without whitespace, which is exactly what
 * RFC 8785 canonical JSON produces for these ASCII-only members.
 */
export function jwkThumbprint(jwk: { kty: string; crv: string; x: string }): string {
  return createHash('sha256')
    .update(canonicalJson({ crv: jwk.crv, kty: jwk.kty, x: jwk.x }), 'utf8')
    .digest('base64url');
}

/** The public JWK of an Ed25519 key (public or private KeyObject), with its thumbprint as kid. */
export function publicJwkOf(key: KeyObject): Ed25519PublicJwk {
  const publicKey = key.type === 'public' ? key : createPublicKey(key);
  if (publicKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`Se esperaba una clave Ed25519, no ${publicKey.asymmetricKeyType ?? publicKey.type}`);
  }
  const { x } = publicKey.export({ format: 'jwk' });
  if (typeof x !== 'string') throw new Error('La clave Ed25519 exportada no tiene el parámetro "x"');
  return { kty: 'OKP', crv: 'Ed25519', x, kid: jwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x }), alg: 'EdDSA', use: 'sig' };
}
