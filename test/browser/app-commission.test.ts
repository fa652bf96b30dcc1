import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, documentWidth, expectWithinBudget, PHONE_WITH_SCRIPTS, useBrowser } from '../helpers/browser.js';
import { queueWorld } from '../helpers/queue-world.js';

const browser = useBrowser();

/** A desk's screen, with scripts for the axe check. */
const DESKTOP = { viewport: { width: 1280, height: 800 }, javaScriptEnabled: true, bypassCSP: true, locale: 'es-BO' };

describe('the commission’s queue and dossier in Chromium, on a phone and on a desk', () => {
  it('a commission member signs in, finds the dossier in the queue by filtering, opens it and can print it', async () => {
    // Near now: the browser keeps the session cookie only until the app's clock says it expires.
    const w = await queueWorld({ startAt: Date.now() - 3_600_000 });
    const member = w.members[0]!;
    const address = await w.app.listen({ port: 0, host: '127.0.0.1' });
    const context = await browser().newContext(PHONE_WITH_SCRIPTS);
    const page = await context.newPage();
    let requests: Request[] = [];
    page.on('request', (request) => requests.push(request));
    const weights: string[] = [];

    /** Every page: no serious accessibility problem, no sideways scroll on the phone, within the weight budget. */
    const checkPage = async (label: string, p: Page = page, width = 360) => {
      expect(await axeViolations(p), label).toEqual([]);
      expect(await documentWidth(p), label).toBeLessThanOrEqual(width);
      const weight = await expectWithinBudget(label, requests);
      weights.push(`${label}: ${weight.bytes}`);
      requests = [];
    };
    const h1 = (p: Page = page) => p.getByRole('heading', { level: 1 }).innerText();
    const follow = (p: Page, name: string) => Promise.all([p.waitForNavigation(), p.getByRole('link', { name, exact: true }).click()]);

    await page.goto(`${address}/app`);
    await page.getByLabel('Usuario').fill(member.user.username);
    await page.getByLabel('Contraseña').fill(member.password);
    requests = [];
    await Promise.all([page.waitForURL(`${address}/app`), page.getByRole('button', { name: 'Entrar' }).click()]);
    await expect(h1()).resolves.toBe('Comisión de certificación');
    await expect(page.locator('.lead').innerText()).resolves.toContain('Hay 5 expedientes esperando la decisión de la comisión');
    await checkPage('/app (commission)');

    // The queue: found by name after filtering, without knowing any id.
    await follow(page, 'Expedientes por decidir');
    await expect(h1()).resolves.toBe('Expedientes por decidir');
    await expect(page.getByRole('row').count()).resolves.toBe(6);
    await checkPage('/app/comision');
    await page.getByLabel('Organización').selectOption({ label: 'Cooperativa Agropecuaria Señor de Mayo' });
    await page.getByLabel('Situación').selectOption({ label: 'Esperan su primera decisión' });
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Filtrar' }).click()]);
    const rows = page.getByRole('row');
    await expect(rows.count()).resolves.toBe(3);
    const card = rows.filter({ hasText: 'Familia Choque Quispe' });
    await expect(card.innerText()).resolves.toMatch(/Denegar[\s\S]*1 crítica, 1 mayor, 1 progresiva[\s\S]*Espera su primera decisión/);
    await expect(card.isVisible()).resolves.toBe(true);
    const link = await card.getByRole('link').boundingBox();
    expect(link!.height).toBeGreaterThanOrEqual(44);
    await checkPage('/app/comision (filtered)');

    // The dossier: the disagreement on the critical criterion is marked in words; the photo loads.
    await Promise.all([page.waitForNavigation(), card.getByRole('link', { name: 'Familia Choque Quispe' }).click()]);
    await expect(h1()).resolves.toBe('Expediente de Familia Choque Quispe');
    const row = page
      .getByRole('table', { name: /criterio por criterio/ })
      .getByRole('row')
      .filter({ hasText: 'P5.01' });
    await expect(row.innerText()).resolves.toMatch(/No cumple[\s\S]*No coinciden/);
    await expect(row.getByText('No coinciden').isVisible()).resolves.toBe(true);
    const photo = page.getByRole('img', { name: /Foto del criterio P5\.01/ });
    await photo.scrollIntoViewIfNeeded();
    // The thumbnail loads lazily: wait for it rather than read it the moment it scrolls into view.
    await expect
      .poll(() => photo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await checkPage('/app/comision/expedientes/:id');

    // Printed: the page without navigation and buttons.
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('header.top').isVisible()).resolves.toBe(false);
    await expect(page.getByRole('button', { name: 'Salir' }).isVisible()).resolves.toBe(false);
    await expect(page.getByRole('link', { name: 'Registrar la decisión de la comisión' }).isVisible()).resolves.toBe(false);
    await expect(page.getByRole('navigation', { name: 'En esta página' }).isVisible()).resolves.toBe(false);
    await expect(page.getByRole('heading', { level: 2, name: 'Historial' }).isVisible()).resolves.toBe(true);
    await expect(row.getByText('No coinciden').isVisible()).resolves.toBe(true);
    await page.emulateMedia({ media: 'screen' });

    // On a desk: the same pages, wider, as tables.
    const desk = await browser().newContext({ ...DESKTOP, storageState: await context.storageState() });
    const deskPage = await desk.newPage();
    requests = [];
    deskPage.on('request', (request) => requests.push(request));
    await deskPage.goto(`${address}/app/comision`);
    await expect(deskPage.locator('table.cards thead').isVisible()).resolves.toBe(true);
    const table = await deskPage.locator('table.cards').boundingBox();
    expect(table!.width).toBeGreaterThan(1000);
    await checkPage('/app/comision (desk)', deskPage, 1280);
    await Promise.all([deskPage.waitForNavigation(), deskPage.getByRole('link', { name: 'Artesanías Tinku' }).click()]);
    await expect(h1(deskPage)).resolves.toBe('Expediente de Artesanías Tinku');
    await checkPage('/app/comision/expedientes/:id (desk)', deskPage, 1280);
    await desk.close();

    // A cold first visit of the dossier page: its document and stylesheet together.
    const cold = await browser().newContext({ ...PHONE_WITH_SCRIPTS, storageState: await context.storageState() });
    const coldPage = await cold.newPage();
    requests = [];
    coldPage.on('request', (request) => requests.push(request));
    await coldPage.goto(`${address}/app/comision/expedientes/${w.dossiers.choque}`);
    const weight = await expectWithinBudget('/app/comision/expedientes/:id (cold)', requests);
    expect(weight.byUrl.map((r) => r.type)).toEqual(['document', 'stylesheet']);
    await cold.close();
    console.log(`[commission pages] ${weights.join('; ')}`);
    await context.close();
  }, 120_000);
});
