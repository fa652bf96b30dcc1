import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { laPazDate } from '../../src/domain/certificate-state.js';
import { formatDay } from '../../src/web/format.js';
import { axeViolations, documentWidth, expectWithinBudget, PHONE_WITH_SCRIPTS, useBrowser } from '../helpers/browser.js';
import { cycleToCommission } from '../helpers/cycle.js';

const browser = useBrowser();

describe('the commission’s certificate pages in Chromium, on a phone', () => {
  it('a commission member finds a certificate, revokes it in an open session, and the public page then says REVOCADO', async () => {
    // Near now: the browser keeps the session cookie only until the app's clock says it expires.
    let clock = Date.now() - 3_600_000;
    const c = await cycleToCommission({ now: () => new Date((clock += 1000)) });
    await c.toCommission('approve');
    const today = laPazDate(new Date(clock));
    const session = await c.openSession(c.members.slice(0, 3), today);
    const decision = await c.decide(session.id, { proposedOutcome: 'approved', sealLevel: 'pleno' }, c.members.slice(0, 3)).expect(201);
    const { code } = (await c.api.get(`/api/v1/certificates/${decision.body.certificateId}`).set(c.members[0]!.headers).expect(200)).body;
    const member = c.members[0]!;
    const address = await c.app.listen({ port: 0, host: '127.0.0.1' });
    const context = await browser().newContext(PHONE_WITH_SCRIPTS);
    const page = await context.newPage();
    let requests: Request[] = [];
    page.on('request', (request) => requests.push(request));

    /** Every page: no serious accessibility problem, no sideways scroll at 360 px, within the weight budget. */
    const checkPage = async (label: string, p: Page = page) => {
      expect(await axeViolations(p), label).toEqual([]);
      expect(await documentWidth(p), label).toBeLessThanOrEqual(360);
      await expectWithinBudget(label, requests);
      requests = [];
    };
    const h1 = () => page.getByRole('heading', { level: 1 }).innerText();

    await page.goto(`${address}/app`);
    await page.getByLabel('Usuario').fill(member.user.username);
    await page.getByLabel('Contraseña').fill(member.password);
    await Promise.all([page.waitForURL(`${address}/app`), page.getByRole('button', { name: 'Entrar' }).click()]);
    requests = [];
    await Promise.all([
      page.waitForNavigation(),
      page.getByRole('link', { name: 'Certificados: suspender, rehabilitar, revocar' }).click(),
    ]);
    await expect(h1()).resolves.toBe('Certificados');
    await checkPage('/app/comision/certificados');

    // Found by the organisation's name typed without accents.
    await page.getByLabel('Buscar', { exact: true }).fill('senor de mayo');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Buscar' }).click()]);
    const row = page.getByRole('row').filter({ hasText: code });
    await expect(row.innerText()).resolves.toMatch(/Familia Choque Quispe[\s\S]*VIGENTE/);
    await checkPage('/app/comision/certificados?q=');
    await Promise.all([page.waitForNavigation(), row.getByRole('link', { name: code }).click()]);
    await expect(h1()).resolves.toBe(`Certificado ${code}`);
    await checkPage('/app/comision/certificados/:id');

    // The revocation: the reason, the session by its number and date, and the confirmation it is final.
    const revoke = page.getByRole('region', { name: 'Revocar', exact: true });
    await expect(revoke.getByText('Esta acción es definitiva').isVisible()).resolves.toBe(true);
    await revoke.getByLabel('Motivo').fill('Se comprobó la venta de café de otra finca con el sello');
    await revoke
      .getByLabel('Sesión en que la comisión lo acordó')
      .selectOption({ label: `Sesión N° 01/${today.slice(0, 4)} del ${formatDay(today, 'es')}` });
    // Without the confirmation the form comes back with the reason kept and the box marked.
    await Promise.all([page.waitForNavigation(), revoke.getByRole('button', { name: 'Revocar el certificado' }).click()]);
    await expect(revoke.getByText('Marque la casilla para confirmar que la revocación es definitiva').isVisible()).resolves.toBe(true);
    await expect(revoke.getByLabel('Motivo').inputValue()).resolves.toBe('Se comprobó la venta de café de otra finca con el sello');
    await checkPage('/app/comision/certificados/:id/revocar (refused)');
    await revoke.getByLabel('Entiendo que la revocación es definitiva y no se puede deshacer').check();
    await Promise.all([page.waitForNavigation(), revoke.getByRole('button', { name: 'Revocar el certificado' }).click()]);
    await expect(page.getByRole('status').innerText()).resolves.toContain('Certificado revocado.');
    await expect(page.locator('.next').innerText()).resolves.toContain('Estado: REVOCADO');
    await expect(page.getByRole('button', { name: 'Revocar el certificado' }).count()).resolves.toBe(0);
    await checkPage('/app/comision/certificados/:id?hecho=revocado');

    // What buyers see.
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: /Ver la verificación pública/ }).click()]);
    expect(new URL(page.url()).pathname).toBe(`/c/${code}`);
    await expect(page.locator('body').innerText()).resolves.toContain('REVOCADO');
    await context.close();
  }, 120_000);
});
