import { createCanvas, loadImage } from '@napi-rs/canvas';
import type { Page, Request } from 'playwright-core';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { evidenceFileIn } from '../../src/modules/dossiers/evidence-service.js';
import { buildTestApp, tempDir } from '../helpers/app.js';
import { seedOrganization, seedUser, type TestUser } from '../helpers/auth.js';
import { axeViolations, documentWidth, expectWithinBudget, PHONE_WITH_SCRIPTS, useBrowser } from '../helpers/browser.js';
import { getPage, signIn, visibleText } from '../helpers/pages.js';
import { seedPerson, seedProducer } from '../helpers/registry.js';

const browser = useBrowser();

/** La Paz's today, YYYY-MM-DD: the visit is planned (and done) today. */
const laPazToday = () => new Date(Date.now() - 4 * 3600 * 1000).toISOString().slice(0, 10);

/** An organisation with a dossier and a planned visit whose team includes a reviewer with an account. */
async function plannedVisit() {
  const dataDir = tempDir('sello-offline-');
  const app = await buildTestApp({ dataDir });
  const api = request(app.server);
  const org = seedOrganization(app, 'Cooperativa Agropecuaria Señor de Mayo');
  const committee = await seedUser(app, { role: 'committee', organizationId: org });
  const producer = seedProducer(app, org, { name: 'Familia Choque Quispe', household: 'Familia Choque', sectors: ['agricola'] });
  const reviewerUnit = seedProducer(app, org, { household: 'Familia Mamani' });
  const reviewerPerson = seedPerson(app, org, { fullName: 'Rosa Mamani', producerId: reviewerUnit, household: 'Familia Mamani' });
  const technician = seedPerson(app, seedOrganization(app), { fullName: 'Ing. Luis Flores', roles: ['technician'] });
  const reviewer = await seedUser(app, { role: 'reviewer', organizationId: org, personId: reviewerPerson, displayName: 'Rosa Mamani' });
  const dossier = (await api.post('/api/v1/dossiers').set(committee.headers).send({ producerId: producer, cycle: 2026 }).expect(201))
    .body as { id: string; applicableCriteria: { code: string }[] };
  const visit = (
    await api
      .post(`/api/v1/dossiers/${dossier.id}/visits`)
      .set(committee.headers)
      .send({
        plannedOn: laPazToday(),
        team: [
          { personId: reviewerPerson, kind: 'producer' },
          { personId: technician, kind: 'technician' },
        ],
      })
      .expect(201)
  ).body as { id: string };
  return { app, dataDir, org, committee, reviewer, dossier, visitId: visit.id };
}

/** A real 1600x1200 PNG: the phone must make it smaller before storing it. */
function photo(): Buffer {
  const canvas = createCanvas(1600, 1200);
  const context = canvas.getContext('2d');
  context.fillStyle = '#4a7f3a';
  context.fillRect(0, 0, 1600, 1200);
  context.fillStyle = '#c25e00';
  context.fillRect(300, 200, 800, 600);
  return canvas.toBuffer('image/png');
}

/** Signs in through the real form and comes back to `back`. */
async function logIn(page: Page, address: string, user: TestUser, back: string) {
  await page.goto(`${address}/entrar?volver=${encodeURIComponent(back)}`);
  await page.getByLabel('Usuario').fill(user.user.username);
  await page.getByLabel('Contraseña').fill(user.password);
  await Promise.all([page.waitForURL(`${address}${back}`), page.getByRole('button', { name: 'Entrar' }).click()]);
}

describe('the peer visit offline, in Chromium on a 360px phone', () => {
  it('prepares the visit, records it with no network, survives closing the page, and sends it once after an interrupted send', async () => {
    const w = await plannedVisit();
    const address = await w.app.listen({ port: 0, host: '127.0.0.1' });
    const context = await browser().newContext({ ...PHONE_WITH_SCRIPTS, serviceWorkers: 'allow', timezoneId: 'America/La_Paz' });
    let page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));

    await page.goto(`${address}/entrar?volver=%2Fapp`);
    await page.getByLabel('Usuario').fill(w.reviewer.user.username);
    await page.getByLabel('Contraseña').fill(w.reviewer.password);
    await Promise.all([page.waitForURL(`${address}/app`), page.getByRole('button', { name: 'Entrar' }).click()]);

    // The page's weight with nothing cached: a new context with the same session.
    const cold = await browser().newContext({ ...PHONE_WITH_SCRIPTS, storageState: await context.storageState() });
    const coldPage = await cold.newPage();
    const requests: Request[] = [];
    coldPage.on('request', (r) => requests.push(r));
    await coldPage.goto(`${address}/app/visitas/${w.visitId}`);
    await coldPage.getByRole('button', { name: 'Preparar para usar sin señal' }).waitFor();
    const weight = await expectWithinBudget('/app/visitas/:id (cold)', requests);
    expect(weight.byUrl.map((r) => r.type).sort()).toEqual(['document', 'script', 'script', 'script', 'script', 'script', 'stylesheet']);
    await cold.close();

    // From the reviewer's home, the visit's link.
    const card = page.getByRole('row').filter({ hasText: 'Familia Choque Quispe' });
    await Promise.all([page.waitForURL(`${address}/app/visitas/${w.visitId}`), card.getByRole('link').click()]);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Visita a Familia Choque Quispe');
    await page.getByRole('button', { name: 'Preparar para usar sin señal' }).click();
    await page.getByText('Listo: esta visita').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await documentWidth(page)).toBeLessThanOrEqual(360);
    await page.evaluate(
      () => (globalThis as unknown as { navigator: { serviceWorker: { ready: Promise<unknown> } } }).navigator.serviceWorker.ready,
    );

    // No network at all: the page comes from the service worker, the visit from the phone.
    await context.setOffline(true);
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    // The offline page is a shell: its script fills the heading and the form from the phone's storage.
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe('Visita a Familia Choque Quispe');
    const criteria = page.locator('fieldset.criterion');
    // The criteria are drawn from the phone's storage after the page loads.
    await criteria.first().waitFor();
    const count = await criteria.count();
    expect(count).toBe(w.dossier.applicableCriteria.length);
    for (let i = 0; i < count; i++) {
      await criteria
        .nth(i)
        .getByLabel(i === 1 ? 'Cumple parcialmente' : 'Cumple', { exact: true })
        .check();
    }
    const first = w.dossier.applicableCriteria[0]!.code;
    await page.getByLabel(`Notas sobre ${first}`).fill('Registros de ventas al día');
    await page.getByLabel('Quiénes estuvieron presentes').fill('Juana Choque\nPedro Quispe');
    await page.getByLabel('Observaciones generales').fill('Visita sin señal en la parcela');
    await page
      .getByLabel(`Tomar o adjuntar foto para ${first}`)
      .setInputFiles({ name: 'parcela.png', mimeType: 'image/png', buffer: photo() });
    await page.getByText('Foto guardada en este teléfono').waitFor();
    await page.getByRole('button', { name: 'Guardar', exact: true }).click();
    await page.getByText('Guardado en este teléfono (').waitFor();
    await expect.poll(() => page.locator('#donde').innerText()).toContain('Guardado solo en este teléfono');
    expect(await axeViolations(page)).toEqual([]);
    expect(await documentWidth(page)).toBeLessThanOrEqual(360);
    const radio = await criteria.first().locator('label.answer').first().boundingBox();
    expect(radio!.height).toBeGreaterThanOrEqual(44);

    // Closing the page loses nothing: a new page, still offline, shows what was saved.
    await page.close();
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${address}/app/visitas/${w.visitId}`);
    await expect.poll(() => page.getByLabel(`Notas sobre ${first}`).inputValue()).toBe('Registros de ventas al día');
    await expect
      .poll(() => page.locator('fieldset.criterion').nth(1).getByLabel('Cumple parcialmente', { exact: true }).isChecked())
      .toBe(true);
    await page.getByText('Foto 1: guardada solo en este teléfono').waitFor();

    // Back online; the first submission reaches the server but its answer never reaches the phone.
    await context.setOffline(false);
    let submissions = 0;
    await page.route(`**/api/v1/visits/${w.visitId}/submission`, async (route) => {
      submissions += 1;
      if (submissions === 1) {
        await route.fetch();
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await page.getByRole('button', { name: 'Enviar', exact: true }).click();
    await page.getByText('No hay conexión con el servidor').waitFor();
    await expect.poll(() => page.locator('#donde').innerText()).toContain('Envío empezado y no confirmado');
    await page.getByRole('button', { name: 'Enviar', exact: true }).click();
    await page.getByText('Enviada: el servidor confirmó').waitFor();
    await expect.poll(() => page.locator('#donde').innerText()).toContain('Enviada el');
    expect(submissions).toBe(2);

    const sql = w.app.db.$client;
    const visits = sql
      .prepare(`SELECT id, status, present, observations, visited_on AS visitedOn FROM visits WHERE dossier_id = ?`)
      .all(w.dossier.id) as {
      status: string;
      present: string;
      observations: string;
      visitedOn: string;
    }[];
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({ status: 'submitted', observations: 'Visita sin señal en la parcela', visitedOn: laPazToday() });
    const answers = sql.prepare(`SELECT criterion_code AS code, value, notes FROM answers WHERE source_id = ?`).all(w.visitId) as {
      code: string;
      value: string;
      notes: string | null;
    }[];
    expect(answers).toHaveLength(count);
    expect(answers.find((a) => a.code === first)).toMatchObject({ value: 'cumple', notes: 'Registros de ventas al día' });
    const files = sql
      .prepare(`SELECT media_type AS type, size, sha256, criterion_code AS code FROM evidence_files WHERE visit_id = ?`)
      .all(w.visitId) as {
      type: string;
      size: number;
      code: string;
    }[];
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ type: 'image/jpeg', code: first });
    const stored = await loadImage(evidenceFileIn(w.dataDir, (files[0] as unknown as { sha256: string }).sha256));
    expect([stored.width, stored.height]).toEqual([1280, 960]);
    console.log(`[photo] stored ${files[0]!.size} bytes (from a 1600x1200 PNG)`);

    // Sending again changes nothing; the page keeps a small record.
    expect(problems).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
    await w.app.close();
  }, 90_000);

  it('on a shared phone one person never sees another’s draft, and a refusal keeps the answers with the server’s message', async () => {
    const w = await plannedVisit();
    const address = await w.app.listen({ port: 0, host: '127.0.0.1' });
    const context = await browser().newContext({ ...PHONE_WITH_SCRIPTS, serviceWorkers: 'allow', timezoneId: 'America/La_Paz' });
    const page = await context.newPage();
    const visitPath = `/app/visitas/${w.visitId}`;

    // The reviewer prepares the visit, writes a note, and signs out.
    await logIn(page, address, w.reviewer, visitPath);
    await page.getByRole('button', { name: 'Preparar para usar sin señal' }).click();
    await page.getByText('Listo: esta visita').waitFor();
    const first = w.dossier.applicableCriteria[0]!.code;
    await page.getByLabel(`Notas sobre ${first}`).fill('Nota privada de Rosa');
    await page.getByRole('button', { name: 'Guardar', exact: true }).click();
    await page.getByText('Guardado en este teléfono (').waitFor();
    await expect(page.getByText('Al salir de su cuenta').isVisible()).resolves.toBe(true);
    // She signs out from the home page, which has no script: the service worker sees the sign-out.
    await page.goto(`${address}/app`);
    await Promise.all([page.waitForURL(`${address}/entrar`), page.getByRole('button', { name: 'Salir' }).click()]);

    // Offline, nobody is signed in on the phone: the visit is not shown.
    await context.setOffline(true);
    await page.goto(`${address}${visitPath}`);
    await page.getByText('No hay nadie con su cuenta abierta').waitFor();
    await expect(page.getByLabel(`Notas sobre ${first}`).count()).resolves.toBe(0);
    await context.setOffline(false);

    // The committee member on the same phone starts from nothing.
    await logIn(page, address, w.committee, visitPath);
    // The page's script shows the button once it has read the phone's store: wait for it, as a person would.
    await page.getByRole('button', { name: 'Preparar para usar sin señal' }).waitFor({ state: 'visible' });
    await page.getByRole('button', { name: 'Preparar para usar sin señal' }).click();
    await page.getByText('Listo: esta visita').waitFor();
    await expect(page.getByLabel(`Notas sobre ${first}`).inputValue()).resolves.toBe('');

    // The server refuses: its Spanish message is shown and every answer stays on the phone.
    const criteria = page.locator('fieldset.criterion');
    for (let i = 0; i < (await criteria.count()); i++) await criteria.nth(i).getByLabel('No aplica', { exact: true }).check();
    await page.getByLabel('Quiénes estuvieron presentes').fill('Juana Choque');
    await page.route(`**/api/v1/visits/${w.visitId}/submission`, (route) =>
      route.fulfill({
        status: 409,
        json: {
          statusCode: 409,
          code: 'VISIT_ALREADY_SUBMITTED',
          message: 'Esta visita ya fue registrada; una corrección es un registro nuevo',
        },
      }),
    );
    await page.getByRole('button', { name: 'Enviar', exact: true }).click();
    await page.getByText('Esta visita ya fue registrada; una corrección es un registro nuevo. Sus respuestas siguen guardadas').waitFor();
    await page.reload();
    await expect.poll(() => page.locator('#donde').innerText()).toContain('Guardado solo en este teléfono');
    await expect.poll(() => criteria.first().getByLabel('No aplica', { exact: true }).isChecked()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
    await w.app.close();
  }, 90_000);

  it('the visit page refuses whoever may not record the visit, like the API', async () => {
    const w = await plannedVisit();
    const otherCommittee = await seedUser(w.app, { role: 'committee', organizationId: seedOrganization(w.app) });
    const offTeam = await seedUser(w.app, { role: 'reviewer', organizationId: w.org });
    const url = `/app/visitas/${w.visitId}`;
    for (const user of [otherCommittee, offTeam]) {
      const response = await getPage(w.app, url, await signIn(w.app, user));
      expect(response.statusCode).toBe(403);
      expect(visibleText(response.body)).toContain('No tiene permiso');
      expect(response.body).not.toContain('Familia Choque Quispe');
    }
    const own = await getPage(w.app, url, await signIn(w.app, w.committee));
    expect(own.statusCode).toBe(200);
    expect(visibleText(own.body)).toContain('Visita a Familia Choque Quispe');
    const shell = await getPage(w.app, '/app/sin-senal/visita');
    expect(shell.statusCode).toBe(200);
    expect(shell.body).not.toContain('Familia Choque Quispe');
    const worker = await getPage(w.app, '/app/sw.js');
    expect(worker.headers['content-type']).toContain('javascript');
    expect(worker.body).toContain('/app/sin-senal/visita');
    await w.app.close();
  });
});
