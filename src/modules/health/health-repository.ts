/**
 * The probes of the health check: asking SQLite something proves the database answers,
 * and its page counts and the data folder's free space say whether a write still fits.
 */
import fs from 'node:fs';
import type { Db } from '../../db/client.js';

/** Below this much free space the data folder counts as full: SQLite and evidence files need room to write. */
export const MIN_FREE_BYTES = 1024 * 1024;

export type DatabasePages = {
  /** Pages the database has now. */
  pageCount: number;
  /** Pages SQLite lets it grow to (max_page_count). */
  maxPageCount: number;
  /** Pages inside the file that are free for new data. */
  freePages: number;
};

export function createHealthRepository(db: Db) {
  const journal = db.$client.prepare<[], { journal_mode: string }>('PRAGMA journal_mode');
  const count = (pragma: string) => {
    const statement = db.$client.prepare<[], number>(`PRAGMA ${pragma}`).pluck();
    return () => statement.get()!;
  };
  const pageCount = count('page_count');
  const maxPageCount = count('max_page_count');
  const freePages = count('freelist_count');
  return {
    /** The journal mode (WAL when healthy); throws if the database does not answer. */
    journalMode: (): string => journal.get()!.journal_mode,
    /** How many pages the database has and may have; throws if the database does not answer. */
    pages: (): DatabasePages => ({ pageCount: pageCount(), maxPageCount: maxPageCount(), freePages: freePages() }),
  };
}

/** True when no new page fits: the database reached max_page_count and has no free page left. */
export const databaseIsFull = (pages: DatabasePages): boolean => pages.pageCount >= pages.maxPageCount && pages.freePages === 0;

/** Bytes an unprivileged user may still write on the disk of `dir`, or null when the folder is absent. */
export function freeBytesIn(dir: string): number | null {
  if (!fs.existsSync(dir)) return null;
  const stats = fs.statfsSync(dir);
  return stats.bavail * stats.bsize;
}
