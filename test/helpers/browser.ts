/**
 * Browser test harness: one headless Chromium per test file (Debian's /usr/bin/chromium, or the
 * binary SELLO_CHROMIUM_PATH names, driven by playwright-core), phone-sized pages with JavaScript
 * off, and a record of what each page fetched.
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
