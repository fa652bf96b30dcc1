import type { Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cycleToCommission } from '../helpers/cycle.js';
import { axeViolations, documentWidth, expectWithinBudget, PHONE, PHONE_WITH_SCRIPTS, useBrowser } from '../helpers/browser.js';

const browser = useBrowser();

describe('the people’s pages in Chromium on a 360px phone', () => {
  it('a committee member signs in at /entrar, sees their dossier with its next step on /app, and signs out', async () => {
    const c = await cycleToCommission();
    const address = await c.app.listen({ port: 0, host: '127.0.0.1' });
    const context = await browser().newContext(PHONE_WITH_SCRIPTS);
    const page = await context.newPage();
    let requests: Request[] = [];
    page.on('request', (request) => requests.push(request));

    // Anonymous: /app sends to /entrar, which will come back.
    await page.goto(`${address}/app`);
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/entrar?volver=%2Fapp');
    expect(await axeViolations(page)).toEqual([]);
    expect(await documentWidth(page)).toBeLessThanOrEqual(360);
    const login = await expectWithinBudget('/entrar', requests);
    expect(login.byUrl.map((r) => r.type)).toEqual(['document', 'document', 'stylesheet']);

    await page.getByLabel('Usuario').fill(c.committee.user.username);
    await page.getByLabel('Contraseña').fill(c.committee.password);
    requests = [];
    await Promise.all([page.waitForURL(`${address}/app`), page.getByRole('button', { name: 'Entrar' }).click()]);

    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Expedientes de su organización');
    const card = page.getByRole('row').filter({ hasText: 'Familia Choque Quispe' });
    await expect(card.innerText()).resolves.toContain('Revisar el informe de la visita y dar la recomendación del comité');
    await expect(card.isVisible()).resolves.toBe(true);
    expect(await documentWidth(page)).toBeLessThanOrEqual(360);
    expect(await axeViolations(page)).toEqual([]);
    const salir = await page.getByRole('button', { name: 'Salir' }).boundingBox();
    expect(salir!.height).toBeGreaterThanOrEqual(44);
    const link = await card.getByRole('link').boundingBox();
    expect(link!.height).toBeGreaterThanOrEqual(44);

    // The home's weight on a first visit (nothing cached): a new context with the same session.
    const cold = await browser().newContext({ ...PHONE_WITH_SCRIPTS, storageState: await context.storageState() });
    const coldPage = await cold.newPage();
    const coldRequests: Request[] = [];
    coldPage.on('request', (request) => coldRequests.push(request));
    await coldPage.goto(`${address}/app`);
    const home = await expectWithinBudget('/app (committee, cold)', coldRequests);
    expect(home.byUrl.map((r) => r.type)).toEqual(['document', 'stylesheet']);
    await cold.close();

    // The dossier page, from the card's link.
    await Promise.all([page.waitForURL(/\/app\/expedientes\//), card.getByRole('link').click()]);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Expediente de Familia Choque Quispe');
    expect(await documentWidth(page)).toBeLessThanOrEqual(360);
    expect(await axeViolations(page)).toEqual([]);

    await Promise.all([page.waitForURL(`${address}/entrar`), page.getByRole('button', { name: 'Salir' }).click()]);
    await page.goto(`${address}/app`);
    expect(new URL(page.url()).pathname).toBe('/entrar');
    await context.close();
  });

  it('the pages work under their own CSP without scripts: the stylesheet loads and nothing is refused', async () => {
    const c = await cycleToCommission();
    const address = await c.app.listen({ port: 0, host: '127.0.0.1' });
    const context = await browser().newContext(PHONE);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      // The failed sign-in's own 401 is logged as a failed load: expected, not a problem.
      if (message.type() === 'error' && !message.text().includes('status of 401')) problems.push(message.text());
    });
    page.on('requestfailed', (request) => problems.push(`${request.url()} ${request.failure()?.errorText}`));
    await page.goto(`${address}/entrar`);
    await page.getByLabel('Usuario').fill(c.committee.user.username);
    await page.getByLabel('Contraseña').fill('no-es-la-contraseña');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toContain('El usuario o la contraseña no son correctos');
    const button = await page.getByRole('button', { name: 'Entrar' }).boundingBox();
    expect(button!.height).toBeGreaterThanOrEqual(44);
    await expect(page.getByLabel('Usuario').inputValue()).resolves.toBe(c.committee.user.username);
    expect(problems).toEqual([]);
    await context.close();
  });
});
