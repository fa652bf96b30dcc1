import type { BrowserContext, Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { laPazDate } from '../../src/domain/certificate-state.js';
import { axeViolations, documentWidth, expectWithinBudget, PHONE_WITH_SCRIPTS, useBrowser } from '../helpers/browser.js';
import { pdfText } from '../helpers/pdf-reader.js';
import { ACTION, sessionWorld, type SessionWorld } from '../helpers/session-world.js';

const browser = useBrowser();

/** A desk's screen, with scripts for the axe check. */
const DESKTOP = { viewport: { width: 1280, height: 800 }, javaScriptEnabled: true, bypassCSP: true, locale: 'es-BO' };

/** A browser signed in as the commission's secretary, with the checks every page must pass. */
async function signedIn(w: SessionWorld, options = PHONE_WITH_SCRIPTS) {
  const address = await w.app.listen({ port: 0, host: '127.0.0.1' });
  const context = await browser().newContext(options);
  const page = await context.newPage();
  let requests: Request[] = [];
  page.on('request', (request) => requests.push(request));
  const width = options.viewport?.width ?? 360;

  await page.goto(`${address}/app`);
  await page.getByLabel('Usuario').fill(w.secretary.user.username);
  await page.getByLabel('Contraseña').fill(w.secretary.password);
  await Promise.all([page.waitForURL(`${address}/app`), page.getByRole('button', { name: 'Entrar' }).click()]);
  requests = [];

  return {
    address,
    context,
    page,
    /** No serious accessibility problem, no sideways scroll, within the weight budget. */
    check: async (label: string, p: Page = page, pageWidth = width) => {
      expect(await axeViolations(p), label).toEqual([]);
      expect(await documentWidth(p), label).toBeLessThanOrEqual(pageWidth);
      await expectWithinBudget(label, requests);
      requests = [];
    },
    h1: (p: Page = page) => p.getByRole('heading', { level: 1 }).innerText(),
    text: (p: Page = page) => p.locator('main').innerText(),
    /** Follows a link or presses a button; the next check weighs what that navigation loaded. */
    follow: (name: string | RegExp, p: Page = page) => {
      requests = [];
      return Promise.all([
        p.waitForNavigation(),
        p
          .getByRole('link', { name, exact: typeof name === 'string' })
          .first()
          .click(),
      ]);
    },
    press: (name: string | RegExp, p: Page = page) => {
      requests = [];
      return Promise.all([p.waitForNavigation(), p.getByRole('button', { name, exact: typeof name === 'string' }).click()]);
    },
  };
}

/** The same pages on a desk: the session's cookie in a wide window. */
async function onDesk(context: BrowserContext) {
  return browser().newContext({ ...DESKTOP, storageState: await context.storageState() });
}

/** Marks a member's vote (the fieldset named after them) and, if given, its reason. */
async function vote(page: Page, member: string, choice: 'A favor' | 'En contra' | 'Abstención', reason?: string) {
  const group = page.getByRole('group', { name: new RegExp(`^${member} \\(`) });
  await group.getByLabel(choice, { exact: true }).check();
  if (reason !== undefined) await group.getByLabel(`Motivo del voto de ${member}`).fill(reason);
}

const year = () => laPazDate(new Date()).slice(0, 4);

describe('the commission’s sessions and decisions in Chromium, on a phone and on a desk', () => {
  it('finds the dossier in the queue, opens a session with it, records attendance, sees who steps aside, records the votes and approves with a condition; the certificate PDF opens', async () => {
    const w = await sessionWorld({ titulares: 3, reviewerSits: true });
    const b = await signedIn(w);
    const { page } = b;

    // The queue, then the dossier, found by name.
    await b.follow('Expedientes por decidir');
    await b.follow('Familia Choque Quispe');
    await expect(b.h1()).resolves.toBe('Expediente de Familia Choque Quispe');
    await b.follow('Registrar la decisión de la comisión');
    await expect(b.h1()).resolves.toBe('Decidir sobre el expediente de Familia Choque Quispe');
    await expect(b.text()).resolves.toContain('No hay ninguna sesión abierta.');
    await b.check('/app/comision/expedientes/:id/decidir (no session)');

    // A new session, the dossier already ticked on its agenda.
    await b.follow('Nueva sesión');
    await expect(b.h1()).resolves.toBe('Nueva sesión');
    const agendaBox = page.getByRole('checkbox', { name: /Familia Choque Quispe · Cooperativa Agropecuaria Señor de Mayo · ciclo 2026/ });
    await expect(agendaBox.isChecked()).resolves.toBe(true);
    await b.check('/app/comision/sesiones/nueva');
    await page.getByLabel('Hora de inicio').fill('09:30');
    await b.press('Abrir la sesión');
    // The place was left out: said beside the field, the rest kept.
    await expect(page.getByRole('alert').innerText()).resolves.toBe('Revise los datos marcados.');
    await expect(page.locator('#campo-place-error').innerText()).resolves.toBe('Escriba el lugar de la sesión');
    await expect(agendaBox.isChecked()).resolves.toBe(true);
    await b.check('/app/comision/sesiones/nueva (problems)');
    await page.getByLabel('Lugar').fill('Sede de la Plataforma, La Paz');
    await b.press('Abrir la sesión');
    await expect(b.h1()).resolves.toBe(`Sesión N° 01/${year()}`);
    await expect(page.getByRole('status').innerText()).resolves.toContain('Sesión abierta.');

    // Attendance: the four titulares.
    for (const name of ['Juana Vargas', 'Pedro Condori', 'Lucía Gutiérrez', 'Rosa Mamani']) {
      await page.getByRole('group', { name: 'Titulares presentes' }).getByLabel(name).check();
    }
    await b.press('Guardar asistencia');
    await expect(page.getByRole('status').innerText()).resolves.toBe('Asistencia guardada.');
    await expect(b.text()).resolves.toContain('Presentes: 4 titulares y 0 suplentes.');
    await b.check('/app/comision/sesiones/:id');

    // Before any vote: who steps aside and why, who votes.
    await b.follow('Decidir');
    await expect(b.text()).resolves.toContain('Rosa Mamani integró el equipo de visita de este expediente (se excusa por regla).');
    await expect(page.locator('.quorum').innerText()).resolves.toBe('Hay quórum: votan 3 miembros y el quórum es de 3.');
    await expect(page.getByRole('group', { name: /^Rosa Mamani/ }).count()).resolves.toBe(0);
    await expect(b.text()).resolves.toContain(`P1.01: ${ACTION}`);
    await b.check('/app/comision/expedientes/:id/decidir');

    // A vote against without its reason is refused beside that member.
    await vote(page, 'Juana Vargas', 'A favor');
    await vote(page, 'Pedro Condori', 'En contra');
    await vote(page, 'Lucía Gutiérrez', 'A favor');
    await page.getByLabel('aprobado con condiciones', { exact: true }).check();
    await page.getByLabel('Nivel del sello').selectOption({ label: 'En transición' });
    await page
      .getByLabel('Fundamento de la decisión')
      .fill('Cumple los criterios críticos; el precio justo queda como condición con su plazo.');
    await b.press('Registrar la decisión');
    const pedro = page.getByRole('group', { name: /^Pedro Condori/ });
    await expect(pedro.locator('.error').innerText()).resolves.toBe('Un voto en contra lleva su fundamento (al menos 5 caracteres)');
    await expect(pedro.getByLabel('En contra', { exact: true }).isChecked()).resolves.toBe(true);
    await b.check('/app/comision/expedientes/:id/decidir (problems)');
    await vote(page, 'Pedro Condori', 'En contra', 'Falta la hoja de costos firmada');
    await b.press('Registrar la decisión');

    // The resolution, its tally and the certificate.
    await expect(b.h1()).resolves.toBe(`Resolución N° 01/${year()}`);
    const decision = await b.text();
    expect(decision).toContain('Aprobado con condiciones');
    expect(decision).toContain('2 a favor, 1 en contra y 0 abstenciones');
    expect(decision).toContain('Pedro Condori: en contra. Motivo: Falta la hoja de costos firmada');
    expect(decision).toContain('Rosa Mamani integró el equipo de visita de este expediente (se excusó por regla)');
    expect(decision).toContain(ACTION);
    await b.check('/app/comision/decisiones/:id');
    const href = await page.getByRole('link', { name: 'Abrir el certificado en PDF' }).getAttribute('href');
    const pdf = await b.context.request.get(new URL(href!, b.address).href);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const body = await pdf.body();
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    // The PDF is this decision's certificate: its code and its condition.
    const code = /Certificado (\S+):/.exec(decision)![1]!;
    const certificateText = (await pdfText(body)).join(' ').replace(/\s+/g, ' ');
    expect(certificateText).toContain(code);
    expect(certificateText).toContain(ACTION);

    // Back on the session: decided, with its resolution. On a desk, the same pages.
    await b.follow('Volver a la sesión');
    await expect(b.text()).resolves.toContain(
      `Aprobado con condiciones (2 a favor, 1 en contra y 0 abstenciones) · Resolución N° 01/${year()}`,
    );
    const desk = await onDesk(b.context);
    const deskPage = await desk.newPage();
    await deskPage.goto(page.url());
    expect(await axeViolations(deskPage)).toEqual([]);
    expect(await documentWidth(deskPage)).toBeLessThanOrEqual(1280);
    await deskPage.goto(`${b.address}/app/comision/sesiones`);
    await expect(deskPage.locator('table.cards thead').isVisible()).resolves.toBe(true);
    await expect(deskPage.getByRole('row').nth(1).innerText()).resolves.toMatch(
      /Sesión N° 01\/\d{4}\s+\d+ de \S+ de \d{4}\s+Sede de la Plataforma, La Paz\s+Desde las 09:30\s+Abierta\s+1 decisión/,
    );
    expect(await axeViolations(deskPage)).toEqual([]);
    await desk.close();
    await b.context.close();
  }, 120_000);

  it('calls the suplente in when a recusal leaves no quorum and decides; with no suplente left, defers with the reason', async () => {
    // Three titulares (one of them reviewed the visit) and one suplente; quorum three.
    const w = await sessionWorld({ titulares: 2, suplentes: 1, reviewerSits: true });
    await w.openSession({
      heldOn: laPazDate(new Date()),
      presentUserIds: w.titulares.map((t) => t.user.id),
      agenda: [{ dossierId: w.dossier.id }],
    });
    const b = await signedIn(w);
    const { page } = b;
    await page.goto(`${b.address}/app/comision/sesiones`);
    await b.check('/app/comision/sesiones');
    await b.follow(/^Sesión N° 01\//);
    await b.follow('Decidir');
    await expect(b.text()).resolves.toContain('Rosa Mamani integró el equipo de visita de este expediente');
    await expect(page.locator('.quorum').innerText()).resolves.toBe('Falta 1 miembro con derecho a voto para el quórum.');
    await expect(page.getByRole('button', { name: 'Diferir por falta de quórum' }).count()).resolves.toBe(0);
    await b.check('/app/comision/expedientes/:id/decidir (no quorum)');
    const desk = await onDesk(b.context);
    const deskPage = await desk.newPage();
    await deskPage.goto(page.url());
    expect(await axeViolations(deskPage)).toEqual([]);
    expect(await documentWidth(deskPage)).toBeLessThanOrEqual(1280);
    await desk.close();
    await b.press('Convocar a Marta Rojas (suplente)');
    await expect(page.getByRole('status').innerText()).resolves.toBe(
      'Marta Rojas se sumó a la sesión como suplente y ocupa un lugar vacante.',
    );
    await expect(page.locator('.quorum').innerText()).resolves.toBe('Hay quórum: votan 3 miembros y el quórum es de 3.');
    for (const name of ['Juana Vargas', 'Pedro Condori', 'Marta Rojas']) await vote(page, name, 'A favor');
    await page.getByLabel('aprobado con condiciones', { exact: true }).check();
    await page.getByLabel('Nivel del sello').selectOption({ label: 'En transición' });
    await page.getByLabel('Fundamento de la decisión').fill('Cumple los criterios críticos; el precio justo queda como condición.');
    await b.press('Registrar la decisión');
    await expect(b.h1()).resolves.toMatch(/^Resolución N° 01\/\d{4}$/);
    await expect(b.text()).resolves.toContain('Marta Rojas: a favor');
    await b.context.close();
    await w.app.close();

    // The visit's technician is the only suplente: nobody is left to call in.
    const v = await sessionWorld({ titulares: 2, reviewerSits: true, technicianSits: true });
    const session = await v.openSession({
      heldOn: laPazDate(new Date()),
      presentUserIds: v.titulares.map((t) => t.user.id),
      agenda: [{ dossierId: v.dossier.id }],
    });
    const d = await signedIn(v);
    await d.page.goto(`${d.address}/app/comision/expedientes/${v.dossier.id}/decidir`);
    await expect(d.page.locator('.quorum').innerText()).resolves.toBe('Falta 1 miembro con derecho a voto para el quórum.');
    await expect(d.text()).resolves.toContain('No hay suplentes disponibles');
    const reason = d.page.getByLabel('Motivo del diferimiento');
    await expect(reason.inputValue()).resolves.toContain('Rosa Mamani integró el equipo de visita de este expediente');
    await d.check('/app/comision/expedientes/:id/decidir (deferral)');
    await d.press('Diferir por falta de quórum');
    await expect(d.h1()).resolves.toMatch(/^Sesión N° 01\/\d{4}$/);
    await expect(d.page.getByRole('status').innerText()).resolves.toBe(
      'Expediente diferido por falta de quórum. El motivo queda en el acta.',
    );
    const item = await d.page.locator('.agenda li').innerText();
    expect(item).toContain(
      'Diferido por falta de quórum, sin votación. Motivo: Sin quórum para decidir este expediente: Rosa Mamani integró',
    );
    await d.check('/app/comision/sesiones/:id (deferred)');

    // The acta, as the page links it.
    const acta = await d.context.request.get(`${d.address}/api/v1/commission/sessions/${session.id}/acta.pdf`);
    expect(acta.status()).toBe(200);
    const text = (await pdfText(await acta.body())).join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('Rosa Mamani integró el equipo de visita');
    await d.context.close();
  }, 120_000);
});
