/**
 * The certificate transparency log: each certificate status event is a leaf of an append-only
 * Merkle tree (RFC 6962), appended in the event's transaction; tree heads are signed on request.
 */
import type { Db } from '../../db/client.js';
import { canonicalJson } from '../../domain/content-hash.js';
import { consistencyProof, inclusionProof, leafHash, rootHash } from '../../domain/merkle.js';
import { AppError } from '../../errors.js';
import type { KeyStore } from '../../signing/key-store.js';
import { transparencyRepository } from './transparency-repository.js';

/** What a leaf says: enough to check a certificate's history without the database. */
export type LogEntry = {
  certificateCode: string;
  event: string;
  at: string;
  reason: string | null;
  scheme: string;
  criteriaVersion: string;
  criteriaHash: string;
  eventSeq: number;
  /** The unit a member event of a group certificate is about; absent from every other event's leaf. */
  member?: string;
};

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const entryBytes = (entry: LogEntry) => Buffer.from(canonicalJson(entry), 'utf8');

/** Appends one leaf; must run inside the transaction of the event it records. Returns its index. */
export function appendLeaf(db: Db, entry: LogEntry): number {
  if (!db.$client.inTransaction) throw new Error('appendLeaf must run inside the transaction of the event it records');
  const repo = transparencyRepository(db);
  const n = repo.treeSize();
  repo.insertLeaf(n, canonicalJson(entry), Buffer.from(leafHash(entryBytes(entry))).toString('hex'));
  return n;
}

export type SignedTreeHead = { treeSize: number; rootHash: string; timestamp: string; signature: string };

export function createTransparencyLog(db: Db, keys: KeyStore, now: () => Date) {
  const repo = transparencyRepository(db);
  // Leaves never change, so their hashes are cached and only new ones are read.
  const cache: Uint8Array[] = [];
  const leafHashes = (): Uint8Array[] => {
    for (const row of repo.leafHashesFrom(cache.length)) cache.push(Buffer.from(row.leafHash, 'hex'));
    return cache;
  };
  const checkSize = (treeSize: number, size: number, path: string) => {
    if (treeSize > size) {
      throw new AppError('invalid', 'TREE_TOO_SMALL', `El registro tiene ${size} entradas; no existe un árbol de tamaño ${treeSize}`, [
        { path, message: `Como máximo ${size}` },
      ]);
    }
  };

  return {
    size: () => leafHashes().length,
    leafHashes: () => leafHashes().slice(),

    /** The current tree head, signed with the active key (JWS over its canonical JSON). */
    treeHead(): SignedTreeHead {
      const leaves = leafHashes().slice();
      const head = { treeSize: leaves.length, rootHash: b64(rootHash(leaves)), timestamp: now().toISOString() };
      return { ...head, signature: keys.signSync(head, 'sello-sth+jws') };
    },

    inclusion(leafIndex: number, treeSize?: number) {
      const leaves = leafHashes();
      const size = treeSize ?? leaves.length;
      checkSize(size, leaves.length, 'query.treeSize');
      if (leafIndex >= size) {
        throw new AppError('not_found', 'LEAF_NOT_FOUND', `No hay entrada ${leafIndex} en un árbol de ${size} entradas`);
      }
      const tree = leaves.slice(0, size);
      return {
        leafIndex,
        treeSize: size,
        leafHash: b64(tree[leafIndex]!),
        rootHash: b64(rootHash(tree)),
        auditPath: inclusionProof(tree, leafIndex).map(b64),
      };
    },

    consistency(first: number, second: number) {
      const leaves = leafHashes();
      checkSize(second, leaves.length, 'query.second');
      // RFC 9162 (2.1.4) defines the proof only for 0 < first < second.
      if (first < 1 || first >= second)
        throw new AppError('invalid', 'BAD_RANGE', 'first debe ser 1 o más y menor que second (RFC 9162)', [
          { path: 'query.first', message: `Entre 1 y ${second - 1}` },
        ]);
      return { first, second, consistency: consistencyProof(leaves.slice(0, second), first).map(b64) };
    },

    entries(start: number, end: number): { leafIndex: number; entry: LogEntry; leafHash: string }[] {
      return repo
        .leavesBetween(start, end)
        .map((r) => ({ leafIndex: r.leafIndex, entry: JSON.parse(r.entry) as LogEntry, leafHash: b64(Buffer.from(r.leafHash, 'hex')) }));
    },
  };
}
export type TransparencyLog = ReturnType<typeof createTransparencyLog>;

/**
 * Recomputes every leaf from its entry and checks it against the certificate
 * events it records; returns the problems found (empty when consistent) and the root.
 */
export function verifyLog(db: Db): { problems: string[]; treeSize: number; rootHash: string } {
  const repo = transparencyRepository(db);
  const problems: string[] = [];
  const hashes: Uint8Array[] = [];
  const events = new Map(repo.eventLogIndexes().map((e) => [e.logIndex, e.seq]));
  let expected = 0;
  for (const row of repo.allLeaves()) {
    const i = row.leafIndex;
    if (i !== expected) problems.push(`Falta la entrada ${expected} del registro (sigue la ${i})`);
    expected = i + 1;
    const entry = JSON.parse(row.entry) as LogEntry;
    const recomputed = leafHash(entryBytes(entry));
    if (Buffer.from(recomputed).toString('hex') !== row.leafHash) problems.push(`La entrada ${i} no corresponde a su huella`);
    if (canonicalJson(entry) !== row.entry) problems.push(`La entrada ${i} no está en forma canónica`);
    if (events.get(i) !== entry.eventSeq) problems.push(`La entrada ${i} no corresponde al evento de certificado ${entry.eventSeq}`);
    events.delete(i);
    hashes.push(Buffer.from(row.leafHash, 'hex'));
  }
  for (const [logIndex, seq] of events) problems.push(`El evento de certificado ${seq} apunta a la entrada ${logIndex}, que no existe`);
  return { problems, treeSize: hashes.length, rootHash: b64(rootHash(hashes)) };
}
