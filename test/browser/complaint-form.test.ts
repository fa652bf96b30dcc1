/**
 * A complaint filed from a certificate's page on a 360 px phone without JavaScript: the form names the
 * organisation, a wrong answer comes back with the problem next to the field and the text kept, and a
 * right one reaches the tracking number. Every page of the way is free of accessibility violations.
 */
import { describe, expect, it } from 'vitest';
import { PNG } from '../helpers/access-world.js';
import { axeViolations, documentWidth, PHONE_WITH_SCRIPTS, useBrowser, visit } from '../helpers/browser.js';
import { cycleToCommission } from '../helpers/cycle.js';

const browser = useBrowser();
const NUMBERS = ['cero', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve', 'diez'];
const WHAT = 'En la feria venden café con este sello, pero dicen que lo compran a intermediarios de otra región.';

/** The sum the question asks, read as a person reads it. */
function sumOf(label: string): number {
  const match = /¿Cuánto es (\p{L}+) más (\p{L}+)\?/u.exec(label);
  if (!match) throw new Error(`no question in «${label}»`);
  return NUMBERS.indexOf(match[1]!) + NUMBERS.indexOf(match[2]!);
}

async function served() {
  const c = await cycleToCommission();
  const { certificate } = await c.approve();
  return { c, certificate, address: await c.app.listen({ port: 0, host: '127.0.0.1' }) };
}

describe('filing a complaint from a certificate page, on a 360 px phone without JavaScript', () => {
  it('goes from /c/<code> to the form with the code, refuses a wrong answer keeping the text, and reaches the tracking number', async () => {
    const { c, certificate, address } = await served();
    const v = await visit(browser(), address, `/c/${certificate.code}`);
    try {
      const { page } = v;
      await Promise.all([
        page.waitForURL((url) => url.pathname === '/denuncias/nueva' && url.searchParams.get('codigo') === certificate.code),
        page.getByRole('link', { name: 'Presentar una denuncia sobre este sello' }).click(),
      ]);
      expect(await documentWidth(page)).toBeLessThanOrEqual(360);
      await expect(page.getByText('Cooperativa Agropecuaria Señor de Mayo').first().isVisible()).resolves.toBe(true);
      expect(await page.getByLabel('Código del certificado (si lo tiene)').inputValue()).toBe(certificate.code);
      expect(await page.getByLabel('¿De qué trata?').inputValue()).toBe('organization');

      await page.getByLabel('¿Qué pasó?').fill(WHAT);
      await page.getByLabel('¿Dónde? (opcional)').fill('Feria de Caranavi');
      await page.getByLabel('Una foto (opcional)').setInputFiles({ name: 'puesto.png', mimeType: 'image/png', buffer: PNG });
      const question = page.getByLabel(/Pregunta para saber que es una persona/);
      await question.fill(String(sumOf((await page.locator('label[for="answer"]').innerText()).trim()) + 1));
      await Promise.all([page.waitForURL('**/denuncias'), page.getByRole('button', { name: 'Presentar la denuncia' }).click()]);
      await expect(page.locator('#answer-problem').innerText()).resolves.toContain('no es correcta');
      expect(await page.getByLabel('¿Qué pasó?').inputValue()).toBe(WHAT);
      await expect(page.locator('#photo-hint').innerText()).resolves.toContain('elíjala otra vez');
      expect(await documentWidth(page)).toBeLessThanOrEqual(360);

      await page.getByLabel('Una foto (opcional)').setInputFiles({ name: 'puesto.png', mimeType: 'image/png', buffer: PNG });
      await question.fill(String(sumOf((await page.locator('label[for="answer"]').innerText()).trim())));
      await Promise.all([page.waitForURL(/\/denuncias\/DEN-/), page.getByRole('button', { name: 'Presentar la denuncia' }).click()]);
      const number = (await page.locator('p.url').innerText()).trim();
      expect(number).toMatch(/^DEN-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      await expect(page.getByText('Anote este número').isVisible()).resolves.toBe(true);
      const box = await page.locator('p.url').boundingBox();
      expect(box!.y + box!.height).toBeLessThanOrEqual(640);
      expect(await documentWidth(page)).toBeLessThanOrEqual(360);
      expect(v.otherOrigins()).toEqual([]);

      const row = c.app.db.$client.prepare('SELECT * FROM complaints').get() as Record<string, unknown>;
      expect(row).toMatchObject({
        tracking_number: number,
        code_given: certificate.code,
        certificate_id: certificate.id,
        photo_type: 'image/png',
      });
    } finally {
      await v.close();
    }
  }, 90_000);

  it('has no accessibility violation on the form, after a refusal, on the tracking page and the lookup page', async () => {
    const { certificate, address } = await served();
    const form = await visit(browser(), address, `/denuncias/nueva?codigo=${certificate.code}`, PHONE_WITH_SCRIPTS);
    try {
      expect(await axeViolations(form.page), 'form').toEqual([]);
      await form.page.getByLabel('¿Qué pasó?').fill('corto');
      await form.page.getByLabel(/Pregunta para saber que es una persona/).fill('0');
      await Promise.all([form.page.waitForURL('**/denuncias'), form.page.getByRole('button', { name: 'Presentar la denuncia' }).click()]);
      await expect(form.page.locator('#what-problem').isVisible()).resolves.toBe(true);
      expect(await axeViolations(form.page), 'refused form').toEqual([]);

      await form.page.getByLabel('¿Qué pasó?').fill(WHAT);
      await form.page
        .getByLabel(/Pregunta para saber que es una persona/)
        .fill(String(sumOf(await form.page.locator('label[for="answer"]').innerText())));
      await Promise.all([
        form.page.waitForURL(/\/denuncias\/DEN-/),
        form.page.getByRole('button', { name: 'Presentar la denuncia' }).click(),
      ]);
      expect(await axeViolations(form.page), 'tracking page').toEqual([]);
    } finally {
      await form.close();
    }
    for (const path of ['/denuncias/seguimiento', '/denuncias/seguimiento?numero=nada', '/', `/c/${certificate.code}`]) {
      const page = await visit(browser(), address, path, PHONE_WITH_SCRIPTS);
      try {
        expect(await axeViolations(page.page), path).toEqual([]);
      } finally {
        await page.close();
      }
    }
  }, 90_000);
});
