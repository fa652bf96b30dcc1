import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { seedOrganization, seedUser } from '../helpers/auth.js';
import { axeViolations, documentWidth, expectWithinBudget, PHONE_WITH_SCRIPTS, useBrowser } from '../helpers/browser.js';

const browser = useBrowser();

describe('the administration keeps accounts and organisations from a 360px phone', () => {
  it('creates a committee and a committee account from the pages; that account signs in and is refused the admin pages', async () => {
    const app = await buildTestApp();
    seedOrganization(app, 'Asociación de Artesanas de Tarabuco');
    const org = seedOrganization(app, 'Cooperativa Agropecuaria Señor de Mayo');
    const admin = await seedUser(app, { role: 'admin', username: 'marta.admin', displayName: 'Marta Villca' });
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
    const heading = () => page.getByRole('heading', { level: 1 }).innerText();
    const signInAs = async (username: string, password: string) => {
      await page.goto(`${address}/entrar`);
      await page.getByLabel('Usuario').fill(username);
      await page.getByLabel('Contraseña').fill(password);
      await Promise.all([page.waitForURL(`${address}/app`), page.getByRole('button', { name: 'Entrar' }).click()]);
    };

    await signInAs(admin.user.username, admin.password);
    await expect(heading()).resolves.toBe('Administración');
    requests = [];

    // The organisation's page: create its local committee.
    await Promise.all([
      page.waitForURL(`${address}/app/admin/organizaciones`),
      page.getByRole('link', { name: 'Organizaciones y comités' }).click(),
    ]);
    await checkPage('/app/admin/organizaciones');
    await Promise.all([
      page.waitForURL(`${address}/app/admin/organizaciones/${org}`),
      page.getByRole('link', { name: 'Cooperativa Agropecuaria Señor de Mayo' }).click(),
    ]);
    await checkPage('/app/admin/organizaciones/{id}');
    await page.getByLabel('Nombre del comité').fill('Comité local de Coroico');
    await Promise.all([
      page.waitForURL(`${address}/app/admin/organizaciones/${org}?hecho=comite#comites`),
      page.getByRole('button', { name: 'Crear el comité' }).click(),
    ]);
    await expect(page.getByRole('status').innerText()).resolves.toBe('Listo: se creó el comité.');
    await expect(page.locator('section[aria-labelledby="comites"] ul.plain').innerText()).resolves.toContain('Comité local de Coroico');
    await checkPage('/app/admin/organizaciones/{id} (committee created)');

    // An account for the committee: first the organisation, then the account.
    await Promise.all([
      page.waitForURL(`${address}/app/admin/cuentas/nueva?organizacion=${org}`),
      page.getByRole('link', { name: 'Crear una cuenta en esta organización' }).click(),
    ]);
    await page.goto(`${address}/app/admin/cuentas`);
    requests = [];
    await Promise.all([
      page.waitForURL(`${address}/app/admin/cuentas/nueva`),
      page.getByRole('link', { name: 'Crear una cuenta' }).click(),
    ]);
    await expect(heading()).resolves.toBe('Crear una cuenta');
    await checkPage('/app/admin/cuentas/nueva');
    await page.getByLabel('Organización de la cuenta').selectOption({ label: 'Cooperativa Agropecuaria Señor de Mayo' });
    await Promise.all([
      page.waitForURL(`${address}/app/admin/cuentas/nueva?organizacion=${org}`),
      page.getByRole('button', { name: 'Seguir' }).click(),
    ]);
    await checkPage('/app/admin/cuentas/nueva?organizacion={id}');
    await page.getByLabel('Nombre de la persona').fill('Ana Quispe');
    await page.getByLabel('Nombre de usuario').fill('ana.quispe');
    // Without a role first: the error is shown next to the field and what was typed stays.
    await Promise.all([
      page.waitForURL(`${address}/app/admin/cuentas/nueva`),
      page.getByRole('button', { name: 'Crear la cuenta' }).click(),
    ]);
    await expect(page.locator('#campo-role-error').innerText()).resolves.toBe('Elija el rol');
    await expect(page.getByLabel('Nombre de usuario').inputValue()).resolves.toBe('ana.quispe');
    await checkPage('/app/admin/cuentas/nueva (with errors)');
    await page.getByLabel('Rol', { exact: true }).selectOption({ label: 'Comité local de garantía' });
    await page.getByRole('button', { name: 'Crear la cuenta' }).click();
    await page.waitForSelector('.secret');
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/app/admin/cuentas/nueva');
    await expect(heading()).resolves.toBe('Cuenta creada');
    const password = await page.locator('.secret code').innerText();
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(page.url()).not.toContain(password);
    await checkPage('/app/admin/cuentas/nueva (password shown once)');

    // The account in the list, then its own page.
    await page.goto(`${address}/app/admin/cuentas`);
    const row = page.getByRole('row').filter({ hasText: 'ana.quispe' });
    await expect(row.innerText()).resolves.toMatch(
      /Comité local de garantía[\s\S]*Cooperativa Agropecuaria Señor de Mayo[\s\S]*Habilitada/,
    );
    await checkPage('/app/admin/cuentas');
    await Promise.all([page.waitForURL(/\/app\/admin\/cuentas\/[0-9a-f-]{36}$/), row.getByRole('link', { name: 'Ana Quispe' }).click()]);
    await checkPage('/app/admin/cuentas/{id}');
    await page.goto(`${address}/app/admin/criterios/es-cj-bolivia/2026.1/cambios`);
    await checkPage('/app/admin/criterios/es-cj-bolivia/2026.1/cambios');

    // A first visit (nothing cached) of the longest admin page: the stylesheet counts too.
    const cold = await browser().newContext({ ...PHONE_WITH_SCRIPTS, storageState: await context.storageState() });
    const coldPage = await cold.newPage();
    coldPage.on('request', (request) => requests.push(request));
    await coldPage.goto(`${address}/app/admin/criterios/es-cj-bolivia/2026.1`);
    await expect(coldPage.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Criterios 2026.1');
    await checkPage('/app/admin/criterios/es-cj-bolivia/2026.1 (cold)', coldPage);
    await cold.close();

    // The new committee account signs in with the password it was handed, and is refused the admin pages.
    await Promise.all([page.waitForURL(`${address}/entrar`), page.getByRole('button', { name: 'Salir' }).click()]);
    await signInAs('ana.quispe', password);
    await expect(heading()).resolves.toBe('Expedientes de su organización');
    await expect(page.locator('.who').innerText()).resolves.toContain('Cooperativa Agropecuaria Señor de Mayo');
    requests = [];
    const refused = await page.goto(`${address}/app/admin/cuentas`);
    expect(refused!.status()).toBe(403);
    await expect(heading()).resolves.toBe('No tiene permiso');
    await expect(page.locator('main').innerText()).resolves.not.toContain('Marta Villca');
    await checkPage('/app/admin/cuentas (refused to a committee)');
    await context.close();
  }, 120_000);
});
