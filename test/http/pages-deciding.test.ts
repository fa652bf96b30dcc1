/**
 * Deciding a dossier over HTTP, as a browser without scripts sends it: choosing the open session,
 * the recusals and quorum shown before any vote, calling a suplente in, deferring for lack of
 * quorum, recording the votes as the secretary reads them aloud (refusals beside each member), the
 * decision page with its certificate, and the refusal page for everyone who may not act as the
 * commission.
 */
import { describe, expect, it } from 'vitest';
import { countRows, seedUser } from '../helpers/auth.js';
import { getPage, postFields, signIn, UUID, visibleText } from '../helpers/pages.js';
import { ACTION, sessionWorld, type SessionWorld } from '../helpers/session-world.js';

const mainOf = (html: string) => visibleText(/<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '');
const decideUrl = (w: SessionWorld) => `/app/comision/expedientes/${w.dossier.id}/decidir`;
const present = (...members: { user: { id: string } }[]) => members.map((m) => m.user.id);

/** Every voter's vote, the proposal and the rationale, as the form sends them. */
function voteFields(
  sessionId: string,
  votes: [{ user: { id: string } }, string, string?][],
  extra: [string, string][] = [],
): [string, string][] {
  return [
    ['sesion', sessionId],
    ...votes.flatMap(([m, vote, reason]): [string, string][] => [
      [`voto-${m.user.id}`, vote],
      [`motivo-voto-${m.user.id}`, reason ?? ''],
    ]),
    ...extra,
  ];
}
const CONDITIONS: [string, string][] = [
  ['proposedOutcome', 'approved_with_conditions'],
  ['sealLevel', 'transicion'],
  ['rationale', 'Cumple los criterios críticos; la acción correctiva del precio queda como condición'],
];

describe('/app/comision/expedientes/:id/decidir: the session', () => {
  it('says when no session is open and links to open one with the dossier; with several, asks which', async () => {
    const w = await sessionWorld({ titulares: 3 });
    const cookie = await signIn(w.app, w.secretary);
    const none = await getPage(w.app, decideUrl(w), cookie);
    expect(none.statusCode).toBe(200);
    expect(mainOf(none.body)).toContain('Decidir sobre el expediente de Familia Choque Quispe');
    expect(mainOf(none.body)).toContain('No hay ninguna sesión abierta.');
    expect(none.body).toContain(`<a class="btn" href="/app/comision/sesiones/nueva?expediente=${w.dossier.id}">Nueva sesión</a>`);

    const first = await w.openSession({ presentUserIds: present(...w.titulares) });
    const one = mainOf((await getPage(w.app, decideUrl(w), cookie)).body);
    expect(one).toContain('Se decide en la Sesión N° 01/2026 del 10 de junio de 2026, Sede de la Plataforma, La Paz');
    expect(one).toContain('Hay quórum: votan 3 miembros y el quórum es de 3.');

    const second = await w.openSession({ heldOn: '2026-06-11', place: 'Caranavi' });
    const several = await getPage(w.app, decideUrl(w), cookie);
    expect(mainOf(several.body)).toContain('Sesión abierta Elija… Sesión N° 02/2026 del 11 de junio de 2026, Caranavi');
    expect(mainOf(several.body)).not.toContain('Votación');
    const chosen = await getPage(w.app, `${decideUrl(w)}?sesion=${second.id}`, cookie);
    expect(chosen.body).toContain(`<option value="${second.id}" selected>`);
    expect(mainOf(chosen.body)).toContain('Faltan 3 miembros con derecho a voto para el quórum.');
    expect(mainOf((await getPage(w.app, `${decideUrl(w)}?sesion=${first.id}`, cookie)).body)).toContain('Votación');

    await w.api.post(`/api/v1/commission/sessions/${second.id}/close`).set(w.secretary.headers).send({ endsAt: '23:59' }).expect(200);
    const gone = mainOf((await getPage(w.app, `${decideUrl(w)}?sesion=${second.id}`, cookie)).body);
    expect(gone).toContain('La sesión indicada ya no está abierta');
    expect(gone).toContain('Se decide en la Sesión N° 01/2026');
  });
});

describe('deciding: recusals, quorum and suplentes before any vote', () => {
  it('shows who steps aside and why, who votes, the missing quorum, and calls the suplente in with a button', async () => {
    const w = await sessionWorld({ titulares: 2, suplentes: 1, reviewerSits: true });
    const cookie = await signIn(w.app, w.secretary);
    const session = await w.openSession({ presentUserIds: present(...w.titulares), agenda: [{ dossierId: w.dossier.id }] });
    const res = await getPage(w.app, `${decideUrl(w)}?sesion=${session.id}`, cookie);
    const text = mainOf(res.body);
    expect(text).toContain('Quiénes se excusan Rosa Mamani integró el equipo de visita de este expediente (se excusa por regla).');
    expect(text).toContain('Quiénes votan Juana Vargas (titular) Pedro Condori (titular)');
    expect(text).toContain('Falta 1 miembro con derecho a voto para el quórum.');
    expect(text).toContain('Convocar a Marta Rojas (suplente)');
    expect(text).not.toContain('Votación');
    expect(text).not.toContain('Diferir por falta de quórum');
    expect(text).not.toMatch(UUID);

    // A vote posted now is refused: there is no quorum.
    const before = countRows(w.app, 'decisions');
    const early = await postFields(w.app, decideUrl(w), voteFields(session.id, [[w.titulares[0]!, 'for']], CONDITIONS), { cookie });
    expect(early.statusCode).toBe(422);
    expect(mainOf(early.body)).toContain(
      'Falta 1 miembro con derecho a voto para el quórum: convoque a un suplente o difiera el expediente.',
    );
    expect(countRows(w.app, 'decisions')).toBe(before);

    const marta = w.suplentes[0]!;
    const called = await postFields(
      w.app,
      `${decideUrl(w)}/convocar`,
      [
        ['sesion', session.id],
        ['suplente', marta.user.id],
      ],
      { cookie },
    );
    expect(called.statusCode).toBe(303);
    expect(called.headers.location).toBe(`${decideUrl(w)}?sesion=${session.id}&convocado=${marta.user.id}`);
    const after = mainOf((await getPage(w.app, called.headers.location as string, cookie)).body);
    expect(after).toContain('Marta Rojas se sumó a la sesión como suplente y ocupa un lugar vacante.');
    expect(after).toContain('Quiénes votan Juana Vargas (titular) Pedro Condori (titular) Marta Rojas (suplente, ocupa un lugar vacante)');
    expect(after).toContain('Hay quórum: votan 3 miembros y el quórum es de 3.');
    expect(after).toContain('La secretaría registra el voto de cada miembro tal como lo expresa en la sesión.');

    // Calling someone who is not an available suplente is refused.
    const again = await postFields(
      w.app,
      `${decideUrl(w)}/convocar`,
      [
        ['sesion', session.id],
        ['suplente', w.rosa!.user.id],
      ],
      { cookie },
    );
    expect(again.statusCode).toBe(409);
    expect(mainOf(again.body)).toContain('Esa persona ya no es un suplente disponible para este expediente.');
  });

  it('defers for lack of quorum, with the reason naming who stepped aside, only when no suplente is left', async () => {
    const w = await sessionWorld({ titulares: 2, reviewerSits: true, technicianSits: true });
    const cookie = await signIn(w.app, w.secretary);
    const session = await w.openSession({
      presentUserIds: present(...w.titulares),
      agenda: [{ dossierId: w.dossier.id }],
    });
    const page = await getPage(w.app, `${decideUrl(w)}?sesion=${session.id}`, cookie);
    const text = mainOf(page.body);
    expect(text).toContain('Falta 1 miembro con derecho a voto para el quórum.');
    expect(text).toContain('No hay suplentes disponibles: todos están presentes o tendrían que excusarse en este expediente.');
    expect(text).not.toContain('Convocar');
    const reason =
      'Sin quórum para decidir este expediente: Rosa Mamani integró el equipo de visita de este expediente. Votarían 2 miembros y el quórum es de 3; no hay suplente disponible.';
    expect(text).toContain(`Motivo del diferimiento ${reason}`);

    const short = await postFields(
      w.app,
      `${decideUrl(w)}/diferir`,
      [
        ['sesion', session.id],
        ['reason', 'no'],
      ],
      { cookie },
    );
    expect(short.statusCode).toBe(400);
    expect(mainOf(short.body)).toMatch(/Motivo del diferimiento no Explique por qué se difiere \(al menos 10 caracteres\)/);
    expect(countRows(w.app, 'decisions')).toBe(0);

    const res = await postFields(
      w.app,
      `${decideUrl(w)}/diferir`,
      [
        ['sesion', session.id],
        ['reason', reason],
      ],
      { cookie },
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/app/comision/sesiones/${session.id}?hecho=diferido`);
    const sessionPage = mainOf((await getPage(w.app, res.headers.location as string, cookie)).body);
    expect(sessionPage).toContain('Expediente diferido por falta de quórum. El motivo queda en el acta.');
    expect(sessionPage).toContain(`Diferido por falta de quórum, sin votación. Motivo: ${reason} · Resolución N° 01/2026`);
    const decision = w.app.db.$client.prepare('SELECT outcome, deferred_for_quorum AS q, rationale FROM decisions').get();
    expect(decision).toEqual({ outcome: 'deferred', q: 1, rationale: reason });
  });
});

describe('deciding: the vote as the secretary records it', () => {
  it('refuses an incomplete vote beside each member, a vote against without its reason, and plain approval with open conditions', async () => {
    const w = await sessionWorld({ titulares: 3, reviewerSits: true });
    const cookie = await signIn(w.app, w.secretary);
    const session = await w.openSession({ presentUserIds: present(...w.titulares), agenda: [{ dossierId: w.dossier.id }] });
    const [juana, pedro, lucia] = w.titulares;
    const form = mainOf((await getPage(w.app, `${decideUrl(w)}?sesion=${session.id}`, cookie)).body);
    expect(form).toContain('Rosa Mamani integró el equipo de visita de este expediente (se excusa por regla).');
    expect(form).toMatch(/Juana Vargas \(titular\) A favor En contra Abstención Motivo del voto de Juana Vargas/);
    expect(form).not.toContain('Motivo del voto de Rosa Mamani');
    expect(form).toContain(`Condiciones que se fijarán si se aprueba con condiciones P1.01: ${ACTION} (plazo hasta el`);
    // Pleno needs no pending conditions (criteria 2026.4): with a condition to set, it is not offered, and the page says why.
    expect(form).toContain(
      'Nivel del sello Solo al aprobar. Al aprobar con condiciones: El nivel Pleno exige no tener condiciones pendientes (criterios 2026.4): este expediente tiene 1 condición. Elija… En transición Fundamento',
    );

    const incomplete = await postFields(
      w.app,
      decideUrl(w),
      voteFields(
        session.id,
        [
          [juana!, 'for'],
          [pedro!, 'against'],
        ],
        [['rationale', 'corto']],
      ),
      { cookie },
    );
    expect(incomplete.statusCode).toBe(400);
    const text = mainOf(incomplete.body);
    expect(text).toContain('Revise los datos marcados. No se registró nada.');
    expect(text).toMatch(
      /Pedro Condori \(titular\) A favor En contra Abstención Motivo del voto de Pedro Condori .* Un voto en contra lleva su fundamento/,
    );
    expect(text).toMatch(/Lucía Gutiérrez \(titular\) Falta el voto de Lucía Gutiérrez: a favor, en contra o abstención/);
    expect(text).toMatch(/Lo que se propone Elija lo que se propone/);
    expect(text).toMatch(/Fundamento de la decisión .* corto Explique el fundamento \(al menos 10 caracteres\)/);
    expect(incomplete.body).toMatch(new RegExp(`name="voto-${pedro!.user.id}" value="against" checked`));

    const plain = await postFields(
      w.app,
      decideUrl(w),
      voteFields(
        session.id,
        [
          [juana!, 'for'],
          [pedro!, 'for'],
          [lucia!, 'for'],
        ],
        [
          ['proposedOutcome', 'approved'],
          ['sealLevel', 'pleno'],
          ['rationale', 'Cumple lo necesario para aprobar'],
        ],
      ),
      { cookie },
    );
    expect(plain.statusCode).toBe(422);
    expect(mainOf(plain.body)).toMatch(
      /Hay no conformidades abiertas que exigen condiciones \(criterios P1\.01: falta una visita de seguimiento .* o la revisión de la evidencia por la comisión de certificación\): corresponde «aprobado con condiciones»/,
    );
    expect(mainOf(plain.body)).not.toMatch(UUID);
    expect(countRows(w.app, 'decisions')).toBe(0);
  });

  it('records the decision with one voluntary recusal, answers with the resolution, its tally and the certificate PDF', async () => {
    const w = await sessionWorld({ titulares: 3, suplentes: 1 });
    const cookie = await signIn(w.app, w.secretary);
    const [juana, pedro, lucia] = w.titulares;
    const marta = w.suplentes[0]!;
    const session = await w.openSession({ presentUserIds: present(juana!, pedro!, lucia!), agenda: [{ dossierId: w.dossier.id }] });
    // Lucía steps aside of her own accord: without her there is no quorum, and the page says so.
    const recusal: [string, string][] = [
      [`excusa-${lucia!.user.id}`, 'si'],
      [`motivo-excusa-${lucia!.user.id}`, 'Compra café a esta familia'],
    ];
    const aside = await postFields(
      w.app,
      decideUrl(w),
      voteFields(
        session.id,
        [
          [juana!, 'for'],
          [pedro!, 'for'],
          [lucia!, 'for'],
        ],
        [...CONDITIONS, ...recusal],
      ),
      { cookie },
    );
    expect(aside.statusCode).toBe(422);
    const asideText = mainOf(aside.body);
    expect(asideText).toContain('Compra café a esta familia (excusa voluntaria).');
    expect(asideText).toContain('Falta 1 miembro con derecho a voto para el quórum');
    expect(asideText).toContain('Convocar a Marta Rojas (suplente)');
    // The suplente's button carries the recusal, and the page keeps it after calling her in.
    expect(aside.body).toContain(`<input type="hidden" name="motivo-excusa-${lucia!.user.id}" value="Compra café a esta familia">`);
    const called = await postFields(w.app, `${decideUrl(w)}/convocar`, [['sesion', session.id], ['suplente', marta.user.id], ...recusal], {
      cookie,
    });
    expect(called.statusCode).toBe(303);
    const back = await getPage(w.app, called.headers.location as string, cookie);
    expect(mainOf(back.body)).toContain(
      'Quiénes votan Juana Vargas (titular) Pedro Condori (titular) Marta Rojas (suplente, ocupa un lugar vacante)',
    );
    expect(back.body).toMatch(new RegExp(`name="excusa-${lucia!.user.id}" value="si" checked`));

    const res = await postFields(
      w.app,
      decideUrl(w),
      voteFields(
        session.id,
        [
          [juana!, 'for'],
          [pedro!, 'against', 'Falta la hoja de costos firmada'],
          [marta, 'for'],
        ],
        [...CONDITIONS, ...recusal],
      ),
      { cookie },
    );
    expect(res.statusCode).toBe(303);
    const [, decisionId] = /^\/app\/comision\/decisiones\/([0-9a-f-]{36})\?hecho=decidida$/.exec(res.headers.location as string) ?? [];
    const decision = (await w.api.get(`/api/v1/decisions/${decisionId}`).set(w.secretary.headers).expect(200)).body;
    expect(decision).toMatchObject({ number: '01/2026', outcome: 'approved_with_conditions', tally: { for: 2, against: 1, abstain: 0 } });
    expect(decision.recusals).toEqual([
      expect.objectContaining({ userId: lucia!.user.id, kind: 'voluntary', reason: 'Compra café a esta familia' }),
    ]);
    expect(decision.votes).toContainEqual(
      expect.objectContaining({ name: 'Pedro Condori', vote: 'against', rationale: 'Falta la hoja de costos firmada' }),
    );

    const page = await getPage(w.app, res.headers.location as string, cookie);
    const text = mainOf(page.body);
    expect(text).toMatch(
      /^Resolución N° 01\/2026 Expediente de Familia Choque Quispe \(Cooperativa Agropecuaria Señor de Mayo\), ciclo 2026 Decisión registrada\./,
    );
    expect(text).toContain('Tomada en la Sesión N° 01/2026 del 10 de junio de 2026, Sede de la Plataforma, La Paz');
    expect(text).toContain(
      'Resultado Aprobado con condiciones Votación 2 a favor, 1 en contra y 0 abstenciones Nivel del sello En transición',
    );
    expect(text).toContain('Pedro Condori: en contra. Motivo: Falta la hoja de costos firmada');
    expect(text).toContain('Compra café a esta familia (excusa voluntaria)');
    expect(text).toMatch(new RegExp(`Condiciones ${ACTION} \\(plazo hasta el .*\\) Abrir el certificado en PDF`));
    expect(text).not.toMatch(UUID);
    const pdfHref = /href="(\/api\/v1\/certificates\/[0-9a-f-]{36}\/certificate\.pdf)"/.exec(page.body)?.[1];
    const pdf = await getPage(w.app, pdfHref!, cookie);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');

    // The session shows it decided; the dossier no longer waits, so deciding it again is not offered.
    const sessionPage = mainOf((await getPage(w.app, `/app/comision/sesiones/${session.id}`, cookie)).body);
    expect(sessionPage).toContain('Aprobado con condiciones (2 a favor, 1 en contra y 0 abstenciones) · Resolución N° 01/2026');
    const committee = await signIn(w.app, w.committee);
    expect((await getPage(w.app, res.headers.location as string, committee)).statusCode).toBe(403);
    const done = await getPage(w.app, decideUrl(w), cookie);
    expect(mainOf(done.body)).toContain('Este expediente no espera una decisión de la comisión ahora.');
    const twice = await postFields(w.app, decideUrl(w), voteFields(session.id, [[juana!, 'for']], CONDITIONS), { cookie });
    expect(twice.statusCode).toBe(409);
    expect(countRows(w.app, 'decisions')).toBe(1);
  });
});

describe('the deciding pages refuse everyone else', () => {
  it('gives the committee and a reviewer the refusal page on every page and form, writing nothing, and refuses forms from another site', async () => {
    const w = await sessionWorld({ titulares: 2, suplentes: 1, reviewerSits: true });
    const session = await w.openSession({ presentUserIds: present(...w.titulares), agenda: [{ dossierId: w.dossier.id }] });
    const gets = [decideUrl(w), `${decideUrl(w)}?sesion=${session.id}`, '/app/comision/decisiones/4b7f2d3e-8a61-4c55-9e0f-0d6a1c2b3e4f'];
    const posts: [string, [string, string][]][] = [
      [decideUrl(w), voteFields(session.id, [[w.titulares[0]!, 'for']], CONDITIONS)],
      [decideUrl(w), [['sesion', 'x']]],
      [
        `${decideUrl(w)}/convocar`,
        [
          ['sesion', session.id],
          ['suplente', w.suplentes[0]!.user.id],
        ],
      ],
      [
        `${decideUrl(w)}/diferir`,
        [
          ['sesion', session.id],
          ['reason', 'Sin quórum tras las excusas del día'],
        ],
      ],
    ];
    const commissionWrites = () =>
      (
        w.app.db.$client.prepare("SELECT count(*) AS n FROM audit_log WHERE entity IN ('decision', 'commission_session')").get() as {
          n: number;
        }
      ).n;
    const before = commissionWrites();
    const reviewer = await seedUser(w.app, { role: 'reviewer', organizationId: w.org, personId: w.reviewer });
    for (const user of [w.committee, reviewer]) {
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
    const secretary = await signIn(w.app, w.secretary);
    for (const [url, fields] of posts) {
      const res = await postFields(w.app, url, fields, {
        cookie: secretary,
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
      });
      expect(res.statusCode, url).toBe(403);
      expect(visibleText(res.body)).toContain('La solicitud no vino de una página de este sitio');
    }
    expect(commissionWrites()).toBe(before);
    expect(countRows(w.app, 'decisions')).toBe(0);
    const anonymous = await getPage(w.app, decideUrl(w));
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe(`/entrar?volver=${encodeURIComponent(decideUrl(w))}`);
    // For the commission, a decision that does not exist is a page that does not exist.
    expect((await getPage(w.app, gets[2]!, secretary)).statusCode).toBe(404);
  });
});
