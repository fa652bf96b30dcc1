/**
 * A certificate row altered in the database: its public page, served by the app, refuses to vouch
 * for any status, in Chromium on a 360px phone.
 */
import { describe, expect, it } from 'vitest';
import { axeViolations, documentWidth, PHONE_WITH_SCRIPTS, useBrowser, visit } from '../helpers/browser.js';
import { cycleToCommission } from '../helpers/cycle.js';

const browser = useBrowser();
const FOLD = 640;
const STATUS_WORDS = /VIGENTE|SUSPENDIDO|REVOCADO|VENCIDO/;

describe('the public page of a certificate whose row disagrees with its history', () => {
  it('says NO SE PUEDE CONFIRMAR on the first screen with status 503, shows no status, fits 360 px and passes axe', async () => {
    const c = await cycleToCommission();
    const { id, code } = (await c.approve()).certificate;
    const address = await c.app.listen({ port: 0, host: '127.0.0.1' });

    // Before: the genuine page vouches for the certificate.
    const before = await visit(browser(), address, `/c/${code}`, PHONE_WITH_SCRIPTS);
    expect(before.response?.status()).toBe(200);
    expect((await before.page.locator('#status-word').innerText()).trim()).toBe('VIGENTE');
    await before.close();

    // Someone with raw access to the SQLite file forges a suspension.
    c.app.db.$client.prepare("UPDATE certificates SET status = 'suspended', status_reason = 'falso' WHERE id = ?").run(id);

    const after = await visit(browser(), address, `/c/${code}`, PHONE_WITH_SCRIPTS);
    const { page } = after;
    expect(after.response?.status()).toBe(503);
    const word = page.locator('#status-word');
    expect((await word.innerText()).trim()).toBe('NO SE PUEDE CONFIRMAR');
    expect(await word.isVisible()).toBe(true);
    const box = await word.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(FOLD);
    const explain = await page.locator('.explain').boundingBox();
    expect(explain!.y).toBeLessThan(FOLD);

    const text = await page.locator('body').innerText();
    expect(text).toContain(code);
    expect(text).not.toMatch(STATUS_WORDS);
    expect(text).not.toContain('falso');
    expect(await page.title()).not.toMatch(STATUS_WORDS);

    expect(after.otherOrigins()).toEqual([]);
    expect(await documentWidth(page)).toBeLessThanOrEqual(360);
    expect(await axeViolations(page)).toEqual([]);
    await after.close();
  }, 120_000);
});
