/**
 * Appeals against a revocation, within the deadline the criteria set (2026.4: 30 days, counted in
 * Bolivia from the day of the revocation): on time they are filed and heard; late they are refused
 * naming the last day.
 */
import { describe, expect, it } from 'vitest';
import { countRows, seedUser } from '../helpers/auth.js';
import { cycleToCommission } from '../helpers/cycle.js';
import { binary } from '../helpers/http.js';
import { getPage, signIn, visibleText } from '../helpers/pages.js';
import { pdfFlatText } from '../helpers/pdf-reader.js';

/** A certificate approved at pleno and revoked at 2026-06-10 15:00Z (11:00 in Bolivia), on a clock the test moves. */
async function revoked() {
  let clock = Date.parse('2026-06-10T15:00:00Z');
  const c = await cycleToCommission({ now: () => new Date(clock) });
  await c.toCommission();
  const session = await c.openSession();
  const decision = await c.decide(session.id, { proposedOutcome: 'approved', sealLevel: 'pleno' }, c.members).expect(201);
  const certificateId = decision.body.certificateId as string;
  const [revoker, ...others] = c.members;
  await c.api
    .post(`/api/v1/certificates/${certificateId}/revocation`)
    .set(revoker!.headers)
    .send({ reason: 'Se comprobó la venta de café de terceros con el sello', sessionId: session.id })
    .expect(200);
  const get = async () => (await c.api.get(`/api/v1/certificates/${certificateId}`).set(c.committee.headers).expect(200)).body;
  const seq = (await get()).events.find((e: { event: string }) => e.event === 'revoked').seq as number;
  const producerUser = await seedUser(c.app, { role: 'producer', organizationId: c.org, producerId: c.producer });
  const appeal = (reason = 'El café vendido era nuestro: adjuntamos las guías de despacho') =>
    c.api.post('/api/v1/appeals').set(producerUser.headers).send({ revocationEventSeq: seq, reason });
  return {
    ...c,
    session,
    certificateId,
    seq,
    revoker: revoker!,
    others,
    producerUser,
    get,
    appeal,
    setClock: (at: string) => (clock = Date.parse(at)),
  };
}

describe('appeals against a revocation', () => {
  it('are filed on the last day of the deadline, heard without who revoked, and an upheld appeal reinstates the certificate', async () => {
    const c = await revoked();
    // 30 days after 10 June is 10 July; 23:59 of that day in Bolivia is 03:59Z of the 11th.
    c.setClock('2026-07-11T03:59:00Z');
    const filed = await c.appeal().expect(201);
    expect(filed.body).toMatchObject({ revocationEventSeq: c.seq, suspensionEventSeq: null, decisionId: null, status: 'filed' });
    await c.appeal('Segunda apelación contra lo mismo').expect(409);

    // The commission reads what is appealed in words, and who may not vote because they revoked.
    const code = (await c.get()).code as string;
    const commissionCookie = await signIn(c.app, c.others[0]!);
    const appealPage = visibleText((await getPage(c.app, `/app/comision/apelaciones/${filed.body.id}`, commissionCookie)).body);
    expect(appealPage).toContain(`Qué se apela Revocación del certificado ${code} del 10 de junio de 2026`);
    expect(appealPage).toContain('Motivo de la revocación Se comprobó la venta de café de terceros con el sello');
    expect(appealPage).toContain(`${c.revoker.user.displayName}: revocó el certificado`);

    const path = `/api/v1/commission/sessions/${c.session.id}/appeals/${filed.body.id}/decision`;
    const body = { proposedOutcome: 'upheld', rationale: 'Las guías muestran que el café era de la familia' };
    const refused = await c.api
      .post(path)
      .set(c.others[0]!.headers)
      .send({ ...body, votes: c.members.map((m) => ({ userId: m.user.id, vote: 'for' })) })
      .expect(422);
    expect(refused.body.issues).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'DECIDED_APPEALED_ACT' })]));
    const upheld = await c.api
      .post(path)
      .set(c.others[0]!.headers)
      .send({ ...body, votes: c.others.map((m) => ({ userId: m.user.id, vote: 'for' })) })
      .expect(200);
    expect(upheld.body).toMatchObject({ status: 'upheld', revocationEventSeq: c.seq });
    const cert = await c.get();
    expect(cert.status).toBe('active');
    expect(cert.events.at(-1)).toMatchObject({ event: 'reinstated', reason: expect.stringContaining('Apelación acogida') });

    // The acta names the revocation appealed, by certificate and date, and the reinstatement it brought.
    await c.api.post(`/api/v1/commission/sessions/${c.session.id}/close`).set(c.others[0]!.headers).send({ endsAt: '23:00' }).expect(200);
    const acta = await c.api
      .get(`/api/v1/commission/sessions/${c.session.id}/acta.pdf`)
      .set(c.others[0]!.headers)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const text = (await pdfFlatText(acta.body as Buffer)).join('\n');
    expect(text).toContain(`Revocación del certificado ${code} del 10 de junio de 2026`);
    expect(text).toContain(`En consecuencia, se rehabilita el certificado ${code}.`);
  });

  it('are refused once the deadline has passed, naming the last day in words, and nothing is written', async () => {
    const c = await revoked();
    const before = countRows(c.app, 'appeals');
    c.setClock('2026-07-11T04:00:00Z');
    const late = await c.appeal().expect(422);
    const message = 'El plazo para apelar la revocación venció el 10 de julio de 2026 (30 días desde la revocación, criterios 2026.4)';
    expect(late.body).toMatchObject({
      statusCode: 422,
      code: 'APPEAL_DEADLINE_PASSED',
      message,
      issues: [{ path: 'body.revocationEventSeq', message, code: 'APPEAL_DEADLINE_PASSED' }],
    });
    expect(countRows(c.app, 'appeals')).toBe(before);
    expect((await c.get()).status).toBe('revoked');
  });

  it('the appeal form offers a revocation with its last day while on time, and lists it apart once late', async () => {
    const c = await revoked();
    let cookie = await signIn(c.app, c.producerUser);
    const url = `/app/expedientes/${c.dossier.id}/apelar`;
    const onTime = visibleText((await getPage(c.app, url, cookie)).body);
    expect(onTime).toContain('se puede apelar hasta el 10 de julio de 2026, inclusive');
    expect((await getPage(c.app, url, cookie)).body).toContain(`value="revocation:${c.seq}"`);
    const dossierPage = `/app/expedientes/${c.dossier.id}`;
    expect((await getPage(c.app, dossierPage, cookie)).body).toContain(`href="${url}?que=revocation">Apelar la revocación</a>`);
    expect((await getPage(c.app, `${url}?que=revocation`, cookie)).body).toContain(`value="revocation:${c.seq}" checked`);

    c.setClock('2026-07-20T12:00:00Z');
    // Ten days later the sign-in has lapsed: sign in again.
    cookie = await signIn(c.app, c.producerUser);
    const late = await getPage(c.app, url, cookie);
    expect(late.body).not.toContain(`value="revocation:${c.seq}"`);
    expect(visibleText(late.body)).toContain('Ya no se pueden apelar (venció el plazo que fijan los criterios):');
    expect(visibleText(late.body)).toContain('el plazo para apelarla venció el 10 de julio de 2026');
    expect((await getPage(c.app, dossierPage, cookie)).body).not.toContain('Apelar la revocación');
  });

  it('refuses a revocation number that is not a revocation', async () => {
    const c = await revoked();
    const issued = (await c.get()).events.find((e: { event: string }) => e.event === 'issued').seq as number;
    const res = await c.api
      .post('/api/v1/appeals')
      .set(c.producerUser.headers)
      .send({ revocationEventSeq: issued, reason: 'Apelación contra lo que no es una revocación' })
      .expect(404);
    expect(res.body.code).toBe('REVOCATION_NOT_FOUND');
  });
});
