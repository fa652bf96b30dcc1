import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildTestApp, countRowsWhere } from './pages-fixtures.js';
import { countRows, seedOrganization, seedUser } from '../helpers/auth.js';
import { getPage, postForm, signIn, UUID, visibleText } from '../helpers/pages.js';
import { seedPerson, seedProducer } from '../helpers/registry.js';

async function world() {
  const app = await buildTestApp();
  const org = seedOrganization(app, 'Cooperativa Agropecuaria Señor de Mayo');
  const admin = await seedUser(app, { role: 'admin', displayName: 'Marta Villca' });
  const cookie = await signIn(app, admin);
  return { app, org, admin, cookie };
}

const VALID_ORGANIZATION = {
  name: 'Asociación de Apicultores de Caranavi',
  kind: 'asociacion',
  department: 'la-paz',
  municipality: 'Caranavi',
};
/** The page's own content, without the header that names who is signed in. */
const mainOf = (html: string) => /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
const committeesOf = (app: FastifyInstance, org: string) =>
  app.db.$client.prepare('SELECT id, name FROM committees WHERE organization_id = ? ORDER BY name').all(org) as {
    id: string;
    name: string;
  }[];

describe('/app/admin/organizaciones: organisations and their committees', () => {
  it('lists organisations with kind, department, municipality and committees, in pages, without ids', async () => {
    const { app, org, admin } = await world();
    await app.inject({
      method: 'POST',
      url: `/api/v1/organizations/${org}/committees`,
      headers: admin.headers,
      payload: { name: 'Comité de Coroico' },
    });
    for (let i = 1; i <= 20; i += 1) seedOrganization(app, `Organización ${String(i).padStart(2, '0')}`);
    const cookie = await signIn(app, admin);
    const res = await getPage(app, '/app/admin/organizaciones', cookie);
    expect(res.statusCode).toBe(200);
    const text = visibleText(res.body);
    expect(text).toContain('21 organizaciones.');
    expect(text).toMatch(/Cooperativa Agropecuaria Señor de Mayo Cooperativa La Paz Coroico Comité de Coroico/);
    expect(text).toMatch(/Organización 01 Cooperativa La Paz Coroico Ninguno todavía/);
    expect(text).toContain('Página 1 de 2');
    expect(text).not.toMatch(UUID);
    expect(res.body).toContain(`href="/app/admin/organizaciones/${org}"`);
    const second = visibleText((await getPage(app, '/app/admin/organizaciones?pagina=2', cookie)).body);
    expect(second).toContain('Página 2 de 2');
    expect(second).toContain('Organización 20');
  });

  it('registers an organisation through the form, audited, and refuses an invalid or repeated one field by field', async () => {
    const { app, cookie } = await world();
    const form = await getPage(app, '/app/admin/organizaciones/nueva', cookie);
    expect(form.statusCode).toBe(200);
    expect(visibleText(form.body)).toContain('OECA (organización económica campesina)');
    expect(form.body).toContain('<option value="oecom">OECOM (organización económica comunitaria)</option>');
    expect(form.body).toContain('<option value="comunidad">Comunidad campesina o indígena originaria</option>');
    expect(form.body).toContain('<option value="tienda_solidaria">Tienda solidaria o comunitaria (comercialización)</option>');
    expect(form.body).toContain('<option value="potosi">Potosí</option>');

    const before = countRows(app, 'organizations');
    const bad = await postForm(
      app,
      '/app/admin/organizaciones/nueva',
      { ...VALID_ORGANIZATION, name: ' ', kind: '', department: 'Lima' },
      { cookie },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="campo-name-error">Escriba el nombre de la organización<');
    expect(bad.body).toContain('id="campo-kind-error">Elija el tipo de organización<');
    expect(bad.body).toContain('id="campo-department-error">Elija uno de los nueve departamentos<');
    expect(bad.body).toContain('value="Caranavi"');
    expect(countRows(app, 'organizations')).toBe(before);

    const res = await postForm(app, '/app/admin/organizaciones/nueva', VALID_ORGANIZATION, { cookie });
    expect(res.statusCode, res.body).toBe(303);
    const id = /^\/app\/admin\/organizaciones\/([0-9a-f-]{36})\?hecho=registrada$/.exec(String(res.headers.location))?.[1];
    expect(id).toBeDefined();
    expect(app.db.$client.prepare('SELECT name, kind, department, municipality FROM organizations WHERE id = ?').get(id)).toEqual({
      name: 'Asociación de Apicultores de Caranavi',
      kind: 'asociacion',
      department: 'la-paz',
      municipality: 'Caranavi',
    });
    expect(countRowsWhere(app, 'audit_log', `entity = 'organization' AND entity_id = '${id}' AND action = 'create'`)).toBe(1);
    const page = visibleText((await getPage(app, String(res.headers.location), cookie)).body);
    expect(page).toContain('Listo: se registró «Asociación de Apicultores de Caranavi».');
    expect(page).toContain('Asociación de Caranavi, La Paz.');

    const again = await postForm(app, '/app/admin/organizaciones/nueva', VALID_ORGANIZATION, { cookie });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('id="campo-name-error">Ya existe<');
    expect(countRows(app, 'organizations')).toBe(before + 1);
  });

  it("creates a committee from the organisation's page, audited; refuses an empty or repeated name and an unknown organisation", async () => {
    const { app, org, cookie } = await world();
    const page = await getPage(app, `/app/admin/organizaciones/${org}`, cookie);
    expect(page.statusCode).toBe(200);
    expect(visibleText(page.body)).toContain('Esta organización todavía no tiene comité local.');
    expect(page.body).toContain(`href="/app/admin/cuentas/nueva?organizacion=${org}"`);

    const res = await postForm(app, `/app/admin/organizaciones/${org}/comites`, { name: 'Comité local de Coroico' }, { cookie });
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe(`/app/admin/organizaciones/${org}?hecho=comite#comites`);
    const [committee] = committeesOf(app, org);
    expect(committee?.name).toBe('Comité local de Coroico');
    expect(countRowsWhere(app, 'audit_log', `entity = 'committee' AND entity_id = '${committee!.id}' AND action = 'create'`)).toBe(1);
    const after = visibleText((await getPage(app, `/app/admin/organizaciones/${org}?hecho=comite`, cookie)).body);
    expect(after).toContain('Listo: se creó el comité.');
    expect(after).toContain('Comité local de Coroico');

    const empty = await postForm(app, `/app/admin/organizaciones/${org}/comites`, { name: '  ' }, { cookie });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('id="campo-name-error">Escriba el nombre del comité<');
    const repeated = await postForm(app, `/app/admin/organizaciones/${org}/comites`, { name: 'Comité local de Coroico' }, { cookie });
    expect(repeated.statusCode).toBe(409);
    expect(visibleText(repeated.body)).toContain('La organización ya tiene un comité llamado Comité local de Coroico');
    expect(repeated.body).toContain('value="Comité local de Coroico"');
    expect(committeesOf(app, org)).toHaveLength(1);

    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await getPage(app, `/app/admin/organizaciones/${unknown}`, cookie)).statusCode).toBe(404);
    expect((await postForm(app, `/app/admin/organizaciones/${unknown}/comites`, { name: 'X' }, { cookie })).statusCode).toBe(404);
    expect(countRows(app, 'committees')).toBe(1);
  });
});

describe('/app/admin/criterios: the criteria versions, read-only', () => {
  it('lists each version with its status, publication date and the act that approved it', async () => {
    const { app, cookie } = await world();
    const res = await getPage(app, '/app/admin/criterios', cookie);
    expect(res.statusCode).toBe(200);
    const text = visibleText(res.body);
    expect(text).toMatch(
      /2026\.4 Publicada, vigente 29 de noviembre de 2026 Acta N° 05\/2026 de la Asamblea Nacional.* 36 en 9 principios/,
    );
    expect(text).toMatch(/2026\.3 Publicada 29 de noviembre de 2026 Acta N° 04\/2026 de la Asamblea Nacional.* 36 en 9 principios/);
    expect(text).toMatch(/2026\.2 Publicada 15 de octubre de 2026 Acta N° 03\/2026 de la Asamblea Nacional.* 36 en 9 principios/);
    expect(text).toMatch(/2026\.1 Publicada 20 de marzo de 2026 Acta N° 01\/2026 de la Asamblea Nacional.* 36 en 9 principios/);
    expect(text).toMatch(/2025\.1 Publicada 15 de marzo de 2025 Acta N° 02\/2025/);
    expect(text).toMatch(/2027\.1 Borrador: todavía no se usa .* 39 en 9 principios/);
    expect(text.indexOf('2026.1')).toBeLessThan(text.indexOf('2025.1'));
    expect(res.body).toContain('href="/app/admin/criterios/es-cj-bolivia/2025.1"');
    expect(mainOf(res.body)).toContain('Acta N° 01/2026');
    expect(mainOf(res.body)).not.toContain('<form');
  });

  it('shows the 2027.1 draft with the source passage of each criterion and its local proposals', async () => {
    const { app, cookie } = await world();
    const text = visibleText((await getPage(app, '/app/admin/criterios/es-cj-bolivia/2027.1', cookie)).body);
    expect(text).toContain('Borrador: todavía no se usa');
    expect(text).toMatch(
      /P9\.01 · mayor .*Fuente: «3\) destinar una parte significativa del excedente obtenido a la expansión de la propia red» \(La participación de la sociedad civil/,
    );
    expect(text).toMatch(
      /P1\.04 · progresivo .*Propuesta local: Prefinanciamiento de al menos el 30 % del pedido \(Propuesta local, no está en los documentos de base; la asamblea decide\.\)/,
    );
  });

  it('shows a version with its principles and criteria, and links to what changed from the previous one', async () => {
    const { app, cookie } = await world();
    const res = await getPage(app, '/app/admin/criterios/es-cj-bolivia/2026.1', cookie);
    expect(res.statusCode).toBe(200);
    const text = visibleText(res.body);
    expect(text).toContain('Reemplaza a la versión 2025.1');
    expect(text).toContain('P1. Precio justo y relaciones comerciales transparentes');
    expect(text).toMatch(/P1\.01 · mayor La organización paga a sus socios un precio acordado en asamblea/);
    expect(text).toContain('Se exige desde 2027');
    expect(res.body).toContain('href="/app/admin/criterios/es-cj-bolivia/2026.1/cambios"');
    const first = await getPage(app, '/app/admin/criterios/es-cj-bolivia/2025.1', cookie);
    expect(visibleText(first.body)).toContain('Reemplaza a Ninguna: es la primera');
    expect(first.body).not.toContain('/cambios"');
  });

  it('says whom each criterion is about and how a critical or major non-conformity is closed, only for a version that says it', async () => {
    const { app, cookie } = await world();
    const text = visibleText((await getPage(app, '/app/admin/criterios/es-cj-bolivia/2026.4', cookie)).body);
    expect(text).toMatch(
      /P1\.01 · \S+ [^·]* Sectores: [^·]*Comercialización solidaria[^·]* Se evalúa una vez para la organización\. Cómo se verifica/,
    );
    expect(text).toMatch(/P5\.01 · \S+ [^·]* Se evalúa en cada unidad productiva\. Cómo se verifica/);
    expect(text).toContain(
      'No conformidad de un criterio crítico Se cierra solo con una visita de seguimiento de un equipo independiente del comité local.',
    );
    const older = visibleText((await getPage(app, '/app/admin/criterios/es-cj-bolivia/2026.3', cookie)).body);
    expect(older).not.toContain('Se evalúa');
    expect(older).not.toContain('No conformidad de un criterio');
  });

  it('shows the differences: added, changed with the fields that changed, retired with the reason, settings changed', async () => {
    const { app, cookie } = await world();
    const res = await getPage(app, '/app/admin/criterios/es-cj-bolivia/2026.1/cambios', cookie);
    expect(res.statusCode).toBe(200);
    const text = visibleText(res.body);
    expect(text).toContain('Cambios de 2025.1 a 2026.1');
    expect(text).toContain('4 criterios nuevos, 4 modificados, 2 retirados y 28 sin cambios.');
    expect(text).toMatch(/Criterios nuevos \(4\) P4\.04 · mayor .*P9\.05 · progresivo .*Se exige desde 2027/);
    expect(text).toContain('P2.04 · menor Cambió: nivel. Nivel: progresivo → menor');
    expect(text).toContain('P6.01 · mayor Cambió: sectores. Sectores: Agrícola, Transformación → Agrícola, Pecuario, Transformación');
    expect(text).toMatch(/P1\.01 · mayor Cambió: texto\. Texto antes: .* Texto ahora: .*margen para vivir bien/);
    expect(text).toMatch(/Criterios retirados \(2\) P3\.03 · menor .* Motivo: Se integró en P2\.03/);
    expect(text).toContain('Reglas del esquema que cambiaron Reglas del equipo de visita');
  });

  it('answers a missing version, a malformed one, and the changes of a first version with the not-found page', async () => {
    const { app, cookie } = await world();
    for (const url of [
      '/app/admin/criterios/es-cj-bolivia/2030.1',
      '/app/admin/criterios/otro-esquema/2026.1',
      '/app/admin/criterios/es-cj-bolivia/ultima',
      '/app/admin/criterios/es-cj-bolivia/2025.1/cambios',
    ]) {
      const res = await getPage(app, url, cookie);
      expect(res.statusCode, url).toBe(404);
      expect(visibleText(res.body)).toContain('No encontramos esta página');
    }
  });
});

describe('only the administration uses /app/admin', () => {
  /** Every admin page and form, with a form that would be valid for the administration. */
  async function everyRoute(app: FastifyInstance, org: string) {
    const unit = seedProducer(app, org, { name: 'Familia Choque Quispe' });
    const target = await seedUser(app, { role: 'reviewer', organizationId: org, username: 'rosa', displayName: 'Rosa Mamani' });
    const id = target.user.id;
    const gets = [
      '/app/admin/cuentas',
      '/app/admin/cuentas?q=rosa',
      '/app/admin/cuentas/nueva',
      `/app/admin/cuentas/nueva?organizacion=${org}`,
      `/app/admin/cuentas/${id}`,
      '/app/admin/organizaciones',
      '/app/admin/organizaciones/nueva',
      `/app/admin/organizaciones/${org}`,
      '/app/admin/criterios',
      '/app/admin/criterios/es-cj-bolivia/2026.1',
      '/app/admin/criterios/es-cj-bolivia/2026.1/cambios',
    ];
    const posts: [string, Record<string, string>][] = [
      ['/app/admin/cuentas/nueva', { organizationId: org, username: 'nueva.cuenta', displayName: 'Nueva', role: 'committee' }],
      // An invalid form is refused too, never shown back with its errors.
      ['/app/admin/cuentas/nueva', { organizationId: org, username: '', role: '' }],
      [`/app/admin/cuentas/${id}`, { organizationId: org, displayName: 'Rosa', role: 'producer', producerId: unit }],
      [`/app/admin/cuentas/${id}/contrasena`, {}],
      [`/app/admin/cuentas/${id}/deshabilitar`, {}],
      [`/app/admin/cuentas/${id}/habilitar`, {}],
      ['/app/admin/organizaciones/nueva', { name: 'Otra organización', kind: 'cooperativa', department: 'oruro', municipality: 'Oruro' }],
      [`/app/admin/organizaciones/${org}/comites`, { name: 'Comité nuevo' }],
    ];
    return { target, gets, posts };
  }

  /** What any admin write would change. */
  const snapshot = (app: FastifyInstance) => ({
    users: app.db.$client
      .prepare('SELECT id, username, role, organization_id, producer_id, disabled_at, password_hash FROM users ORDER BY id')
      .all(),
    organizations: countRows(app, 'organizations'),
    committees: countRows(app, 'committees'),
    writes: countRowsWhere(app, 'audit_log', "action NOT IN ('login', 'logout')"),
  });

  it('gives the committee, a reviewer, a producer and the commission the refusal page on every admin page and form', async () => {
    const { app, org } = await world();
    const { target, gets, posts } = await everyRoute(app, org);
    const person = seedPerson(app, org, { fullName: 'Juana Choque' });
    const accounts = [
      await seedUser(app, { role: 'committee', organizationId: org, displayName: 'Ana Quispe' }),
      await seedUser(app, { role: 'producer', organizationId: org, producerId: seedProducer(app, org), personId: person }),
      await seedUser(app, { role: 'commission' }),
      target,
    ];
    const before = snapshot(app);
    for (const account of accounts) {
      const cookie = await signIn(app, account);
      for (const url of gets) {
        const res = await getPage(app, url, cookie);
        expect(res.statusCode, `${account.user.role} GET ${url}`).toBe(403);
        expect(visibleText(res.body)).toContain('No tiene permiso');
        expect(mainOf(res.body)).not.toMatch(/Rosa Mamani|Familia Choque|Señor de Mayo|Acta N°/);
      }
      for (const [url, fields] of posts) {
        const res = await postForm(app, url, fields, { cookie });
        expect(res.statusCode, `${account.user.role} POST ${url}`).toBe(403);
        expect(visibleText(res.body)).toContain('No tiene permiso');
        expect(res.body).not.toContain('class="secret"');
      }
      const home = await getPage(app, '/app', cookie);
      expect(home.body).not.toContain('/app/admin/');
    }
    expect(snapshot(app)).toEqual(before);
  });

  it('refuses admin forms posted from another site (CSRF) with a page, writing nothing', async () => {
    const { app, org, cookie } = await world();
    const { posts } = await everyRoute(app, org);
    const before = snapshot(app);
    for (const [url, fields] of posts) {
      const res = await postForm(app, url, fields, { cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
      expect(res.statusCode, url).toBe(403);
      expect(visibleText(res.body)).toContain('La solicitud no vino de una página de este sitio');
      expect(res.body).not.toContain('class="secret"');
    }
    expect(snapshot(app)).toEqual(before);
  });

  it('sends a visit without a session to sign in, and back to the admin page afterwards', async () => {
    const { app } = await world();
    const res = await getPage(app, '/app/admin/cuentas');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/entrar?volver=${encodeURIComponent('/app/admin/cuentas')}`);
    const post = await postForm(app, '/app/admin/organizaciones/nueva', VALID_ORGANIZATION);
    expect(post.statusCode).toBe(303);
    expect(countRowsWhere(app, 'organizations', `name = '${VALID_ORGANIZATION.name}'`)).toBe(0);
  });
});
