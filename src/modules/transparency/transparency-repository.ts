/** The SQL of the transparency log: its leaves, and the certificate events they record. */
import type { Db } from '../../db/client.js';

export type LeafRow = { leafIndex: number; entry: string; leafHash: string };

function createTransparencyRepository(db: Db) {
  const sql = db.$client;
  // leaf_index is the rowid, so max() is an index lookup, not a scan.
  const treeSize = sql.prepare<[], { n: number }>('SELECT coalesce(max(leaf_index) + 1, 0) AS n FROM transparency_log');
  const insertLeaf = sql.prepare<[number, string, string]>('INSERT INTO transparency_log (leaf_index, entry, leaf_hash) VALUES (?, ?, ?)');
  const hashesFrom = sql.prepare<[number], { leafHash: string }>(
    'SELECT leaf_hash AS leafHash FROM transparency_log WHERE leaf_index >= ? ORDER BY leaf_index',
  );
  const leavesBetween = sql.prepare<[number, number], LeafRow>(
    'SELECT leaf_index AS leafIndex, entry, leaf_hash AS leafHash FROM transparency_log WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index',
  );
  const allLeaves = sql.prepare<[], LeafRow>(
    'SELECT leaf_index AS leafIndex, entry, leaf_hash AS leafHash FROM transparency_log ORDER BY leaf_index',
  );
  const eventLogIndexes = sql.prepare<[], { seq: number; logIndex: number }>('SELECT seq, log_index AS logIndex FROM certificate_events');

  return {
    /** Number of leaves: the index the next leaf gets. */
    treeSize: (): number => treeSize.get()!.n,
    insertLeaf: (leafIndex: number, entry: string, leafHashHex: string): void => void insertLeaf.run(leafIndex, entry, leafHashHex),
    /** Hex leaf hashes from `start` on, in order, streamed. */
    leafHashesFrom: (start: number): Iterable<{ leafHash: string }> => hashesFrom.iterate(start),
    leavesBetween: (start: number, end: number): LeafRow[] => leavesBetween.all(start, end),
    allLeaves: (): Iterable<LeafRow> => allLeaves.iterate(),
    /** Every certificate event's sequence number and the leaf that records it. */
    eventLogIndexes: () => eventLogIndexes.all(),
  };
}
export type TransparencyRepository = ReturnType<typeof createTransparencyRepository>;

const byConnection = new WeakMap<Db, TransparencyRepository>();

/** The repository of a connection: its statements are prepared once and shared by every caller. */
export function transparencyRepository(db: Db): TransparencyRepository {
  let repo = byConnection.get(db);
  if (!repo) byConnection.set(db, (repo = createTransparencyRepository(db)));
  return repo;
}
