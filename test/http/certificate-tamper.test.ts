/**
 * Someone with raw access to the SQLite file alters a certificate: the verify commands and
 * the check of a backup name the certificate, and its public page refuses to vouch for it.
 * Genuine histories (acts of the commission, an appeal, time's events) pass untouched.
 */
import path from 'node:path';
import { Writable } from 'node:stream';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createBackup } from '../../src/modules/backup/backup.js';
import { buildTestApp, tempDir } from '../helpers/app.js';
import { expectRecordsRefused, expectRecordsVerify } from '../helpers/cli.js';
import { seedUser } from '../helpers/auth.js';
import { cycleToCommission } from '../helpers/cycle.js';

const DAY = 86_400_000;

/** A certificate approved with one condition due in `days`, on a clock the test moves. */
async function certified({ days = 30 }: { days?: number } = {}) {
  let clock = Date.parse('2026-06-10T15:00:00Z');
  const now = () => new Date(clock);
  const c = await cycleToCommission({ answers: { 'P1.01': 'no_cumple' }, now });
  const deadline = new Date(clock + days * DAY).toISOString().slice(0, 10);
  const action = await c.agreeAction('Recalcular costos y acordar precio en asamblea', deadline);
  await c.toCommission('approve_with_conditions');
  const session = await c.openSession();
  const decision = await c
    .decide(session.id, { proposedOutcome: 'approved_with_conditions', sealLevel: 'transicion' }, c.members)
    .expect(201);
  const id = decision.body.certificateId as string;
  const get = async () => (await c.api.get(`/api/v1/certificates/${id}`).set(c.committee.headers).expect(200)).body;
  const { code } = (await get()) as { code: string };
  const act = (kind: 'suspension' | 'reinstatement' | 'revocation', reason: string) =>
    c.api
      .post(`/api/v1/certificates/${id}/${kind}`)
      .set(c.members[0]!.headers)
      .send({ reason, ...(kind === 'suspension' ? {} : { sessionId: session.id }) })
      .expect(200);
  return {
    ...c,
    session,
    id,
    code,
    actionId: action.id,
    get,
    act,
    now,
    advance: (ms: number) => (clock += ms),
    sql: c.app.db.$client,
    verifyPath: `/c/${code}`,
  };
}
type Certified = Awaited<ReturnType<typeof certified>>;

/** Both verify commands, and a backup of the data, agree that everything is in order. */
async function expectAllPass(c: Certified) {
  await expectRecordsVerify(c.dataDir);
  await createBackup({ dataDir: c.dataDir, target: path.join(tempDir(), 'copia'), now: c.now });
}

/** Both verify commands fail naming the certificate, and so does making a backup. */
async function expectDetected(c: Certified, ...fragments: string[]) {
  await expectRecordsRefused(c.dataDir, c.code, ...fragments);
  await expect(createBackup({ dataDir: c.dataDir, target: path.join(tempDir(), 'copia'), now: c.now })).rejects.toThrow(
    `Certificado ${c.code}:`,
  );
}

/** The public verification of the certificate neither shows nor signs a status: 503, in JSON and HTML. */
async function expectUnconfirmed(c: Certified) {
  const json = await c.api.get(c.verifyPath).set('accept', 'application/json').expect(503);
  expect(json.headers['cache-control']).toContain('no-store');
  expect(json.body).toMatchObject({
    statusCode: 503,
    code: 'CERTIFICATE_RECORD_INCONSISTENT',
    message: expect.stringContaining('no se puede confirmar el estado'),
  });
  expect(JSON.stringify(json.body)).not.toMatch(/SUSPENDIDO|VIGENTE|suspended|active|signature/);
  const page = await c.api.get(c.verifyPath).set('accept', 'text/html').expect(503);
  expect(page.headers['content-type']).toContain('text/html');
  expect(page.text).toContain('NO SE PUEDE CONFIRMAR');
  expect(page.text).toContain(c.code);
  expect(page.text).not.toMatch(/SUSPENDIDO|VIGENTE|REVOCADO|VENCIDO/);
}

describe('a certificate altered in the database', () => {
  it('with a forged suspension is named by both verify commands and a backup, and its page says the status cannot be confirmed', async () => {
    const c = await certified();
    expect((await c.api.get(c.verifyPath).set('accept', 'application/json').expect(200)).body.certificate.status).toBe('active');
    await expectAllPass(c);

    c.sql.prepare("UPDATE certificates SET status = 'suspended', status_reason = 'falso' WHERE id = ?").run(c.id);
    await expectDetected(c, 'su estado guardado («SUSPENDIDO»', 'motivo «falso»');
    await expectUnconfirmed(c);

    // A restarted service finds it too, and its log names the certificate.
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) });
    const restarted = await buildTestApp({ dataDir: c.dataDir }, { now: c.now, logger: { level: 'error', stream } });
    await request(restarted.server).get(c.verifyPath).set('accept', 'application/json').expect(503);
    const logged = lines.map((l) => JSON.parse(l) as { level: number; certificateCode?: string; msg: string });
    expect(logged).toContainEqual(expect.objectContaining({ level: 50, certificateCode: c.code, msg: expect.stringContaining(c.code) }));
  });

  it('with an event whose reason was rewritten is named, even when the certificate row was rewritten to match', async () => {
    const c = await certified();
    await c.act('suspension', 'Denuncia de mezcla de café en investigación');
    await expectAllPass(c);
    c.sql.exec('DROP TRIGGER certificate_events_no_update');
    const seq = (c.sql.prepare("SELECT seq FROM certificate_events WHERE event = 'suspended'").get() as { seq: number }).seq;
    c.sql.prepare('UPDATE certificate_events SET reason = ? WHERE seq = ?').run('Motivo inventado', seq);
    await expectDetected(c, `el evento ${seq} (suspended) no coincide con su entrada`, '(motivo)');
    await expectUnconfirmed(c);

    // Row and event now tell the same story: the leaf and the audit trail still do not.
    c.sql.prepare('UPDATE certificates SET status_reason = ? WHERE id = ?').run('Motivo inventado', c.id);
    await expectDetected(c, 'no coincide con su entrada', 'no coincide con lo que registró el historial de cambios');
    await expectUnconfirmed(c);
  });

  it('with a forged suspension written consistently into the row and an automatic event is still named', async () => {
    const c = await certified({ days: 10 });
    c.advance(11 * DAY);
    // Time's event: recorded by the sweep at start, it never sets the stored status.
    const restarted = await buildTestApp({ dataDir: c.dataDir }, { now: c.now });
    await request(restarted.server).get(c.verifyPath).set('accept', 'application/json').expect(200);
    const auto = c.sql.prepare("SELECT seq, at, reason FROM certificate_events WHERE event = 'suspended'").get() as {
      seq: number;
      at: string;
      reason: string;
    };
    expect(auto).toBeDefined();
    await expectAllPass(c);
    // Pretend the automatic suspension was an act of the commission, so that it would stay after the condition is met.
    c.sql.exec('DROP TRIGGER certificate_events_no_update');
    c.sql.prepare('UPDATE certificate_events SET automatic = 0 WHERE seq = ?').run(auto.seq);
    c.sql
      .prepare("UPDATE certificates SET status = 'suspended', status_since = ?, status_reason = ? WHERE id = ?")
      .run(auto.at, auto.reason, c.id);
    await expectDetected(c, `el evento ${auto.seq} (suspended) no coincide con lo que registró el historial de cambios (estado que fija)`);
    await expectUnconfirmed(c);
  });

  it('with a later end date is named, and its page does not vouch for it', async () => {
    const c = await certified();
    const { expiresOn } = (await c.get()) as { expiresOn: string };
    c.sql.prepare("UPDATE certificates SET expires_on = '2030-12-31' WHERE id = ?").run(c.id);
    await expectDetected(c, `la fecha de vencimiento ("2030-12-31") no es lo que se emitió ("${expiresOn}")`);
    await expectUnconfirmed(c);
  });
});

describe('a certificate with a genuine history', () => {
  it('passes through an overdue condition, its late closure, a suspension, a reinstatement and the expiry', async () => {
    const c = await certified({ days: 10 });
    c.advance(11 * DAY);
    await c.closeByCommissionReview(c.actionId, 'Asamblea aprobó el nuevo precio, fuera de plazo');
    c.advance(DAY);
    await c.act('suspension', 'Denuncia de un comprador en investigación');
    await expectAllPass(c);
    expect((await c.api.get(c.verifyPath).set('accept', 'application/json').expect(200)).body.certificate.status).toBe('suspended');
    c.advance(DAY);
    await c.act('reinstatement', 'La denuncia no se comprobó en la visita');
    await expectAllPass(c);
    c.advance(400 * DAY);
    const restarted = await buildTestApp({ dataDir: c.dataDir }, { now: c.now });
    const expired = await request(restarted.server).get(c.verifyPath).set('accept', 'application/json').expect(200);
    expect(expired.body.certificate.status).toBe('expired');
    const events = ((await c.get()).events as { event: string; automatic: boolean }[]).map((e) => [e.event, e.automatic]);
    expect(events).toEqual([
      ['issued', false],
      ['suspended', true],
      ['reinstated', true],
      ['suspended', false],
      ['reinstated', false],
      ['expired', true],
    ]);
    await expectAllPass(c);
    await request(restarted.server).get(c.verifyPath).set('accept', 'text/html').expect(200);
  });

  it('passes through a suspension lifted on appeal and a revocation', async () => {
    const c = await certified();
    await c.act('suspension', 'Denuncia de un comprador por mezcla de café');
    const seq = ((await c.get()).events as { event: string; seq: number }[]).find((e) => e.event === 'suspended')!.seq;
    const producer = await seedUser(c.app, { role: 'producer', organizationId: c.org, producerId: c.producer });
    const appeal = await c.api
      .post('/api/v1/appeals')
      .set(producer.headers)
      .send({ suspensionEventSeq: seq, reason: 'El café mezclado no era nuestro: adjuntamos guías de despacho' })
      .expect(201);
    const [, ...others] = c.members;
    await c.api
      .post(`/api/v1/commission/sessions/${c.session.id}/appeals/${appeal.body.id}/decision`)
      .set(others[0]!.headers)
      .send({
        proposedOutcome: 'upheld',
        rationale: 'Las guías muestran que el lote no era de la familia',
        votes: others.map((m) => ({ userId: m.user.id, vote: 'for' })),
      })
      .expect(200);
    expect((await c.get()).status).toBe('active');
    await expectAllPass(c);
    await c.act('revocation', 'Se comprobó venta de café de terceros con el sello');
    await expectAllPass(c);
    const json = await c.api.get(c.verifyPath).set('accept', 'application/json').expect(200);
    expect(json.body.certificate.status).toBe('revoked');
  });
});
