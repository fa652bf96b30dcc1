/** The verification page of a group certificate on a cheap phone with JavaScript off: fits 360 px, light, accessible. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { renderRegistryPage, renderVerificationPage } from '../../src/web/pages.js';
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
import { registryEntry, registryView, verificationView } from './page-fixtures.js';

const browser = useBrowser();
let server: StaticServer;
const open: Visit[] = [];

const go = async (path: string, options = {}) => {
  const page = await visit(browser(), server.baseUrl, path, options);
  open.push(page);
  return page;
};

beforeAll(async () => {
  const members = Array.from({ length: 40 }, (_, i) => ({
    name: i % 3 === 0 ? `Familia de nombre bastante largo número ${i + 1}` : null,
    community: `Comunidad Originaria de Nombre Largo ${i + 1}`,
    status: i % 7 === 6 ? ('excluded' as const) : ('active' as const),
    since: '2026-12-03T15:00:00Z',
    reason: i % 7 === 6 ? 'No permitió la visita de seguimiento acordada con el comité de evaluación local' : null,
  }));
  server = await serveHtml({
    '/c/grupo': renderVerificationPage(
      verificationView({
        producer: null,
        organization: { name: 'Asociación de Apicultores Suyu', department: 'La Paz', municipality: 'Achacachi' },
        group: { activeMembers: members.filter((m) => m.status === 'active').length, members },
      }),
      'es',
    ),
    '/registro': renderRegistryPage(
      registryView({
        entries: [
          registryEntry({
            organization: 'Asociación de Apicultores Suyu',
            certifiedUnits: 12,
            certificate: { activeMembers: 12 },
          }),
        ],
      }),
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

describe('group certificate pages', () => {
  it.each(['/c/grupo', '/registro'])('%s fits 360 px, loads nothing else, stays light and passes axe', async (path) => {
    const visited = await go(path);
    expect(visited.response?.status()).toBe(200);
    expect(visited.otherOrigins()).toEqual([]);
    expect(await visited.transferredBytes()).toBeLessThan(20 * 1024);
    expect(await documentWidth(visited.page)).toBeLessThanOrEqual(360);
    // axe runs as a script: the same page, in a phone that runs scripts.
    expect(await axeViolations((await go(path, PHONE_WITH_SCRIPTS)).page)).toEqual([]);
  });

  it('shows the organisation with its certified families and each member with its status', async () => {
    const { page } = await go('/c/grupo');
    expect(await page.locator('.facts').innerText()).toContain('Asociación de Apicultores Suyu — 35 familias certificadas');
    expect(await page.locator('.members li').count()).toBe(40);
    expect(await page.locator('.members li.member-excluded').first().innerText()).toMatch(
      /excluida desde el 3 de diciembre de 2026\. Motivo:/,
    );
  });
});
