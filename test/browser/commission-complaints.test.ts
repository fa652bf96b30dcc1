/** The commission handles a complaint in Chromium on a 360 px phone: list, complaint page and forms, each page accessible. */
import type { Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildTestApp, tempDir } from '../helpers/app.js';
import { seedUser } from '../helpers/auth.js';
import { axeViolations, documentWidth, expectWithinBudget, PHONE_WITH_SCRIPTS, useBrowser } from '../helpers/browser.js';
import { seedComplaint } from '../helpers/complaints.js';
import { PNG } from '../helpers/access-world.js';

const browser = useBrowser();

describe('the commission’s complaints in Chromium, on a phone', () => {
  it('finds the open complaint from its home, sees the photo and the contact, assigns it, notes the inquiry and closes it', async () => {
    const dataDir = tempDir();
    const app = await buildTestApp({ dataDir });
    const rosa = await seedUser(app, { role: 'commission', displayName: 'Comisionada Rosa' });
    seedComplaint(app, {
      what: 'En la feria de El Alto venden miel con el sello que no es de la cooperativa.',
      contact: 'Juana, 71234567',
      photo: { body: PNG, type: 'image/png', dataDir },
    });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const context = await browser().newContext(PHONE_WITH_SCRIPTS);
    const page = await context.newPage();
    let requests: Request[] = [];
    page.on('request', (r) => requests.push(r));
    const check = async (label: string) => {
      expect(await axeViolations(page), label).toEqual([]);
      expect(await documentWidth(page), label).toBeLessThanOrEqual(360);
      await expectWithinBudget(label, requests);
      requests = [];
    };
    const go = (action: Promise<unknown>) => Promise.all([page.waitForNavigation(), action]);

    await page.goto(`${address}/app`);
    await page.getByLabel('Usuario').fill(rosa.user.username);
    await page.getByLabel('Contraseña').fill(rosa.password);
    await go(page.getByRole('button', { name: 'Entrar' }).click());
    requests = [];
    await go(page.getByRole('link', { name: 'Denuncias: 1 abierta' }).click());
    await check('la lista de denuncias');
    await go(page.getByRole('link', { name: /^DEN-/ }).first().click());
    await check('la denuncia');
    expect(await page.locator('main').innerText()).toContain('Juana, 71234567');
    expect(
      await page
        .getByRole('img', { name: 'Foto enviada con la denuncia' })
        .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).toBe(1);

    await page.getByLabel('Asignar a').selectOption({ label: 'Comisionada Rosa' });
    await go(page.getByRole('button', { name: 'Asignar' }).click());
    await check('la denuncia asignada');
    await page.getByLabel('Lo que se averiguó').fill('no');
    await go(page.getByRole('button', { name: 'Registrar las notas' }).click());
    expect(await page.locator('main').innerText()).toContain('Escriba lo averiguado');
    await check('las notas rechazadas');
    await page.getByLabel('Lo que se averiguó').fill('La feria confirma que la miel viene de otra zona.');
    await go(page.getByRole('button', { name: 'Registrar las notas' }).click());
    await page.getByLabel('Resultado').selectOption('founded');
    await page.getByLabel('Resumen público').fill('La comisión comprobó lo denunciado y advirtió a la organización.');
    await go(page.getByRole('button', { name: 'Cerrar la denuncia' }).click());
    await check('la denuncia cerrada');
    const text = await page.locator('main').innerText();
    expect(text).toContain('Fundada');
    expect(text).toContain('La comisión comprobó lo denunciado y advirtió a la organización.');
    await context.close();
  });
});
