/**
 * Browser test harness: one headless Chromium per test file (Debian's /usr/bin/chromium, or the
 * binary SELLO_CHROMIUM_PATH names, driven by playwright-core), phone-sized pages with JavaScript
 * off (PHONE) or on (PHONE_WITH_SCRIPTS), a record of what each page fetched, an axe-core check
 * (axeViolations) and a weight budget for a page's HTML, CSS and JS (expectWithinBudget).
 * Point it at any base URL: a tiny static server (serveHtml) or the real app listening on 127.0.0.1.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page, type Request, type Response } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/** The Chromium binary: SELLO_CHROMIUM_PATH if set (and not empty), else Debian's package. */
export const CHROMIUM_PATH = process.env.SELLO_CHROMIUM_PATH || '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A cheap phone with scripts off: what the public pages must work on. */
export const PHONE: BrowserContextOptions = {
  viewport: { width: 360, height: 640 },
  isMobile: true,
  hasTouch: true,
  deviceScaleFactor: 2,
  javaScriptEnabled: false,
  serviceWorkers: 'block',
};

/**
 * A cheap phone (360x740) with scripts on, for what needs them: the axe-core check, and pages that
 * will carry scripts (the offline visit page). `bypassCSP` lets the axe check inject its script into
 * pages whose CSP rightly refuses inline scripts; check the page's own CSP in a context without it.
 */
export const PHONE_WITH_SCRIPTS: BrowserContextOptions = {
  ...PHONE,
  viewport: { width: 360, height: 740 },
  javaScriptEnabled: true,
  bypassCSP: true,
  locale: 'es-BO',
};

/**
 * Launches Chromium before the file's tests and closes it after them. Call at the top of a test
 * file; the returned function gives the browser inside tests.
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM_PATH)) {
      throw new Error(
        `Browser tests need Chromium at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium" (Debian package), or set SELLO_CHROMIUM_PATH to another binary.`,
      );
    }
    // Playwright gives each launch a fresh temporary profile and removes it on close.
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, timeout: 30_000 });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is not running: call useBrowser() at the top level of the test file');
    return browser;
  };
}

export type Visit = {
  page: Page;
  /** The main document's response. */
  response: Response | null;
  /** Every request the page made, in order, starting with the document. */
  requests: Request[];
  /** URLs of requests that left the page's origin (data: URLs are not requests to anyone). */
  otherOrigins(): string[];
  /** Bytes received over the network for all requests: headers plus (possibly compressed) bodies. */
  transferredBytes(): Promise<number>;
  close(): Promise<void>;
};

/** Opens `path` against `baseUrl` in a fresh phone context and waits for the page to load. */
export async function visit(browser: Browser, baseUrl: string, path: string, options: BrowserContextOptions = {}): Promise<Visit> {
  const url = new URL(path, baseUrl);
  const context = await browser.newContext({ ...PHONE, ...options });
  const page = await context.newPage();
  const requests: Request[] = [];
  page.on('request', (request) => requests.push(request));
  let response: Response | null;
  try {
    response = await page.goto(url.href, { waitUntil: 'load', timeout: 15_000 });
  } catch (error) {
    await context.close();
    throw error;
  }
  return {
    page,
    response,
    requests,
    otherOrigins: () =>
      requests.map((request) => request.url()).filter((address) => !address.startsWith('data:') && new URL(address).origin !== url.origin),
    transferredBytes: async () => {
      let total = 0;
      for (const request of requests) {
        // A request that failed (refused, blocked) received nothing.
        const sizes = await request.sizes().catch(() => undefined);
        if (sizes) total += sizes.responseHeadersSize + sizes.responseBodySize;
      }
      return total;
    },
    close: () => context.close(),
  };
}

export type StaticServer = { baseUrl: string; close(): Promise<void> };

/** Serves fixed HTML by path (the query string is ignored) on 127.0.0.1, on a free port. */
export async function serveHtml(pages: Record<string, string>): Promise<StaticServer> {
  const server = http.createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
    const html = pages[pathname];
    if (html === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) }).end(html);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/**
 * The few browser globals the tests read inside the page. The project compiles without the DOM
 * library (it is a server), so they are typed here; the casts vanish before the code reaches the page.
 */
type PageGlobals = {
  document: { documentElement: { scrollWidth: number } };
  getComputedStyle(element: unknown): { fontSize: string; color: string; backgroundColor: string };
};

/** Computed font size (px), text colour and background colour of the first element of `locator`. */
export function styleOf(locator: Locator): Promise<{ fontSize: number; color: string; backgroundColor: string }> {
  return locator.first().evaluate((element) => {
    const style = (globalThis as unknown as PageGlobals).getComputedStyle(element);
    return { fontSize: Number.parseFloat(style.fontSize), color: style.color, backgroundColor: style.backgroundColor };
  });
}

/** Width of the laid-out document: more than the viewport means sideways scrolling. */
export function documentWidth(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.scrollWidth);
}

/** WCAG contrast ratio of two CSS colours as getComputedStyle writes them ("rgb(20, 108, 46)"). */
export function contrastRatio(foreground: string, background: string): number {
  const luminance = (color: string): number => {
    const channels = /rgba?\(\s*(\d+)[,\s]+(\d+)[,\s]+(\d+)/.exec(color);
    if (!channels) throw new Error(`not an rgb() colour: ${color}`);
    const [r, g, b] = channels.slice(1, 4).map((value) => {
      const c = Number(value) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(foreground), luminance(background)].sort((a, b) => b - a) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const AXE_SOURCE = () => fs.readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: string[] };

/**
 * Runs axe-core (WCAG 2.1 A and AA rules) on the page as it is now and returns the serious and
 * critical violations, each with the selectors of the offending elements; a test expects [].
 * Needs a context with JavaScript on (PHONE_WITH_SCRIPTS).
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE_SOURCE() });
  type AxeResult = { violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] };
  const result = await page.evaluate(() =>
    (globalThis as unknown as { axe: { run(options: object): Promise<AxeResult> } }).axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    }),
  );
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

/** The resource types whose bytes make a page's weight. */
const WEIGHED_TYPES = new Set(['document', 'stylesheet', 'script']);

export type PageWeight = { bytes: number; byUrl: { url: string; type: string; bytes: number }[] };

/**
 * Bytes received (headers plus body, as sent over the network) for the HTML, CSS and JS of a page
 * load: pass the requests recorded from its navigation (Visit.requests, or your own page.on('request') list).
 */
export async function pageWeight(requests: readonly Request[]): Promise<PageWeight> {
  const byUrl: PageWeight['byUrl'] = [];
  for (const request of requests) {
    if (!WEIGHED_TYPES.has(request.resourceType())) continue;
    const sizes = await request.sizes().catch(() => undefined);
    if (sizes) byUrl.push({ url: request.url(), type: request.resourceType(), bytes: sizes.responseHeadersSize + sizes.responseBodySize });
  }
  return { bytes: byUrl.reduce((sum, r) => sum + r.bytes, 0), byUrl };
}

/** Fails if a page load's HTML, CSS and JS weigh more than `budgetBytes`; logs the weight so reports can quote it. */
export async function expectWithinBudget(label: string, requests: readonly Request[], budgetBytes = 60 * 1024): Promise<PageWeight> {
  const weight = await pageWeight(requests);
  console.log(
    `[page weight] ${label}: ${weight.bytes} bytes (${weight.byUrl.map((r) => `${r.type} ${new URL(r.url).pathname} ${r.bytes}`).join(', ')})`,
  );
  if (weight.bytes > budgetBytes) throw new Error(`${label} weighs ${weight.bytes} bytes, over the budget of ${budgetBytes}`);
  return weight;
}
