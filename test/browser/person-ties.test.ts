import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { countRows, seedOrganization, seedUser } from '../helpers/auth.js';
import { axeViolations, documentWidth, expectWithinBudget, PHONE_WITH_SCRIPTS, useBrowser } from '../helpers/browser.js';
import { seedPerson, seedProducer } from '../helpers/registry.js';

const browser = useBrowser();

describe('a person’s ties from a 360px phone', () => {
  it('records a tie through the form, is told what to correct first, and sees it listed in words', async () => {
    const app = await buildTestApp();
    const org = seedOrganization(app, 'Cooperativa Agropecuaria Señor de Mayo');
    const visited = seedProducer(app, org, { name: 'Familia Choque Quispe' });
    const person = seedPerson(app, org, { fullName: 'Juana Pérez' });
    const committee = await seedUser(app, { role: 'committee', organizationId: org, displayName: 'Ana Quispe' });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const context = await browser().newContext(PHONE_WITH_SCRIPTS);
    const page = await context.newPage();
    let requests: Request[] = [];
    page.on('request', (request) => requests.push(request));

    /** Each page as the person sees it: no serious accessibility problem, no sideways scroll, within the weight budget. */
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

    const personPage = `${address}/app/personas/${person}`;
    await page.goto(personPage);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Juana Pérez');
    await expect(page.getByRole('heading', { level: 2, name: 'Vínculos con unidades y organizaciones' }).isVisible()).resolves.toBe(true);
    await expect(page.getByText('No tiene vínculos registrados.').isVisible()).resolves.toBe(true);
    await checkPage('/app/personas/{id} (no ties)');

    // A tie that ends before it starts: refused, the dates kept, the field to correct named.
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Registrar el vínculo' }) });
    await form.getByLabel('Qué vínculo tuvo').selectOption('worked_for');
    await form.getByLabel('Con qué unidad productiva u organización').selectOption(`producer:${visited}`);
    await form.getByLabel('Desde').fill('2019-04-01');
    await form.getByLabel('Hasta').fill('2018-03-03');
    await Promise.all([page.waitForURL(`${personPage}/vinculos`), form.getByRole('button', { name: 'Registrar el vínculo' }).click()]);
    await expect(page.locator('main').innerText()).resolves.toContain('antes de empezar');
    await expect(page.getByLabel('Hasta').inputValue()).resolves.toBe('2018-03-03');
    expect(countRows(app, 'person_ties')).toBe(0);
    await checkPage('/app/personas/{id}/vinculos (refused)');

    // Corrected: recorded, and listed in words on the person's page.
    await page.getByLabel('Hasta').fill('2025-03-03');
    await Promise.all([
      page.waitForURL(`${personPage}?hecho=vinculo#vinculos`),
      page.getByRole('button', { name: 'Registrar el vínculo' }).click(),
    ]);
    await expect(page.getByRole('status').innerText()).resolves.toContain('Listo: se registró el vínculo.');
    const listed = page.locator('ul.ties li');
    await expect(listed.count()).resolves.toBe(1);
    await expect(listed.first().innerText()).resolves.toContain(
      'Trabajó para la unidad productiva «Familia Choque Quispe», del 1 de abril de 2019 al 3 de marzo de 2025',
    );
    await expect(listed.first().getByRole('button', { name: 'Quitar este vínculo' }).isVisible()).resolves.toBe(true);
    expect(countRows(app, 'person_ties')).toBe(1);
    await checkPage('/app/personas/{id} (one tie)');
    await context.close();
  }, 120_000);
});
