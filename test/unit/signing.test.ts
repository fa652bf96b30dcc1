import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { calculateJwkThumbprint, CompactSign } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { canonicalJson } from '../../src/domain/content-hash.js';
import { publicJwkOf } from '../../src/signing/jwk.js';
import { JwsError, signJws, verifyJws } from '../../src/signing/jws.js';
import { keysDirIn, MANIFEST_FILE, openKeyStore, privateKeyFile, publicKeyFile, type KeyStore } from '../../src/signing/key-store.js';

// Not test/helpers/app.ts: these tests need no app, only folders of their own.
const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sello-keys-'));
  made.push(dir);
  return dir;
}

const clock = (start = Date.UTC(2026, 2, 1)) => {
  let t = start;
  return () => new Date((t += 60_000));
};
const newStore = (dir = path.join(tempDir(), 'keys')) => openKeyStore({ dir, now: clock() });
const segments = (jws: string) => jws.split('.') as [string, string, string];
const decodeSegment = (s: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Record<string, unknown>;
const isPosix = process.platform !== 'win32';

const certificate = {
  code: '7K3M-9QXA-2F4P',
  holder: { name: 'Asociación de Productores de Quinua Real', nit: '1020304050' },
  scheme: 'es-cj-bolivia',
  validUntil: '2027-03-01',
  score: 0.875,
  tags: ['quinua', 'orgánico', 'ñandú'],
};

async function expectJwsError(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toBeInstanceOf(JwsError);
  await expect(promise).rejects.toMatchObject({ code });
}

describe('openKeyStore', () => {
  it('creates one key pair on first open and reuses it on every reopen', () => {
    const dir = path.join(tempDir(), 'keys');
    const first = openKeyStore({ dir, now: () => new Date('2026-03-01T10:00:00.000Z') });
    expect(first.keys()).toEqual([{ kid: first.activeKid, createdAt: '2026-03-01T10:00:00.000Z', retiredAt: null, active: true }]);
    const filesAfterFirst = fs.readdirSync(dir).sort();
    expect(filesAfterFirst).toEqual([`${first.activeKid}.private.pem`, `${first.activeKid}.public.pem`, MANIFEST_FILE].sort());

    const again = openKeyStore({ dir, now: () => new Date('2030-01-01T00:00:00.000Z') });
    expect(again.activeKid).toBe(first.activeKid);
    expect(again.keys()).toEqual(first.keys());
    expect(again.jwks()).toEqual(first.jwks());
    expect(fs.readdirSync(dir).sort()).toEqual(filesAfterFirst);
  });

  it('does not create keys when asked not to', () => {
    const dir = path.join(tempDir(), 'keys');
    expect(() => openKeyStore({ dir, now: clock(), create: false })).toThrow(expect.objectContaining({ code: 'KEYS_MISSING' }));
    expect(fs.existsSync(dir)).toBe(false);
  });

  it.runIf(isPosix)('keeps the private key in a 0600 PKCS#8 file and the folder at 0700', () => {
    const store = newStore();
    const file = privateKeyFile(store.dir, store.activeKid);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(store.dir).mode & 0o777).toBe(0o700);
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(fs.readFileSync(publicKeyFile(store.dir, store.activeKid), 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
  });

  it.runIf(isPosix)('refuses to load a private key that others can read', () => {
    const store = newStore();
    fs.chmodSync(privateKeyFile(store.dir, store.activeKid), 0o644);
    expect(() => openKeyStore({ dir: store.dir, now: clock() })).toThrow(
      expect.objectContaining({ code: 'KEY_FILE_PERMISSIONS', message: expect.stringContaining('chmod 600') }),
    );
  });

  it('refuses key files that do not match their kid, and a damaged manifest', () => {
    const a = newStore();
    const b = newStore();
    fs.copyFileSync(publicKeyFile(b.dir, b.activeKid), publicKeyFile(a.dir, a.activeKid));
    expect(() => openKeyStore({ dir: a.dir, now: clock() })).toThrow(expect.objectContaining({ code: 'KEYS_CORRUPT' }));

    const c = newStore();
    fs.copyFileSync(privateKeyFile(b.dir, b.activeKid), privateKeyFile(c.dir, c.activeKid));
    expect(() => openKeyStore({ dir: c.dir, now: clock() })).toThrow(
      expect.objectContaining({ code: 'KEYS_CORRUPT', message: expect.stringContaining('no corresponde') }),
    );

    const d = newStore();
    fs.writeFileSync(path.join(d.dir, MANIFEST_FILE), '{"format":1,"activeKid":"x","keys":[]}');
    expect(() => openKeyStore({ dir: d.dir, now: clock() })).toThrow(expect.objectContaining({ code: 'KEYS_CORRUPT' }));
  });

  it('publishes only public parts: the JWKS carries no private member and its kid is the RFC 7638 thumbprint', async () => {
    const store = newStore();
    const jwks = store.jwks();
    expect(jwks.keys).toHaveLength(1);
    const [jwk] = jwks.keys;
    expect(Object.keys(jwk!).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x']);
    expect(jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig', kid: store.activeKid });
    expect(Buffer.from(jwk!.x, 'base64url')).toHaveLength(32);
    expect(await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x: jwk!.x }, 'sha256')).toBe(jwk!.kid);
    const privatePem = fs.readFileSync(privateKeyFile(store.dir, store.activeKid), 'utf8');
    const privateD = createPrivateKey(privatePem).export({ format: 'jwk' }).d!;
    expect(JSON.stringify(jwks)).not.toContain(privateD);
    // Changing the returned JWKS does not change what is published.
    jwk!.x = 'changed';
    expect(store.jwks().keys[0]!.x).not.toBe('changed');
  });
});

describe('signing and verifying', () => {
  it('signs the canonical JSON of the payload with a protected header naming the key', async () => {
    const store = newStore();
    const jws = await store.sign({ b: 2, a: [1, { d: null, c: 'é' }] });
    const [header, payload] = segments(jws);
    expect(decodeSegment(header)).toEqual({ alg: 'EdDSA', kid: store.activeKid, typ: 'JOSE' });
    expect(Buffer.from(payload, 'base64url').toString('utf8')).toBe('{"a":[1,{"c":"é","d":null}],"b":2}');
    expect(await verifyJws(jws, store.jwks())).toEqual({
      payload: { a: [1, { c: 'é', d: null }], b: 2 },
      kid: store.activeKid,
      typ: 'JOSE',
    });
    expect(store.signSync(certificate, 'sello-certificado+jws')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('verifies any JSON payload with the published JWKS, and the payload is recomputable from the JSON', async () => {
    const store = newStore();
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        const jws = store.signSync(value);
        const verified = await verifyJws(jws, store.jwks());
        expect(canonicalJson(verified.payload)).toBe(canonicalJson(value));
        expect(Buffer.from(segments(jws)[1], 'base64url').toString('utf8')).toBe(canonicalJson(verified.payload));
      }),
      { numRuns: 50 },
    );
  });

  it('fails after changing any single byte of the payload segment', async () => {
    const store = newStore();
    const jws = await store.sign(certificate);
    const [header, payload, signature] = segments(jws);
    const bytes = Buffer.from(payload, 'base64url');
    for (let i = 0; i < bytes.length; i += 1) {
      const tampered = Buffer.from(bytes);
      tampered[i] = tampered[i]! ^ 0x01;
      const forged = `${header}.${tampered.toString('base64url')}.${signature}`;
      await expectJwsError(verifyJws(forged, store.jwks()), 'JWS_BAD_SIGNATURE');
    }
  });

  it('fails on a changed header, signature, unknown key, wrong type or foreign algorithm', async () => {
    const store = newStore();
    const other = newStore();
    const jws = await store.sign(certificate, 'sello-certificado+jws');
    const [header, payload, signature] = segments(jws);

    const sig = Buffer.from(signature, 'base64url');
    sig[10] = sig[10]! ^ 0x80;
    await expectJwsError(verifyJws(`${header}.${payload}.${sig.toString('base64url')}`, store.jwks()), 'JWS_BAD_SIGNATURE');

    const retyped = Buffer.from(canonicalJson({ alg: 'EdDSA', kid: store.activeKid, typ: 'otro' })).toString('base64url');
    await expectJwsError(verifyJws(`${retyped}.${payload}.${signature}`, store.jwks()), 'JWS_BAD_SIGNATURE');

    await expectJwsError(verifyJws(jws, other.jwks()), 'JWS_UNKNOWN_KEY');
    await expectJwsError(verifyJws(jws, store.jwks(), { typ: 'sello-cabecera+jws' }), 'JWS_WRONG_TYPE');
    expect((await verifyJws(jws, store.jwks(), { typ: 'sello-certificado+jws' })).payload).toEqual(certificate);
    await expectJwsError(verifyJws('no.es.jws', store.jwks()), 'JWS_MALFORMED');
    await expectJwsError(verifyJws(`${header}.${payload}`, store.jwks()), 'JWS_MALFORMED');

    // An HMAC token that names our kid is refused: only EdDSA is accepted.
    const hs = await new CompactSign(new TextEncoder().encode('{}'))
      .setProtectedHeader({ alg: 'HS256', kid: store.activeKid })
      .sign(new Uint8Array(32));
    await expectJwsError(verifyJws(hs, store.jwks()), 'JWS_MALFORMED');
  });

  it('refuses a validly signed payload that is not canonical JSON', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const jwk = publicJwkOf(privateKey);
    const jose = await new CompactSign(new TextEncoder().encode('{"b":1, "a":2}'))
      .setProtectedHeader({ alg: 'EdDSA', kid: jwk.kid })
      .sign(privateKey);
    await expectJwsError(verifyJws(jose, { keys: [jwk] }), 'JWS_NOT_CANONICAL');
    // jose signing the canonical bytes is accepted: our JWS is ordinary JWS.
    const canonical = await new CompactSign(new TextEncoder().encode('{"a":2,"b":1}'))
      .setProtectedHeader({ alg: 'EdDSA', kid: jwk.kid })
      .sign(privateKey);
    expect((await verifyJws(canonical, { keys: [jwk] })).payload).toEqual({ a: 2, b: 1 });
    expect(signJws({ b: 1, a: 2 }, { kid: jwk.kid, privateKey }).split('.')[1]).toBe(segments(canonical)[1]);
  });

  it('refuses to sign what is not JSON', async () => {
    const store = newStore();
    expect(() => store.signSync(undefined)).toThrow(TypeError);
    expect(() => store.signSync(() => 1)).toThrow(TypeError);
    expect(() => store.signSync({ n: 1n })).toThrow();
    expect(() => store.signSync({ n: Number.NaN })).toThrow();
    await expect(store.sign(undefined)).rejects.toThrow(TypeError);
    // As with JSON.stringify, undefined inside an array is null: the signature covers what a reader sees.
    expect((await verifyJws(store.signSync([undefined]), store.jwks())).payload).toEqual([null]);
  });
});

describe('rotate', () => {
  function rotated(): { store: KeyStore; oldKid: string; oldJws: string } {
    const store = newStore();
    const oldKid = store.activeKid;
    const oldJws = store.signSync(certificate);
    store.rotate();
    return { store, oldKid, oldJws };
  }

  it('old signatures still verify against the new JWKS; new signatures use the new kid', async () => {
    const { store, oldKid, oldJws } = rotated();
    expect(store.activeKid).not.toBe(oldKid);
    expect(store.jwks().keys.map((k) => k.kid)).toEqual([store.activeKid, oldKid]);
    expect(await verifyJws(oldJws, store.jwks())).toMatchObject({ payload: certificate, kid: oldKid });

    const newJws = await store.sign(certificate);
    expect(decodeSegment(segments(newJws)[0]).kid).toBe(store.activeKid);
    expect(await verifyJws(newJws, store.jwks())).toMatchObject({ kid: store.activeKid });
    // A verifier that only knows the old JWKS cannot be fooled into accepting the new key's signature.
    const oldOnly = { keys: store.jwks().keys.filter((k) => k.kid === oldKid) };
    await expectJwsError(verifyJws(newJws, oldOnly), 'JWS_UNKNOWN_KEY');
  });

  it('persists: a reopened store signs with the new key, lists both, and the old private key is gone', async () => {
    const { store, oldKid, oldJws } = rotated();
    const reopened = openKeyStore({ dir: store.dir, now: clock() });
    expect(reopened.activeKid).toBe(store.activeKid);
    expect(reopened.keys()).toEqual(store.keys());
    expect(reopened.keys().map((k) => [k.kid, k.active, k.retiredAt === null])).toEqual([
      [store.activeKid, true, true],
      [oldKid, false, false],
    ]);
    expect(fs.existsSync(privateKeyFile(store.dir, oldKid))).toBe(false);
    expect(fs.existsSync(publicKeyFile(store.dir, oldKid))).toBe(true);
    expect(await verifyJws(oldJws, reopened.jwks())).toMatchObject({ kid: oldKid });
    expect(decodeSegment(segments(reopened.signSync(1))[0]).kid).toBe(store.activeKid);
    if (isPosix) expect(fs.statSync(privateKeyFile(store.dir, store.activeKid)).mode & 0o777).toBe(0o600);
  });

  it('keeps every older key published across several rotations', async () => {
    const store = newStore();
    const signed: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      signed.push(store.signSync({ i }));
      store.rotate();
    }
    const jwks = openKeyStore({ dir: store.dir, now: clock() }).jwks();
    expect(jwks.keys).toHaveLength(5);
    for (const [i, jws] of signed.entries()) expect((await verifyJws(jws, jwks)).payload).toEqual({ i });
  });
});

describe('sello keys', () => {
  async function cli(args: string[], dataDir: string) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(args, {
      criteriaDir: dataDir,
      dataDir,
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      readStdin: () => Promise.resolve(''),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('lists nothing on a fresh install without creating keys, then creates, rotates and lists', async () => {
    const dataDir = tempDir();
    const empty = await cli(['keys', 'list'], dataDir);
    expect(empty).toMatchObject({ code: 0, out: expect.stringContaining('Todavía no hay claves') });
    expect(fs.existsSync(keysDirIn(dataDir))).toBe(false);

    const created = await cli(['keys', 'rotate'], dataDir);
    expect(created.code).toBe(0);
    const firstKid = openKeyStore({ dir: keysDirIn(dataDir), now: clock() }).activeKid;
    expect(created.out).toContain(`se creó la primera: ${firstKid}`);

    const rotatedRun = await cli(['keys', 'rotate'], dataDir);
    expect(rotatedRun.code).toBe(0);
    const store = openKeyStore({ dir: keysDirIn(dataDir), now: clock() });
    expect(store.activeKid).not.toBe(firstKid);
    expect(rotatedRun.out).toContain(`Nueva clave activa: ${store.activeKid}`);
    expect(rotatedRun.out).toContain(`Clave retirada: ${firstKid}`);

    const listed = await cli(['keys', 'list'], dataDir);
    expect(listed.code).toBe(0);
    const lines = listed.out.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^\\* ${store.activeKid} .*activa`));
    expect(lines[1]).toMatch(new RegExp(`^  ${firstKid} .*retirada`));
  });

  it.runIf(isPosix)('reports a key-store problem and exits non-zero', async () => {
    const dataDir = tempDir();
    const store = openKeyStore({ dir: keysDirIn(dataDir), now: clock() });
    fs.chmodSync(privateKeyFile(store.dir, store.activeKid), 0o640);
    const result = await cli(['keys', 'rotate'], dataDir);
    expect(result.code).toBe(1);
    expect(result.err).toContain('chmod 600');
    fs.chmodSync(privateKeyFile(store.dir, store.activeKid), 0o600);
    expect(openKeyStore({ dir: store.dir, now: clock(), create: false }).keys()).toHaveLength(1);
  });
});
