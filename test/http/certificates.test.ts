import { threadId as mainThreadId } from 'node:worker_threads';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { renderCertificatePdf } from '../../src/pdf/certificate-pdf.js';
import type { PdfTask } from '../../src/pdf/pdf-pool.js';
import { buildTestApp } from '../helpers/app.js';
import { countRows } from '../helpers/auth.js';
import { cycleToCommission } from '../helpers/cycle.js';
import { binary } from '../helpers/http.js';
import { decodeQr, pdfFlatText, pdfFonts } from '../helpers/pdf-reader.js';

/** A certificate approved with one condition (a corrective action due in `days`), on a clock the test moves. */
async function certified({ days = 30 }: { days?: number } = {}) {
  let clock = Date.parse('2026-06-10T15:00:00Z');
  const c = await cycleToCommission({ answers: { 'P1.01': 'no_cumple' }, now: () => new Date(clock) });
  const deadline = new Date(clock + days * 86_400_000).toISOString().slice(0, 10);
  const action = await c.agreeAction('Recalcular costos y acordar precio en asamblea', deadline);
  await c.toCommission('approve_with_conditions');
  const session = await c.openSession();
  const decision = await c
    .decide(session.id, { proposedOutcome: 'approved_with_conditions', sealLevel: 'transicion' }, c.members)
    .expect(201);
  const certificateId = decision.body.certificateId as string;
  const get = async () => (await c.api.get(`/api/v1/certificates/${certificateId}`).set(c.committee.headers).expect(200)).body;
  return {
    ...c,
    session,
    decision: decision.body,
    certificateId,
    actionId: action.id,
    deadline,
    get,
    advance: (ms: number) => (clock += ms),
  };
}

describe('the certificate PDF', () => {
  it('reads back holder, scope, dates and code, embeds every font, and its QR decodes to the verification URL', async () => {
    const c = await certified();
    const cert = await c.get();
    const res = await c.api
      .get(`/api/v1/certificates/${c.certificateId}/certificate.pdf`)
      .set(c.committee.headers)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.body as Buffer;
    const text = (await pdfFlatText(pdf)).join('\n');
    for (const expected of [
      'Cooperativa Agropecuaria Señor de Mayo',
      'Familia Choque Quispe',
      'café pergamino',
      'miel',
      cert.code,
      cert.issuedOn,
      cert.expiresOn,
      'En transición',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toContain('Recalcular costos');
    // The decision is cited by its human numbers, never by an internal id.
    expect(text).toContain('Resolución N° 01/2026 de la Comisión de Certificación, sesión N° 01/2026 del 10 de junio de 2026');
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    const fonts = await pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((f) => f.embedded)).toBe(true);
    expect(cert.verificationUrl).toBe(`http://localhost:3000/c/${cert.code}`);
    expect(await decodeQr(pdf)).toBe(cert.verificationUrl);
  });

  it('is not for other organisations', async () => {
    const c = await certified();
    const { seedOrganization, seedUser } = await import('../helpers/auth.js');
    const outsider = await seedUser(c.app, { role: 'committee', organizationId: seedOrganization(c.app) });
    await c.api.get(`/api/v1/certificates/${c.certificateId}/certificate.pdf`).set(outsider.headers).expect(403);
    await c.api.get(`/api/v1/certificates/${c.certificateId}`).expect(401);
  });
});

describe('the certificate PDF in worker threads', () => {
  it('is rendered off the main thread, with the bytes the in-process renderer gives for the same data', async () => {
    const c = await certified();
    const { pdfs } = c.app;
    const before = pdfs.stats().completed;
    const tasks: PdfTask[] = [];
    const render = pdfs.render;
    pdfs.render = (task) => (tasks.push(task), render(task));
    const res = await c.api
      .get(`/api/v1/certificates/${c.certificateId}/certificate.pdf`)
      .set(c.committee.headers)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(pdfs.stats().completed).toBe(before + 1);
    expect(pdfs.stats().renderedOn.length).toBeGreaterThan(0);
    expect(pdfs.stats().renderedOn).not.toContain(mainThreadId);
    expect(tasks).toHaveLength(1);
    const task = tasks[0]!;
    if (task.kind !== 'certificate') throw new Error(`expected a certificate, got ${task.kind}`);
    expect((res.body as Buffer).equals(await renderCertificatePdf(task.data))).toBe(true);
  });

  it('answers a thread that dies mid-document with the usual 500, and the next request is served', async () => {
    const c = await certified();
    const { pdfs } = c.app;
    const url = `/api/v1/certificates/${c.certificateId}/certificate.pdf`;
    await c.api.get(url).set(c.committee.headers).expect(200);
    const render = pdfs.render;
    // The document is handed to a thread as render() is called; the threads are then stopped.
    pdfs.render = (task) => {
      const pdf = render(task);
      for (const thread of pdfs.threads()) void thread.terminate();
      return pdf;
    };
    const failed = await c.api.get(url).set(c.committee.headers).expect(500);
    expect(failed.body).toMatchObject({ statusCode: 500, code: 'INTERNAL_ERROR' });
    expect(JSON.stringify(failed.body)).not.toMatch(/worker|exited|thread/i);
    pdfs.render = render;
    const again = await c.api.get(url).set(c.committee.headers).buffer(true).parse(binary).expect(200);
    expect((await pdfFlatText(again.body as Buffer)).join('\n')).toContain((await c.get()).code);
  });
});

describe('the certificate lifecycle', () => {
  it('shows the certificate suspended once a condition is past its deadline, and records it', async () => {
    const c = await certified({ days: 10 });
    expect((await c.get()).status).toBe('active');
    c.advance(11 * 86_400_000);
    const late = await c.get();
    expect(late).toMatchObject({ status: 'suspended', statusReason: expect.stringContaining('Recalcular costos') });
    expect(late.conditions[0].overdue).toBe(true);
    // The sweep records what time did, once.
    expect(countRows(c.app, 'certificate_events')).toBe(1);
    const closed = await c.closeByCommissionReview(c.actionId, 'Asamblea aprobó el nuevo precio');
    expect(closed.body.closedAt).not.toBeNull();
    const events = (await c.get()).events.map((e: { event: string; automatic: boolean }) => [e.event, e.automatic]);
    expect(events).toEqual([
      ['issued', false],
      ['suspended', true],
    ]);
  });

  it('suspends with a reason, reinstates only by a session, and a revocation is final', async () => {
    const c = await certified();
    const member = c.members[0]!;
    const suspended = await c.api
      .post(`/api/v1/certificates/${c.certificateId}/suspension`)
      .set(member.headers)
      .send({ reason: 'Denuncia de trabajo infantil en investigación' })
      .expect(200);
    expect(suspended.body).toMatchObject({ status: 'suspended', statusReason: 'Denuncia de trabajo infantil en investigación' });

    const noSession = await c.api
      .post(`/api/v1/certificates/${c.certificateId}/reinstatement`)
      .set(member.headers)
      .send({ reason: 'La denuncia no se comprobó en la visita' })
      .expect(400);
    expect(noSession.body).toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'body.sessionId' }] });
    const back = await c.api
      .post(`/api/v1/certificates/${c.certificateId}/reinstatement`)
      .set(member.headers)
      .send({ reason: 'La denuncia no se comprobó en la visita', sessionId: c.session.id })
      .expect(200);
    expect(back.body.status).toBe('active');

    await c.api
      .post(`/api/v1/certificates/${c.certificateId}/revocation`)
      .set(member.headers)
      .send({ reason: 'Se comprobó trabajo forzoso', sessionId: c.session.id })
      .expect(200);
    const again = await c.api
      .post(`/api/v1/certificates/${c.certificateId}/reinstatement`)
      .set(member.headers)
      .send({ reason: 'Intento de rehabilitar', sessionId: c.session.id })
      .expect(409);
    expect(again.body).toMatchObject({ code: 'CERTIFICATE_STATE', message: expect.stringContaining('definitiva') });
    expect((await c.get()).events.map((e: { event: string }) => e.event)).toEqual(['issued', 'suspended', 'reinstated', 'revoked']);
    // Committees do not change certificate status.
    await c.api
      .post(`/api/v1/certificates/${c.certificateId}/suspension`)
      .set(c.committee.headers)
      .send({ reason: 'No corresponde al comité' })
      .expect(403);
  });

  it('shows the certificate expired after its last valid day, without any act', async () => {
    const c = await certified({ days: 60 });
    await c.closeByCommissionReview(c.actionId, 'Cumplido en plazo con acta de asamblea');
    c.advance(370 * 86_400_000);
    const cert = await c.get();
    expect(cert.status).toBe('expired');
    const refused = await c.api
      .post(`/api/v1/certificates/${c.certificateId}/suspension`)
      .set(c.members[0]!.headers)
      .send({ reason: 'Suspensión tardía sin sentido' })
      .expect(409);
    expect(refused.body.code).toBe('CERTIFICATE_EXPIRED');
    // A refused act writes nothing; the next sweep (here: at start) records the expiry at the instant it happened.
    expect((await c.get()).events.map((e: { event: string }) => e.event)).toEqual(['issued']);
    const restarted = await buildTestApp({ dataDir: c.dataDir }, { now: () => new Date(c.advance(0)) });
    const events = (await request(restarted.server).get(`/api/v1/certificates/${c.certificateId}`).set(c.committee.headers).expect(200))
      .body.events;
    expect(events.map((e: { event: string; at: string }) => [e.event, e.at])).toEqual([
      ['issued', expect.any(String)],
      ['expired', new Date(Date.parse(`${cert.expiresOn}T00:00:00Z`) + 28 * 3_600_000).toISOString()],
    ]);
  });
});

describe('appeals', () => {
  it('cannot be decided by a member who voted on the appealed decision', async () => {
    const c = await cycleToCommission({ members: 7 });
    await c.toCommission('deny');
    const first = await c.openSession(c.members.slice(0, 3));
    const denied = await c.decide(first.id, { proposedOutcome: 'denied' }, c.members.slice(0, 3)).expect(201);
    const appeal = await c.api
      .post('/api/v1/appeals')
      .set(c.committee.headers)
      .send({ decisionId: denied.body.id, reason: 'La visita no consideró la hoja de costos presentada' })
      .expect(201);
    expect(appeal.body.status).toBe('filed');

    const second = await c.openSession(c.members, '2026-07-01');
    const path = `/api/v1/commission/sessions/${second.id}/appeals/${appeal.body.id}/decision`;
    const body = { proposedOutcome: 'upheld', rationale: 'La hoja de costos estaba en el expediente y no se evaluó' };
    const refused = await c.api
      .post(path)
      .set(c.members[3]!.headers)
      .send({ ...body, votes: c.members.slice(0, 4).map((m) => ({ userId: m.user.id, vote: 'for' })) })
      .expect(422);
    expect(refused.body.issues.map((i: { code: string }) => i.code)).toContain('DECIDED_APPEALED_ACT');
    expect(refused.body.issues.find((i: { code: string }) => i.code === 'DECIDED_APPEALED_ACT').message).toContain('Comisionada 1');

    const upheld = await c.api
      .post(path)
      .set(c.members[3]!.headers)
      .send({ ...body, votes: c.members.slice(3).map((m) => ({ userId: m.user.id, vote: 'for' })) })
      .expect(200);
    expect(upheld.body).toMatchObject({ status: 'upheld', carried: true });
    expect(upheld.body.recusals.filter((r: { rule: string }) => r.rule === 'DECIDED_APPEALED_ACT')).toHaveLength(3);
    // Applied: the dossier is before the commission again.
    const dossier = await c.api.get(`/api/v1/dossiers/${c.dossier.id}`).set(c.committee.headers).expect(200);
    expect(dossier.body.state).toBe('ready_for_commission');
    await c.api
      .post(path)
      .set(c.members[3]!.headers)
      .send({ ...body, votes: c.members.slice(3).map((m) => ({ userId: m.user.id, vote: 'for' })) })
      .expect(409);
  });
});

describe('appeals against a suspension', () => {
  it('are heard without the member who suspended, and an upheld appeal reinstates the certificate', async () => {
    const c = await certified();
    const [suspender, ...others] = c.members;
    await c.api
      .post(`/api/v1/certificates/${c.certificateId}/suspension`)
      .set(suspender!.headers)
      .send({ reason: 'Denuncia de un comprador por mezcla de café' })
      .expect(200);
    const seq = (await c.get()).events.find((e: { event: string }) => e.event === 'suspended').seq as number;
    const producerUser = await (
      await import('../helpers/auth.js')
    ).seedUser(c.app, { role: 'producer', organizationId: c.org, producerId: c.producer });
    const appeal = await c.api
      .post('/api/v1/appeals')
      .set(producerUser.headers)
      .send({ suspensionEventSeq: seq, reason: 'El café mezclado no era nuestro: adjuntamos guías de despacho' })
      .expect(201);
    await c.api
      .post('/api/v1/appeals')
      .set(producerUser.headers)
      .send({ suspensionEventSeq: seq, reason: 'Segunda apelación contra lo mismo' })
      .expect(409);

    const path = `/api/v1/commission/sessions/${c.session.id}/appeals/${appeal.body.id}/decision`;
    const body = { proposedOutcome: 'upheld', rationale: 'Las guías muestran que el lote no era de la familia' };
    const refused = await c.api
      .post(path)
      .set(others[0]!.headers)
      .send({ ...body, votes: c.members.map((m) => ({ userId: m.user.id, vote: 'for' })) })
      .expect(422);
    expect(refused.body.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'DECIDED_APPEALED_ACT', path: 'body.votes.0.userId' })]),
    );
    const upheld = await c.api
      .post(path)
      .set(others[0]!.headers)
      .send({ ...body, votes: others.map((m) => ({ userId: m.user.id, vote: 'for' })) })
      .expect(200);
    expect(upheld.body.status).toBe('upheld');
    const cert = await c.get();
    expect(cert.status).toBe('active');
    expect(cert.events.at(-1)).toMatchObject({ event: 'reinstated', reason: expect.stringContaining('Apelación acogida') });
  });
});

describe('the session minutes', () => {
  it('lists attendance, votes, recusals and outcome in the acta PDF', async () => {
    const c = await certified();
    const res = await c.api
      .get(`/api/v1/commission/sessions/${c.session.id}/acta.pdf`)
      .set(c.members[0]!.headers)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const text = (await pdfFlatText(res.body as Buffer)).join('\n');
    for (const expected of ['Comisionada 1', 'Comisionada 4', 'Familia Choque Quispe', (await c.get()).code])
      expect(text).toContain(expected);
    await c.api.get(`/api/v1/commission/sessions/${c.session.id}/acta.pdf`).set(c.committee.headers).expect(403);
  });
});
