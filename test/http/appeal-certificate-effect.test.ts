/**
 * An upheld appeal against a decision that issued a certificate says what happens to it: withdrawn at
 * once (revoked in the appeal's session), or kept until the commission decides the reopened dossier
 * again, when the new decision replaces it or, denying, revokes it. Each revocation is an ordinary
 * commission act: the public page shows it and the transparency log and audit trail still verify.
 */
import { describe, expect, it } from 'vitest';
import { expectRecordsVerify } from '../helpers/cli.js';
import { cycleToCommission } from '../helpers/cycle.js';
import { binary } from '../helpers/http.js';
import { getPage, postForm, signIn, visibleText } from '../helpers/pages.js';
import { pdfFlatText } from '../helpers/pdf-reader.js';

const RATIONALE = 'La visita no consideró el lote de miel de otra familia';

/** Approved at pleno by the first three members; the committee appeals the decision; a second session with all seven hears it. */
async function appealed() {
  const c = await cycleToCommission({ members: 7 });
  await c.toCommission();
  const first = await c.openSession(c.members.slice(0, 3));
  const decision = await c.decide(first.id, { proposedOutcome: 'approved', sealLevel: 'pleno' }, c.members.slice(0, 3)).expect(201);
  const certificateId = decision.body.certificateId as string;
  const certificate = async (id = certificateId) =>
    (await c.api.get(`/api/v1/certificates/${id}`).set(c.committee.headers).expect(200)).body;
  const code = (await certificate()).code as string;
  const appeal = await c.api
    .post('/api/v1/appeals')
    .set(c.committee.headers)
    .send({ decisionId: decision.body.id, reason: 'Se certificó miel que no produce la familia' })
    .expect(201);
  const second = await c.openSession(c.members, '2026-07-01');
  const deciders = c.members.slice(3);
  /** Decides the appeal in the second session with the members who did not take the decision. */
  const decideAppeal = (body: Record<string, unknown>) =>
    c.api
      .post(`/api/v1/commission/sessions/${second.id}/appeals/${appeal.body.id}/decision`)
      .set(deciders[0]!.headers)
      .send({ rationale: RATIONALE, ...body, votes: deciders.map((m) => ({ userId: m.user.id, vote: 'for' })) });
  const publicView = async (of = code) =>
    (await c.api.get(`/c/${of}`).set('accept', 'application/json').expect(200)).body.certificate as {
      code: string;
      status: string;
      statusReason: string | null;
    };
  const verify = async () => {
    await expectRecordsVerify(c.dataDir);
  };
  return { ...c, decision, certificateId, certificate, code, appeal, second, deciders, decideAppeal, publicView, verify };
}

describe('an upheld appeal against a decision that issued a certificate', () => {
  it('needs the choice of what happens to the certificate, and nothing is applied without it', async () => {
    const c = await appealed();
    const missing = await c.decideAppeal({ proposedOutcome: 'upheld' }).expect(422);
    expect(missing.body).toMatchObject({
      statusCode: 422,
      code: 'CERTIFICATE_EFFECT_REQUIRED',
      issues: [{ path: 'body.certificateEffect', code: 'CERTIFICATE_EFFECT_REQUIRED' }],
    });
    expect(missing.body.message).toContain(c.code);
    // A value outside the two is a malformed request, like any other field.
    const unknown = await c.decideAppeal({ proposedOutcome: 'upheld', certificateEffect: 'keep' }).expect(400);
    expect(unknown.body.issues.map((i: { path: string }) => i.path)).toContain('body.certificateEffect');
    // Rejecting says nothing of the certificate: a choice there is refused too.
    const unexpected = await c.decideAppeal({ proposedOutcome: 'rejected', certificateEffect: 'withdraw' }).expect(422);
    expect(unexpected.body).toMatchObject({ code: 'CERTIFICATE_EFFECT_UNEXPECTED', issues: [{ path: 'body.certificateEffect' }] });
    expect((await c.api.get(`/api/v1/appeals/${c.appeal.body.id}`).set(c.committee.headers).expect(200)).body.status).toBe('filed');
    expect((await c.publicView()).status).toBe('active');
  });

  it('withdraw: the certificate is revoked at once in the appeal session, with the reason, and the logs verify', async () => {
    const c = await appealed();
    const upheld = await c.decideAppeal({ proposedOutcome: 'upheld', certificateEffect: 'withdraw' }).expect(200);
    expect(upheld.body).toMatchObject({ status: 'upheld', certificateEffect: 'withdraw' });
    const shown = await c.publicView();
    expect(shown.status).toBe('revoked');
    expect(shown.statusReason).toMatch(/^Retirado por apelación acogida contra la resolución N° \d{2}\/\d{4}: /);
    expect(shown.statusReason).toContain(RATIONALE);
    const revocation = (await c.certificate()).events.at(-1);
    expect(revocation).toMatchObject({ event: 'revoked', reason: shown.statusReason });
    const dossier = await c.api.get(`/api/v1/dossiers/${c.dossier.id}`).set(c.committee.headers).expect(200);
    expect(dossier.body.state).toBe('ready_for_commission');
    await c.verify();

    // The acta tells the withdrawal with the appeal, not as a revocation of its own.
    await c.api.post(`/api/v1/commission/sessions/${c.second.id}/close`).set(c.deciders[0]!.headers).send({ endsAt: '23:00' }).expect(200);
    const acta = await c.api
      .get(`/api/v1/commission/sessions/${c.second.id}/acta.pdf`)
      .set(c.deciders[0]!.headers)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const text = (await pdfFlatText(acta.body as Buffer)).join('\n');
    expect(text).toContain(`En consecuencia, se retira el certificado ${c.code} emitido por la resolución apelada`);
    expect(text).not.toContain(`Revocación del certificado ${c.code}`);
  });

  it('replace: the certificate stays until the new decision, which issues its replacement and revokes it naming the new code', async () => {
    const c = await appealed();
    const upheld = await c.decideAppeal({ proposedOutcome: 'upheld', certificateEffect: 'replace' }).expect(200);
    expect(upheld.body).toMatchObject({ status: 'upheld', certificateEffect: 'replace' });
    expect((await c.publicView()).status).toBe('active');

    const redecided = await c.decide(c.second.id, { proposedOutcome: 'approved', sealLevel: 'pleno' }, c.members).expect(201);
    const replacement = await c.certificate(redecided.body.certificateId as string);
    expect(replacement.code).not.toBe(c.code);
    const old = await c.publicView();
    expect(old).toMatchObject({
      status: 'revoked',
      statusReason: `Reemplazado por el certificado ${replacement.code} (apelación acogida)`,
    });
    expect((await c.publicView(replacement.code)).status).toBe('active');
    await c.verify();
  });

  it('replace: a new decision that denies revokes the certificate, saying so', async () => {
    const c = await appealed();
    await c.decideAppeal({ proposedOutcome: 'upheld', certificateEffect: 'replace' }).expect(200);
    const denied = await c.decide(c.second.id, { proposedOutcome: 'denied' }, c.members).expect(201);
    expect(denied.body.certificateId).toBeNull();
    const old = await c.publicView();
    expect(old.status).toBe('revoked');
    expect(old.statusReason).toMatch(
      /^Revocado: tras la apelación acogida, la comisión denegó la certificación en la resolución N° \d{2}\/\d{4}$/,
    );
    await c.verify();
  });

  it('a rejected appeal leaves the certificate untouched', async () => {
    const c = await appealed();
    const rejected = await c.decideAppeal({ proposedOutcome: 'rejected' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', certificateEffect: null });
    expect(await c.publicView()).toMatchObject({ status: 'active', statusReason: null });
    expect((await c.certificate()).events.map((e: { event: string }) => e.event)).toEqual(['issued']);
  });

  it('the appeal page asks what happens to the certificate when upholding, and states the choice once decided', async () => {
    const c = await appealed();
    const cookie = await signIn(c.app, c.deciders[0]!);
    const url = `/app/comision/apelaciones/${c.appeal.body.id}`;
    const form = await getPage(c.app, `${url}?sesion=${c.second.id}`, cookie);
    expect(visibleText(form.body)).toContain(`Si se acoge: qué pasa con el certificado ${c.code}`);
    expect(form.body).toContain('name="certificado" value="withdraw"');
    const fields = (extra: Record<string, string>) => ({
      sesion: c.second.id,
      propuesta: 'upheld',
      fundamento: RATIONALE,
      ...Object.fromEntries(c.deciders.map((m) => [`voto-${m.user.id}`, 'for'])),
      ...extra,
    });
    const missing = await postForm(c.app, url, fields({}), { cookie });
    expect(missing.statusCode).toBe(400);
    expect(visibleText(missing.body)).toContain(`Al acoger la apelación, elija qué pasa con el certificado ${c.code}`);
    expect((await c.publicView()).status).toBe('active');

    const done = await postForm(c.app, url, fields({ certificado: 'replace' }), { cookie });
    expect(done.statusCode).toBe(303);
    const decided = visibleText((await getPage(c.app, url, cookie)).body);
    expect(decided).toContain(`El certificado ${c.code} se mantiene hasta la nueva decisión de la comisión sobre el expediente`);
    expect((await c.publicView()).status).toBe('active');
  });
});
