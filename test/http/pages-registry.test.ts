import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildTestApp, countRowsWhere } from './pages-fixtures.js';
import { countRows, seedOrganization, seedUser } from '../helpers/auth.js';
import { getPage, postForm, SAME_ORIGIN, signIn, UUID, visibleText } from '../helpers/pages.js';
import { seedPerson, seedProducer } from '../helpers/registry.js';

async function world() {
  const app = await buildTestApp();
  const org = seedOrganization(app, 'Cooperativa Agropecuaria Señor de Mayo');
  const other = seedOrganization(app, 'Asociación de Artesanas de Tarabuco');
  const committee = await seedUser(app, { role: 'committee', organizationId: org, displayName: 'Ana Quispe' });
  const cookie = await signIn(app, committee);
  return { app, org, other, committee, cookie };
}

const VALID_PRODUCER = {
  name: 'Familia Ñuflo Ríos',
  products: 'café pergamino, miel',
  department: 'la-paz',
  municipality: 'Caranavi',
  community: 'Villa Bolinda',
  household: 'Familia Ñuflo',
  pledgeSignedOn: '2025-03-01',
  publicNameConsent: 'si',
};

/** A urlencoded body with repeated names, as a browser sends checkboxes. */
function postRepeated(app: FastifyInstance, url: string, fields: [string, string][], cookie: string) {
  return app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...SAME_ORIGIN, cookie },
  });
}
const entries = (fields: Record<string, string>, extra: [string, string][] = []) => [...Object.entries(fields), ...extra];

/** A multipart form with one CSV file, as a browser sends the import form. */
function postCsv(app: FastifyInstance, cookie: string, csv: string, filename = 'productores.csv') {
  const boundary = '----sello-prueba';
  const payload = [
    `--${boundary}`,
    `Content-Disposition: form-data; name="archivo"; filename="${filename}"`,
    'Content-Type: text/csv',
    '',
    csv,
    `--${boundary}--`,
    '',
  ].join('\r\n');
  return app.inject({
    method: 'POST',
    url: '/app/productores/importar',
    payload,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...SAME_ORIGIN, cookie },
  });
}

describe('/app/productores: the committee keeps its producers', () => {
  it('registers a producer through the form, with its sectors, and shows it with a success flash; the write is audited', async () => {
    const { app, org, cookie } = await world();
    const form = await getPage(app, '/app/productores/nuevo', cookie);
    expect(form.statusCode).toBe(200);
    const text = visibleText(form.body);
    expect(text).toContain('Agrícola');
    expect(text).toContain('Recolección silvestre');
    expect(text).not.toMatch(UUID);
    expect(form.body).toContain(`<input type="hidden" name="organizationId" value="${org}">`);

    const res = await postRepeated(
      app,
      '/app/productores/nuevo',
      entries(VALID_PRODUCER, [
        ['sectors', 'agricola'],
        ['sectors', 'transformacion'],
      ]),
      cookie,
    );
    expect(res.statusCode, res.body).toBe(303);
    const id = /^\/app\/productores\/([0-9a-f-]{36})\?hecho=registrado$/.exec(String(res.headers.location))?.[1];
    expect(id).toBeDefined();
    const row = app.db.$client.prepare('SELECT * FROM producers WHERE id = ?').get(id) as Record<string, unknown>;
    expect(row).toMatchObject({
      organization_id: org,
      name: 'Familia Ñuflo Ríos',
      department: 'la-paz',
      household: 'Familia Ñuflo',
      pledge_signed_on: '2025-03-01',
    });
    expect(JSON.parse(String(row.sectors))).toEqual(['agricola', 'transformacion']);
    expect(JSON.parse(String(row.products))).toEqual(['café pergamino', 'miel']);
    expect(countRowsWhere(app, 'audit_log', `entity = 'producer' AND entity_id = '${id}' AND action = 'create'`)).toBe(1);

    const page = await getPage(app, String(res.headers.location), cookie);
    expect(visibleText(page.body)).toContain('Listo: se registró «Familia Ñuflo Ríos».');
    expect(page.body).toMatch(/value="agricola" id="[^"]+" checked/);
    expect(page.body).toContain('value="café pergamino, miel"');
  });

  it('shows each invalid field with its Spanish message next to it and writes nothing', async () => {
    const { app, cookie } = await world();
    const before = countRows(app, 'producers');
    const res = await postForm(app, '/app/productores/nuevo', { ...VALID_PRODUCER, name: '  ', products: '', department: '' }, { cookie });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<span class="error" id="campo-name-error">Escriba el nombre de la unidad productiva</span>');
    expect(res.body).toContain('<span class="error" id="campo-sectors-error">Marque al menos un sector</span>');
    expect(res.body).toContain('<span class="error" id="campo-products-error">Escriba al menos un producto</span>');
    expect(res.body).toContain('<span class="error" id="campo-department-error">Elija el departamento</span>');
    // What was typed stays.
    expect(res.body).toContain('value="Villa Bolinda"');
    expect(visibleText(res.body)).toContain('Revise los datos marcados: no se guardó nada.');
    expect(countRows(app, 'producers')).toBe(before);

    // A rule of the service (no future pledge date) is shown next to its field too.
    const future = await postRepeated(
      app,
      '/app/productores/nuevo',
      entries({ ...VALID_PRODUCER, pledgeSignedOn: '2999-01-01' }, [['sectors', 'agricola']]),
      cookie,
    );
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('id="campo-pledgeSignedOn-error">La fecha de la carta de compromiso no puede ser futura<');
    expect(countRows(app, 'producers')).toBe(before);
  });

  it('edits a producer: valid changes are saved and audited, invalid ones are refused field by field', async () => {
    const { app, org, cookie } = await world();
    const id = seedProducer(app, org, { name: 'Taller Flores', sectors: ['artesania'], household: 'Familia Flores' });
    const page = await getPage(app, `/app/productores/${id}`, cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="Taller Flores"');

    const bad = await postRepeated(
      app,
      `/app/productores/${id}`,
      entries({ ...VALID_PRODUCER, community: '' }, [['sectors', 'artesania']]),
      cookie,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="campo-community-error">Escriba la comunidad<');
    expect((app.db.$client.prepare('SELECT name FROM producers WHERE id = ?').get(id) as { name: string }).name).toBe('Taller Flores');

    const ok = await postRepeated(
      app,
      `/app/productores/${id}`,
      entries({ ...VALID_PRODUCER, name: 'Taller Flores Condori' }, [['sectors', 'artesania']]),
      cookie,
    );
    expect(ok.statusCode, ok.body).toBe(303);
    expect(ok.headers.location).toBe(`/app/productores/${id}?hecho=guardado`);
    expect(visibleText((await getPage(app, String(ok.headers.location), cookie)).body)).toContain(
      'Listo: se guardaron los cambios de «Taller Flores Condori».',
    );
    const audit = app.db.$client
      .prepare("SELECT change FROM audit_log WHERE entity = 'producer' AND entity_id = ? AND action = 'update'")
      .get(id) as { change: string };
    expect(JSON.parse(audit.change)).toMatchObject({ name: { before: 'Taller Flores', after: 'Taller Flores Condori' } });
  });

  it('searches by name without accents and pages through the list, without showing ids', async () => {
    const { app, org, other, cookie } = await world();
    for (let i = 1; i <= 23; i += 1) seedProducer(app, org, { name: `Unidad ${String(i).padStart(2, '0')}` });
    seedProducer(app, org, { name: 'Familia Choque Quispe' });
    seedProducer(app, other, { name: 'Familia Choque de Tarabuco' });

    const first = await getPage(app, '/app/productores', cookie);
    expect(first.statusCode).toBe(200);
    const text = visibleText(first.body);
    expect(text).toContain('24 unidades productivas.');
    expect(text).toContain('Página 1 de 2');
    expect(text).toContain('Familia Choque Quispe');
    expect(text).not.toContain('Tarabuco');
    expect(text).not.toMatch(UUID);
    expect(first.body).toContain('href="/app/productores?pagina=2"');
    const second = visibleText((await getPage(app, '/app/productores?pagina=2', cookie)).body);
    expect(second).toContain('Página 2 de 2');
    expect(second).toContain('Unidad 23');
    expect(second).not.toContain('Unidad 01');

    const found = visibleText((await getPage(app, '/app/productores?q=CHOQUÉ', cookie)).body);
    expect(found).toContain('1 unidad productiva con «CHOQUÉ».');
    expect(found).toContain('Familia Choque Quispe');
    expect(found).not.toContain('Unidad 01');
    expect(visibleText((await getPage(app, '/app/productores?q=nadie', cookie)).body)).toContain(
      'No encontramos unidades productivas con «nadie».',
    );
  });
});

describe('/app/productores/importar: the producers CSV', () => {
  const HEADER = 'nombre,sectores,productos,departamento,municipio,comunidad,grupo_familiar,fecha_compromiso,consentimiento_publico';

  it('imports a valid file and says how many', async () => {
    const { app, cookie } = await world();
    const page = await getPage(app, '/app/productores/importar', cookie);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toMatch(/href="\/api\/v1\/organizations\/[0-9a-f-]{36}\/producers\.csv"/);
    expect(visibleText(page.body)).toContain(HEADER);
    const template = await getPage(app, '/app/productores/plantilla.csv', cookie);
    expect(template.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(template.body).toContain(HEADER);

    const csv = `${HEADER}\nFamilia Uno,agricola,café,La Paz,Caranavi,Bolinda,Familia Uno,,no\nFamilia Dos,pecuario,leche,Potosí,Uyuni,Colcha K,Familia Dos,2025-01-02,sí\n`;
    const res = await postCsv(app, cookie, csv);
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe('/app/productores/importar?importados=2');
    expect(visibleText((await getPage(app, String(res.headers.location), cookie)).body)).toContain(
      'Listo: se importaron 2 unidades productivas.',
    );
    expect(countRows(app, 'producers')).toBe(2);
    expect(countRowsWhere(app, 'audit_log', "entity = 'producer' AND action = 'create'")).toBe(2);
  });

  it('shows the bad row with its line and reason, and that nothing was imported (all or nothing)', async () => {
    const { app, cookie } = await world();
    const csv = [
      HEADER,
      'Familia Uno,agricola,café,La Paz,Caranavi,Bolinda,Familia Uno,,no',
      'Familia Dos,pesca,trucha,La Paz,Caranavi,Bolinda,Familia Dos,,no',
      'Familia Tres,agricola,quinua,Oruro,Challapata,Ancacato,Familia Tres,,sí',
    ].join('\n');
    const res = await postCsv(app, cookie, csv);
    expect(res.statusCode).toBe(422);
    const text = visibleText(res.body);
    expect(text).toContain('El archivo tiene errores en 1 fila: no se importó nada. Corríjala y vuelva a enviar el archivo completo');
    expect(text).toMatch(/Línea 3, columna «sectores»: Sector desconocido: pesca/);
    expect(text).not.toContain('Línea 2');
    expect(countRows(app, 'producers')).toBe(0);

    const empty = await postCsv(app, cookie, '', '');
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('id="campo-archivo-error">Elija el archivo CSV de su planilla<');
  });
});

describe('/app/personas: the committee keeps its persons', () => {
  it('registers a person with roles and a producer unit chosen by name, edits them, and refuses an invalid form', async () => {
    const { app, org, other, cookie } = await world();
    const unit = seedProducer(app, org, { name: 'Familia Choque Quispe' });
    seedProducer(app, other, { name: 'Taller de Tarabuco' });
    const form = await getPage(app, '/app/personas/nueva', cookie);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`<option value="${unit}">Familia Choque Quispe</option>`);
    expect(form.body).not.toContain('Taller de Tarabuco');
    expect(visibleText(form.body)).toContain('Revisor par (visita a otros productores)');
    expect(visibleText(form.body)).toContain('Género (opcional)');
    expect(form.body).toContain('<option value="">Prefiere no decir</option>');
    expect(form.body).toContain('<option value="woman">mujer</option>');

    const before = countRows(app, 'persons');
    const bad = await postForm(app, '/app/personas/nueva', { fullName: '', producerId: unit }, { cookie });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="campo-fullName-error">Escriba el nombre completo<');
    expect(bad.body).toContain('id="campo-roles-error">Marque al menos un rol<');
    expect(bad.body).toContain(`<option value="${unit}" selected>`);
    expect(countRows(app, 'persons')).toBe(before);

    const res = await postRepeated(
      app,
      '/app/personas/nueva',
      [
        ['fullName', 'Rosa Mamani'],
        ['roles', 'member'],
        ['roles', 'reviewer'],
        ['producerId', unit],
        ['household', 'Familia Choque'],
        ['gender', 'woman'],
      ],
      cookie,
    );
    expect(res.statusCode, res.body).toBe(303);
    const id = /^\/app\/personas\/([0-9a-f-]{36})\?hecho=registrado$/.exec(String(res.headers.location))?.[1];
    const row = app.db.$client.prepare('SELECT * FROM persons WHERE id = ?').get(id) as Record<string, unknown>;
    expect(row).toMatchObject({
      organization_id: org,
      full_name: 'Rosa Mamani',
      producer_id: unit,
      household: 'Familia Choque',
      gender: 'woman',
    });
    expect((await getPage(app, `/app/personas/${id}`, cookie)).body).toContain('<option value="woman" selected>mujer</option>');
    expect(JSON.parse(String(row.roles))).toEqual(['member', 'reviewer']);
    expect(visibleText((await getPage(app, String(res.headers.location), cookie)).body)).toContain('Listo: se registró «Rosa Mamani».');

    const edit = await postRepeated(
      app,
      `/app/personas/${id}`,
      [
        ['fullName', 'Rosa Mamani Condori'],
        ['roles', 'reviewer'],
        ['producerId', ''],
      ],
      cookie,
    );
    expect(edit.statusCode, edit.body).toBe(303);
    // Left on «Prefiere no decir», the declared gender is withdrawn.
    expect(app.db.$client.prepare('SELECT full_name, producer_id, gender FROM persons WHERE id = ?').get(id)).toEqual({
      full_name: 'Rosa Mamani Condori',
      producer_id: null,
      gender: null,
    });
    expect(countRowsWhere(app, 'audit_log', `entity = 'person' AND entity_id = '${id}' AND action = 'update'`)).toBe(1);

    const list = visibleText((await getPage(app, '/app/personas?q=condori', cookie)).body);
    expect(list).toContain('1 persona con «condori».');
    expect(list).toContain('Rosa Mamani Condori revisor par Ninguna');
    expect(list).not.toMatch(UUID);
  });
});

describe('who may keep the registry from the pages', () => {
  it('links the committee home to Productores and Personas', async () => {
    const { app, cookie } = await world();
    const home = await getPage(app, '/app', cookie);
    expect(home.body).toContain('href="/app/productores"');
    expect(home.body).toContain('href="/app/personas"');
  });

  it("refuses another organisation's producer and person pages with 403 and nothing of the record, even with a bad form", async () => {
    const { app, other, cookie } = await world();
    const producer = seedProducer(app, other, { name: 'Taller de Tarabuco', community: 'Candelaria' });
    const person = seedPerson(app, other, { fullName: 'Juana Poma' });
    for (const url of [`/app/productores/${producer}`, `/app/personas/${person}`]) {
      const res = await getPage(app, url, cookie);
      expect(res.statusCode).toBe(403);
      expect(visibleText(res.body)).toContain('No tiene permiso');
      expect(res.body).not.toMatch(/Tarabuco|Candelaria|Juana Poma/);
    }
    const post = await postForm(app, `/app/productores/${producer}`, { name: '' }, { cookie });
    expect(post.statusCode).toBe(403);
    expect(post.body).not.toContain('Tarabuco');
    const postPerson = await postForm(app, `/app/personas/${person}`, { fullName: 'Otra' }, { cookie });
    expect(postPerson.statusCode).toBe(403);
    expect(app.db.$client.prepare('SELECT full_name FROM persons WHERE id = ?').get(person)).toEqual({ full_name: 'Juana Poma' });
    // Choosing the other organisation in a new form is refused too.
    const foreign = await postRepeated(
      app,
      '/app/productores/nuevo',
      entries({ ...VALID_PRODUCER, organizationId: other }, [['sectors', 'agricola']]),
      cookie,
    );
    expect(foreign.statusCode).toBe(403);
    expect(countRowsWhere(app, 'producers', `organization_id = '${other}'`)).toBe(1);
  });

  it('shows reviewers, producers and the commission the refusal page for every write', async () => {
    const { app, org } = await world();
    const unit = seedProducer(app, org, { name: 'Familia Choque Quispe' });
    const person = seedPerson(app, org, { fullName: 'Rosa Mamani' });
    const accounts = [
      await seedUser(app, { role: 'reviewer', organizationId: org }),
      await seedUser(app, { role: 'producer', organizationId: org, producerId: unit }),
      await seedUser(app, { role: 'commission' }),
    ];
    for (const account of accounts) {
      const cookie = await signIn(app, account);
      for (const url of [
        '/app/productores/nuevo',
        `/app/productores/${unit}`,
        '/app/productores/importar',
        '/app/personas/nueva',
        `/app/personas/${person}`,
      ]) {
        expect((await getPage(app, url, cookie)).statusCode, `${account.user.role} ${url}`).toBe(403);
      }
      const post = await postRepeated(app, '/app/productores/nuevo', entries(VALID_PRODUCER, [['sectors', 'agricola']]), cookie);
      expect(post.statusCode).toBe(403);
      expect(visibleText(post.body)).toContain('No tiene permiso');
      expect((await postCsv(app, cookie, 'nombre\nX')).statusCode).toBe(403);
      // Reading the list is allowed where the API allows it, without the links to write.
      const list = await getPage(app, '/app/productores', cookie);
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain('href="/app/productores/nuevo"');
    }
    expect(countRows(app, 'producers')).toBe(1);
  });
});
