import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { generateCertificateCode } from '../../src/domain/certificate-code.js';
import { axeViolations, documentWidth, PHONE, PHONE_WITH_SCRIPTS, useBrowser } from '../helpers/browser.js';
import { twoCertificates } from '../helpers/two-certificates.js';

const browser = useBrowser();

type Globals = { navigator: { serviceWorker: { controller: unknown } } };

/** The day of `iso` as the page writes it (Spanish, Bolivia's time): «29 de noviembre de 2026». */
const dayOf = (iso: string) => new Intl.DateTimeFormat('es', { dateStyle: 'long', timeZone: 'America/La_Paz' }).format(new Date(iso));
/** Hours and minutes of `iso` in Bolivia: «18:32». */
const timeOf = (iso: string) =>
  new Intl.DateTimeFormat('es', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'America/La_Paz' }).format(new Date(iso));

/** Types a code into the verifier's form and returns the answer's text once it is shown. */
async function check(page: Page, code: string): Promise<string> {
  const result = page.locator('#resultado');
  await page.getByLabel('Código del certificado').fill(code);
  await page.getByRole('button', { name: 'Verificar', exact: true }).click();
  await result.getByRole('heading', { level: 2 }).waitFor();
  return result.innerText();
}

describe('the offline verifier, in Chromium on a 360px phone', () => {
  it('keeps the signed list, answers from it with no signal and its date, and after a refresh shows a revocation', async () => {
    const c = await twoCertificates();
    await c.revoke(c.second);
    const address = await c.app.listen({ port: 0, host: '127.0.0.1' });
    const context = await browser().newContext({ ...PHONE_WITH_SCRIPTS, serviceWorkers: 'allow', timezoneId: 'America/La_Paz' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    const producedAt = async () => {
      const jws = (await c.api.get('/api/v1/public/status-list').expect(200)).text;
      return (JSON.parse(Buffer.from(jws.split('.')[1]!, 'base64url').toString()) as { producedAt: string }).producedAt;
    };

    await page.goto(`${address}/verificador`);
    await expect.poll(() => page.locator('#lista').innerText(), { timeout: 15_000 }).toMatch(/^Lista del .*, con 2 certificados\./);
    await page.waitForFunction(() => (globalThis as unknown as Globals).navigator.serviceWorker.controller !== null, null, {
      timeout: 15_000,
    });
    expect(await axeViolations(page)).toEqual([]);
    expect(await documentWidth(page)).toBeLessThanOrEqual(360);

    // No network at all: the page from the service worker, the list from the phone.
    const listDate = await producedAt();
    await context.setOffline(true);
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await expect.poll(() => page.locator('#aviso').innerText()).toBe('Sin conexión: se usa la lista guardada.');
    await expect.poll(() => page.locator('#lista').innerText()).toContain(dayOf(listDate));

    // Typed as people type: lower case, no dashes.
    const valid = await check(page, c.first.code.toLowerCase().replace(/-/g, ''));
    expect(valid).toContain('VIGENTE');
    expect(valid).toContain(`Estado según la lista del ${dayOf(listDate)}`);
    expect(valid).toContain(timeOf(listDate));
    expect(valid).toContain('Cooperativa Agropecuaria Señor de Mayo');
    expect(valid).toContain('Familia Choque Quispe');
    const revoked = await check(page, c.second.code);
    expect(revoked).toContain('REVOCADO');
    expect(revoked).toContain(`Estado según la lista del ${dayOf(listDate)}`);
    expect(revoked).not.toContain('Familia Apaza');
    const unknown = await check(
      page,
      generateCertificateCode((n) => randomBytes(n)),
    );
    expect(unknown).toContain('NO ESTÁ EN LA LISTA');
    expect(unknown).toContain('puede ser una falsificación');
    const data = c.first.code.replace(/-/g, '');
    expect(await check(page, data.slice(0, 11) + (data[11] === '0' ? '1' : '0'))).toContain('REVISE EL CÓDIGO');
    expect(await axeViolations(page)).toEqual([]);

    // Back online: the commission revokes the valid one; the phone refreshes, then loses signal again.
    await context.setOffline(false);
    // The connection coming back makes the page ask for a newer list on its own: there is none yet.
    await expect.poll(() => page.locator('#aviso').innerText()).toBe('La lista guardada es la más reciente.');
    await c.revoke(c.first, 'Se comprobó venta de café de terceros con el sello');
    await page.getByRole('button', { name: 'Actualizar la lista ahora' }).click();
    await expect.poll(() => page.locator('#aviso').innerText()).toBe('Lista actualizada.');
    const newDate = await producedAt();
    expect(newDate).not.toBe(listDate);
    await context.setOffline(true);
    await page.reload();
    await expect.poll(() => page.locator('#aviso').innerText()).toBe('Sin conexión: se usa la lista guardada.');
    const now = await check(page, c.first.code);
    expect(now).toContain('REVOCADO');
    expect(now).toContain(`Estado según la lista del ${dayOf(newDate)}`);
    expect(now).toContain(timeOf(newDate));

    expect(problems).toEqual([]);
    await context.close();
  });

  it('refuses a list whose signature does not match its content, and then answers nothing from it', async () => {
    const c = await twoCertificates();
    await c.revoke(c.second);
    const address = await c.app.listen({ port: 0, host: '127.0.0.1' });
    const context = await browser().newContext({ ...PHONE_WITH_SCRIPTS, serviceWorkers: 'block' });
    // The revoked certificate turned valid on the way, the signature left as it was.
    await context.route('**/api/v1/public/status-list', async (route) => {
      const response = await route.fetch();
      const [head, body, signature] = (await response.text()).split('.');
      const payload = JSON.parse(Buffer.from(body!, 'base64url').toString()) as { certificates: [string, number][] };
      for (const entry of payload.certificates) entry[1] = 0;
      const forged = Buffer.from(JSON.stringify(payload)).toString('base64url');
      await route.fulfill({ response, body: `${head}.${forged}.${signature}` });
    });
    const page = await context.newPage();
    await page.goto(`${address}/verificador`);
    await expect.poll(() => page.locator('#aviso').innerText()).toBe('La lista recibida no tiene una firma válida del sello: no se usó.');
    expect(await page.locator('#lista').innerText()).toContain('Todavía no hay una lista guardada');
    // With no list and no signal it says so; with signal the code goes to the online check, which says the truth.
    await context.setOffline(true);
    expect(await check(page, c.second.code)).toContain('SIN LISTA NI SEÑAL');
    await context.setOffline(false);
    await page.getByLabel('Código del certificado').fill(c.second.code);
    await Promise.all([page.waitForURL(/\/c\//), page.getByRole('button', { name: 'Verificar', exact: true }).click()]);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('REVOCADO');
    await context.close();
  });

  it('without JavaScript, says it needs it and sends the code to the online check', async () => {
    const c = await twoCertificates();
    const address = await c.app.listen({ port: 0, host: '127.0.0.1' });
    const context = await browser().newContext(PHONE);
    const page = await context.newPage();
    await page.goto(`${address}/verificador`);
    expect(await page.locator('main').innerText()).toContain('Este verificador necesita JavaScript');
    await page.getByLabel('Código del certificado').fill(c.first.code.toLowerCase());
    await Promise.all([page.waitForURL(/\/c\//), page.getByRole('button', { name: 'Verificar', exact: true }).click()]);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('VIGENTE');
    await context.close();
  });
});
