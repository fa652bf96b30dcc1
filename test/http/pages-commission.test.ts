/**
 * The commission's pages over HTTP, as a browser without scripts sends them: its home, the queue
 * with its GET filters, the dossier as the commission reviews it (disagreements marked in words,
 * non-conformities by level, the history in words, no ids on screen), and the refusal page for
 * everyone who may not act as the commission.
 */
import { describe, expect, it } from 'vitest';
import { seedUser } from '../helpers/auth.js';
import { getPage, signIn, UUID, visibleText } from '../helpers/pages.js';
import { queueWorld, type QueueWorld } from '../helpers/queue-world.js';

/** The table row of one criterion in the comparison of self-assessment and visit. */
function criterionRow(html: string, code: string): { html: string; text: string } {
  const row = html.split('<tr').find((part) => part.includes(`>${code}<span class="criterion-text">`));
  if (!row) throw new Error(`no row for ${code}`);
  return { html: `<tr${row}`, text: visibleText(`<tr${row}`) };
}

/** The queue's producers, in the order the page lists them. */
const listed = (html: string) =>
  [...html.matchAll(/<td class="card-head"><a href="\/app\/comision\/expedientes\/([0-9a-f-]{36})">/g)].map((m) => m[1]);

async function commissionCookie(w: QueueWorld) {
  return signIn(w.app, w.members[0]!);
}

describe('/app for the commission', () => {
  it('says how many dossiers wait and why, and links to the queue and the sessions', async () => {
    const w = await queueWorld();
    const res = await getPage(w.app, '/app', await commissionCookie(w));
    expect(res.statusCode).toBe(200);
    expect(visibleText(res.body)).toContain(
      'Hay 5 expedientes esperando la decisión de la comisión: 3 esperan su primera decisión, 1 fue diferido antes por la comisión y 1 volvió por una apelación aceptada.',
    );
    expect(res.body).toContain('<a href="/app/comision">Expedientes por decidir</a>');
    expect(res.body).toContain('<a href="/app/comision/sesiones">Sesiones de la comisión</a>');
    expect(visibleText(res.body)).not.toContain('en preparación');
  });
});

describe('/app/comision: the queue', () => {
  it('lists the waiting dossiers oldest first with what the commission needs to choose, and no ids on screen', async () => {
    const w = await queueWorld();
    const { choque, flores, tinku, rojas, apaza } = w.dossiers;
    const res = await getPage(w.app, '/app/comision', await commissionCookie(w));
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(listed(res.body)).toEqual([choque, flores, tinku, rojas, apaza]);
    const text = visibleText(res.body);
    expect(text).toContain('5 expedientes esperan la decisión de la comisión.');
    expect(text).toMatch(
      /Familia Choque Quispe Cooperativa Agropecuaria Señor de Mayo La Paz 2026 Versión 2026\.4 Denegar 1 crítica, 1 mayor, 1 progresiva Espera su primera decisión/,
    );
    expect(text).toMatch(/Taller Flores Condori .* Aprobar Ninguna Diferido por la comisión el 2 de noviembre de 2026/);
    expect(text).toMatch(/Artesanías Tinku Asociación de Artesanas Tinku Potosí/);
    expect(text).toMatch(/Familia Apaza .* Reabierto por una apelación aceptada el 2 de noviembre de 2026/);
    expect(text).not.toContain('Unidad Mamani');
    expect(text).not.toMatch(UUID);
    expect(res.body).toMatch(/<form class="search filters" method="get" action="\/app\/comision"/);
  });

  it('narrows the list by each filter of the form, and keeps the choice selected', async () => {
    const w = await queueWorld();
    const { choque, flores, tinku, rojas, apaza } = w.dossiers;
    const cookie = await commissionCookie(w);
    const page = async (query: string) => {
      const res = await getPage(w.app, `/app/comision?${query}`, cookie);
      expect(res.statusCode, query).toBe(200);
      return res.body;
    };
    // A form sends every field; «all» is an empty value.
    const all = { organizacion: '', departamento: '', situacion: '' };
    const query = (fields: Partial<typeof all>) => new URLSearchParams({ ...all, ...fields }).toString();

    expect(listed(await page(query({})))).toEqual([choque, flores, tinku, rojas, apaza]);
    const byOrg = await page(query({ organizacion: w.orgB }));
    expect(listed(byOrg)).toEqual([tinku]);
    expect(byOrg).toContain(`<option value="${w.orgB}" selected>Asociación de Artesanas Tinku</option>`);
    expect(visibleText(byOrg)).toContain('1 expediente con estos filtros, de 5 que esperan.');
    expect(listed(await page(query({ organizacion: w.org })))).toEqual([choque, flores, rojas, apaza]);
    const byDepartment = await page(query({ departamento: 'cochabamba' }));
    expect(listed(byDepartment)).toEqual([rojas]);
    expect(byDepartment).toContain('<option value="cochabamba" selected>Cochabamba</option>');
    expect(listed(await page(query({ departamento: 'la-paz' })))).toEqual([choque, flores, apaza]);
    expect(listed(await page(query({ situacion: 'deferred' })))).toEqual([flores]);
    expect(listed(await page(query({ situacion: 'reopened' })))).toEqual([apaza]);
    expect(listed(await page(query({ situacion: 'first_decision', organizacion: w.org })))).toEqual([choque, rojas]);

    const none = await page(query({ situacion: 'reopened', departamento: 'potosi' }));
    expect(listed(none)).toEqual([]);
    expect(visibleText(none)).toContain('Ningún expediente que espera coincide con estos filtros. Ver todos');

    // A value no form offers is an address that does not exist.
    expect((await getPage(w.app, '/app/comision?situacion=pendiente', cookie)).statusCode).toBe(404);
  });
});

describe('/app/comision/expedientes/:id: the dossier as the commission reviews it', () => {
  it('shows producer, cycle, criteria, the self-assessment beside the visit with disagreements marked in words, non-conformities by level, photos, other cycles and the history in words', async () => {
    const w = await queueWorld();
    const cookie = await commissionCookie(w);
    const id = w.dossiers.choque;
    const res = await getPage(w.app, `/app/comision/expedientes/${id}`, cookie);
    expect(res.statusCode).toBe(200);
    const html = res.body;
    const text = visibleText(html);

    expect(text).toContain('Expediente de Familia Choque Quispe');
    expect(text).toContain('Cooperativa Agropecuaria Señor de Mayo · ciclo 2026 · criterios es-cj-bolivia versión 2026.4');
    expect(text).toContain('Situación: Espera su primera decisión. Está ante la comisión desde el 2 de noviembre de 2026.');
    expect(text).toContain('Dónde está Villa Bolinda, Caranavi, La Paz');
    expect(text).toMatch(
      /Recomendación del comité Denegar \(2 de noviembre de 2026, Usuaria committee \d+\) Recomendación del comité tras la visita/,
    );

    // Disagreements: marked on the row, in words.
    expect(text).toContain(
      'La autoevaluación y la visita de pares no coinciden en 4 de 30 criterios: P1.01, P1.02, P1.04, P5.01. Están marcados con «No coinciden».',
    );
    const differs = criterionRow(html, 'P5.01');
    expect(differs.html).toMatch(/^<tr class="differs">/);
    expect(differs.text).toMatch(/^P5\.01 .* Crítico Cumple Todo en regla No cumple No coinciden$/);
    const agrees = criterionRow(html, 'P1.03');
    expect(agrees.html).toMatch(/^<tr>/);
    expect(agrees.text).toMatch(/Crítico Cumple Cumple Coinciden$/);

    expect(text).toContain('Abiertas: 1 crítica, 1 mayor, 1 progresiva.');
    expect(text).toMatch(
      /P1\.01: .* Nivel mayor · abierta .* Acción correctiva: Recalcular los costos y acordar el precio en asamblea Responsable: Rosa Mamani Abierta, con plazo hasta el 2 de diciembre de 2026/,
    );
    expect(text).toMatch(
      /P1\.02: .* Nivel menor · cerrada .* Acción correctiva: Firmar contratos escritos con los compradores Responsable: Rosa Mamani Cerrada el 2 de noviembre de 2026: Contratos firmados con dos compradores Foto del cierre/,
    );
    expect(text).toMatch(/P5\.01: Ningún niño .* Nivel crítico · abierta Respuesta de la visita: No cumple Impide aprobar/);
    expect(text).toContain(
      'Visita del 2 de noviembre de 2026 Equipo: Ing. Luis Flores (técnico/a), Rosa Mamani (productor/a de otra unidad)',
    );

    // The photo: a thumbnail with alt text, served to the commission by the evidence endpoint.
    const photo = /<img src="(\/api\/v1\/evidence\/[0-9a-f-]{36})" alt="([^"]+)"/.exec(html);
    expect(photo?.[2]).toBe('Foto del criterio P5.01 (visita del 2 de noviembre de 2026)');
    const file = await getPage(w.app, photo![1]!, cookie);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');

    // The unit's earlier cycle, its decision and its certificate.
    const code = (await w.api.get(`/api/v1/certificates/${w.certificateId}`).set(w.committee.headers).expect(200)).body.code as string;
    expect(text).toMatch(
      /Ciclo 2025 Decidido Versión 2026\.4 Aprobado \(Resolución N° 01\/2026, sesión N° 01\/2026 del 2 de noviembre de 2026\)/,
    );
    expect(text).toContain(`${code} VIGENTE Pleno 2025 Del 2 de noviembre de 2026 al 1 de noviembre de 2027 Ninguna`);
    expect(html).toContain(`href="/app/comision/expedientes/${w.dossiers.choque2025}"`);
    expect(html).toContain(`href="/app/comision/certificados/${w.certificateId}"`);

    // The history: who, what, when, in words.
    expect(text).toMatch(
      /2 de noviembre de 2026, \d\d:\d\d Usuaria committee \d+ \(comité local de garantía\) Registró la visita de pares del 2 de noviembre de 2026, con 4 no conformidades/,
    );
    expect(text).toMatch(/Usuaria committee \d+ \(comité local de garantía\) Subió una foto del criterio P5\.01/);
    expect(text).toMatch(/Acordó una acción correctiva con plazo hasta el 2 de diciembre de 2026: Recalcular los costos/);
    expect(text).toMatch(/Usuaria committee \d+ \(comité local de garantía\) Cerró una acción correctiva/);
    expect(text).toMatch(/Usuaria committee \d+ \(comité local de garantía\) Envió el expediente a la comisión de certificación/);
    for (const raw of ['{', '}', 'sistema:', 'send_to_commission', 'self_assessment', 'ready_for_commission']) {
      expect(text, raw).not.toContain(raw);
    }
    expect(text).not.toMatch(UUID);

    // The place where the decision is taken (the deciding page is built apart).
    expect(html).toContain(`<a class="btn" href="/app/comision/expedientes/${id}/decidir">Registrar la decisión de la comisión</a>`);
  });

  it('says why a deferred or reopened dossier waits again, with the earlier decisions and the appeal', async () => {
    const w = await queueWorld();
    const cookie = await commissionCookie(w);
    const flores = visibleText((await getPage(w.app, `/app/comision/expedientes/${w.dossiers.flores}`, cookie)).body);
    expect(flores).toContain('Situación: Diferido por la comisión el 2 de noviembre de 2026.');
    expect(flores).toContain(
      'Diferido (Resolución N° 02/2026, sesión N° 01/2026 del 2 de noviembre de 2026): Falta la hoja de costos firmada',
    );
    expect(flores).toMatch(
      /Comisionada 1 \(comisión de certificación\) Registró la decisión de la comisión: «diferido» \(la propuesta de «aprobado» no obtuvo mayoría\)/,
    );

    const apazaPage = (await getPage(w.app, `/app/comision/expedientes/${w.dossiers.apaza}`, cookie)).body;
    expect(apazaPage).toMatch(/href="\/app\/comision\/apelaciones\/[0-9a-f-]{36}"/);
    const apaza = visibleText(apazaPage);
    expect(apaza).toContain('Situación: Reabierto por una apelación aceptada el 2 de noviembre de 2026.');
    expect(apaza).toContain('Denegado (Resolución N° 03/2026, sesión N° 01/2026 del 2 de noviembre de 2026)');
    expect(apaza).toContain('Motivo: La visita no consideró la hoja de costos presentada');
    expect(apaza).toMatch(/Comisionada 4 \(comisión de certificación\) Resolvió la apelación: «aceptada»/);
    expect(apaza).toContain('El expediente volvió a la comisión por una apelación aceptada');

    // A decided dossier is shown, but offers no decision.
    const decided = await getPage(w.app, `/app/comision/expedientes/${w.dossiers.choque2025}`, cookie);
    expect(visibleText(decided.body)).toContain('Este expediente no espera una decisión de la comisión ahora.');
    expect(decided.body).not.toContain('/decidir');
  });
});

describe('the commission’s pages refuse everyone else', () => {
  it('gives committees (even of the dossier’s own organisation), reviewers and producers the refusal page, and sends the anonymous to sign in', async () => {
    const w = await queueWorld();
    const reviewer = await seedUser(w.app, { role: 'reviewer', organizationId: w.org, personId: w.reviewer });
    const producer = await seedUser(w.app, { role: 'producer', organizationId: w.org, producerId: w.producer });
    const pages = ['/app/comision', `/app/comision?situacion=deferred`, `/app/comision/expedientes/${w.dossiers.choque}`];
    for (const user of [w.committee, w.committeeB, reviewer, producer]) {
      const cookie = await signIn(w.app, user);
      for (const url of pages) {
        const res = await getPage(w.app, url, cookie);
        expect(res.statusCode, `${user.user.role} ${url}`).toBe(403);
        const text = visibleText(res.body);
        expect(text).toContain('No tiene permiso');
        expect(text).not.toContain('Familia Choque');
        expect(text).not.toContain('Artesanías Tinku');
      }
      // Nor does a missing dossier tell them anything different.
      expect((await getPage(w.app, '/app/comision/expedientes/4b7f2d3e-8a61-4c55-9e0f-0d6a1c2b3e4f', cookie)).statusCode).toBe(403);
    }
    const anonymous = await getPage(w.app, '/app/comision');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/entrar?volver=%2Fapp%2Fcomision');

    const cookie = await commissionCookie(w);
    expect((await getPage(w.app, '/app/comision/expedientes/4b7f2d3e-8a61-4c55-9e0f-0d6a1c2b3e4f', cookie)).statusCode).toBe(404);
    const admin = await signIn(w.app, await seedUser(w.app, { role: 'admin' }));
    expect((await getPage(w.app, '/app/comision', admin)).statusCode).toBe(200);
  });
});
