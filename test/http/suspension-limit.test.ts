/**
 * A suspension that passes the criteria's maximum (commission.maxSuspensionMonths) without a
 * reinstatement: the public status says revoked from that instant, the sweep records the system's
 * revocation (stored status, transparency leaf, audit entry), every check accepts it, and a forged
 * one is named.
 */
import path from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createBackup } from '../../src/modules/backup/backup.js';
import { buildTestApp, tempDir } from '../helpers/app.js';
import { expectRecordsRefused, expectRecordsVerify } from '../helpers/cli.js';
import { cycleToCommission } from '../helpers/cycle.js';
import { getPage, signIn, visibleText } from '../helpers/pages.js';

/** Suspended on 11 June 2026 (Bolivia): the last day of six months is 10 December; it lapses at 00:00 of the 11th there. */
const SUSPENDED_AT = Date.parse('2026-06-11T15:00:00Z');
const LIMIT_END = '2026-12-11T04:00:00.000Z';

/** A certificate whose condition was met in time, suspended by the commission a day after issuance, on a clock the test moves. */
async function suspendedCertificate() {
  let clock = Date.parse('2026-06-10T15:00:00Z');
  const now = () => new Date(clock);
  const c = await cycleToCommission({ answers: { 'P1.01': 'no_cumple' }, now });
  const action = await c.agreeAction('Recalcular costos y acordar precio en asamblea', '2026-07-10');
  await c.toCommission('approve_with_conditions');
  const session = await c.openSession();
  const decision = await c
    .decide(session.id, { proposedOutcome: 'approved_with_conditions', sealLevel: 'transicion' }, c.members)
    .expect(201);
  const id = decision.body.certificateId as string;
  await c.closeByCommissionReview(action.id, 'Asamblea aprobó el nuevo precio');
  clock = SUSPENDED_AT;
  const act = (kind: 'suspension' | 'reinstatement' | 'revocation', reason: string) =>
    c.api
      .post(`/api/v1/certificates/${id}/${kind}`)
      .set(c.members[0]!.headers)
      .send({ reason, ...(kind === 'suspension' ? {} : { sessionId: session.id }) });
  await act('suspension', 'Denuncia de mezcla de café en investigación').expect(200);
  const get = async (api = c.api) => (await api.get(`/api/v1/certificates/${id}`).set(c.committee.headers).expect(200)).body;
  const { code, criteriaVersion } = (await get()) as { code: string; criteriaVersion: string };
  const reason = `Revocado por el sistema: la suspensión del 11 de junio de 2026 superó el máximo de 6 meses sin rehabilitación (criterios ${criteriaVersion}).`;
  return {
    ...c,
    id,
    code,
    reason,
    act,
    get,
    now,
    setClock: (iso: string) => (clock = Date.parse(iso)),
    sql: c.app.db.$client,
    verifyPath: `/c/${code}`,
    /** A new start of the service on the same data: its sweep runs at start. */
    restart: () => buildTestApp({ dataDir: c.dataDir }, { now }),
  };
}

describe('a suspension past its maximum length', () => {
  it('is revoked by the system at the end of its last day: shown at once, recorded by the sweep, accepted by every check', async () => {
    const c = await suspendedCertificate();
    // The registry knows when to look again: at the end of the maximum, not at the expiry.
    const row = () =>
      c.sql
        .prepare(
          'SELECT status, status_since AS since, status_reason AS reason, public_status AS publicStatus, due_at AS dueAt FROM certificates WHERE id = ?',
        )
        .get(c.id) as Record<string, string | null>;
    expect(row()).toMatchObject({ status: 'suspended', publicStatus: 'suspended', dueAt: LIMIT_END });
    c.setClock('2026-12-11T03:59:00Z');
    const before = await c.api.get(c.verifyPath).set('accept', 'application/json').expect(200);
    expect(before.body.certificate.status).toBe('suspended');
    // A statement signed just before the limit is not served past it.
    expect(before.body.nextUpdate).toBe(LIMIT_END);

    c.setClock('2026-12-11T05:00:00Z');
    // Before any sweep has recorded it, what is shown already says revoked, with the instant and reason the sweep will store.
    const shown = await c.api.get(c.verifyPath).set('accept', 'application/json').expect(200);
    expect(shown.body.certificate).toMatchObject({
      status: 'revoked',
      statusLabel: 'REVOCADO',
      statusSince: LIMIT_END,
      statusReason: c.reason,
    });
    expect((await c.get()).status).toBe('revoked');
    expect(row().status).toBe('suspended');

    const restarted = await c.restart();
    const events = (
      (await c.get(request(restarted.server))).events as { event: string; at: string; reason: string; automatic: boolean }[]
    ).map((e) => [e.event, e.at, e.automatic]);
    expect(events.slice(1)).toEqual([
      ['suspended', new Date(SUSPENDED_AT).toISOString(), false],
      ['revoked', LIMIT_END, true],
    ]);
    expect(row()).toEqual({ status: 'revoked', since: LIMIT_END, reason: c.reason, publicStatus: 'revoked', dueAt: null });
    const leaf = c.sql.prepare('SELECT entry FROM transparency_log ORDER BY leaf_index DESC LIMIT 1').get() as { entry: string };
    expect(JSON.parse(leaf.entry)).toMatchObject({ certificateCode: c.code, event: 'revoked', at: LIMIT_END, reason: c.reason });
    const audited = c.sql
      .prepare("SELECT actor_label AS actor, change FROM audit_log WHERE entity = 'certificate' AND action = 'revoked'")
      .get() as { actor: string; change: string };
    expect(audited.actor).toBe('sistema:plazos');
    expect(JSON.parse(audited.change)).toMatchObject({ at: LIMIT_END, reason: c.reason, status: 'revoked' });

    const json = await request(restarted.server).get(c.verifyPath).set('accept', 'application/json').expect(200);
    expect(json.body.certificate).toMatchObject({ status: 'revoked', statusSince: LIMIT_END, statusReason: c.reason });
    expect(json.body.signature).toEqual(expect.any(String));
    const page = await request(restarted.server).get(c.verifyPath).set('accept', 'text/html').expect(200);
    expect(visibleText(page.text)).toContain('REVOCADO');
    expect(visibleText(page.text)).toContain(c.reason);
    // The commission's page tells the history in words: the system's revocation says why itself.
    const history = await getPage(restarted, `/app/comision/certificados/${c.id}`, await signIn(restarted, c.members[0]!));
    expect(history.statusCode).toBe(200);
    expect(visibleText(history.body)).toContain(c.reason);
    expect(visibleText(history.body)).not.toContain('Revocado de forma definitiva');

    await expectRecordsVerify(c.dataDir);
    await createBackup({ dataDir: c.dataDir, target: path.join(tempDir(), 'copia'), now: c.now });

    // Final: the commission can no longer reinstate it.
    const refused = await c.act('reinstatement', 'Intento de rehabilitar').expect(409);
    expect(refused.body).toMatchObject({ code: 'CERTIFICATE_STATE', message: expect.stringContaining('definitiva') });
    // Nor is the system's revocation appealed on its own: it follows from the suspension, which is what is appealed.
    const revocation = c.sql.prepare("SELECT seq FROM certificate_events WHERE certificate_id = ? AND event = 'revoked'").get(c.id) as {
      seq: number;
    };
    const appeal = await c.api
      .post('/api/v1/appeals')
      .set(c.committee.headers)
      .send({ revocationEventSeq: revocation.seq, reason: 'La suspensión nunca se revisó en una visita' })
      .expect(409);
    expect(appeal.body).toMatchObject({ code: 'REVOCATION_BY_RULE', message: expect.stringContaining('se apela la suspensión') });
  });

  it('is not made when the commission reinstates in time', async () => {
    const c = await suspendedCertificate();
    c.setClock('2026-12-10T20:00:00Z');
    await c.act('reinstatement', 'La denuncia no se comprobó en la visita').expect(200);
    c.setClock('2027-01-15T00:00:00Z');
    const restarted = await c.restart();
    const events = ((await c.get(request(restarted.server))).events as { event: string }[]).map((e) => e.event);
    expect(events).toEqual(['issued', 'suspended', 'reinstated']);
    const json = await request(restarted.server).get(c.verifyPath).set('accept', 'application/json').expect(200);
    expect(json.body.certificate.status).toBe('active');
  });

  it('a revocation of the commission passed off as the system’s is named, and its page does not vouch for it', async () => {
    const c = await suspendedCertificate();
    c.setClock('2026-07-01T15:00:00Z');
    await c.act('revocation', 'Se comprobó la mezcla de café').expect(200);
    c.sql.exec('DROP TRIGGER certificate_events_no_update');
    c.sql.prepare("UPDATE certificate_events SET automatic = 1 WHERE event = 'revoked'").run();
    await expectRecordsRefused(c.dataDir, c.code, 'no corresponde al máximo de suspensión de sus criterios');
    const json = await c.api.get(c.verifyPath).set('accept', 'application/json').expect(503);
    expect(json.body.code).toBe('CERTIFICATE_RECORD_INCONSISTENT');
  });
});
