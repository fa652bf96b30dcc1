/**
 * The commission's certificate pages over HTTP, as a browser without scripts sends them: the list
 * with its search (code with or without dashes, names without accents), one certificate with its
 * history in words and numbers instead of ids, and the forms that suspend, reinstate and revoke it:
 * what is written (status, the event's session, the session's agenda), what is refused and
 * re-rendered with its message, and the refusal page for everyone who may not act as the commission.
 */
import { describe, expect, it } from 'vitest';
import { countRows, seedUser } from '../helpers/auth.js';
import { cycleToCommission } from '../helpers/cycle.js';
import { getPage, postForm, signIn, UUID, visibleText } from '../helpers/pages.js';
import { countRowsWhere } from './pages-fixtures.js';

/** A certificate issued in session 01/2026 (members 1 to 3); the clock moves a second per reading. */
async function certified() {
  let clock = Date.parse('2026-11-02T13:00:00Z');
  const c = await cycleToCommission({ members: 7, now: () => new Date((clock += 1000)) });
  await c.toCommission('approve');
  const first = c.members.slice(0, 3);
  const session = await c.openSession(first, '2026-11-02');
  const decision = await c.decide(session.id, { proposedOutcome: 'approved', sealLevel: 'pleno' }, first).expect(201);
  const certificateId = decision.body.certificateId as string;
  const cert = async () => (await c.api.get(`/api/v1/certificates/${certificateId}`).set(c.committee.headers).expect(200)).body;
  const { code } = (await cert()) as { code: string };
  const cookie = await signIn(c.app, c.members[0]!);
  const page = `/app/comision/certificados/${certificateId}`;
  const agenda = () =>
    c.app.db.$client
      .prepare('SELECT session_id AS sessionId, kind, certificate_id AS certificateId, note FROM session_agenda_items ORDER BY position')
      .all() as { sessionId: string; kind: string; certificateId: string | null; note: string | null }[];
  return { ...c, session, certificateId, code, cert, cookie, page, agenda };
}

describe('/app/comision/certificados: the list', () => {
  it('lists every certificate with code, holder, status and validity, and finds it by code or by name without accents', async () => {
    const c = await certified();
    const res = await getPage(c.app, '/app/comision/certificados', c.cookie);
    expect(res.statusCode).toBe(200);
    const text = visibleText(res.body);
    expect(text).toContain(`${c.code} Familia Choque Quispe Cooperativa Agropecuaria Señor de Mayo VIGENTE 1 de noviembre de 2027`);
    expect(text).toContain('1 certificado en total.');
    expect(text).not.toMatch(UUID);
    expect(res.body).toContain(`href="/app/comision/certificados/${c.certificateId}"`);
    expect(res.body).toMatch(/<form class="search" method="get" action="\/app\/comision\/certificados"/);

    for (const q of [c.code, c.code.replaceAll('-', '').toLowerCase(), 'senor de mayo', 'CHOQUE quispe']) {
      const found = visibleText((await getPage(c.app, `/app/comision/certificados?q=${encodeURIComponent(q)}`, c.cookie)).body);
      expect(found, q).toContain(`1 certificado con «${q}».`);
      expect(found, q).toContain(c.code);
    }
    const none = visibleText((await getPage(c.app, '/app/comision/certificados?q=Tinku&pagina=1', c.cookie)).body);
    expect(none).toContain('Ningún certificado coincide con «Tinku». Ver todos');
    expect(none).not.toContain(c.code);
    // An empty search is no search.
    expect(visibleText((await getPage(c.app, '/app/comision/certificados?q=', c.cookie)).body)).toContain('1 certificado en total.');
  });
});

describe('/app/comision/certificados/:id: one certificate and its acts', () => {
  it('shows the data, the history in words with the resolution and session numbers, the public page, and the forms its status allows', async () => {
    const c = await certified();
    const res = await getPage(c.app, c.page, c.cookie);
    expect(res.statusCode).toBe(200);
    const text = visibleText(res.body);
    expect(text).toContain(`Certificado ${c.code}`);
    expect(text).toContain('Familia Choque Quispe · Cooperativa Agropecuaria Señor de Mayo');
    expect(text).toContain('Estado: VIGENTE desde el 2 de noviembre de 2026');
    expect(text).toContain('Emitido El 2 de noviembre de 2026, por la Resolución N° 01/2026');
    expect(text).toContain('Válido hasta 1 de noviembre de 2027');
    expect(text).toMatch(
      /2 de noviembre de 2026, \d\d:\d\d Emitido por la Resolución N° 01\/2026, Sesión N° 01\/2026 del 2 de noviembre de 2026/,
    );
    expect(res.body).toContain(`<a href="/c/${c.code}">Ver la verificación pública: lo que ven los compradores</a>`);
    // Active: suspend or revoke, not reinstate; the open session attended is offered by number and date.
    expect(res.body).toContain(`action="${c.page}/suspender"`);
    expect(res.body).toContain(`action="${c.page}/revocar"`);
    expect(res.body).not.toContain(`action="${c.page}/rehabilitar"`);
    expect(res.body).toContain(`<option value="${c.session.id}">Sesión N° 01/2026 del 2 de noviembre de 2026</option>`);
    expect(text).toContain(
      'Esta acción es definitiva: un certificado revocado no se puede rehabilitar, salvo que la comisión acoja una apelación presentada en plazo.',
    );
    expect(text).not.toMatch(UUID);
  });

  it('suspends without a session, reinstates in an open session that goes on its agenda once, and revokes only when confirmed; the public page then says REVOCADO', async () => {
    const c = await certified();
    const suspended = await postForm(
      c.app,
      `${c.page}/suspender`,
      { motivo: 'Denuncia de mezcla con café de otra finca', sesion: '' },
      { cookie: c.cookie },
    );
    expect(suspended.statusCode).toBe(303);
    expect(suspended.headers.location).toBe(`${c.page}?hecho=suspendido`);
    let cert = await c.cert();
    expect(cert).toMatchObject({ status: 'suspended', statusReason: 'Denuncia de mezcla con café de otra finca' });
    expect(cert.events.at(-1)).toMatchObject({ event: 'suspended', sessionId: null });
    expect(c.agenda()).toEqual([]);
    const after = await getPage(c.app, suspended.headers.location!, c.cookie);
    const text = visibleText(after.body);
    expect(text).toContain('Certificado suspendido. La verificación pública ya lo muestra SUSPENDIDO.');
    expect(text).toMatch(/Suspendido por Comisionada 1\. Motivo: Denuncia de mezcla con café de otra finca/);
    expect(after.body).toContain(`action="${c.page}/rehabilitar"`);
    expect(after.body).not.toContain(`action="${c.page}/suspender"`);

    const back = await postForm(
      c.app,
      `${c.page}/rehabilitar`,
      { motivo: 'La denuncia no se comprobó en la visita', sesion: c.session.id },
      { cookie: c.cookie },
    );
    expect(back.statusCode).toBe(303);
    cert = await c.cert();
    expect(cert.status).toBe('active');
    expect(cert.events.at(-1)).toMatchObject({ event: 'reinstated', sessionId: c.session.id });
    expect(c.agenda()).toEqual([
      { sessionId: c.session.id, kind: 'certificate', certificateId: c.certificateId, note: 'Rehabilitación del certificado' },
    ]);
    expect(visibleText((await getPage(c.app, back.headers.location!, c.cookie)).body)).toMatch(
      /Rehabilitado por Comisionada 1, por acuerdo de la Sesión N° 01\/2026 del 2 de noviembre de 2026\. Motivo: La denuncia no se comprobó/,
    );

    const events = countRows(c.app, 'certificate_events');
    const unconfirmed = await postForm(
      c.app,
      `${c.page}/revocar`,
      { motivo: 'Se comprobó la venta de café ajeno', sesion: c.session.id },
      { cookie: c.cookie },
    );
    expect(unconfirmed.statusCode).toBe(400);
    expect(visibleText(unconfirmed.body)).toContain('Marque la casilla para confirmar que la revocación es definitiva');
    expect(unconfirmed.body).toContain('Se comprobó la venta de café ajeno</textarea>');
    expect(countRows(c.app, 'certificate_events')).toBe(events);

    const revoked = await postForm(
      c.app,
      `${c.page}/revocar`,
      { motivo: 'Se comprobó la venta de café ajeno', sesion: c.session.id, confirmo: 'si' },
      { cookie: c.cookie },
    );
    expect(revoked.statusCode).toBe(303);
    expect(revoked.headers.location).toBe(`${c.page}?hecho=revocado`);
    cert = await c.cert();
    expect(cert.status).toBe('revoked');
    expect(cert.events.at(-1)).toMatchObject({ event: 'revoked', sessionId: c.session.id, reason: 'Se comprobó la venta de café ajeno' });
    // Already on the agenda: not added twice.
    expect(c.agenda()).toHaveLength(1);
    const final = await getPage(c.app, revoked.headers.location!, c.cookie);
    expect(visibleText(final.body)).toContain('El certificado está revocado: la revocación es definitiva y no admite más cambios.');
    expect(final.body).not.toMatch(/action="[^"]*\/(suspender|rehabilitar|revocar)"/);
    const publicPage = await getPage(c.app, `/c/${c.code}`);
    expect(visibleText(publicPage.body)).toContain('REVOCADO');
  });

  it('adds a suspension agreed in a session to that session’s agenda', async () => {
    const c = await certified();
    const res = await postForm(
      c.app,
      `${c.page}/suspender`,
      { motivo: 'Condición incumplida según el comité', sesion: c.session.id },
      { cookie: c.cookie },
    );
    expect(res.statusCode).toBe(303);
    expect((await c.cert()).events.at(-1)).toMatchObject({ event: 'suspended', sessionId: c.session.id });
    expect(c.agenda()).toEqual([
      { sessionId: c.session.id, kind: 'certificate', certificateId: c.certificateId, note: 'Suspensión del certificado' },
    ]);
  });

  it('re-renders the form with the message when the status, the session or the reason do not allow the act, writing nothing', async () => {
    const c = await certified();
    // Someone not present at the later session may not record its acts.
    const later = await c.openSession(c.members.slice(3), '2026-11-03');
    const before = { events: countRows(c.app, 'certificate_events'), agenda: countRows(c.app, 'session_agenda_items') };
    const post = (act: string, fields: Record<string, string>) => postForm(c.app, `${c.page}/${act}`, fields, { cookie: c.cookie });

    const notSuspended = await post('rehabilitar', { motivo: 'Rehabilitar algo que no está suspendido', sesion: c.session.id });
    expect(notSuspended.statusCode).toBe(409);
    expect(visibleText(notSuspended.body)).toContain('El certificado está «VIGENTE»; esta acción solo es posible cuando está «SUSPENDIDO»');

    const noSession = await post('revocar', { motivo: 'Venta de café ajeno comprobada', sesion: '', confirmo: 'si' });
    expect(noSession.statusCode).toBe(400);
    expect(visibleText(noSession.body)).toContain('Elija la sesión en que la comisión lo acordó');

    const shortReason = await post('suspender', { motivo: 'corto', sesion: '' });
    expect(shortReason.statusCode).toBe(400);
    expect(visibleText(shortReason.body)).toContain('Explique el motivo (al menos 10 caracteres)');

    const absent = await post('revocar', { motivo: 'Venta de café ajeno comprobada', sesion: later.id, confirmo: 'si' });
    expect(absent.statusCode).toBe(422);
    expect(visibleText(absent.body)).toContain('Usted no figura como presente en la sesión N° 02/2026 del 3 de noviembre de 2026');

    await c.api.post(`/api/v1/commission/sessions/${c.session.id}/close`).set(c.members[0]!.headers).send({}).expect(200);
    const closed = await post('suspender', { motivo: 'Suspensión en una sesión ya cerrada', sesion: c.session.id });
    expect(closed.statusCode).toBe(409);
    expect(visibleText(closed.body)).toContain('La sesión N° 01/2026 del 2 de noviembre de 2026 ya fue cerrada: elija una sesión abierta');

    expect({ events: countRows(c.app, 'certificate_events'), agenda: countRows(c.app, 'session_agenda_items') }).toEqual(before);
    expect((await c.cert()).status).toBe('active');
  });

  it('says so when no session is open, and links to opening one', async () => {
    const c = await certified();
    await c.api.post(`/api/v1/commission/sessions/${c.session.id}/close`).set(c.members[0]!.headers).send({}).expect(200);
    const res = await getPage(c.app, c.page, c.cookie);
    expect(visibleText(res.body)).toContain(
      'No hay ninguna sesión abierta de la comisión: para revocar el certificado hace falta el acuerdo de una sesión. Abrir una sesión',
    );
    expect(res.body).toContain('<a href="/app/comision/sesiones/nueva">Abrir una sesión</a>');
    expect(res.body).not.toContain(`action="${c.page}/revocar"`);
    // Suspending needs no session.
    expect(res.body).toContain(`action="${c.page}/suspender"`);
  });
});

describe('the certificate pages refuse everyone but the commission', () => {
  it('gives committees, reviewers and producers the refusal page on every page and form, writes nothing, and refuses forms from another site', async () => {
    const c = await certified();
    const reviewer = await seedUser(c.app, { role: 'reviewer', organizationId: c.org, personId: c.reviewer });
    const producer = await seedUser(c.app, { role: 'producer', organizationId: c.org, producerId: c.producer });
    const before = countRows(c.app, 'certificate_events');
    const fields = { motivo: 'Un motivo largo para suspender', sesion: c.session.id, confirmo: 'si' };
    for (const user of [c.committee, reviewer, producer]) {
      const cookie = await signIn(c.app, user);
      for (const url of ['/app/comision/certificados', '/app/comision/certificados?q=choque', c.page]) {
        const res = await getPage(c.app, url, cookie);
        expect(res.statusCode, `${user.user.role} ${url}`).toBe(403);
        expect(visibleText(res.body)).toContain('No tiene permiso');
        expect(visibleText(res.body)).not.toContain(c.code);
      }
      for (const act of ['suspender', 'rehabilitar', 'revocar']) {
        const res = await postForm(c.app, `${c.page}/${act}`, fields, { cookie });
        expect(res.statusCode, `${user.user.role} ${act}`).toBe(403);
        // Even an invalid form is refused, not shown again.
        expect((await postForm(c.app, `${c.page}/${act}`, {}, { cookie })).statusCode).toBe(403);
      }
      expect((await getPage(c.app, '/app', cookie)).body).not.toContain('/app/comision/certificados');
    }
    const csrf = await postForm(c.app, `${c.page}/suspender`, fields, {
      cookie: c.cookie,
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
    });
    expect(csrf.statusCode).toBe(403);
    expect(visibleText(csrf.body)).toContain('La solicitud no vino de una página de este sitio');
    expect(countRows(c.app, 'certificate_events')).toBe(before);

    const anonymous = await getPage(c.app, c.page);
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe(`/entrar?volver=${encodeURIComponent(c.page)}`);
    expect((await getPage(c.app, '/app/comision/certificados/4b7f2d3e-8a61-4c55-9e0f-0d6a1c2b3e4f', c.cookie)).statusCode).toBe(404);
    expect(countRowsWhere(c.app, 'session_agenda_items', '1 = 1')).toBe(0);
  });

  it('links the commission’s home to the certificates and the appeals', async () => {
    const c = await certified();
    const home = await getPage(c.app, '/app', c.cookie);
    expect(home.body).toContain('<a href="/app/comision/certificados">Certificados: suspender, rehabilitar, revocar</a>');
    expect(home.body).toContain('<a href="/app/comision/apelaciones">Apelaciones</a>');
  });
});
