/**
 * The commission's session pages over HTTP, as a browser without scripts sends them: the list of
 * sessions, opening one with its agenda and attendance, the session's page with its attendance,
 * agenda and closing forms, and the refusal page for everyone who may not act as the commission.
 * The deciding pages are in pages-deciding.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { countRows, seedUser } from '../helpers/auth.js';
import { getPage, postFields, signIn, UUID, visibleText } from '../helpers/pages.js';
import { sessionWorld, type SessionWorld } from '../helpers/session-world.js';

/** The page's own content, without the header that names who is signed in. */
const mainOf = (html: string) => visibleText(/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '');

const sessionOf = async (w: SessionWorld, id: string) =>
  (await w.api.get(`/api/v1/commission/sessions/${id}`).set(w.secretary.headers).expect(200)).body as {
    attendance: { userId: string; present: boolean }[];
    agenda: { dossierId: string | null }[];
    status: string;
    endsAt: string | null;
  };

describe('/app/comision/sesiones: the list of sessions', () => {
  it('starts empty with a link to open one, then lists each session with its number, date in words, place, hours, state and decisions, in pages', async () => {
    const w = await sessionWorld({ titulares: 3 });
    const cookie = await signIn(w.app, w.secretary);
    const empty = await getPage(w.app, '/app/comision/sesiones', cookie);
    expect(empty.statusCode).toBe(200);
    expect(empty.headers['cache-control']).toBe('no-store');
    expect(mainOf(empty.body)).toContain('Todavía no hay sesiones registradas. Abrir la primera sesión');
    expect(empty.body).toContain('<a class="btn" href="/app/comision/sesiones/nueva">Nueva sesión</a>');

    const first = await w.openSession({ heldOn: '2026-03-04', place: 'Casa comunal de Caranavi', agenda: [{ dossierId: w.dossier.id }] });
    await w.api.post(`/api/v1/commission/sessions/${first.id}/close`).set(w.secretary.headers).send({ endsAt: '11:45' }).expect(200);
    for (let i = 0; i < 20; i += 1) await w.openSession({ heldOn: '2026-06-10', startsAt: '14:30' });

    const res = await getPage(w.app, '/app/comision/sesiones', cookie);
    const text = mainOf(res.body);
    expect(text).toContain('21 sesiones registradas.');
    expect(text).toContain('Sesión N° 21/2026 10 de junio de 2026 Sede de la Plataforma, La Paz Desde las 14:30 Abierta Ninguna');
    expect(text).toContain('Página 1 de 2');
    expect(text).not.toContain('Casa comunal');
    expect(text).not.toMatch(UUID);
    const second = mainOf((await getPage(w.app, '/app/comision/sesiones?pagina=2', cookie)).body);
    expect(second).toContain('Sesión N° 01/2026 4 de marzo de 2026 Casa comunal de Caranavi De 09:00 a 11:45 Cerrada Ninguna');
    expect(second).toContain('Página 2 de 2');
    expect((await getPage(w.app, '/app/comision/sesiones?pagina=cero', cookie)).statusCode).toBe(404);
  });
});

describe('/app/comision/sesiones/nueva: opening a session', () => {
  it('offers the waiting dossiers by producer, organisation and cycle, and the members with their seat; «?expediente=» ticks one', async () => {
    const w = await sessionWorld({ titulares: 2, suplentes: 1 });
    const cookie = await signIn(w.app, w.secretary);
    const res = await getPage(w.app, `/app/comision/sesiones/nueva?expediente=${w.dossier.id}`, cookie);
    expect(res.statusCode).toBe(200);
    const text = mainOf(res.body);
    expect(text).toContain('Orden del día');
    expect(text).toContain('Familia Choque Quispe · Cooperativa Agropecuaria Señor de Mayo · ciclo 2026');
    expect(text).toContain('Presentes (opcional)');
    expect(text).toMatch(/Juana Vargas \(titular\) Pedro Condori \(titular\) Marta Rojas \(suplente\)/);
    expect(res.body).toMatch(new RegExp(`name="agenda" value="${w.dossier.id}" id="[^"]+" checked`));
    expect(res.body).toContain('type="time"');
    expect(text).not.toMatch(UUID);
  });

  it('shows each problem beside its field, keeps what was typed and writes nothing', async () => {
    const w = await sessionWorld({ titulares: 3 });
    const cookie = await signIn(w.app, w.secretary);
    const before = countRows(w.app, 'commission_sessions');
    const res = await postFields(
      w.app,
      '/app/comision/sesiones/nueva',
      [
        ['heldOn', '2026-06-10'],
        ['place', '  '],
        ['startsAt', '9 y media'],
        ['agenda', w.dossier.id],
      ],
      { cookie },
    );
    expect(res.statusCode).toBe(400);
    const text = mainOf(res.body);
    expect(text).toContain('Revise los datos marcados.');
    expect(text).toMatch(/Lugar .* Escriba el lugar de la sesión/);
    expect(text).toMatch(/Hora de inicio .* Escriba la hora de inicio como HH:MM, por ejemplo 09:30/);
    expect(res.body).toContain('value="9 y media"');
    expect(res.body).toMatch(new RegExp(`name="agenda" value="${w.dossier.id}" id="[^"]+" checked`));
    expect(countRows(w.app, 'commission_sessions')).toBe(before);

    // Attendance without quorum: the rule, beside the members.
    const few = await postFields(
      w.app,
      '/app/comision/sesiones/nueva',
      [
        ['heldOn', '2026-06-10'],
        ['place', 'Sede de la Plataforma, La Paz'],
        ['startsAt', '09:00'],
        ['presentUserIds', w.titulares[0]!.user.id],
      ],
      { cookie },
    );
    expect(few.statusCode).toBe(422);
    expect(mainOf(few.body)).toContain('Sin quórum: con los presentes votan 1 y el esquema exige 3');
    expect(mainOf(few.body)).toMatch(/Presentes \(opcional\) .* Se necesitan al menos 3 miembros que voten/);
    expect(countRows(w.app, 'commission_sessions')).toBe(before);
  });

  it('opens the session with its agenda and attendance and answers with its page', async () => {
    const w = await sessionWorld({ titulares: 3, suplentes: 1 });
    const cookie = await signIn(w.app, w.secretary);
    const res = await postFields(
      w.app,
      '/app/comision/sesiones/nueva',
      [
        ['heldOn', '2026-06-10'],
        ['place', 'Sede de la Plataforma, La Paz'],
        ['startsAt', '09:30'],
        ['agenda', w.dossier.id],
        ...w.titulares.map((t): [string, string] => ['presentUserIds', t.user.id]),
      ],
      { cookie },
    );
    expect(res.statusCode).toBe(303);
    const [, id] = /^\/app\/comision\/sesiones\/([0-9a-f-]{36})\?hecho=creada$/.exec(res.headers.location as string) ?? [];
    expect(id).toBeDefined();
    const session = await sessionOf(w, id!);
    expect(session.agenda.map((a) => a.dossierId)).toEqual([w.dossier.id]);
    expect(session.attendance.filter((a) => a.present).map((a) => a.userId)).toEqual(
      expect.arrayContaining(w.titulares.map((t) => t.user.id)),
    );
    const page = mainOf((await getPage(w.app, res.headers.location as string, cookie)).body);
    expect(page).toContain('Sesión N° 01/2026');
    expect(page).toContain('Sesión abierta. Registre la asistencia y decida los expedientes del orden del día.');
  });
});

describe('/app/comision/sesiones/:id: a session', () => {
  it('shows date, place, times and state, the attendance form (titulares, then suplentes), the agenda with «Decidir», and the acta', async () => {
    const w = await sessionWorld({ titulares: 3, suplentes: 1 });
    const cookie = await signIn(w.app, w.secretary);
    const session = await w.openSession({ agenda: [{ dossierId: w.dossier.id, note: 'Primera decisión' }] });
    const res = await getPage(w.app, `/app/comision/sesiones/${session.id}`, cookie);
    expect(res.statusCode).toBe(200);
    const text = mainOf(res.body);
    expect(text).toMatch(/^Sesión N° 01\/2026 10 de junio de 2026 · Sede de la Plataforma, La Paz/);
    expect(text).toContain(
      'Inicio 09:00 Cierre Todavía abierta Estado Abierta: se pueden tomar decisiones Quórum 3 miembros que voten (3 titulares)',
    );
    expect(text).toContain('Todavía no hay nadie registrado como presente. El quórum es de 3 miembros que voten.');
    expect(text).toMatch(
      /Titulares presentes Juana Vargas Lucía Gutiérrez Pedro Condori Suplentes presentes .* Marta Rojas Guardar asistencia/,
    );
    expect(text).toContain(
      '1. Expediente de Familia Choque Quispe (Cooperativa Agropecuaria Señor de Mayo), ciclo 2026 Primera decisión Pendiente Decidir',
    );
    expect(res.body).toContain(`<a class="btn" href="/app/comision/expedientes/${w.dossier.id}/decidir?sesion=${session.id}">Decidir</a>`);
    expect(res.body).toContain(`href="/api/v1/commission/sessions/${session.id}/acta.pdf"`);
    expect(text).toContain('Cerrar la sesión Hora de cierre');
    expect(text).not.toMatch(UUID);

    // The acta opens with the same cookie.
    const acta = await getPage(w.app, `/api/v1/commission/sessions/${session.id}/acta.pdf`, cookie);
    expect(acta.statusCode).toBe(200);
    expect(acta.headers['content-type']).toBe('application/pdf');
    expect(acta.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('records who is present, a suplente among them, with the count of who votes', async () => {
    const w = await sessionWorld({ titulares: 3, suplentes: 1 });
    const cookie = await signIn(w.app, w.secretary);
    const session = await w.openSession();
    const [juana, pedro] = w.titulares;
    const marta = w.suplentes[0]!;
    const res = await postFields(
      w.app,
      `/app/comision/sesiones/${session.id}/asistencia`,
      [juana!, pedro!, marta].map((m): [string, string] => ['presentUserIds', m.user.id]),
      { cookie },
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/app/comision/sesiones/${session.id}?hecho=asistencia`);
    const present = (await sessionOf(w, session.id)).attendance.filter((a) => a.present).map((a) => a.userId);
    expect(present.sort()).toEqual([juana!.user.id, pedro!.user.id, marta.user.id].sort());
    const page = await getPage(w.app, res.headers.location as string, cookie);
    expect(mainOf(page.body)).toContain('Asistencia guardada.');
    expect(mainOf(page.body)).toContain('Presentes: 2 titulares y 1 suplente. Si nadie se excusa, votan 3; el quórum es de 3.');
    expect(page.body).toMatch(new RegExp(`value="${marta.user.id}" id="campo-suplentes-0" checked`));

    // Nobody ticked: everyone absent.
    expect((await postFields(w.app, `/app/comision/sesiones/${session.id}/asistencia`, [], { cookie })).statusCode).toBe(303);
    expect((await sessionOf(w, session.id)).attendance.every((a) => !a.present)).toBe(true);
  });

  it('adds a waiting dossier to the agenda, refusing one that is not on the list', async () => {
    const w = await sessionWorld({ titulares: 3 });
    const cookie = await signIn(w.app, w.secretary);
    const session = await w.openSession();
    const page = await getPage(w.app, `/app/comision/sesiones/${session.id}`, cookie);
    expect(mainOf(page.body)).toContain('Añadir un expediente al orden del día Expediente Elija… Familia Choque Quispe');

    const wrong = await postFields(w.app, `/app/comision/sesiones/${session.id}/orden-del-dia`, [['dossierId', 'ninguno']], { cookie });
    expect(wrong.statusCode).toBe(400);
    expect(mainOf(wrong.body)).toMatch(/Expediente .* Elija un expediente de la lista/);
    const unknown = await postFields(
      w.app,
      `/app/comision/sesiones/${session.id}/orden-del-dia`,
      [['dossierId', '4b7f2d3e-8a61-4c55-9e0f-0d6a1c2b3e4f']],
      { cookie },
    );
    expect(unknown.statusCode).toBe(422);
    expect(mainOf(unknown.body)).toContain('No existe ese expediente');
    expect((await sessionOf(w, session.id)).agenda).toEqual([]);

    const res = await postFields(w.app, `/app/comision/sesiones/${session.id}/orden-del-dia`, [['dossierId', w.dossier.id]], { cookie });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/app/comision/sesiones/${session.id}?hecho=orden`);
    expect((await sessionOf(w, session.id)).agenda.map((a) => a.dossierId)).toEqual([w.dossier.id]);
    const after = mainOf((await getPage(w.app, res.headers.location as string, cookie)).body);
    expect(after).toContain('Expediente añadido al orden del día.');
    expect(after).toContain('No hay otros expedientes esperando la decisión de la comisión.');
  });

  it('closes the session at the time given (not before it started), then shows it closed without forms', async () => {
    const w = await sessionWorld({ titulares: 3 });
    const cookie = await signIn(w.app, w.secretary);
    const session = await w.openSession({ presentUserIds: w.titulares.map((t) => t.user.id), agenda: [{ dossierId: w.dossier.id }] });
    const early = await postFields(w.app, `/app/comision/sesiones/${session.id}/cerrar`, [['endsAt', '08:15']], { cookie });
    expect(early.statusCode).toBe(400);
    expect(mainOf(early.body)).toContain('La sesión empezó a las 09:00: la hora de cierre no puede ser anterior');
    expect(mainOf(early.body)).toMatch(/Hora de cierre .* Una hora igual o posterior a 09:00/);
    // The other forms of the page show what is recorded.
    expect(early.body).toMatch(new RegExp(`value="${w.titulares[0]!.user.id}" id="campo-titulares-\\d" checked`));
    const bad = await postFields(w.app, `/app/comision/sesiones/${session.id}/cerrar`, [['endsAt', '25:00']], { cookie });
    expect(bad.statusCode).toBe(400);
    expect(mainOf(bad.body)).toContain('Escriba la hora de cierre como HH:MM, por ejemplo 12:30');
    expect((await sessionOf(w, session.id)).status).toBe('open');

    const res = await postFields(w.app, `/app/comision/sesiones/${session.id}/cerrar`, [['endsAt', '12:10']], { cookie });
    expect(res.statusCode).toBe(303);
    expect(await sessionOf(w, session.id)).toMatchObject({ status: 'closed', endsAt: '12:10' });
    const page = await getPage(w.app, res.headers.location as string, cookie);
    const text = mainOf(page.body);
    expect(text).toContain('Sesión cerrada: ya no admite decisiones.');
    expect(text).toContain('Cierre 12:10 Estado Cerrada');
    expect(text).toMatch(/Presentes: Juana Vargas \(titular\), Lucía Gutiérrez \(titular\), Pedro Condori \(titular\)\./);
    expect(page.body).not.toContain('<form class="form"');
    expect(text).toContain('Pendiente');
    expect(text).not.toContain('Decidir');

    // A closed session takes no more attendance.
    const late = await postFields(w.app, `/app/comision/sesiones/${session.id}/asistencia`, [], { cookie });
    expect(late.statusCode).toBe(409);
    expect(mainOf(late.body)).toContain('La sesión N° 01/2026 del 10 de junio de 2026 ya fue cerrada');
  });
});

describe('the session pages refuse everyone else', () => {
  async function everyRoute(w: SessionWorld) {
    const session = await w.openSession({ agenda: [{ dossierId: w.dossier.id }] });
    const gets = ['/app/comision/sesiones', '/app/comision/sesiones/nueva', `/app/comision/sesiones/${session.id}`];
    const posts: [string, [string, string][]][] = [
      [
        '/app/comision/sesiones/nueva',
        [
          ['heldOn', '2026-06-10'],
          ['place', 'La Paz'],
          ['startsAt', '09:00'],
        ],
      ],
      ['/app/comision/sesiones/nueva', [['place', '']]],
      [`/app/comision/sesiones/${session.id}/asistencia`, w.titulares.map((t): [string, string] => ['presentUserIds', t.user.id])],
      [`/app/comision/sesiones/${session.id}/orden-del-dia`, [['dossierId', w.dossier.id]]],
      [`/app/comision/sesiones/${session.id}/cerrar`, [['endsAt', '12:00']]],
      [`/app/comision/sesiones/${session.id}/cerrar`, [['endsAt', 'tarde']]],
    ];
    return { session, gets, posts };
  }
  const written = (w: SessionWorld) => ({
    sessions: countRows(w.app, 'commission_sessions'),
    agenda: countRows(w.app, 'session_agenda_items'),
    audit: countRows(w.app, 'audit_log'),
  });

  it('gives committees, reviewers and producers the refusal page on every page and form, writing nothing; the anonymous sign in first', async () => {
    const w = await sessionWorld({ titulares: 3 });
    const { gets, posts } = await everyRoute(w);
    const reviewer = await seedUser(w.app, { role: 'reviewer', organizationId: w.org, personId: w.reviewer });
    const producer = await seedUser(w.app, { role: 'producer', organizationId: w.org, producerId: w.producer });
    const before = written(w);
    for (const user of [w.committee, reviewer, producer]) {
      const cookie = await signIn(w.app, user);
      for (const url of gets) {
        const res = await getPage(w.app, url, cookie);
        expect(res.statusCode, `${user.user.role} ${url}`).toBe(403);
        expect(visibleText(res.body)).toContain('No tiene permiso');
        expect(visibleText(res.body)).not.toContain('Familia Choque');
      }
      for (const [url, fields] of posts) {
        const res = await postFields(w.app, url, fields, { cookie });
        expect(res.statusCode, `${user.user.role} POST ${url}`).toBe(403);
        expect(visibleText(res.body)).toContain('No tiene permiso');
      }
    }
    expect(written(w).sessions).toBe(before.sessions);
    expect(written(w).agenda).toBe(before.agenda);

    const anonymous = await getPage(w.app, '/app/comision/sesiones');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/entrar?volver=%2Fapp%2Fcomision%2Fsesiones');
    expect((await postFields(w.app, posts[0]![0], posts[0]![1])).statusCode).toBe(303);
    expect(written(w).sessions).toBe(before.sessions);

    // The administration may act as the commission.
    const admin = await signIn(w.app, await seedUser(w.app, { role: 'admin' }));
    expect((await getPage(w.app, '/app/comision/sesiones', admin)).statusCode).toBe(200);
  });

  it('refuses the forms posted from another site (CSRF) with a page, writing nothing', async () => {
    const w = await sessionWorld({ titulares: 3 });
    const { posts } = await everyRoute(w);
    const cookie = await signIn(w.app, w.secretary);
    const before = written(w);
    for (const [url, fields] of posts) {
      const res = await postFields(w.app, url, fields, { cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
      expect(res.statusCode, url).toBe(403);
      expect(visibleText(res.body)).toContain('La solicitud no vino de una página de este sitio');
    }
    expect(written(w)).toEqual(before);
  });
});
