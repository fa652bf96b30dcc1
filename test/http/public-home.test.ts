/** The home page (/), its code form (/verificar), the shared layout's links and the explicit choice of language, over HTTP. */
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { cycleToCommission } from '../helpers/cycle.js';
import { visibleText } from '../helpers/pages.js';

/** Pages built in parallel elsewhere: linked from the navigation, not checked here. */
const ELSEWHERE = new Set(['/proveedores', '/cifras', '/verificador']);

/** A certified unit: its certificate's code and page address, on an app configured with `publicBaseUrl`. */
async function certified(publicBaseUrl?: string) {
  const c = await cycleToCommission(publicBaseUrl ? { config: { publicBaseUrl } } : {});
  const { certificate } = await c.approve();
  return { app: c.app, code: certificate.code, path: new URL(certificate.verificationUrl).pathname };
}

const get = (app: FastifyInstance, url: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url, headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8', ...headers } });

/** A wrong check symbol: the same code with its last character changed. */
function mistyped(code: string): string {
  const last = code.at(-1)!;
  return code.slice(0, -1) + (last === 'A' ? 'B' : 'A');
}

const hrefs = (html: string, scope: RegExp) =>
  [...(scope.exec(html)?.[0] ?? '').matchAll(/href="([^"]*)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));

describe('GET /', () => {
  it('is a Spanish page saying what the seal is, with a field for the code and the ways into the site', async () => {
    const app = await buildTestApp();
    const res = await get(app, '/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['cache-control']).toContain('no-store');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.body).toContain('<html lang="es">');
    const text = visibleText(res.body);
    expect(text).toContain('garantía participativa');
    expect(text).toContain('Código del certificado');
    expect(res.body).toContain('<form class="code-form" method="get" action="/verificar">');
    expect(res.body).toContain('name="codigo"');
    expect(res.body).not.toMatch(/<script/i);
    for (const href of ['/registro', '/proveedores', '/cifras', '/verificador']) expect(res.body).toContain(`href="${href}"`);
    expect(Buffer.byteLength(res.body)).toBeLessThan(20 * 1024);
  });
});

describe('GET /verificar?codigo=', () => {
  it('sends a code typed any way to its certificate page, which answers 200', async () => {
    const { app, code, path } = await certified();
    const typed = ` ${code.toLowerCase().replaceAll('-', ' ')} `;
    const res = await get(app, `/verificar?codigo=${encodeURIComponent(typed)}`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(path);
    expect(res.headers.location).toBe(`/c/${code}`);
    const page = await get(app, res.headers.location!);
    expect(page.statusCode).toBe(200);
    expect(visibleText(page.body)).toContain('VIGENTE');
    expect(visibleText(page.body)).toContain(code);
  });

  it('keeps English through the form', async () => {
    const { app, code } = await certified();
    const home = await get(app, '/?lang=en');
    expect(home.body).toContain('<input type="hidden" name="lang" value="en">');
    const res = await get(app, `/verificar?codigo=${code}&lang=en`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/c/${code}?lang=en`);
    const page = await get(app, res.headers.location!);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="en">');
    expect(visibleText(page.body)).toContain('VALID');
  });

  it('sends a well-formed code nobody holds on to the page that says so, with a form to try again', async () => {
    const { app, code } = await certified();
    // A valid-looking code with the right check symbol that no certificate has: the not-found page tells it.
    const other = (await get(app, `/verificar?codigo=${encodeURIComponent('0000-0000-000')}0`)).headers.location;
    expect(other).toMatch(/^\/c\/0000-0000-000.$/);
    const page = await get(app, other!);
    expect(page.statusCode).toBe(404);
    expect(visibleText(page.body)).toContain('posible falsificación');
    expect(page.body).toContain('<form class="retry" method="get" action="/verificar">');
    expect(other).not.toBe(`/c/${code}`);
  });

  it.each([
    ['empty', '', 'Escriba el código que está impreso junto al sello.'],
    ['only spaces', '   ', 'Escriba el código que está impreso junto al sello.'],
    ['impossible', 'HOLA', 'Esto no es un código del sello'],
    ['far too long', 'A'.repeat(5000), 'Esto no es un código del sello'],
  ])('shows the home page again in Spanish with what to fix for an %s code (400, a page, not JSON)', async (_name, typed, message) => {
    const app = await buildTestApp();
    const res = await get(app, `/verificar?codigo=${encodeURIComponent(typed)}`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<html lang="es">');
    expect(visibleText(res.body)).toContain(message);
    expect(res.body).toContain('aria-invalid="true"');
    expect(res.body).toContain('<form class="code-form" method="get" action="/verificar">');
  });

  it('says a mistyped code has a typing error, and tells it in English when asked', async () => {
    const { app, code } = await certified();
    const res = await get(app, `/verificar?codigo=${mistyped(code)}`);
    expect(res.statusCode).toBe(400);
    expect(visibleText(res.body)).toContain('El código tiene un error de escritura');
    expect(res.body).toContain(`value="${mistyped(code)}"`);
    const en = await get(app, `/verificar?codigo=${mistyped(code)}&lang=en`);
    expect(en.statusCode).toBe(400);
    expect(visibleText(en.body)).toContain('The code has a typing error');
  });

  it('answers a page, never a JSON error, to odd queries', async () => {
    const app = await buildTestApp();
    for (const url of ['/verificar', '/verificar?codigo=a&codigo=b', '/verificar?codigo=&lang=fr', '/?lang=fr']) {
      const res = await get(app, url);
      expect(res.headers['content-type'], url).toContain('text/html');
      expect(res.body, url).toContain('<html lang="es">');
    }
  });
});

describe('the shared layout', () => {
  it('links the brand, the sections and the footer to pages that answer, on every public page', async () => {
    const { app, path } = await certified();
    const pages = ['/', '/?lang=en', path, `${path}?lang=en`, '/registro', '/registro?lang=en', '/c/0000-0000-0000', '/verificar?codigo=x'];
    const checked = new Set<string>();
    for (const page of pages) {
      const html = (await get(app, page)).body;
      // The language switch is the same page in the other language, tested below.
      const header = hrefs(html.replace(/<a class="lang"[^>]*>/, ''), /<header>[^]*<\/header>/);
      const footer = hrefs(html, /<footer>[^]*<\/footer>/);
      expect(header.length, page).toBe(6);
      expect(footer, page).toEqual(['http://localhost:3000/']);
      for (const link of [...header, ...footer]) {
        // The footer's official address is this very site: ask the app for its path.
        const url = new URL(link, `http://localhost:3000${page}`);
        if (ELSEWHERE.has(url.pathname)) continue;
        checked.add(url.pathname + url.search);
        const res = await get(app, url.pathname + url.search);
        expect(res.statusCode, `${link} on ${page}`).toBe(200);
        expect(res.body, `${link} on ${page}`).toContain(url.search === '?lang=en' ? '<html lang="en">' : '<html lang="es">');
      }
    }
    expect([...checked].sort()).toEqual(['/', '/?lang=en', '/registro', '/registro?lang=en']);
  });

  it('writes the configured address, scheme and port included, in the address check and the footer', async () => {
    const { app, code, path } = await certified('http://127.0.0.1:3000');
    const html = (await get(app, path)).body;
    const text = visibleText(html);
    expect(text).toContain(`Verifique que la dirección de esta página sea: http://127.0.0.1:3000/c/${code}`);
    expect(text).toContain('Sitio oficial: http://127.0.0.1:3000/');
    expect(html).toContain('href="http://127.0.0.1:3000/"');
    expect(html).not.toContain('https://');
    for (const page of ['/', '/registro', '/c/0000-0000-0000']) {
      expect((await get(app, page)).body, page).toContain('href="http://127.0.0.1:3000/"');
    }
  });
});

describe('the language of the pages', () => {
  it('is Spanish whatever the browser prefers, and English only when asked with ?lang=en', async () => {
    const { app, path } = await certified();
    for (const page of ['/', path, '/registro', '/c/0000-0000-0000']) {
      const browserEnglish = await get(app, page, { 'accept-language': 'en-US,en;q=0.9' });
      expect(browserEnglish.body, page).toContain('<html lang="es">');
      expect(browserEnglish.headers.vary ?? '', page).not.toMatch(/accept-language/i);
      const asked = await get(app, `${page}?lang=en`, { 'accept-language': 'es-BO' });
      expect(asked.body, page).toContain('<html lang="en">');
      // The switch goes back to Spanish on the same page.
      const back = /class="lang" href="([^"]*)"/.exec(asked.body)![1]!.replaceAll('&amp;', '&');
      const url = new URL(back, `http://localhost:3000${page}`);
      expect(url.pathname + url.search, page).toBe(`${page}?lang=es`);
    }
    expect(visibleText((await get(app, path, { 'accept-language': 'en' })).body)).toContain('VIGENTE');
    expect(visibleText((await get(app, `${path}?lang=en`)).body)).toContain('VALID');
  });
});
