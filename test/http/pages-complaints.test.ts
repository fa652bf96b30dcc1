/**
 * The commission's complaint pages: the home's link with the open count, the list, one complaint with
 * everything (contact, photo, steps, outcome) and its forms working without scripts, errors on the page.
 */
import { describe, expect, it } from 'vitest';
import { buildTestApp, tempDir } from '../helpers/app.js';
import { seedOrganization, seedUser } from '../helpers/auth.js';
import { criteriaWithCatalogue } from '../helpers/catalogue-criteria.js';
import { seedComplaint } from '../helpers/complaints.js';
import { cycleToCommission } from '../helpers/cycle.js';
import { PNG } from '../helpers/access-world.js';
import { getPage, postForm, signIn, UUID, visibleText } from '../helpers/pages.js';

async function world() {
  const dataDir = tempDir();
  const app = await buildTestApp({ dataDir });
  const rosa = await seedUser(app, { role: 'commission', displayName: 'Comisionada Rosa' });
  const luis = await seedUser(app, { role: 'commission', displayName: 'Comisionado Luis' });
  return { app, dataDir, rosa, luis, cookie: await signIn(app, rosa) };
}

describe('complaint pages', () => {
  it('the commission sees «Denuncias» with the open count, the list and a complaint with its contact and photo, without ids', async () => {
    const { app, dataDir, cookie } = await world();
    const withPhoto = seedComplaint(app, {
      what: 'Venden miel con el sello que no es de la cooperativa',
      contact: 'Juana, 71234567',
      photo: { body: PNG, type: 'image/png', dataDir },
      at: '2026-05-03T10:00:00.000Z',
    });
    seedComplaint(app, { what: 'Otra denuncia anterior', contact: null, at: '2026-05-01T10:00:00.000Z' });

    const home = await getPage(app, '/app', cookie);
    expect(visibleText(home.body)).toContain('Denuncias: 2 abiertas');
    expect(home.body).toContain('href="/app/comision/denuncias"');

    const list = await getPage(app, '/app/comision/denuncias', cookie);
    expect(list.statusCode).toBe(200);
    const listed = visibleText(list.body);
    expect(listed).toContain('2 denuncias abiertas.');
    expect(listed.indexOf('Venden miel')).toBeLessThan(listed.indexOf('Otra denuncia anterior'));
    expect(listed).toContain(withPhoto.trackingNumber);
    expect(listed).not.toMatch(UUID);
    const closedOnly = await getPage(app, '/app/comision/denuncias?estado=closed', cookie);
    expect(visibleText(closedOnly.body)).toContain('No hay denuncias en este estado.');

    const page = await getPage(app, `/app/comision/denuncias/${withPhoto.id}`, cookie);
    expect(page.statusCode).toBe(200);
    const text = visibleText(page.body);
    expect(text).toContain(`Denuncia ${withPhoto.trackingNumber}`);
    expect(text).toContain('Juana, 71234567');
    expect(text).toContain('Feria de El Alto');
    expect(text).not.toMatch(UUID);
    expect(page.body).toContain(`<img class="complaint-photo" src="/api/v1/complaints/${withPhoto.id}/photo"`);
    const photo = await getPage(app, `/api/v1/complaints/${withPhoto.id}/photo`, cookie);
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
  });

  it('refuses the pages and forms to anyone but the commission and the administration, writing nothing', async () => {
    const { app } = await world();
    const { id } = seedComplaint(app);
    const committee = await seedUser(app, { role: 'committee', organizationId: seedOrganization(app) });
    const cookie = await signIn(app, committee);
    expect((await getPage(app, '/app/comision/denuncias', cookie)).statusCode).toBe(403);
    expect((await getPage(app, `/app/comision/denuncias/${id}`, cookie)).statusCode).toBe(403);
    const res = await postForm(app, `/app/comision/denuncias/${id}/asignar`, { userId: committee.user.id }, { cookie });
    expect(res.statusCode).toBe(403);
    expect(app.db.$client.prepare('SELECT count(*) AS n FROM complaint_steps').get()).toEqual({ n: 0 });
    expect((await getPage(app, '/app/comision/denuncias')).statusCode).toBe(303);
  });

  it('assigns, records notes and closes through the forms, with errors shown on the page', async () => {
    const { app, luis, cookie } = await world();
    const { id } = seedComplaint(app);
    const url = `/app/comision/denuncias/${id}`;

    const empty = await postForm(app, `${url}/asignar`, { userId: '' }, { cookie });
    expect(empty.statusCode).toBe(400);
    expect(visibleText(empty.body)).toContain('Elija un miembro de la comisión');

    const assigned = await postForm(app, `${url}/asignar`, { userId: luis.user.id }, { cookie });
    expect(assigned.statusCode).toBe(303);
    expect(assigned.headers.location).toBe(`${url}?hecho=asignar`);
    const after = visibleText((await getPage(app, assigned.headers.location as string, cookie)).body);
    expect(after).toContain('Denuncia asignada.');
    expect(after).toContain('Asignada · Comisionada Rosa');
    expect(after).toContain('A cargo de Comisionado Luis');

    const short = await postForm(app, `${url}/investigacion`, { notes: 'no' }, { cookie });
    expect(short.statusCode).toBe(400);
    expect(visibleText(short.body)).toContain('Escriba lo averiguado');
    expect(short.body).toContain('>no</textarea>');
    expect((await postForm(app, `${url}/investigacion`, { notes: 'La feria confirma la venta.' }, { cookie })).statusCode).toBe(303);

    const unknownCode = await postForm(app, `${url}/vincular`, { certificateCode: 'NO-EXISTE-1' }, { cookie });
    expect(unknownCode.statusCode).toBe(422);
    expect(visibleText(unknownCode.body)).toContain('No existe un certificado con el código NO-EXISTE-1');

    const noSummary = await postForm(app, `${url}/cerrar`, { outcome: 'unfounded', publicSummary: '', sanctionCode: '' }, { cookie });
    expect(noSummary.statusCode).toBe(400);
    expect(visibleText(noSummary.body)).toContain('Escriba en palabras sencillas');
    const closed = await postForm(
      app,
      `${url}/cerrar`,
      { outcome: 'unfounded', publicSummary: 'La comisión visitó la feria y no comprobó lo denunciado.', sanctionCode: '' },
      { cookie },
    );
    expect(closed.statusCode).toBe(303);
    const final = await getPage(app, closed.headers.location as string, cookie);
    const finalText = visibleText(final.body);
    expect(finalText).toContain('Denuncia cerrada');
    expect(finalText).toContain('La comisión visitó la feria y no comprobó lo denunciado.');
    expect(finalText).toContain('No fundada');
    expect(final.body).not.toContain(`${url}/cerrar`);
    expect(visibleText((await getPage(app, '/app', cookie)).body)).toContain('Denuncias: 0 abiertas');
  });

  it('offers the catalogue in force with its effects in words, the visit form, and shows a sanction refused', async () => {
    const c = await cycleToCommission({ config: { criteriaDir: criteriaWithCatalogue({ whenMissing: 'warn' }) } });
    const { certificate } = await c.approve();
    const cookie = await signIn(c.app, c.members[0]!);
    const { id } = seedComplaint(c.app, { code: certificate.code });
    const url = `/app/comision/denuncias/${id}`;
    expect((await postForm(c.app, `${url}/asignar`, { userId: c.members[0]!.user.id }, { cookie })).statusCode).toBe(303);

    const page = await getPage(c.app, url, cookie);
    const text = visibleText(page.body);
    expect(text).toContain('Suspensión del sello (suspensión del sello)');
    expect(text).toContain('Llamada de atención escrita (queda registrada, sin otro efecto)');
    expect(text).toContain('Ordenar una visita sin aviso');
    expect(text).toContain('Ing. Luis Flores');
    expect(text).not.toMatch(UUID);

    const noTeam = await postForm(c.app, `${url}/visita`, { plannedOn: '2026-12-15' }, { cookie });
    expect(noTeam.statusCode).toBe(400);
    expect(visibleText(noTeam.body)).toContain('Elija al menos una persona para el equipo de la visita');

    const refused = await postForm(
      c.app,
      `${url}/cerrar`,
      { outcome: 'founded', publicSummary: 'Se comprobó lo denunciado: el sello queda suspendido.', sanctionCode: 'suspension' },
      { cookie },
    );
    expect(refused.statusCode).toBe(422);
    expect(visibleText(refused.body)).toContain('todavía no se aplicó: primero suspenda el certificado');
    expect(refused.body).toMatch(/<option value="suspension" selected>/);
  });
});
