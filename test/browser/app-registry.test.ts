import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { seedOrganization, seedUser } from '../helpers/auth.js';
import { axeViolations, documentWidth, expectWithinBudget, PHONE_WITH_SCRIPTS, useBrowser } from '../helpers/browser.js';
import { seedPerson, seedProducer } from '../helpers/registry.js';

const browser = useBrowser();

const HEADER = 'nombre,sectores,productos,departamento,municipio,comunidad,grupo_familiar,fecha_compromiso,consentimiento_publico';

describe('the committee keeps its registry from a 360px phone', () => {
  it('signs in, registers a producer through the form, imports a CSV with one bad row and sees its line', async () => {
    const app = await buildTestApp();
    const org = seedOrganization(app, 'Cooperativa Agropecuaria Señor de Mayo');
    const unit = seedProducer(app, org, { name: 'Familia Choque Quispe' });
    seedPerson(app, org, { fullName: 'Rosa Mamani', producerId: unit });
    const committee = await seedUser(app, { role: 'committee', organizationId: org, displayName: 'Ana Quispe' });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const context = await browser().newContext(PHONE_WITH_SCRIPTS);
    const page = await context.newPage();
    let requests: Request[] = [];
    page.on('request', (request) => requests.push(request));

    /** Each page as the person sees it: no serious accessibility problem, no sideways scroll, within 60 KB. */
    const checkPage = async (label: string, p: Page = page) => {
      expect(await axeViolations(p), label).toEqual([]);
      expect(await documentWidth(p), label).toBeLessThanOrEqual(360);
      await expectWithinBudget(label, requests);
      requests = [];
    };

    await page.goto(`${address}/entrar`);
    await page.getByLabel('Usuario').fill(committee.user.username);
    await page.getByLabel('Contraseña').fill(committee.password);
    await Promise.all([page.waitForURL(`${address}/app`), page.getByRole('button', { name: 'Entrar' }).click()]);
    requests = [];

    // From the home to the producers' list.
    await Promise.all([page.waitForURL(`${address}/app/productores`), page.getByRole('link', { name: /^Productores/ }).click()]);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Productores');
    await expect(page.getByRole('row').filter({ hasText: 'Familia Choque Quispe' }).isVisible()).resolves.toBe(true);
    await checkPage('/app/productores');

    // Register a producer through the form: first with a missing field, then complete.
    await Promise.all([
      page.waitForURL(`${address}/app/productores/nuevo`),
      page.getByRole('link', { name: 'Registrar una unidad productiva' }).click(),
    ]);
    await checkPage('/app/productores/nuevo');
    const tap = await page.getByLabel('Agrícola').boundingBox();
    expect(tap!.height).toBeGreaterThanOrEqual(24);
    const row = await page.locator('.checks label').first().boundingBox();
    expect(row!.height).toBeGreaterThanOrEqual(44);
    await page.getByLabel('Nombre de la unidad productiva').fill('Familia Ñuflo Ríos');
    await page.getByLabel('Agrícola').check();
    await page.getByLabel('Transformación').check();
    await page.getByLabel('Productos').fill('café pergamino, miel');
    await page.getByLabel('Departamento').selectOption({ label: 'La Paz' });
    await page.getByLabel('Municipio').fill('Caranavi');
    await page.getByLabel('Comunidad').fill('Villa Bolinda');
    await Promise.all([page.waitForURL(`${address}/app/productores/nuevo`), page.getByRole('button', { name: 'Registrar' }).click()]);
    await expect(page.locator('#campo-household-error').innerText()).resolves.toBe('Escriba el grupo familiar');
    await expect(page.getByLabel('Comunidad').inputValue()).resolves.toBe('Villa Bolinda');
    await checkPage('/app/productores/nuevo (with errors)');
    await page.getByLabel('Grupo familiar').fill('Familia Ñuflo');
    await page.getByLabel('Fecha en que firmó la carta de compromiso').fill('2025-03-01');
    await Promise.all([
      page.waitForURL(/\/app\/productores\/[0-9a-f-]{36}\?hecho=registrado$/),
      page.getByRole('button', { name: 'Registrar' }).click(),
    ]);
    await expect(page.getByRole('status').innerText()).resolves.toBe('Listo: se registró «Familia Ñuflo Ríos».');
    await checkPage('/app/productores/{id} (edit, after registering)');

    // Import a CSV whose third line is wrong: nothing is imported, the line is shown.
    await page.goto(`${address}/app/productores/importar`);
    await checkPage('/app/productores/importar');
    const csv = [
      HEADER,
      'Familia Uno,agricola,café,La Paz,Caranavi,Bolinda,Familia Uno,,no',
      'Familia Dos,pesca,trucha,La Paz,Caranavi,Bolinda,Familia Dos,,no',
    ].join('\n');
    await page.getByLabel('Archivo CSV').setInputFiles({ name: 'productores.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Importar' }).click();
    await page.waitForSelector('.problems', { timeout: 15_000 });
    await expect(page.getByRole('alert').innerText()).resolves.toContain('no se importó nada');
    await expect(page.locator('.problems').innerText()).resolves.toContain('Línea 3, columna «sectores»: Sector desconocido: pesca');
    await checkPage('/app/productores/importar (one bad row)');

    // The persons' list.
    await page.goto(`${address}/app/personas`);
    await expect(page.getByRole('row').filter({ hasText: 'Rosa Mamani' }).innerText()).resolves.toContain('Familia Choque Quispe');
    await checkPage('/app/personas');
    await page.goto(`${address}/app/personas/nueva`);
    await checkPage('/app/personas/nueva');

    // A first visit (nothing cached) of the longest page: the stylesheet counts too.
    const cold = await browser().newContext({ ...PHONE_WITH_SCRIPTS, storageState: await context.storageState() });
    const coldPage = await cold.newPage();
    requests = [];
    coldPage.on('request', (request) => requests.push(request));
    await coldPage.goto(`${address}/app/productores/importar`);
    await checkPage('/app/productores/importar (cold)', coldPage);
    await cold.close();
    await context.close();
  }, 120_000);
});
