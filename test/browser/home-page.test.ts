/** The home page served by the app, on a phone: its code field leads to the certificate's page, without JavaScript. */
import { describe, expect, it } from 'vitest';
import { cycleToCommission } from '../helpers/cycle.js';
import { axeViolations, documentWidth, PHONE_WITH_SCRIPTS, useBrowser, visit } from '../helpers/browser.js';

const FOLD = 640;
const browser = useBrowser();

/** The app with one certified unit, listening on 127.0.0.1 (closed after the test, like every test app). */
async function served(): Promise<{ address: string; code: string }> {
  const c = await cycleToCommission();
  const code = (await c.approve()).certificate.code;
  return { address: await c.app.listen({ port: 0, host: '127.0.0.1' }), code };
}

describe('the home page on a 360 px phone without JavaScript', () => {
  it('shows the code field on the first screen, with no sideways scrolling, and leads to the certificate page', async () => {
    const { address, code } = await served();
    const home = await visit(browser(), address, '/');
    try {
      expect(home.response?.status()).toBe(200);
      expect(await documentWidth(home.page)).toBeLessThanOrEqual(360);
      expect(home.otherOrigins()).toEqual([]);
      const field = home.page.getByLabel('Código del certificado');
      const box = await field.boundingBox();
      expect(box!.y + box!.height).toBeLessThanOrEqual(FOLD);
      // Typed as people do: small letters, spaces instead of hyphens.
      await field.fill(code.toLowerCase().replaceAll('-', ' '));
      await Promise.all([home.page.waitForURL(`**/c/${code}`), home.page.getByRole('button', { name: 'Verificar' }).click()]);
      expect((await home.page.locator('#status-word').innerText()).trim()).toBe('VIGENTE');
      expect(await documentWidth(home.page)).toBeLessThanOrEqual(360);
      // The navigation above does not push the status off the first screen.
      const status = await home.page.locator('#status-word').boundingBox();
      expect(status!.y + status!.height).toBeLessThanOrEqual(FOLD);
    } finally {
      await home.close();
    }
  });

  it('says what to fix next to the field for an impossible code, and keeps English when chosen', async () => {
    const { address, code } = await served();
    const home = await visit(browser(), address, '/');
    try {
      await home.page.getByLabel('Código del certificado').fill('HOLA');
      await Promise.all([home.page.waitForURL('**/verificar?codigo=HOLA'), home.page.getByRole('button', { name: 'Verificar' }).click()]);
      await expect(home.page.locator('#codigo-problem').innerText()).resolves.toContain('no es un código del sello');
      expect(await home.page.getByLabel('Código del certificado').inputValue()).toBe('HOLA');
      expect(await documentWidth(home.page)).toBeLessThanOrEqual(360);

      await Promise.all([home.page.waitForURL('**/verificar?codigo=HOLA&lang=en'), home.page.locator('a.lang').click()]);
      expect(await home.page.getAttribute('html', 'lang')).toBe('en');
      await home.page.getByLabel('Certificate code').fill(code);
      await Promise.all([home.page.waitForURL(`**/c/${code}?lang=en`), home.page.getByRole('button', { name: 'Check' }).click()]);
      expect((await home.page.locator('#status-word').innerText()).trim()).toBe('VALID');
    } finally {
      await home.close();
    }
  });

  it('has no accessibility violation, empty, after a refused code and in English', async () => {
    const { address } = await served();
    for (const path of ['/', '/verificar?codigo=HOLA', '/?lang=en']) {
      const page = await visit(browser(), address, path, PHONE_WITH_SCRIPTS);
      try {
        expect(await axeViolations(page.page), path).toEqual([]);
      } finally {
        await page.close();
      }
    }
  });
});
