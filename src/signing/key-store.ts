/**
 * The signing keys on disk: Ed25519 key pairs in `<dataDir>/keys`, one of them
 * active, the others retired but still published so that old signatures keep
 * verifying. Private keys live only in 0600 PKCS#8 PEM files and in memory.
 *
 * Layout: `manifest.json` (which keys exist, when they were made, which one
 * signs), `<kid>.public.pem` (SPKI) for every key, `<kid>.private.pem` for the
 * active key only: rotating deletes the retired private key, because nothing
 * may sign with it again.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, hkdfSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { publicJwkOf, type Ed25519PublicJwk, type Jwks } from './jwk.js';
import { DEFAULT_JWS_TYPE, signCanonicalJws, signJws } from './jws.js';

export type KeyInfo = { kid: string; createdAt: string; retiredAt: string | null; active: boolean };

export type KeyStore = {
  readonly dir: string;
  readonly activeKid: string;
  /** Every key, the active one first, then the retired ones newest first. */
  keys(): KeyInfo[];
  /** Public keys only, for `/.well-known/jwks.json`. */
  jwks(): Jwks;
  /** Compact JWS over the RFC 8785 canonical JSON of `payload`, signed by the active key. */
  sign(payload: unknown, typ?: string): Promise<string>;
  /** The same, synchronously, for use inside a (synchronous) database transaction. */
  signSync(payload: unknown, typ?: string): string;
  /** signSync for a payload already written as its canonical JSON (see signCanonicalJws). */
  signCanonicalSync(canonicalText: string, typ?: string): string;
  /** Creates a new active key and retires the current one (its public key stays published). */
  rotate(): KeyInfo;
  /** A 32-byte secret for one purpose, derived (HKDF-SHA256) from the active private key: it changes when the key rotates. */
  derivedKey(purpose: string): Buffer;
};

export type KeyStoreOptions = {
  /** The key folder, normally `keysDirIn(config.dataDir)`. */
  dir: string;
  now: () => Date;
  /** Create the first key pair when the folder has none (default true). */
  create?: boolean;
};

export type KeyStoreErrorCode = 'KEYS_MISSING' | 'KEYS_CORRUPT' | 'KEY_FILE_PERMISSIONS';

export class KeyStoreError extends Error {
  constructor(
    readonly code: KeyStoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'KeyStoreError';
  }
}

export const MANIFEST_FILE = 'manifest.json';

const ManifestSchema = z.object({
  format: z.literal(1),
  activeKid: z.string().min(1),
  keys: z
    .array(z.object({ kid: z.string().regex(/^[A-Za-z0-9_-]{43}$/), createdAt: z.iso.datetime(), retiredAt: z.iso.datetime().nullable() }))
    .min(1),
});
type Manifest = z.infer<typeof ManifestSchema>;

export function keysDirIn(dataDir: string): string {
  return path.join(dataDir, 'keys');
}

export const privateKeyFile = (dir: string, kid: string) => path.join(dir, `${kid}.private.pem`);
export const publicKeyFile = (dir: string, kid: string) => path.join(dir, `${kid}.public.pem`);

type LoadedKey = { info: Omit<KeyInfo, 'active'>; jwk: Ed25519PublicJwk };

/** A new key pair written to disk (private 0600, public 0644); returns its kid. */
function createKeyFiles(dir: string): { kid: string; privateKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const { kid } = publicJwkOf(publicKey);
  // 'wx': never overwrite a key file; umask can only narrow the mode.
  fs.writeFileSync(privateKeyFile(dir, kid), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  fs.writeFileSync(publicKeyFile(dir, kid), publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644, flag: 'wx' });
  return { kid, privateKey };
}

function manifestText(manifest: Manifest): string {
  return JSON.stringify(manifest, null, 2) + '\n';
}

function tempFileFor(file: string): string {
  return `${file}.${process.pid}.${Date.now()}.tmp`;
}

/** Replaces the manifest atomically, so a crash leaves the old or the new one, never half of one. */
function replaceManifest(dir: string, manifest: Manifest): void {
  const file = path.join(dir, MANIFEST_FILE);
  const temp = tempFileFor(file);
  fs.writeFileSync(temp, manifestText(manifest), { mode: 0o644 });
  fs.renameSync(temp, file);
}

/**
 * Writes the first manifest only if none exists (link fails on an existing
 * name), so two processes starting at once on an empty folder agree on one key.
 */
function createManifestOnce(dir: string, manifest: Manifest): boolean {
  const file = path.join(dir, MANIFEST_FILE);
  const temp = tempFileFor(file);
  fs.writeFileSync(temp, manifestText(manifest), { mode: 0o644 });
  try {
    fs.linkSync(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

function readManifest(dir: string): Manifest | undefined {
  const file = path.join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new KeyStoreError('KEYS_CORRUPT', `${file} no es JSON válido`, { cause: error });
  }
  const result = ManifestSchema.safeParse(parsed);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || 'raíz'}: ${i.message}`).join('; ');
    throw new KeyStoreError('KEYS_CORRUPT', `${file} no tiene el formato esperado (${issues})`);
  }
  const manifest = result.data;
  if (new Set(manifest.keys.map((k) => k.kid)).size !== manifest.keys.length) {
    throw new KeyStoreError('KEYS_CORRUPT', `${file} repite una clave`);
  }
  if (!manifest.keys.some((k) => k.kid === manifest.activeKid && k.retiredAt === null)) {
    throw new KeyStoreError('KEYS_CORRUPT', `${file}: la clave activa ${manifest.activeKid} no figura como vigente`);
  }
  return manifest;
}

function readKeyFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new KeyStoreError('KEYS_CORRUPT', `No se puede leer ${file}`, { cause: error });
  }
}

function loadPublicKey(dir: string, kid: string): Ed25519PublicJwk {
  const file = publicKeyFile(dir, kid);
  let jwk: Ed25519PublicJwk;
  try {
    jwk = publicJwkOf(createPublicKey(readKeyFile(file)));
  } catch (error) {
    if (error instanceof KeyStoreError) throw error;
    throw new KeyStoreError('KEYS_CORRUPT', `${file} no contiene una clave pública Ed25519`, { cause: error });
  }
  // The kid is a hash of the key: a file swapped or edited no longer matches its name.
  if (jwk.kid !== kid) throw new KeyStoreError('KEYS_CORRUPT', `${file} contiene otra clave (huella ${jwk.kid})`);
  return jwk;
}

function loadPrivateKey(dir: string, kid: string): KeyObject {
  const file = privateKeyFile(dir, kid);
  if (process.platform !== 'win32') {
    let mode: number;
    try {
      mode = fs.statSync(file).mode;
    } catch (error) {
      throw new KeyStoreError('KEYS_CORRUPT', `Falta la clave privada activa ${file}`, { cause: error });
    }
    if ((mode & 0o077) !== 0) {
      throw new KeyStoreError(
        'KEY_FILE_PERMISSIONS',
        `${file} tiene permisos ${(mode & 0o777).toString(8)}; debe ser legible solo por su dueño (chmod 600 "${file}")`,
      );
    }
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readKeyFile(file));
  } catch (error) {
    if (error instanceof KeyStoreError) throw error;
    throw new KeyStoreError('KEYS_CORRUPT', `${file} no contiene una clave privada válida`, { cause: error });
  }
  let derivedKid: string;
  try {
    derivedKid = publicJwkOf(privateKey).kid;
  } catch (error) {
    throw new KeyStoreError('KEYS_CORRUPT', `${file} no contiene una clave Ed25519`, { cause: error });
  }
  if (derivedKid !== kid) throw new KeyStoreError('KEYS_CORRUPT', `${file} no corresponde a la clave pública ${kid}`);
  return privateKey;
}

/**
 * Opens (synchronously) the key folder, creating it and a first key pair when
 * empty, and checks every file against the manifest. Throws KeyStoreError.
 */
export function openKeyStore({ dir, now, create = true }: KeyStoreOptions): KeyStore {
  let manifest = readManifest(dir);
  if (!manifest) {
    if (!create) throw new KeyStoreError('KEYS_MISSING', `No hay claves de firma en ${dir}`);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const first = createKeyFiles(dir);
    const fresh: Manifest = {
      format: 1,
      activeKid: first.kid,
      keys: [{ kid: first.kid, createdAt: now().toISOString(), retiredAt: null }],
    };
    if (!createManifestOnce(dir, fresh)) {
      // Another process created the store first: drop our unused key and use theirs.
      fs.rmSync(privateKeyFile(dir, first.kid), { force: true });
      fs.rmSync(publicKeyFile(dir, first.kid), { force: true });
    }
    manifest = readManifest(dir)!;
  }

  let current = manifest;
  let loaded: LoadedKey[] = current.keys.map(({ kid, createdAt, retiredAt }) => ({
    info: { kid, createdAt, retiredAt },
    jwk: loadPublicKey(dir, kid),
  }));
  let signingKey = { kid: current.activeKid, privateKey: loadPrivateKey(dir, current.activeKid) };

  const ordered = (): LoadedKey[] => {
    const active = loaded.filter((k) => k.info.kid === signingKey.kid);
    const retired = loaded.filter((k) => k.info.kid !== signingKey.kid).sort((a, b) => b.info.createdAt.localeCompare(a.info.createdAt));
    return [...active, ...retired];
  };

  const signSync = (payload: unknown, typ: string = DEFAULT_JWS_TYPE) => signJws(payload, signingKey, typ);

  return {
    dir,
    get activeKid() {
      return signingKey.kid;
    },
    keys: () => ordered().map(({ info }) => ({ ...info, active: info.kid === signingKey.kid })),
    jwks: () => ({ keys: ordered().map(({ jwk }) => ({ ...jwk })) }),
    signSync,
    signCanonicalSync: (text, typ = DEFAULT_JWS_TYPE) => signCanonicalJws(text, signingKey, typ),
    sign: (payload, typ) => Promise.resolve().then(() => signSync(payload, typ)),
    derivedKey: (purpose) =>
      Buffer.from(hkdfSync('sha256', signingKey.privateKey.export({ format: 'der', type: 'pkcs8' }), Buffer.alloc(0), purpose, 32)),
    rotate() {
      const at = now().toISOString();
      const next = createKeyFiles(dir);
      const retiredKid = signingKey.kid;
      const updated: Manifest = {
        format: 1,
        activeKid: next.kid,
        keys: [
          ...current.keys.map((k) => (k.kid === retiredKid ? { ...k, retiredAt: at } : k)),
          { kid: next.kid, createdAt: at, retiredAt: null },
        ],
      };
      replaceManifest(dir, updated);
      // Only after the manifest names the new key: a crash before this leaves an extra file, not a lost key.
      fs.rmSync(privateKeyFile(dir, retiredKid), { force: true });
      current = updated;
      loaded = [
        ...loaded.map((k) => (k.info.kid === retiredKid ? { ...k, info: { ...k.info, retiredAt: at } } : k)),
        { info: { kid: next.kid, createdAt: at, retiredAt: null }, jwk: publicJwkOf(next.privateKey) },
      ];
      signingKey = next;
      return { kid: next.kid, createdAt: at, retiredAt: null, active: true };
    },
  };
}
