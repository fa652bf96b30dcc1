import { describe, expect, it } from 'vitest';
import { buildTestApp, countRowsWhere } from './pages-fixtures.js';
import { seedOrganization, seedUser } from '../helpers/auth.js';
import { cspDirectives } from '../helpers/headers.js';
import { FORM_HEADERS, getPage, postForm, signIn, visibleText } from '../helpers/pages.js';

const CSP = cspDirectives(
  "default-src 'self'; img-src 'self' data: blob:; script-src 'self'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
);

async function world(loginLimits?: { perAccount: number }) {
  const app = await buildTestApp({}, loginLimits ? { loginLimits } : {});
  const org = seedOrganization(app, 'Asociación de Apicultores de Caranavi');
  const committee = await seedUser(app, { role: 'committee', organizationId: org, username: 'ana.quispe', displayName: 'Ana Quispe' });
  return { app, committee };
}

describe('/entrar: signing in with the form', () => {
  it('shows a labelled form with the security headers and a versioned, cacheable stylesheet', async () => {
    const { app } = await world();
    const res = await getPage(app, '/entrar');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(cspDirectives(res.headers['content-security-policy'])).toEqual(CSP);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.body).toContain('<label for="campo-username">Usuario</label>');
    expect(res.body).toContain('autocomplete="current-password"');
    expect(res.body).not.toContain('style=');
    const href = /<link rel="stylesheet" href="(\/app\/estilos-[0-9a-f]{12}\.css)">/.exec(res.body)?.[1];
    expect(href).toBeDefined();
    const css = await getPage(app, href!);
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(css.body).toContain('min-height: 44px');
    expect((await getPage(app, '/app/estilos-000000000000.css')).statusCode).not.toBe(200);
  });

  it('signs in with the same session cookie as the API and goes to /app, where the person is named', async () => {
    const { app, committee } = await world();
    const res = await postForm(app, '/entrar', { username: ' Ana.Quispe ', password: committee.password });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/app');
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^sello_sesion=[\w-]{43}; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Strict$/);
    const home = await getPage(app, '/app', setCookie.split(';')[0]);
    expect(home.statusCode).toBe(200);
    expect(visibleText(home.body)).toContain('Ana Quispe Comité local de garantía · Asociación de Apicultores de Caranavi');
    expect(home.body).toContain('<form class="logout" method="post" action="/app/salir"><button type="submit">Salir</button></form>');
    // The API accepts the same cookie.
    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: setCookie.split(';')[0] } });
    expect(me.json()).toMatchObject({ username: 'ana.quispe' });
    expect(countRowsWhere(app, 'audit_log', "action = 'login'")).toBe(1);
  });

  it('returns to a page under /app after signing in, and never to another site', async () => {
    const { app, committee } = await world();
    const post = (volver: string) =>
      postForm(app, `/entrar?volver=${encodeURIComponent(volver)}`, { username: 'ana.quispe', password: committee.password });
    expect((await post('/app/expedientes/abc?x=1')).headers.location).toBe('/app/expedientes/abc?x=1');
    for (const evil of ['https://evil.example/app', '//evil.example/app', '/\\evil.example', '/app/../docs', '/docs', '/application']) {
      expect((await post(evil)).headers.location, evil).toBe('/app');
    }
    const page = await getPage(app, `/entrar?volver=${encodeURIComponent('/app/expedientes/abc')}`);
    expect(page.body).toContain('action="/entrar?volver=%2Fapp%2Fexpedientes%2Fabc"');
  });

  it('says plainly that the username or password is wrong, keeps the username, and sets no cookie', async () => {
    const { app } = await world();
    const res = await postForm(app, '/entrar', { username: 'ana.quispe', password: 'otra-cosa' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.body).toContain('role="alert">El usuario o la contraseña no son correctos. Revise e intente de nuevo.</p>');
    expect(res.body).toContain('value="ana.quispe"');
    expect(res.body).not.toContain('otra-cosa');
  });

  it('re-renders the form with an error under each empty field, tied by aria-describedby', async () => {
    const { app } = await world();
    const res = await postForm(app, '/entrar', { username: 'ana', password: '' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body).toContain('aria-describedby="campo-password-error" aria-invalid="true"');
    expect(res.body).toContain('<span class="error" id="campo-password-error">Escriba su contraseña</span>');
    expect(res.body).toContain('value="ana"');
    expect(res.body).not.toContain('campo-username-error');
  });

  it("shows the limiter's Spanish message after too many failed attempts, even with the right password", async () => {
    const { app, committee } = await world({ perAccount: 2 });
    for (let i = 0; i < 2; i++) expect((await postForm(app, '/entrar', { username: 'ana.quispe', password: 'mal' })).statusCode).toBe(401);
    const res = await postForm(app, '/entrar', { username: 'ana.quispe', password: committee.password });
    expect(res.statusCode).toBe(429);
    expect(visibleText(res.body)).toMatch(/Demasiados intentos fallidos: espere \d+ minutos? antes de volver a intentarlo/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a sign-in form posted from another site (login CSRF), with a page', async () => {
    const { app, committee } = await world();
    const res = await postForm(
      app,
      '/entrar',
      { username: 'ana.quispe', password: committee.password },
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
    );
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('sends an already signed-in person from /entrar to /app', async () => {
    const { app, committee } = await world();
    const res = await getPage(app, '/entrar', await signIn(app, committee));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/app');
  });
});

describe('/app needs a session', () => {
  it('sends an anonymous visit to /entrar, remembering the page', async () => {
    const { app } = await world();
    const home = await getPage(app, '/app');
    expect(home.statusCode).toBe(303);
    expect(home.headers.location).toBe('/entrar?volver=%2Fapp');
    const deep = await getPage(app, '/app/expedientes/4b7f2d3e-8a61-4c55-9e0f-0d6a1c2b3e4f');
    expect(deep.headers.location).toBe('/entrar?volver=%2Fapp%2Fexpedientes%2F4b7f2d3e-8a61-4c55-9e0f-0d6a1c2b3e4f');
  });

  it('answers an unknown address under /app with a not-found page, not JSON', async () => {
    const { app, committee } = await world();
    const res = await getPage(app, '/app/no-existe', await signIn(app, committee));
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(visibleText(res.body)).toContain('No encontramos esta página');
  });

  it('keeps the API JSON-only: a urlencoded login to the API is refused', async () => {
    const { app, committee } = await world();
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: 'username=ana.quispe&password=' + encodeURIComponent(committee.password),
      headers: FORM_HEADERS,
    });
    expect(res.statusCode).toBe(415);
  });
});

// The pages post to /app/salir (inside the offline worker's scope); /salir does the same.
describe.each(['/salir', '/app/salir'])('%s', (path) => {
  it('ends the session, clears the cookie and goes to /entrar; the old cookie no longer opens /app', async () => {
    const { app, committee } = await world();
    const cookie = await signIn(app, committee);
    const res = await postForm(app, path, {}, { cookie });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/entrar');
    expect(String(res.headers['set-cookie'])).toMatch(/^sello_sesion=; .*Expires=Thu, 01 Jan 1970/);
    expect((await getPage(app, '/app', cookie)).headers.location).toBe('/entrar?volver=%2Fapp');
    expect(countRowsWhere(app, 'audit_log', "action = 'logout'")).toBe(1);
  });

  it('refuses a sign-out form posted from another site with a page (CSRF), and the session goes on', async () => {
    const { app, committee } = await world();
    const cookie = await signIn(app, committee);
    const res = await postForm(app, path, {}, { cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(visibleText(res.body)).toContain('No tiene permiso');
    expect(visibleText(res.body)).toContain('La solicitud no vino de una página de este sitio');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect((await getPage(app, '/app', cookie)).statusCode).toBe(200);
    expect(countRowsWhere(app, 'audit_log', "action = 'logout'")).toBe(0);
  });
});
