import { describe, expect, it } from 'vitest';
import { cycleToCommission } from '../helpers/cycle.js';
import { useBrowser, visit } from '../helpers/browser.js';

const browser = useBrowser();

describe('the verification page served by the app, on a phone without JavaScript', () => {
  it('says VIGENTE with the holder at a glance, then REVOCADO right after a revocation, loading nothing from elsewhere', async () => {
    const c = await cycleToCommission();
    const { session, certificate: cert } = await c.approve();
    const address = await c.app.listen({ port: 0, host: '127.0.0.1' });
    const path = new URL(cert.verificationUrl).pathname;

    const first = await visit(browser(), address, path, { locale: 'es-BO' });
    expect(first.response?.status()).toBe(200);
    const status = first.page.locator('#status-word');
    expect((await status.innerText()).trim()).toBe('VIGENTE');
    const box = await status.boundingBox();
    expect(box!.y + box!.height).toBeLessThan(640);
    await expect(first.page.getByText('Cooperativa Agropecuaria Señor de Mayo').first().isVisible()).resolves.toBe(true);
    expect(first.otherOrigins()).toEqual([]);
    expect(await first.transferredBytes()).toBeLessThan(20 * 1024);
    await first.close();

    await c.api
      .post(`/api/v1/certificates/${cert.id}/revocation`)
      .set(c.members[0]!.headers)
      .send({ reason: 'Se comprobó uso indebido del sello', sessionId: session.id })
      .expect(200);
    const second = await visit(browser(), address, path, { locale: 'es-BO' });
    expect((await second.page.locator('#status-word').innerText()).trim()).toBe('REVOCADO');
    expect(await second.page.content()).not.toContain('VIGENTE');
    await second.close();
  });
});
