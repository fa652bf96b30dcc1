/**
 * Record seals spare public verification the full check of a certificate against its history only
 * while its row and events are exactly those found in agreement: a change made since, or a seal
 * written without the key, is checked in full and refused. The periodic record check walks every
 * certificate after a start, seals those that agree and logs those that do not.
 */
import type Database from 'better-sqlite3';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { recordSealContent } from '../../src/domain/certificate-record.js';
import { openKeyStoreIn } from '../../src/db/data-dir.js';
import { createRecordSeals, RECORD_SEAL_PURPOSE } from '../../src/modules/public/record-seals.js';
import { buildTestApp } from '../helpers/app.js';
import { cycleToCommission } from '../helpers/cycle.js';

async function issued() {
  const c = await cycleToCommission();
  const { id, code } = (await c.approve()).certificate;
  const sql = c.app.db.$client;
  const seals = () =>
    sql.prepare('SELECT certificate_id AS id, seal FROM certificate_record_seals').all() as { id: string; seal: string }[];
  return { ...c, id, code, sql, seals };
}

/** A service restarted on the same data, whose record check runs every 20 ms; its error log lines are kept. */
async function restarted(dataDir: string) {
  const lines: { level: number; certificateCode?: string; msg: string; checked?: number; failing?: number }[] = [];
  const stream = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(JSON.parse(chunk.toString())), done()) });
  const app = await buildTestApp({ dataDir }, { recordCheckIntervalMs: 20, logger: { level: 'info', stream } });
  return { app, lines };
}

/** What the seal of a certificate covers, read straight from its row and events. */
function storedContent(sql: Database.Database, id: string): string {
  const row = sql
    .prepare(
      `SELECT code, scheme, criteria_version AS criteriaVersion, criteria_hash AS criteriaHash, seal_level AS sealLevel, products, sectors,
              issued_on AS issuedOn, expires_on AS expiresOn, status, status_since AS since, status_reason AS reason FROM certificates WHERE id = ?`,
    )
    .get(id) as Record<string, string>;
  const events = (
    sql
      .prepare('SELECT seq, event, at, reason, automatic, log_index AS logIndex FROM certificate_events WHERE certificate_id = ?')
      .all(id) as { seq: number; event: string; at: string; reason: string | null; automatic: number; logIndex: number }[]
  ).map((e) => ({ ...e, automatic: e.automatic === 1 }));
  return recordSealContent(
    { ...row, products: JSON.parse(row.products!), sectors: JSON.parse(row.sectors!) } as Parameters<typeof recordSealContent>[0],
    events,
  );
}

const verifyJson = (app: Awaited<ReturnType<typeof buildTestApp>>, code: string) =>
  app.inject({ method: 'GET', url: `/c/${code}`, headers: { accept: 'application/json' } });

describe('record seals', () => {
  it('are written by the record check for certificates that agree with their history, and are HMACs under the signing key', async () => {
    const c = await issued();
    expect(c.seals()).toEqual([]);
    const { app, lines } = await restarted(c.dataDir);
    await expect
      .poll(() => lines.find((l) => l.msg === 'certificate records checked'), { timeout: 5_000 })
      .toMatchObject({ checked: 1, failing: 0 });
    const [seal] = c.seals();
    expect(seal?.id).toBe(c.id);
    // Recomputed here from the stored row and events with the key derived from the data folder's signing key.
    const keyed = createRecordSeals(app.db, openKeyStoreIn(c.dataDir, () => new Date()).derivedKey(RECORD_SEAL_PURPOSE));
    const content = storedContent(c.sql, c.id);
    expect(seal?.seal).toBe(keyed.sealOf(content));
    expect(createRecordSeals(app.db, Buffer.alloc(32)).sealOf(content)).not.toBe(seal?.seal);
  });

  it('do not let a row changed after sealing through, nor a seal forged without the key', async () => {
    const c = await issued();
    const { app, lines } = await restarted(c.dataDir);
    expect((await verifyJson(app, c.code)).statusCode).toBe(200);
    await expect.poll(() => c.seals().length, { timeout: 5_000 }).toBe(1);

    app.db.$client.prepare("UPDATE certificates SET status = 'suspended', status_reason = 'falso' WHERE id = ?").run(c.id);
    expect((await verifyJson(app, c.code)).json()).toMatchObject({ statusCode: 503, code: 'CERTIFICATE_RECORD_INCONSISTENT' });

    // A seal of the forged row made with any key but the service's own changes nothing.
    for (const key of [Buffer.alloc(32), Buffer.alloc(32, 7)]) {
      const forged = createRecordSeals(app.db, key).sealOf(storedContent(c.sql, c.id));
      app.db.$client.prepare('UPDATE certificate_record_seals SET seal = ? WHERE certificate_id = ?').run(forged, c.id);
      expect((await verifyJson(app, c.code)).statusCode).toBe(503);
    }

    // After a restart the record check names it in the log and never seals it.
    app.db.$client.prepare('DELETE FROM certificate_record_seals').run();
    const again = await restarted(c.dataDir);
    await expect
      .poll(() => again.lines.find((l) => l.msg === 'certificate records checked'), { timeout: 5_000 })
      .toMatchObject({ checked: 1, failing: 1 });
    expect(again.lines).toContainEqual(expect.objectContaining({ level: 50, certificateCode: c.code }));
    expect(c.seals()).toEqual([]);
    expect(lines.filter((l) => l.level >= 50 && l.certificateCode !== c.code)).toEqual([]);
  });

  it('follow a genuine act: the certificate is checked again, sealed again, and shows the new status', async () => {
    const c = await issued();
    const { app } = await restarted(c.dataDir);
    await expect.poll(() => c.seals().length, { timeout: 5_000 }).toBe(1);
    const before = c.seals()[0]!.seal;
    const suspended = await app.inject({
      method: 'POST',
      url: `/api/v1/certificates/${c.id}/suspension`,
      headers: { ...c.members[0]!.headers, 'content-type': 'application/json' },
      payload: { reason: 'Denuncia de un comprador en investigación' },
    });
    expect(suspended.statusCode).toBe(200);
    const res = await verifyJson(app, c.code);
    expect(res.statusCode).toBe(200);
    expect(res.json<{ certificate: { statusLabel: string } }>().certificate.statusLabel).toBe('SUSPENDIDO');
    await expect.poll(() => c.seals()[0]?.seal, { timeout: 5_000 }).not.toBe(before);
  });
});
