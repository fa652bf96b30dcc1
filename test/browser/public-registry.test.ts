/**
 * The registry page on a 360 px phone with JavaScript off: results come first (one search box, the other
 * filters folded below it), each organisation with its certificates; the form works without scripts and
 * the page passes axe, with its filters folded and unfolded.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderRegistryPage } from '../../src/web/pages.js';
import {
  axeViolations,
  documentWidth,
  PHONE_WITH_SCRIPTS,
  serveHtml,
  useBrowser,
  visit,
  type StaticServer,
  type Visit,
} from '../helpers/browser.js';
import { registryCertificate, registryEntry, registryView } from './page-fixtures.js';

const FOLD = 640;
const browser = useBrowser();
let server: StaticServer;
const open: Visit[] = [];

async function go(path: string, options = {}): Promise<Visit> {
  const page = await visit(browser(), server.baseUrl, path, options);
  open.push(page);
  return page;
}

beforeAll(async () => {
  const entries = Array.from({ length: 20 }, (_, i) =>
    registryEntry({
      organization: i === 0 ? 'Cooperativa Cafetalera y Apícola Sol de Yungas' : `Asociación de Productores Ecológicos ${i}`,
      certifiedUnits: 12,
      namedUnits: ['Familia Choque Quispe', 'Familia Mamani Ticona'],
      products: ['café pergamino', 'miel', 'polen', 'propóleo'],
      certificates: Array.from({ length: 8 }, (_, j) =>
        registryCertificate({
          code: `7K3M-9QX${j}-2F4${i % 10}`,
          status: j === 7 ? 'suspended' : 'active',
          producer: j % 2 === 0 ? `Familia Socia ${j}` : null,
        }),
      ),
    }),
  );
  server = await serveHtml({
    '/registro': renderRegistryPage(registryView({ query: { q: 'miel', page: 1 }, entries, total: 45, pageSize: 20 }), 'es'),
    '/registro-filtrado': renderRegistryPage(
      registryView({ query: { q: 'miel', department: 'la-paz', status: 'active', page: 1 }, entries, total: 45, pageSize: 20 }),
      'es',
    ),
  });
});
afterEach(async () => {
  while (open.length > 0) await open.pop()!.close();
});
afterAll(async () => {
  await server?.close();
});

describe('the registry page on a phone', () => {
  it.each(['/registro', '/registro-filtrado'])('%s shows the search box and the first organisation on the first screen', async (path) => {
    const { page, response } = await go(path);
    expect(response?.status()).toBe(200);
    expect(await documentWidth(page)).toBeLessThanOrEqual(360);
    const box = await page.locator('#q').boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(FOLD);
    // The first result: its name, its units, its products and its first certificate's code, above the fold.
    const first = page.locator('.entries > li').first();
    for (const part of [first.locator('h3'), first.locator('.certs li').first()]) {
      const b = await part.boundingBox();
      expect(b, await part.innerText()).not.toBeNull();
      expect(b!.y + b!.height).toBeLessThanOrEqual(FOLD);
    }
    expect(await first.locator('h3').innerText()).toBe('Cooperativa Cafetalera y Apícola Sol de Yungas');
    // The other filters are folded away until asked for.
    expect(await page.locator('#status').isVisible()).toBe(false);
  });

  it('says how many filters are set, lists five certificates an organisation and links to all of them', async () => {
    const { page } = await go('/registro-filtrado');
    expect(await page.locator('.filters summary').innerText()).toBe('Filtros aplicados: 2');
    const first = page.locator('.entries > li').first();
    expect(await first.locator('.certs li').count()).toBe(5);
    const all = first.getByRole('link', { name: 'Ver sus 8 certificados' });
    expect(new URL((await all.getAttribute('href'))!, server.baseUrl).searchParams.get('organization')).toBe(
      'Cooperativa Cafetalera y Apícola Sol de Yungas',
    );
  });

  it('searches with the plain form, without JavaScript, keeping the folded filters', async () => {
    const { page } = await go('/registro');
    await page.fill('#q', 'la paz');
    await page.click('.filters summary');
    expect(await page.locator('#status').isVisible()).toBe(true);
    await page.selectOption('#status', 'active');
    await page.fill('#municipio', 'Caranavi');
    await Promise.all([page.waitForURL(/\/registro\?/), page.click('.searchbox button[type=submit]')]);
    const url = new URL(page.url());
    expect(url.searchParams.get('q')).toBe('la paz');
    expect(url.searchParams.get('status')).toBe('active');
    expect(url.searchParams.get('municipio')).toBe('Caranavi');
  });

  it('passes axe with its filters folded and unfolded', async () => {
    const { page } = await go('/registro-filtrado', PHONE_WITH_SCRIPTS);
    expect(await axeViolations(page)).toEqual([]);
    await page.click('.filters summary');
    expect(await axeViolations(page)).toEqual([]);
  });
});
