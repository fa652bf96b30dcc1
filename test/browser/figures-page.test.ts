/** /cifras in a real browser on a 360 px phone: four inline SVG charts with their tables, no sideways scroll, no axe violation. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shapeFigures, type FigureCounts } from '../../src/domain/figures.js';
import { renderFiguresPage } from '../../src/web/figures-page.js';
import {
  axeViolations,
  documentWidth,
  PHONE,
  PHONE_WITH_SCRIPTS,
  serveHtml,
  useBrowser,
  visit,
  type StaticServer,
} from '../helpers/browser.js';

const browser = useBrowser();
let server: StaticServer;

// Long names and large numbers, as the widest the page would have to hold.
const counts: FigureCounts = {
  units: [
    { department: 'la-paz', n: 1234 },
    { department: 'santa-cruz', n: 56 },
    { department: 'chuquisaca', n: 7 },
  ],
  organizations: [
    { department: 'la-paz', n: 48 },
    { department: 'santa-cruz', n: 3 },
    { department: 'chuquisaca', n: 1 },
  ],
  persons: [
    { role: 'member', gender: 'woman', n: 812 },
    { role: 'member', gender: 'man', n: 640 },
    { role: 'member', gender: 'other', n: 3 },
    { role: 'member', gender: null, n: 120 },
    { role: 'reviewer', gender: 'woman', n: 40 },
    { role: 'committee_member', gender: 'man', n: 12 },
    { role: 'commission_member', gender: null, n: 5 },
  ],
  products: [
    { product: 'café pergamino de altura seleccionado a mano en Caranavi', n: 900 },
    { product: 'miel', n: 310 },
    ...Array.from({ length: 12 }, (_, i) => ({ product: `producto ${i}`, n: 12 - i })),
  ],
  events: [
    { event: 'issued', month: '2026-11', n: 120 },
    { event: 'suspended', month: '2026-10', n: 4 },
    { event: 'revoked', month: '2026-06', n: 1 },
  ],
};

beforeAll(async () => {
  const figures = shapeFigures(counts, new Date('2026-11-29T15:00:00Z'));
  const view = {
    figures,
    publicBaseUrl: 'https://sello.example.bo',
    csvHref: '/api/v1/public/figures.csv',
    jsonHref: '/api/v1/public/figures',
  };
  server = await serveHtml({ '/cifras': renderFiguresPage(view, 'es'), '/cifras-en': renderFiguresPage(view, 'en') });
});

afterAll(async () => {
  await server?.close();
});

describe('/cifras on a phone', () => {
  it('shows four charts with their tables, fits 360 px without sideways scroll and fetches nothing', async () => {
    for (const path of ['/cifras', '/cifras-en']) {
      const visited = await visit(browser(), server.baseUrl, path, PHONE);
      try {
        const { page } = visited;
        expect(await documentWidth(page), path).toBeLessThanOrEqual(360);
        const charts = page.locator('svg[role="img"]');
        expect(await charts.count(), path).toBe(4);
        for (let i = 0; i < 4; i++) {
          const box = (await charts.nth(i).boundingBox())!;
          expect(box.width, path).toBeGreaterThan(250);
          expect(box.x + box.width, path).toBeLessThanOrEqual(360);
        }
        expect(await page.locator('table').count(), path).toBe(4);
        // Each table fits as well: its scrolling box (a safety net) has nothing to scroll.
        const overflowing = await page.$$eval('.table-wrap', (boxes) =>
          boxes
            .filter((b) => b.scrollWidth > b.clientWidth)
            .map((b) => `${b.getAttribute('aria-label')} ${b.scrollWidth}>${b.clientWidth}`),
        );
        expect(overflowing, path).toEqual([]);
        expect(visited.otherOrigins(), path).toEqual([]);
        expect(visited.requests, path).toHaveLength(1);
      } finally {
        await visited.close();
      }
    }
  });

  it('passes axe (WCAG 2.1 AA and best practices)', async () => {
    const visited = await visit(browser(), server.baseUrl, '/cifras', PHONE_WITH_SCRIPTS);
    try {
      expect(await axeViolations(visited.page)).toEqual([]);
    } finally {
      await visited.close();
    }
  });
});
