/** The suppliers' page (/proveedores) in a real browser, as a 360 px phone sees it. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Suppliers } from '../../src/modules/public/suppliers-schemas.js';
import { renderSuppliersPage } from '../../src/web/pages.js';
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

const browser = useBrowser();
let server: StaticServer;
const open: Visit[] = [];

const supplier = (i: number, contact: boolean): Suppliers['items'][number] => ({
  name: `Cooperativa Cafetalera y Apícola Sol de Yungas de la Provincia Caranavi número ${i}`,
  kind: 'cooperativa',
  kindName: 'Cooperativa',
  department: 'La Paz',
  municipality: 'Caranavi',
  certifiedUnits: 12,
  places: [
    { department: 'La Paz', municipality: 'Caranavi' },
    { department: 'La Paz', municipality: 'Coroico' },
  ],
  products: ['café pergamino', 'miel de abeja multifloral de los Yungas', 'polen', 'propóleo'],
  sectors: ['Agrícola', 'Pecuario'],
  certificates: [
    {
      code: '2SGA-NX9Z-H79Q',
      scope: 'group',
      certifiedUnits: 12,
      sealLevel: 'Pleno',
      expiresOn: '2027-06-10',
      verificationUrl: 'https://sello.example/c/2SGA-NX9Z-H79Q',
    },
    {
      code: '5HVC-22TN-KZM9',
      scope: 'unit',
      certifiedUnits: 1,
      sealLevel: 'En transición',
      expiresOn: '2027-02-01',
      verificationUrl: 'https://sello.example/c/5HVC-22TN-KZM9',
    },
  ],
  contact: contact
    ? { name: 'Comisión de ventas', phone: '+591 71234567', email: 'ventas.cooperativa.sol.de.yungas@sol-de-yungas.example' }
    : null,
});

const list = (items: Suppliers['items']): Suppliers => ({
  producedAt: '2026-11-29T15:00:00.000Z',
  issuer: 'sello.example',
  filters: { department: null, municipality: 'Caranavi', product: 'miel' },
  total: items.length,
  items,
  signature: 'x.y.z',
});

beforeAll(async () => {
  const query = { municipio: 'Caranavi', product: 'miel' };
  server = await serveHtml({
    '/proveedores': renderSuppliersPage(
      { query, list: list([supplier(1, true), supplier(2, false)]), publicBaseUrl: 'https://sello.example' },
      'es',
    ),
    '/proveedores-vacio': renderSuppliersPage({ query, list: list([]), publicBaseUrl: 'https://sello.example' }, 'es'),
    '/proveedores-en': renderSuppliersPage(
      { query: { ...query, lang: 'en' }, list: list([supplier(1, true)]), publicBaseUrl: 'https://sello.example' },
      'en',
    ),
  });
});

afterEach(async () => {
  while (open.length > 0) await open.pop()!.close();
});

afterAll(async () => {
  await server?.close();
});

describe('suppliers page on a phone', () => {
  it.each(['/proveedores', '/proveedores-vacio', '/proveedores-en'])(
    '%s: no accessibility problem, no sideways scroll, nothing from elsewhere',
    async (path) => {
      const visited = await visit(browser(), server.baseUrl, path, PHONE_WITH_SCRIPTS);
      open.push(visited);
      expect(visited.response?.status()).toBe(200);
      expect(await axeViolations(visited.page)).toEqual([]);
      expect(await documentWidth(visited.page)).toBeLessThanOrEqual(360);
      expect(visited.otherOrigins()).toEqual([]);
    },
  );

  it('shows the product box and the first supplier on the first screen, its products and a verification link, and the contact as links', async () => {
    const visited = await visit(browser(), server.baseUrl, '/proveedores');
    open.push(visited);
    const { page } = visited;
    const first = page.getByRole('heading', { level: 3 }).first();
    expect(await first.innerText()).toContain('Sol de Yungas');
    // The product box and the first supplier's name on the first screen of a phone; the place filters folded.
    const box = await first.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(640);
    const product = await page.locator('#product').boundingBox();
    expect(product!.y + product!.height).toBeLessThanOrEqual(640);
    expect(await page.locator('#municipio').isVisible()).toBe(false);
    expect(
      await page
        .getByRole('link', { name: /2SGA-NX9Z-H79Q/ })
        .first()
        .getAttribute('href'),
    ).toBe('/c/2SGA-NX9Z-H79Q');
    expect(await page.getByRole('link', { name: 'Teléfono: +591 71234567' }).getAttribute('href')).toBe('tel:+59171234567');
    expect(await page.getByText('No publicado').count()).toBe(1);
  });
});
