/**
 * The certificate transparency log: every certificate status event is a leaf of
 * an append-only Merkle tree (RFC 6962 hashing). Leaves are appended inside the
 * transaction of the event; tree heads are signed when asked for.
 */
import type { Db } from '../../db/client.js';
import { canonicalJson } from '../../domain/content-hash.js';
import { consistencyProof, inclusionProof, leafHash, rootHash } from '../../domain/merkle.js';
import { AppError } from '../../errors.js';
import type { KeyStore } from '../../signing/key-store.js';

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
};

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const entryBytes = (entry: LogEntry) => Buffer.from(canonicalJson(entry), 'utf8');

/** Appends one leaf; must run inside the transaction of the event it records. Returns its index. */
export function appendLeaf(db: Db, entry: LogEntry): number {
  if (!db.$client.inTransaction) throw new Error('appendLeaf must run inside the transaction of the event it records');
  // leaf_index is the rowid, so max() is an index lookup, not a scan.
  const { n } = db.$client.prepare('SELECT coalesce(max(leaf_index) + 1, 0) AS n FROM transparency_log').get() as { n: number };
  db.$client
    .prepare('INSERT INTO transparency_log (leaf_index, entry, leaf_hash) VALUES (?, ?, ?)')
    .run(n, canonicalJson(entry), Buffer.from(leafHash(entryBytes(entry))).toString('hex'));
  return n;
}

export type SignedTreeHead = { treeSize: number; rootHash: string; timestamp: string; signature: string };

export function createTransparencyLog(db: Db, keys: KeyStore, now: () => Date) {
  // Leaves never change, so their hashes are cached and only new ones are read.
  const cache: Uint8Array[] = [];
  const selectFrom = db.$client.prepare('SELECT leaf_hash AS h FROM transparency_log WHERE leaf_index >= ? ORDER BY leaf_index');
  const leafHashes = (): Uint8Array[] => {
    for (const row of selectFrom.iterate(cache.length) as Iterable<{ h: string }>) cache.push(Buffer.from(row.h, 'hex'));
    return cache;
  };
  const checkSize = (treeSize: number, size: number, path: string) => {
    if (treeSize > size) {
      throw new AppError('invalid', 'TREE_TOO_SMALL', `El registro tiene ${size} entradas; no existe un árbol de tamaño ${treeSize}`, [{ path, message: `Máximo ${size}` }]);
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
      return { leafIndex, treeSize: size, leafHash: b64(tree[leafIndex]!), rootHash: b64(rootHash(tree)), auditPath: inclusionProof(tree, leafIndex).map(b64) };
    },

    consistency(first: number, second: number) {
      const leaves = leafHashes();
      checkSize(second, leaves.length, 'query.second');
      if (first > second) throw new AppError('invalid', 'BAD_RANGE', 'first no puede ser mayor que second', [{ path: 'query.first', message: `Máximo ${second}` }]);
      return { first, second, consistency: consistencyProof(leaves.slice(0, second), first).map(b64) };
    },

    entries(start: number, end: number): { leafIndex: number; entry: LogEntry; leafHash: string }[] {
      const rows = db.$client
        .prepare('SELECT leaf_index AS leafIndex, entry, leaf_hash AS h FROM transparency_log WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index')
        .all(start, end) as { leafIndex: number; entry: string; h: string }[];
      return rows.map((r) => ({ leafIndex: r.leafIndex, entry: JSON.parse(r.entry) as LogEntry, leafHash: b64(Buffer.from(r.h, 'hex')) }));
    },
  };
}
export type TransparencyLog = ReturnType<typeof createTransparencyLog>;

/**
 * Recomputes every leaf from its entry and checks it against the certificate
 * events it records; returns the problems found (empty when consistent) and the root.
 */
export function verifyLog(db: Db): { problems: string[]; treeSize: number; rootHash: string } {
  const problems: string[] = [];
  const hashes: Uint8Array[] = [];
  const events = new Map(
    (db.$client.prepare('SELECT seq, log_index AS logIndex FROM certificate_events').all() as { seq: number; logIndex: number }[]).map((e) => [e.logIndex, e.seq]),
  );
  let expected = 0;
  for (const row of db.$client.prepare('SELECT leaf_index AS i, entry, leaf_hash AS h FROM transparency_log ORDER BY leaf_index').iterate() as Iterable<{
    i: number;
    entry: string;
    h: string;
  }>) {
    if (row.i !== expected) problems.push(`Falta la entrada ${expected} del registro (sigue la ${row.i})`);
    expected = row.i + 1;
    const entry = JSON.parse(row.entry) as LogEntry;
    const recomputed = leafHash(entryBytes(entry));
    if (Buffer.from(recomputed).toString('hex') !== row.h) problems.push(`La entrada ${row.i} no corresponde a su huella`);
    if (canonicalJson(entry) !== row.entry) problems.push(`La entrada ${row.i} no está en forma canónica`);
    if (events.get(row.i) !== entry.eventSeq) problems.push(`La entrada ${row.i} no corresponde al evento de certificado ${entry.eventSeq}`);
    events.delete(row.i);
    hashes.push(Buffer.from(row.h, 'hex'));
  }
  for (const [logIndex, seq] of events) problems.push(`El evento de certificado ${seq} apunta a la entrada ${logIndex}, que no existe`);
  return { problems, treeSize: hashes.length, rootHash: b64(rootHash(hashes)) };
}
