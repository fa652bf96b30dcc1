/**
 * Appeals over HTTP, as a browser without scripts sends them. The producer or their committee
 * files one from the dossier page against a decision or a suspension, chosen by its words; the
 * commission sees the appeals waiting and decided, who may not vote and why before the vote, and
 * records each present member's vote in an open session (the appeal goes on its agenda). Refusals
 * for whoever may not appeal, or may not act as the commission.
 */
import { describe, expect, it } from 'vitest';
import { countRows, seedOrganization, seedUser } from '../helpers/auth.js';
import { cycleToCommission } from '../helpers/cycle.js';
import { getPage, postForm, signIn, UUID, visibleText } from '../helpers/pages.js';

/** A dossier denied by members 1 to 3 in session 01/2026; the clock moves a second per reading. */
async function denied() {
  let clock = Date.parse('2026-11-02T13:00:00Z');
  const c = await cycleToCommission({ members: 7, now: () => new Date((clock += 1000)) });
  await c.toCommission('deny');
  const deciders = c.members.slice(0, 3);
  const first = await c.openSession(deciders, '2026-11-02');
  const decision = (await c.decide(first.id, { proposedOutcome: 'denied' }, deciders).expect(201)).body as { id: string };
  const dossierPage = `/app/expedientes/${c.dossier.id}`;
  const appeals = () =>
    c.app.db.$client.prepare('SELECT id, decision_id AS decisionId, event_seq AS eventSeq, status, reason FROM appeals').all() as {
      id: string;
      decisionId: string | null;
      eventSeq: number | null;
      status: string;
      reason: string;
    }[];
  return { ...c, first, decision, dossierPage, appeals };
}

/** The committee files an appeal against the denial through the page. */
async function appealed() {
  const c = await denied();
  const cookie = await signIn(c.app, c.committee);
  const res = await postForm(
    c.app,
    `${c.dossierPage}/apelar`,
    { acto: `decision:${c.decision.id}`, motivo: 'La visita no consideró la hoja de costos presentada' },
    { cookie },
  );
  expect(res.statusCode, res.body).toBe(303);
  const appealId = c.appeals()[0]!.id;
  // The later session: Comisionada 1 (who denied) and members 4 to 7.
  const later = await c.openSession([c.members[0]!, ...c.members.slice(3)], '2026-11-20');
  const member = await signIn(c.app, c.members[3]!);
  return { ...c, appealId, later, member, page: `/app/comision/apelaciones/${appealId}` };
}

describe('/app/expedientes/:id/apelar: filing an appeal', () => {
  it('offers «Apelar la decisión» to the committee, chooses the decision by its number and date, and files it', async () => {
    const c = await denied();
    const cookie = await signIn(c.app, c.committee);
    const dossier = await getPage(c.app, c.dossierPage, cookie);
    expect(dossier.body).toContain(`<a class="btn btn-block" href="${c.dossierPage}/apelar">Apelar la decisión</a>`);
    expect(dossier.body).not.toContain('Apelar la suspensión');

    const form = await getPage(c.app, `${c.dossierPage}/apelar`, cookie);
    expect(form.statusCode).toBe(200);
    const text = visibleText(form.body);
    expect(text).toContain('Expediente de Familia Choque Quispe, ciclo 2026.');
    expect(text).toContain('Resolución N° 01/2026 (denegado), Sesión N° 01/2026 del 2 de noviembre de 2026');
    expect(form.body).toContain(`value="decision:${c.decision.id}" checked`);
    expect(text).not.toMatch(UUID);

    const short = await postForm(c.app, `${c.dossierPage}/apelar`, { acto: `decision:${c.decision.id}`, motivo: 'corto' }, { cookie });
    expect(short.statusCode).toBe(400);
    expect(visibleText(short.body)).toContain('Explique por qué apela (al menos 10 caracteres)');
    const none = await postForm(c.app, `${c.dossierPage}/apelar`, { motivo: 'La visita no consideró la hoja de costos' }, { cookie });
    expect(none.statusCode).toBe(400);
    expect(visibleText(none.body)).toContain('Elija qué apela');
    expect(c.appeals()).toEqual([]);

    const res = await postForm(
      c.app,
      `${c.dossierPage}/apelar`,
      { acto: `decision:${c.decision.id}`, motivo: 'La visita no consideró la hoja de costos presentada' },
      { cookie },
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${c.dossierPage}?hecho=apelacion`);
    expect(c.appeals()).toEqual([
      {
        id: expect.any(String),
        decisionId: c.decision.id,
        eventSeq: null,
        status: 'filed',
        reason: 'La visita no consideró la hoja de costos presentada',
      },
    ]);
    const after = await getPage(c.app, res.headers.location!, cookie);
    expect(visibleText(after.body)).toContain('Apelación presentada; la comisión la resolverá en una sesión.');
    // The decision now has an appeal waiting: it is not offered again.
    expect(after.body).not.toContain('Apelar la decisión');
    const again = visibleText((await getPage(c.app, `${c.dossierPage}/apelar`, cookie)).body);
    expect(again).toContain('Ya apeladas, esperan la resolución de la comisión: Resolución N° 01/2026');
    expect(again).toContain('No hay decisiones, suspensiones ni revocaciones que se puedan apelar ahora en este expediente.');
    const twice = await postForm(
      c.app,
      `${c.dossierPage}/apelar`,
      { acto: `decision:${c.decision.id}`, motivo: 'Una segunda apelación igual' },
      { cookie },
    );
    expect(twice.statusCode).toBe(400);
    expect(c.appeals()).toHaveLength(1);
  });

  it('lets the producer appeal the suspension of their certificate', async () => {
    let clock = Date.parse('2026-11-02T13:00:00Z');
    const c = await cycleToCommission({ now: () => new Date((clock += 1000)) });
    await c.toCommission('approve');
    const session = await c.openSession(c.members.slice(0, 3), '2026-11-02');
    const cert = (await c.decide(session.id, { proposedOutcome: 'approved', sealLevel: 'pleno' }, c.members.slice(0, 3)).expect(201)).body;
    const suspended = await c.api
      .post(`/api/v1/certificates/${cert.certificateId}/suspension`)
      .set(c.members[0]!.headers)
      .send({ reason: 'Denuncia de mezcla con café de otra finca' })
      .expect(200);
    const seq = (suspended.body.events as { seq: number; event: string }[]).at(-1)!.seq;
    const producer = await seedUser(c.app, { role: 'producer', organizationId: c.org, producerId: c.producer });
    const cookie = await signIn(c.app, producer);
    const base = `/app/expedientes/${c.dossier.id}`;
    const dossier = await getPage(c.app, base, cookie);
    expect(dossier.body).toContain(`href="${base}/apelar?que=suspension">Apelar la suspensión</a>`);
    const form = await getPage(c.app, `${base}/apelar?que=suspension`, cookie);
    expect(visibleText(form.body)).toContain(
      `Suspensión del certificado ${suspended.body.code} del 2 de noviembre de 2026. Motivo: Denuncia de mezcla con café de otra finca`,
    );
    expect(form.body).toContain(`value="suspension:${seq}" checked`);
    const res = await postForm(
      c.app,
      `${base}/apelar`,
      { acto: `suspension:${seq}`, motivo: 'La mezcla no ocurrió: el café es de la familia' },
      { cookie },
    );
    expect(res.statusCode).toBe(303);
    const row = c.app.db.$client.prepare('SELECT event_seq AS eventSeq, decision_id AS decisionId, status FROM appeals').get();
    expect(row).toEqual({ eventSeq: seq, decisionId: null, status: 'filed' });
  });

  it('refuses the form to whoever may not appeal the dossier, and writes nothing', async () => {
    const c = await denied();
    const reviewer = await seedUser(c.app, { role: 'reviewer', organizationId: c.org, personId: c.reviewer });
    const otherCommittee = await seedUser(c.app, { role: 'committee', organizationId: seedOrganization(c.app) });
    const fields = { acto: `decision:${c.decision.id}`, motivo: 'La visita no consideró la hoja de costos' };
    for (const user of [reviewer, otherCommittee, c.members[0]!]) {
      const cookie = await signIn(c.app, user);
      const form = await getPage(c.app, `${c.dossierPage}/apelar`, cookie);
      expect(form.statusCode, user.user.role).toBe(403);
      expect(visibleText(form.body)).toContain('No tiene permiso');
      expect((await postForm(c.app, `${c.dossierPage}/apelar`, fields, { cookie })).statusCode, user.user.role).toBe(403);
      expect((await postForm(c.app, `${c.dossierPage}/apelar`, {}, { cookie })).statusCode, user.user.role).toBe(403);
    }
    const reviewerPage = await getPage(c.app, c.dossierPage, await signIn(c.app, reviewer));
    expect(reviewerPage.statusCode).toBe(200);
    expect(reviewerPage.body).not.toContain('/apelar');
    const csrf = await postForm(c.app, `${c.dossierPage}/apelar`, fields, {
      cookie: await signIn(c.app, c.committee),
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
    });
    expect(csrf.statusCode).toBe(403);
    expect(visibleText(csrf.body)).toContain('La solicitud no vino de una página de este sitio');
    expect(c.appeals()).toEqual([]);
  });
});

describe('/app/comision/apelaciones: the commission hears appeals', () => {
  it('lists the appeals waiting with holder, what is appealed in words, date and reason', async () => {
    const c = await appealed();
    const res = await getPage(c.app, '/app/comision/apelaciones', c.member);
    expect(res.statusCode).toBe(200);
    const text = visibleText(res.body);
    expect(text).toContain('Esperan la resolución (1)');
    expect(text).toContain(
      'Familia Choque Quispe Cooperativa Agropecuaria Señor de Mayo Resolución N° 01/2026 (denegado), Sesión N° 01/2026 del 2 de noviembre de 2026 2 de noviembre de 2026 La visita no consideró la hoja de costos presentada',
    );
    expect(text).toContain('La comisión todavía no resolvió ninguna apelación.');
    expect(res.body).toContain(`href="${c.page}"`);
    expect(text).not.toMatch(UUID);
  });

  it('shows who may not vote and why before the vote, takes each present member’s vote in an open session, and puts the appeal on its agenda', async () => {
    const c = await appealed();
    const page = await getPage(c.app, c.page, c.member);
    expect(page.statusCode).toBe(200);
    let text = visibleText(page.body);
    expect(text).toContain('Apelación de Familia Choque Quispe');
    expect(text).toMatch(/presentada el 2 de noviembre de 2026 por Usuaria committee \d+/);
    expect(text).toContain('Qué se apela Resolución N° 01/2026 (denegado), Sesión N° 01/2026 del 2 de noviembre de 2026');
    expect(text).toContain('Quiénes no pueden votar');
    expect(text).toContain(
      'Comisionada 1: votó la resolución apelada Comisionada 2: votó la resolución apelada Comisionada 3: votó la resolución apelada',
    );
    // Two sessions are open: the vote waits for the choice.
    expect(page.body).toContain(`<option value="${c.later.id}">Sesión N° 02/2026 del 20 de noviembre de 2026</option>`);
    expect(page.body).not.toContain('name="propuesta"');

    const chosen = await getPage(c.app, `${c.page}?sesion=${c.later.id}`, c.member);
    text = visibleText(chosen.body);
    expect(text).toContain('En la Sesión N° 02/2026 del 20 de noviembre de 2026');
    expect(text).toContain('No votan esta apelación: Comisionada 1 tomó o votó el acto apelado');
    expect(text).toContain('Votan: Comisionada 4, Comisionada 5, Comisionada 6, Comisionada 7.');
    expect(text.indexOf('No votan esta apelación')).toBeLessThan(text.indexOf('Propuesta que se vota'));
    for (const m of c.members.slice(3)) expect(chosen.body).toContain(`name="voto-${m.user.id}"`);
    expect(chosen.body).not.toContain(`name="voto-${c.members[0]!.user.id}"`);
    expect(text).not.toMatch(UUID);

    const votes = (overrides: Record<string, string> = {}) => ({
      sesion: c.later.id,
      propuesta: 'upheld',
      fundamento: 'La hoja de costos estaba en el expediente y no se evaluó',
      ...Object.fromEntries(c.members.slice(3).map((m) => [`voto-${m.user.id}`, 'for'])),
      ...overrides,
    });
    const before = { votes: countRows(c.app, 'votes'), agenda: countRows(c.app, 'session_agenda_items') };
    const against = await postForm(c.app, c.page, votes({ [`voto-${c.members[4]!.user.id}`]: 'against' }), { cookie: c.member });
    expect(against.statusCode).toBe(400);
    expect(visibleText(against.body)).toContain('Un voto en contra lleva su fundamento: escríbalo junto al voto de Comisionada 5');
    expect(against.body).toContain(`name="voto-${c.members[4]!.user.id}" value="against" checked`);
    const missing = await postForm(c.app, c.page, votes({ [`voto-${c.members[6]!.user.id}`]: '' }), { cookie: c.member });
    expect(missing.statusCode).toBe(400);
    expect(visibleText(missing.body)).toContain('Falta el voto de Comisionada 7');
    // A proposal that does not carry records nothing, not even the agenda item.
    const lost = await postForm(
      c.app,
      c.page,
      votes({
        [`voto-${c.members[3]!.user.id}`]: 'against',
        [`motivo-${c.members[3]!.user.id}`]: 'La hoja no estaba firmada',
        [`voto-${c.members[4]!.user.id}`]: 'against',
        [`motivo-${c.members[4]!.user.id}`]: 'No cambia la decisión',
        [`voto-${c.members[5]!.user.id}`]: 'abstain',
      }),
      { cookie: c.member },
    );
    expect(lost.statusCode).toBe(422);
    expect(visibleText(lost.body)).toContain('La propuesta no obtuvo mayoría (1 a favor, 2 en contra)');
    expect({ votes: countRows(c.app, 'votes'), agenda: countRows(c.app, 'session_agenda_items') }).toEqual(before);
    expect(c.appeals()[0]!.status).toBe('filed');

    const res = await postForm(
      c.app,
      c.page,
      votes({ [`voto-${c.members[6]!.user.id}`]: 'against', [`motivo-${c.members[6]!.user.id}`]: 'La hoja llegó tarde' }),
      { cookie: c.member },
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${c.page}?hecho=resuelta`);
    expect(c.appeals()[0]!.status).toBe('upheld');
    const api = (await c.api.get(`/api/v1/appeals/${c.appealId}`).set(c.members[3]!.headers).expect(200)).body;
    expect(api).toMatchObject({ status: 'upheld', sessionId: c.later.id, carried: true });
    expect(api.votes.find((v: { name: string }) => v.name === 'Comisionada 7')).toMatchObject({
      vote: 'against',
      rationale: 'La hoja llegó tarde',
    });
    expect(api.recusals.map((r: { name: string; rule: string }) => [r.name, r.rule])).toEqual([['Comisionada 1', 'DECIDED_APPEALED_ACT']]);
    const agenda = c.app.db.$client.prepare('SELECT session_id AS sessionId, kind, appeal_id AS appealId FROM session_agenda_items').all();
    expect(agenda).toEqual([{ sessionId: c.later.id, kind: 'appeal', appealId: c.appealId }]);
    // Upheld against a decision: the dossier is back before the commission.
    const state = (c.app.db.$client.prepare('SELECT state FROM dossiers WHERE id = ?').get(c.dossier.id) as { state: string }).state;
    expect(state).toBe('ready_for_commission');

    const done = visibleText((await getPage(c.app, res.headers.location!, c.member)).body);
    expect(done).toContain('Apelación resuelta y registrada en la sesión.');
    expect(done).toMatch(/Resolución Aceptada el 2 de noviembre de 2026, Sesión N° 02\/2026 del 20 de noviembre de 2026\./);
    expect(done).toContain('Comisionada 7 En contra La hoja llegó tarde');
    expect(done).toContain('No votaron: Comisionada 1 tomó o votó el acto apelado');
    expect(done).not.toContain('Propuesta que se vota');
    const list = visibleText((await getPage(c.app, '/app/comision/apelaciones', c.member)).body);
    expect(list).toContain('Esperan la resolución (0)');
    expect(list).toContain('Aceptada el 2 de noviembre de 2026, Sesión N° 02/2026 del 20 de noviembre de 2026');
  });

  it('takes a member’s excusal with its reason instead of a vote', async () => {
    const c = await appealed();
    const [m4, m5, m6, m7] = c.members.slice(3).map((m) => m.user.id);
    const res = await postForm(
      c.app,
      c.page,
      {
        sesion: c.later.id,
        propuesta: 'rejected',
        fundamento: 'La hoja de costos no cambia el incumplimiento',
        [`voto-${m4}`]: 'for',
        [`voto-${m5}`]: 'for',
        [`voto-${m6}`]: 'for',
        [`voto-${m7}`]: 'recused',
        [`motivo-${m7}`]: 'Es compadre del productor',
      },
      { cookie: c.member },
    );
    expect(res.statusCode, visibleText(res.body)).toBe(303);
    expect(c.appeals()[0]!.status).toBe('rejected');
    const done = visibleText((await getPage(c.app, res.headers.location!, c.member)).body);
    expect(done).toMatch(/Resolución Rechazada el .*La hoja de costos no cambia el incumplimiento/);
    expect(done).toContain('Comisionada 7 se excusó: Es compadre del productor');
  });

  it('says when no session is open, and links to opening one', async () => {
    const c = await appealed();
    for (const id of [c.first.id, c.later.id]) {
      await c.api.post(`/api/v1/commission/sessions/${id}/close`).set(c.members[0]!.headers).send({}).expect(200);
    }
    const page = await getPage(c.app, c.page, c.member);
    expect(visibleText(page.body)).toContain(
      'No hay ninguna sesión abierta de la comisión: la apelación se resuelve en sesión. Abrir una sesión',
    );
    expect(page.body).toContain('<a href="/app/comision/sesiones/nueva">Abrir una sesión</a>');
    expect(page.body).not.toContain('name="propuesta"');
    // A vote posted for a session closed meanwhile is refused with the reason.
    const late = await postForm(
      c.app,
      c.page,
      { sesion: c.later.id, propuesta: 'upheld', fundamento: 'Fundamento suficiente' },
      { cookie: c.member },
    );
    expect(late.statusCode).toBe(400);
    expect(visibleText(late.body)).toContain('La sesión elegida ya no está abierta: elija una sesión abierta');
  });

  it('gives committees, reviewers and producers the refusal page on every page and form, writing nothing', async () => {
    const c = await appealed();
    const reviewer = await seedUser(c.app, { role: 'reviewer', organizationId: c.org, personId: c.reviewer });
    const producer = await seedUser(c.app, { role: 'producer', organizationId: c.org, producerId: c.producer });
    const fields = {
      sesion: c.later.id,
      propuesta: 'upheld',
      fundamento: 'La hoja de costos estaba en el expediente',
      ...Object.fromEntries(c.members.slice(3).map((m) => [`voto-${m.user.id}`, 'for'])),
    };
    for (const user of [c.committee, reviewer, producer]) {
      const cookie = await signIn(c.app, user);
      for (const url of ['/app/comision/apelaciones', c.page, `${c.page}?sesion=${c.later.id}`]) {
        const res = await getPage(c.app, url, cookie);
        expect(res.statusCode, `${user.user.role} ${url}`).toBe(403);
        expect(visibleText(res.body)).not.toContain('hoja de costos');
      }
      expect((await postForm(c.app, c.page, fields, { cookie })).statusCode, user.user.role).toBe(403);
    }
    const csrf = await postForm(c.app, c.page, fields, {
      cookie: c.member,
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
    });
    expect(csrf.statusCode).toBe(403);
    expect(c.appeals()[0]!.status).toBe('filed');
    expect(countRows(c.app, 'votes')).toBe(3);
    expect((await getPage(c.app, '/app/comision/apelaciones/4b7f2d3e-8a61-4c55-9e0f-0d6a1c2b3e4f', c.member)).statusCode).toBe(404);
  });
});
