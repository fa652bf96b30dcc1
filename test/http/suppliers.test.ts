import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { canonicalize } from 'json-canonicalize';
import { describe, expect, it } from 'vitest';
import { codeForUrl } from '../../src/domain/certificate-code.js';
import { seedOrganization, seedUser } from '../helpers/auth.js';
import { cycleToCommission } from '../helpers/cycle.js';
import { groupCertificate } from '../helpers/group-cycle.js';
import { getPage, postForm, signIn, visibleText } from '../helpers/pages.js';
import { tempDir } from '../helpers/app.js';
import { buildTestApp, countRowsWhere } from './pages-fixtures.js';

const ORG_NAME = 'Cooperativa Agropecuaria Señor de Mayo';

/** A certified organisation (its unit in Caranavi, La Paz, with coffee and honey), another without a certificate, and an administrator. */
async function certified() {
  const c = await cycleToCommission();
  const { certificate } = await c.approve();
  seedOrganization(c.app, 'Asociación sin certificado de Caranavi');
  const admin = await seedUser(c.app, { role: 'admin' });
  const suppliers = async (query = '') => {
    const res = await c.app.inject({ method: 'GET', url: `/api/v1/public/suppliers${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return { res, body: res.json<SuppliersBody>() };
  };
  return { ...c, certificate, admin, suppliers };
}

type SuppliersBody = {
  producedAt: string;
  issuer: string;
  filters: Record<string, string | null>;
  total: number;
  items: {
    name: string;
    kind: string;
    kindName: string;
    department: string;
    municipality: string;
    certifiedUnits: number;
    places: { department: string; municipality: string }[];
    products: string[];
    certificates: { code: string; verificationUrl: string }[];
    contact: { name: string | null; phone: string | null; email: string | null } | null;
  }[];
  signature: string;
};

const names = (body: SuppliersBody) => body.items.map((s) => s.name);

describe('suppliers for public purchases', () => {
  it('lists the certified organisation by municipality, product and department in JSON, CSV and the page, and drops it once suspended', async () => {
    const c = await certified();
    const { body } = await c.suppliers('?municipio=Caranavi');
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({
      name: ORG_NAME,
      kind: 'cooperativa',
      kindName: 'Cooperativa',
      department: 'La Paz',
      certifiedUnits: 1,
      places: [{ department: 'La Paz', municipality: 'Caranavi' }],
      contact: null,
    });
    expect(body.items[0]!.products).toEqual(expect.arrayContaining(['miel', 'café pergamino']));
    expect(body.items[0]!.certificates.map((x) => x.code)).toEqual([c.certificate.code]);
    expect(body.filters).toEqual({ department: null, municipality: 'Caranavi', product: null });

    // Accents and case do not matter; a product is found by part of its name; other places and products find nothing.
    for (const query of ['?product=miel', '?product=MIEL', '?product=cafe', '?municipality=CARANAVÍ', '?department=La%20Paz', '']) {
      expect(names((await c.suppliers(query)).body), query).toEqual([ORG_NAME]);
    }
    for (const query of ['?product=quinua', '?municipio=Potos%C3%AD', '?department=potosi', '?municipio=Caranavi&product=quinua']) {
      expect((await c.suppliers(query)).body.total, query).toBe(0);
    }

    const csv = await c.app.inject({ method: 'GET', url: '/api/v1/public/suppliers.csv?product=miel' });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const [header, row, ...rest] = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(header).toBe(
      'organizacion,tipo,departamento,municipio,unidades_certificadas,lugares_de_las_unidades,productos,sectores,certificados,verificacion,contacto_nombre,contacto_telefono,contacto_correo,lista_producida',
    );
    expect(row).toContain(ORG_NAME);
    expect(row).toContain(c.certificate.code);
    expect(row).toContain('miel');
    expect(rest).toEqual([]);

    const page = await c.app.inject({ method: 'GET', url: '/proveedores?product=miel&municipio=Caranavi' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).not.toContain('<script');
    const text = visibleText(page.body);
    expect(text).toContain('1 organización con sello vigente.');
    expect(text).toContain(ORG_NAME);
    expect(text).toContain('miel');
    expect(text).toContain('Para quien compra');
    expect(text).toContain('No publicado');
    expect(page.body).toContain(`href="/c/${codeForUrl(c.certificate.code)}"`);
    expect(page.body).toContain('href="/api/v1/public/suppliers.csv?product=miel&amp;municipio=Caranavi"');
    expect(page.body).toContain('href="/api/v1/public/suppliers?product=miel&amp;municipio=Caranavi"');
    expect(page.body).toContain('value="miel"');

    // Suspended: its only certificate is no longer valid, so it is no supplier with the seal.
    await c.api
      .post(`/api/v1/certificates/${c.certificate.id}/suspension`)
      .set(c.members[0]!.headers)
      .send({ reason: 'Denuncia en investigación' })
      .expect(200);
    expect((await c.suppliers('?municipio=Caranavi')).body.total).toBe(0);
    expect((await c.suppliers()).body.total).toBe(0);
    const after = visibleText((await c.app.inject({ method: 'GET', url: '/proveedores?municipio=Caranavi' })).body);
    expect(after).toContain('Ninguna organización con sello vigente coincide con la búsqueda.');
    expect(after).not.toContain(ORG_NAME);
    const csvAfter = await c.app.inject({ method: 'GET', url: '/api/v1/public/suppliers.csv' });
    expect(csvAfter.body).not.toContain(ORG_NAME);
  });

  it('does not list an organisation whose only certificate was revoked', async () => {
    const c = await certified();
    await c.api
      .post(`/api/v1/certificates/${c.certificate.id}/revocation`)
      .set(c.members[0]!.headers)
      .send({ reason: 'Se comprobó trabajo forzoso', sessionId: (await c.openSession(c.members, '2026-07-01')).id })
      .expect(200);
    expect((await c.suppliers()).body.total).toBe(0);
    expect((await c.suppliers('?product=miel')).body.items).toEqual([]);
  });

  it("shows the contact only with the organisation's agreement; checks phone and email; audits the change", async () => {
    const c = await certified();
    const patch = (body: Record<string, unknown>) =>
      c.app.inject({ method: 'PATCH', url: `/api/v1/organizations/${c.org}`, headers: c.admin.headers, payload: body });

    const saved = await patch({
      contactName: 'Julia Condori',
      contactPhone: '+591  71234567',
      contactEmail: 'ventas@senor-de-mayo.example',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ contactName: 'Julia Condori', contactPhone: '+591 71234567', contactPublic: false });
    expect((await c.suppliers('?product=miel')).body.items[0]!.contact).toBeNull();
    let page = await getPage(c.app, '/proveedores');
    expect(page.body).not.toContain('71234567');
    expect(page.body).not.toContain('Julia Condori');

    expect((await patch({ contactPublic: true })).statusCode).toBe(200);
    expect((await c.suppliers('?product=miel')).body.items[0]!.contact).toEqual({
      name: 'Julia Condori',
      phone: '+591 71234567',
      email: 'ventas@senor-de-mayo.example',
    });
    page = await getPage(c.app, '/proveedores');
    expect(visibleText(page.body)).toContain('Julia Condori. Teléfono: +591 71234567 Correo: ventas@senor-de-mayo.example');
    expect(page.body).toContain('href="tel:+59171234567"');
    expect(page.body).toContain('href="mailto:ventas@senor-de-mayo.example"');
    const csv = (await c.app.inject({ method: 'GET', url: '/api/v1/public/suppliers.csv' })).body;
    expect(csv).toContain('Julia Condori');
    expect(csv).toContain('ventas@senor-de-mayo.example');
    expect(
      countRowsWhere(
        c.app,
        'audit_log',
        `entity = 'organization' AND entity_id = '${c.org}' AND action = 'update' AND change LIKE '%contactPublic%'`,
      ),
    ).toBe(1);

    const badPhone = await patch({ contactPhone: '12ab' });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.body).toContain('contactPhone');
    expect((await patch({ contactPhone: '123' })).statusCode).toBe(400);
    expect((await patch({ contactEmail: 'ventas-arroba-ejemplo' })).statusCode).toBe(400);
    const unreachable = await patch({ contactPhone: null, contactEmail: null });
    expect(unreachable.statusCode).toBe(400);
    expect(unreachable.json()).toMatchObject({ code: 'ORGANIZATION_CONTACT_UNREACHABLE' });
    // Not published any more: the contact leaves the list with the next request.
    expect((await patch({ contactPublic: false })).statusCode).toBe(200);
    expect((await c.suppliers()).body.items[0]!.contact).toBeNull();
  });

  it('signs the list with its date and filters so that it verifies with a key of /.well-known/jwks.json, and not once a byte changes', async () => {
    const c = await certified();
    const { body, res } = await c.suppliers('?municipio=Caranavi&product=miel');
    const jwks = (await c.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json<JSONWebKeySet>();
    const { signature, ...unsigned } = body;
    const verified = await compactVerify(signature, createLocalJWKSet(jwks), { algorithms: ['EdDSA'] });
    expect(jwks.keys.map((k) => k.kid)).toContain(verified.protectedHeader.kid);
    expect(verified.protectedHeader.typ).toBe('sello-proveedores+jws');
    // What is signed is the canonical JSON of the document without its signature: the list, its date and its filters.
    expect(new TextDecoder().decode(verified.payload)).toBe(canonicalize(unsigned));
    expect(unsigned.filters).toEqual({ department: null, municipality: 'Caranavi', product: 'miel' });
    expect(Date.parse(unsigned.producedAt)).not.toBeNaN();

    // One byte changed in the signed content: the signature no longer verifies.
    const [header, payload, sig] = signature.split('.') as [string, string, string];
    const bytes = Buffer.from(payload, 'base64url');
    const at = bytes.indexOf('miel');
    bytes[at] = 'M'.charCodeAt(0);
    await expect(compactVerify(`${header}.${bytes.toString('base64url')}.${sig}`, createLocalJWKSet(jwks))).rejects.toThrow();
    // A document changed after signing no longer matches what was signed.
    const altered = { ...unsigned, items: [{ ...unsigned.items[0]!, name: 'Otra organización' }] };
    expect(canonicalize(altered)).not.toBe(new TextDecoder().decode(verified.payload));

    // Repeated requests get the same signed bytes; a registry change makes a new list.
    const again = await c.suppliers('?municipio=Caranavi&product=miel');
    expect(again.res.body).toBe(res.body);
    await c.app.inject({
      method: 'PATCH',
      url: `/api/v1/organizations/${c.org}`,
      headers: c.admin.headers,
      payload: { name: 'Cooperativa Señor de Mayo' },
    });
    const renamed = await c.suppliers('?municipio=Caranavi&product=miel');
    expect(names(renamed.body)).toEqual(['Cooperativa Señor de Mayo']);
    expect(renamed.body.signature).not.toBe(signature);
  });
});

describe('a group certificate among the suppliers', () => {
  it('counts its certified members as units and is found where it is based and where its members produce', async () => {
    const app = await buildTestApp({ dataDir: tempDir('sello-suppliers-group-') });
    const g = await groupCertificate(app, { members: 3, name: 'Asociación Apícola Suyu' });
    const get = async (query: string) =>
      (await app.inject({ method: 'GET', url: `/api/v1/public/suppliers${query}` })).json<SuppliersBody>();
    for (const query of ['?municipio=Coroico', '?municipio=Caranavi', '?product=miel']) {
      const body = await get(query);
      expect(body.items, query).toHaveLength(1);
      expect(body.items[0], query).toMatchObject({
        name: 'Asociación Apícola Suyu',
        municipality: 'Coroico',
        certifiedUnits: 3,
        places: [{ department: 'La Paz', municipality: 'Caranavi' }],
        certificates: [{ code: g.certificate.code, scope: 'group', certifiedUnits: 3 }],
      });
      expect(body.items[0]!.products, query).toEqual(['café', 'miel']);
    }
    const page = visibleText((await getPage(app, '/proveedores?municipio=Caranavi')).body);
    expect(page).toContain('Asociación Apícola Suyu');
    expect(page).toContain('Unidades certificadas 3 Dónde producen Caranavi, La Paz');
  }, 120_000);
});

describe('the organisation form of the administration', () => {
  it('saves the contact for buyers and whether it may be published; refuses a wrong phone or a public contact without a way to reach it', async () => {
    const app = await buildTestApp();
    const admin = await seedUser(app, { role: 'admin' });
    const cookie = await signIn(app, admin);
    const form = await getPage(app, '/app/admin/organizaciones/nueva', cookie);
    const formText = visibleText(form.body);
    for (const label of ['Persona de contacto', 'Teléfono', 'Correo', 'La organización acepta publicar este contacto para compradores']) {
      expect(formText).toContain(label);
    }
    const fields = {
      name: 'Asociación de Apicultores de Caranavi',
      kind: 'asociacion',
      department: 'la-paz',
      municipality: 'Caranavi',
      contactName: 'Rosa Mamani',
      contactPhone: '7123-4567',
      contactEmail: 'miel@apicultores.example',
      contactPublic: 'si',
    };
    const badPhone = await postForm(app, '/app/admin/organizaciones/nueva', { ...fields, contactPhone: 'llamar al tambo' }, { cookie });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.body).toContain('id="campo-contactPhone-error">Escriba un teléfono de 7 a 15 dígitos');
    const unreachable = await postForm(
      app,
      '/app/admin/organizaciones/nueva',
      { ...fields, contactPhone: '', contactEmail: '' },
      { cookie },
    );
    expect(unreachable.statusCode).toBe(400);
    expect(visibleText(unreachable.body)).toContain('Para publicar el contacto indique un teléfono o un correo');
    expect(countRowsWhere(app, 'organizations', "name = 'Asociación de Apicultores de Caranavi'")).toBe(0);

    const res = await postForm(app, '/app/admin/organizaciones/nueva', fields, { cookie });
    expect(res.statusCode, res.body).toBe(303);
    const id = /organizaciones\/([0-9a-f-]{36})/.exec(String(res.headers.location))![1]!;
    expect(
      app.db.$client
        .prepare(
          'SELECT contact_name AS name, contact_phone AS phone, contact_email AS email, contact_public AS public FROM organizations WHERE id = ?',
        )
        .get(id),
    ).toEqual({ name: 'Rosa Mamani', phone: '7123-4567', email: 'miel@apicultores.example', public: 1 });
    expect(
      countRowsWhere(
        app,
        'audit_log',
        `entity = 'organization' AND entity_id = '${id}' AND action = 'create' AND change LIKE '%Rosa Mamani%'`,
      ),
    ).toBe(1);
    const page = visibleText((await getPage(app, String(res.headers.location), cookie)).body);
    expect(page).toContain('Rosa Mamani · 7123-4567 · miel@apicultores.example (publicado para compradores)');

    // Left unticked: kept, not published.
    const { contactPublic: _public, ...unpublished } = fields;
    const second = await postForm(app, '/app/admin/organizaciones/nueva', { ...unpublished, name: 'Cooperativa de Caranavi' }, { cookie });
    expect(second.statusCode).toBe(303);
    expect(
      countRowsWhere(app, 'organizations', "name = 'Cooperativa de Caranavi' AND contact_public = 0 AND contact_name = 'Rosa Mamani'"),
    ).toBe(1);

    // Changing an existing organisation: the form comes filled in; unticking the box unpublishes the contact.
    const edit = await getPage(app, `/app/admin/organizaciones/${id}/editar`, cookie);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('value="Rosa Mamani"');
    expect(edit.body).toContain('value="7123-4567"');
    expect(edit.body).toMatch(/name="contactPublic" value="si"[^>]*checked/);
    const { contactPublic: _p, ...changed } = { ...fields, contactName: 'Julia Condori', contactPhone: '+591 2 2123456' };
    const badEdit = await postForm(app, `/app/admin/organizaciones/${id}/editar`, { ...changed, contactEmail: 'julia' }, { cookie });
    expect(badEdit.statusCode).toBe(400);
    expect(badEdit.body).toContain('id="campo-contactEmail-error">Escriba un correo como nombre@ejemplo.org');
    const saved = await postForm(app, `/app/admin/organizaciones/${id}/editar`, changed, { cookie });
    expect(saved.statusCode, saved.body).toBe(303);
    expect(saved.headers.location).toBe(`/app/admin/organizaciones/${id}?hecho=guardada`);
    expect(
      app.db.$client
        .prepare('SELECT contact_name AS name, contact_phone AS phone, contact_public AS public FROM organizations WHERE id = ?')
        .get(id),
    ).toEqual({ name: 'Julia Condori', phone: '+591 2 2123456', public: 0 });
    expect(
      countRowsWhere(
        app,
        'audit_log',
        `entity = 'organization' AND entity_id = '${id}' AND action = 'update' AND change LIKE '%Julia Condori%'`,
      ),
    ).toBe(1);
    const after = visibleText((await getPage(app, String(saved.headers.location), cookie)).body);
    expect(after).toContain('Listo: se guardaron los cambios de «Asociación de Apicultores de Caranavi».');
    expect(after).toContain('Julia Condori · +591 2 2123456 · miel@apicultores.example (no se publica)');
  });
});
