/** The one query of the health check: asking SQLite something proves the database answers. */
import type { Db } from '../../db/client.js';

export function createHealthRepository(db: Db) {
  const probe = db.$client.prepare<[], { journal_mode: string }>('PRAGMA journal_mode');
  return {
    /** The journal mode (WAL when healthy); throws if the database does not answer. */
    journalMode: (): string => probe.get()!.journal_mode,
  };
}
