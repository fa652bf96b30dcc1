/**
 * Migration 0006 numbers the sessions and resolutions recorded before numbering existed, in the
 * order they happened and from 1 each year, so an old acta and a new one never share a number.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../src/paths.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of migrations/ that stops before `tag`. */
function migrationsBefore(tag: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sello-migrations-'));
  dirs.push(dir);
  fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journalFile = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  const index = journal.entries.findIndex((e) => e.tag === tag);
  expect(index).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, index);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

describe('migration 0006: numbers for sessions and resolutions already recorded', () => {
  it('numbers them in the order they happened, from 1 each year, and marks who was present since the session opened', () => {
    const sqlite = new Database(':memory:');
    const db = drizzle({ client: sqlite });
    migrate(db, { migrationsFolder: migrationsBefore('0006_commission_numbers_agenda_seats') });

    sqlite.pragma('foreign_keys = OFF');
    const session = sqlite.prepare(
      `INSERT INTO commission_sessions (id, scheme, criteria_version, quorum, held_on, status, created_by, created_at)
       VALUES (?, 'es-cj-bolivia', '2026.1', 3, ?, 'closed', 'u', ?)`,
    );
    session.run('s-b', '2026-06-10', '2026-06-10T13:00:00.000Z');
    session.run('s-a', '2026-03-02', '2026-03-02T13:00:00.000Z');
    session.run('s-c', '2025-11-20', '2025-11-20T13:00:00.000Z');
    session.run('s-d', '2026-06-10', '2026-06-10T15:00:00.000Z');
    const decision = sqlite.prepare(
      `INSERT INTO decisions (id, session_id, dossier_id, proposed_outcome, outcome, rationale, dossier_snapshot, snapshot_hash, recorded_by, decided_at)
       VALUES (?, ?, 'd', 'approved', 'approved', 'Fundamento', '{}', 'sha256:0', 'u', ?)`,
    );
    decision.run('r-2', 's-b', '2026-06-10T14:00:00.000Z');
    decision.run('r-1', 's-a', '2026-03-02T14:00:00.000Z');
    decision.run('r-0', 's-c', '2025-11-20T14:00:00.000Z');
    sqlite.prepare(`INSERT INTO session_attendance (session_id, user_id, present) VALUES ('s-a', 'u1', 1), ('s-a', 'u2', 0)`).run();

    migrate(db, { migrationsFolder: MIGRATIONS_DIR });
    const numbers = (table: string) =>
      Object.fromEntries(
        (sqlite.prepare(`SELECT id, year, number FROM ${table}`).all() as { id: string; year: number; number: number }[]).map((r) => [
          r.id,
          `${r.number}/${r.year}`,
        ]),
      );
    expect(numbers('commission_sessions')).toEqual({ 's-a': '1/2026', 's-b': '2/2026', 's-d': '3/2026', 's-c': '1/2025' });
    expect(numbers('decisions')).toEqual({ 'r-1': '1/2026', 'r-2': '2/2026', 'r-0': '1/2025' });
    expect(sqlite.prepare(`SELECT user_id, present_since FROM session_attendance ORDER BY user_id`).all()).toEqual([
      { user_id: 'u1', present_since: '2026-03-02T13:00:00.000Z' },
      { user_id: 'u2', present_since: null },
    ]);
    sqlite.close();
  });
});
