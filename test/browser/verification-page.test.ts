/** The public pages in a real browser, as a cheap phone with JavaScript off sees them. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  CERTIFICATE_STATUSES,
  renderCodeNotFoundPage,
  renderRegistryPage,
  renderVerificationPage,
  type CertificateStatus,
} from '../../src/web/pages.js';
import { contrastRatio, documentWidth, serveHtml, styleOf, useBrowser, visit, type StaticServer, type Visit } from '../helpers/browser.js';
import { notFoundView, registryEntry, registryView, verificationView } from './page-fixtures.js';

const MAX_BYTES = 20 * 1024;
const FOLD = 640;
const WORDS: Record<CertificateStatus, string> = { active: 'VIGENTE', suspended: 'SUSPENDIDO', revoked: 'REVOCADO', expired: 'VENCIDO' };

const browser = useBrowser();
let server: StaticServer;
const open: Visit[] = [];

async function go(path: string): Promise<Visit> {
  const page = await visit(browser(), server.baseUrl, path);
  open.push(page);
  return page;
}

beforeAll(async () => {
  const longLists = verificationView({
    status: 'suspended',
    statusReason: 'acciones correctivas vencidas '.repeat(20),
    organization: {
      name: 'Asociación Departamental de Productores Ecológicos '.repeat(5),
      department: 'Chuquisaca',
      municipality: 'San Lucas',
    },
    products: Array.from({ length: 300 }, (_, i) => `Producto ${i} de nombre largo`),
  });
  server = await serveHtml({
    ...Object.fromEntries(
      CERTIFICATE_STATUSES.map((status) => [
        `/c/${status}`,
        renderVerificationPage(verificationView({ status, statusReason: 'acciones correctivas vencidas' }), 'es'),
      ]),
    ),
    '/c/long': renderVerificationPage(longLists, 'es'),
    '/c/english': renderVerificationPage(verificationView({ status: 'suspended' }), 'en'),
    '/c/unknown': renderCodeNotFoundPage(notFoundView({ reason: 'unknown' }), 'es'),
    '/c/typo': renderCodeNotFoundPage(notFoundView({ reason: 'bad_check', retryAction: '/verificar' }), 'es'),
    '/registro': renderRegistryPage(
      registryView({
        query: { q: 'café', page: 2 },
        total: 100,
        entries: Array.from({ length: 20 }, (_, i) =>
          registryEntry({ organization: `Organización ${i}`, certificate: { code: `CODE-${i}` } }),
        ),
      }),
      'es',
    ),
    // A control page that does fetch from elsewhere (a loopback address nothing listens on),
    // so that the checks below are shown to catch what they look for.
    '/control': '<!doctype html><html lang="es"><body><img src="http://127.0.0.2:9/x.png" alt=""><p>x</p></body></html>',
  });
});

afterEach(async () => {
  while (open.length > 0) await open.pop()!.close();
});

afterAll(async () => {
  await server?.close();
});

describe.each(CERTIFICATE_STATUSES)('verification page, %s', (status) => {
  it('shows the status in words above the fold, large and with enough contrast', async () => {
    const { page, response } = await go(`/c/${status}`);
    expect(response?.status()).toBe(200);
    const word = page.locator('#status-word');
    await expect.poll(() => word.isVisible()).toBe(true);
    expect((await word.innerText()).trim()).toBe(WORDS[status]);
    const box = await word.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y + box!.height).toBeLessThanOrEqual(FOLD);

    const style = await styleOf(word);
    const block = await styleOf(page.locator('.status'));
    expect(style.fontSize).toBeGreaterThanOrEqual(28);
    // One line: a word broken in two is hard to read at a glance.
    const wordBox = await page.locator('#status-word .word').boundingBox();
    expect(wordBox!.height).toBeLessThan(style.fontSize * 1.6);
    expect(contrastRatio(style.color, block.backgroundColor)).toBeGreaterThanOrEqual(4.5);
    // The explanation follows the word, also above the fold.
    const explain = await page.locator('.explain').boundingBox();
    expect(explain!.y).toBeLessThan(FOLD);
  });

  it('fetches nothing from another origin, weighs under 20 KB and needs no sideways scrolling', async () => {
    const visited = await go(`/c/${status}`);
    expect(visited.requests.length).toBeGreaterThanOrEqual(1);
    expect(visited.otherOrigins()).toEqual([]);
    expect(await visited.transferredBytes()).toBeLessThan(MAX_BYTES);
    expect(await documentWidth(visited.page)).toBeLessThanOrEqual(360);
  });
});

describe('other public pages', () => {
  it.each(['/c/long', '/c/english', '/c/unknown', '/c/typo', '/registro'])(
    '%s loads nothing else, is light and fits the phone',
    async (path) => {
      const visited = await go(path);
      expect(visited.response?.status()).toBe(200);
      expect(visited.otherOrigins()).toEqual([]);
      expect(await visited.transferredBytes()).toBeLessThan(MAX_BYTES);
      expect(await documentWidth(visited.page)).toBeLessThanOrEqual(360);
      const heading = await visited.page.locator('h1').first().boundingBox();
      expect(heading!.y + heading!.height).toBeLessThanOrEqual(FOLD);
    },
  );

  it('shows the long-list page status and the English words', async () => {
    const long = await go('/c/long');
    expect((await long.page.locator('#status-word').innerText()).trim()).toBe('SUSPENDIDO');
    const english = await go('/c/english');
    expect((await english.page.locator('#status-word').innerText()).trim()).toBe('SUSPENDED');
    expect(await english.page.getAttribute('html', 'lang')).toBe('en');
  });

  it('tells a forgery from a typing error', async () => {
    const unknown = await go('/c/unknown');
    expect(await unknown.page.locator('.explain').innerText()).toContain('posible falsificación');
    const typo = await go('/c/typo');
    expect(await typo.page.locator('.explain').innerText()).toContain('error de escritura');
  });

  it('searches the registry with the plain form, without JavaScript', async () => {
    const { page } = await go('/registro');
    await page.fill('#q', 'quinua real');
    // The other filters fold away below the search box; a summary opens them, no script needed.
    await page.click('.filters summary');
    await page.selectOption('#status', 'active');
    await Promise.all([page.waitForURL(/\/registro\?/), page.click('.searchbox button[type=submit]')]);
    const url = new URL(page.url());
    expect(url.searchParams.get('q')).toBe('quinua real');
    expect(url.searchParams.get('status')).toBe('active');
    expect(url.searchParams.get('department')).toBe('');
  });
});

describe('the harness', () => {
  it('runs pages with JavaScript off', async () => {
    const { page } = await go('/c/active');
    expect(await page.locator('script').count()).toBe(0);
    // Scripts cannot run on the page, but playwright can still inspect it.
    expect(await documentWidth(page)).toBeGreaterThan(0);
    const context = page.context();
    const probe = await context.newPage();
    await probe.setContent('<p id="out">off</p><script>document.getElementById("out").textContent = "on"</script>');
    expect(await probe.locator('#out').innerText()).toBe('off');
  });

  it('catches a request to another origin', async () => {
    const visited = await go('/control');
    expect(visited.otherOrigins()).toEqual(['http://127.0.0.2:9/x.png']);
  });
});
