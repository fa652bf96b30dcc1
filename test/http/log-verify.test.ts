import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/app.js';
import { runSello } from '../helpers/cli.js';
import { cycleToCommission } from '../helpers/cycle.js';

async function logVerify(dataDir: string, ...args: string[]) {
  return runSello(['log', 'verify', ...args], { dataDir });
}

/** Two certificate events (issued, suspended) in the log, and a tree head saved after the first. */
async function loggedEvents() {
  const c = await cycleToCommission();
  const { certificate } = await c.approve();
  const sth = (await c.api.get('/api/v1/transparency/sth').expect(200)).body;
  const sthFile = path.join(tempDir(), 'sth.json');
  fs.writeFileSync(sthFile, JSON.stringify(sth));
  await c.api
    .post(`/api/v1/certificates/${certificate.id}/suspension`)
    .set(c.members[0]!.headers)
    .send({ reason: 'Denuncia en investigación por la comisión' })
    .expect(200);
  const { code } = certificate;
  return { ...c, sthFile, sth, code: code };
}

describe('sello log verify', () => {
  it('passes on an untouched log, and proves it only grew since a saved tree head', async () => {
    const c = await loggedEvents();
    const result = await logVerify(c.dataDir, '--sth', c.sthFile);
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain('OK: 2 entradas íntegras');
    expect(result.out).toContain('contiene, sin cambios, el árbol de 1 entradas');
  });

  it('fails naming the entry when one is altered outside the application', async () => {
    const c = await loggedEvents();
    const sqlite = c.app.db.$client;
    sqlite.exec('DROP TRIGGER transparency_log_no_update');
    sqlite.prepare("UPDATE transparency_log SET entry = replace(entry, 'issued', 'revoked') WHERE leaf_index = 0").run();
    const result = await logVerify(c.dataDir);
    expect(result.code).toBe(1);
    expect(result.err).toContain('La entrada 0 no corresponde a su huella');
  });

  it('fails when history was rewritten consistently behind a signed tree head', async () => {
    const c = await loggedEvents();
    const sqlite = c.app.db.$client;
    // Rewrite the first leaf and its hash together: every leaf checks out, but the signed head no longer fits.
    const { leafHash } = await import('../../src/domain/merkle.js');
    const row = sqlite.prepare('SELECT entry FROM transparency_log WHERE leaf_index = 0').get() as { entry: string };
    const forged = row.entry.replace('"reason":null', '"reason":"emitido por error"');
    expect(forged).not.toBe(row.entry);
    sqlite.exec('DROP TRIGGER transparency_log_no_update');
    sqlite
      .prepare('UPDATE transparency_log SET entry = ?, leaf_hash = ? WHERE leaf_index = 0')
      .run(forged, Buffer.from(leafHash(Buffer.from(forged))).toString('hex'));
    // The leaf no longer tells what the certificate's event says: named by the certificate's code.
    const plain = await logVerify(c.dataDir);
    expect(plain.code).toBe(1);
    expect(plain.err).toContain(
      `Certificado ${c.code}: el evento 1 (issued) no coincide con su entrada 0 del registro de transparencia (motivo)`,
    );
    const against = await logVerify(c.dataDir, '--sth', c.sthFile);
    expect(against.code).toBe(1);
    expect(against.err).toContain('se reescribió la historia');
  });
});
