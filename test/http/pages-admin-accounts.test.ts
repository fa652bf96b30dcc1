import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildTestApp, countRowsWhere } from './pages-fixtures.js';
import { countRows, seedOrganization, seedUser } from '../helpers/auth.js';
import { getPage, postForm, signIn, UUID, visibleText } from '../helpers/pages.js';
import { seedPerson, seedProducer } from '../helpers/registry.js';

async function world() {
  const app = await buildTestApp();
  const org = seedOrganization(app, 'Cooperativa Agropecuaria Señor de Mayo');
  const other = seedOrganization(app, 'Asociación de Artesanas de Tarabuco');
  const admin = await seedUser(app, { role: 'admin', username: 'marta.admin', displayName: 'Marta Villca' });
  const cookie = await signIn(app, admin);
  return { app, org, other, admin, cookie };
}

const PASSWORD = /<p class="secret"><code>([^<]+)<\/code><\/p>/;
const passwordIn = (html: string) => PASSWORD.exec(html)?.[1];

/** Signs in through the form with any user name and password; the status says whether it worked. */
const signInAs = (app: FastifyInstance, username: string, password: string) => postForm(app, '/entrar', { username, password });
const userRow = (app: FastifyInstance, username: string) =>
  app.db.$client.prepare('SELECT * FROM users WHERE username = ?').get(username) as Record<string, string | null> | undefined;
const auditOf = (app: FastifyInstance, id: string, action: string) =>
  (
    app.db.$client.prepare("SELECT change FROM audit_log WHERE entity = 'user' AND entity_id = ? AND action = ?").all(id, action) as {
      change: string;
    }[]
  ).map((r) => JSON.parse(r.change) as Record<string, unknown>);

describe('/app for the administration', () => {
  it('links the administration home to its pages instead of a "coming soon" note', async () => {
    const { app, cookie } = await world();
    const home = await getPage(app, '/app', cookie);
    expect(home.statusCode).toBe(200);
    const text = visibleText(home.body);
    expect(text).toContain('Administración');
    expect(text).not.toContain('en preparación');
    for (const href of ['/app/admin/cuentas', '/app/admin/organizaciones', '/app/admin/criterios'])
      expect(home.body).toContain(`href="${href}"`);
  });
});

describe('/app/admin/cuentas: the accounts', () => {
  it('lists every account with its role in Spanish, organisation and state, searches without accents, and shows no ids', async () => {
    const { app, org } = await world();
    const committee = await seedUser(app, { role: 'committee', organizationId: org, username: 'ana.quispe', displayName: 'Ana Quíspe' });
    await seedUser(app, { role: 'commission', username: 'gregoria', displayName: 'Gregoria Limachi' });
    const admin2 = await seedUser(app, { role: 'admin', username: 'otra.admin' });
    const cookie = await signIn(app, admin2);
    await app.inject({ method: 'PATCH', url: `/api/v1/users/${committee.user.id}`, headers: admin2.headers, payload: { disabled: true } });

    const res = await getPage(app, '/app/admin/cuentas', cookie);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const text = visibleText(res.body);
    expect(text).toContain('4 cuentas.');
    expect(text).toMatch(/Ana Quíspe ana\.quispe Comité local de garantía Cooperativa Agropecuaria Señor de Mayo Deshabilitada/);
    expect(text).toMatch(/Gregoria Limachi gregoria Comisión de certificación Ninguna Habilitada/);
    expect(text).toMatch(/Marta Villca marta\.admin Administración Ninguna Habilitada/);
    expect(text).not.toMatch(UUID);
    expect(res.body).toContain(`href="/app/admin/cuentas/${committee.user.id}"`);

    const found = visibleText((await getPage(app, '/app/admin/cuentas?q=QUISPE', cookie)).body);
    expect(found).toContain('1 cuenta con «QUISPE».');
    expect(found).toContain('Ana Quíspe');
    expect(found).not.toContain('Gregoria');
  });

  it('creates a committee account in two steps and shows its one-time password once, never in an address; the account signs in with it', async () => {
    const { app, org, cookie } = await world();
    const first = await getPage(app, '/app/admin/cuentas/nueva', cookie);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('name="organizacion"');
    expect(first.body).not.toContain('name="username"');
    expect(visibleText(first.body)).toContain('Cooperativa Agropecuaria Señor de Mayo');

    const second = await getPage(app, `/app/admin/cuentas/nueva?organizacion=${org}`, cookie);
    expect(second.statusCode).toBe(200);
    expect(second.body).toContain(`<input type="hidden" name="organizationId" value="${org}">`);
    const roles = [...second.body.matchAll(/<option value="(\w+)"[^>]*>[^<]*<\/option>/g)].map((m) => m[1]).filter((v) => v !== 'ninguna');
    expect(roles).toEqual(expect.arrayContaining(['committee', 'reviewer', 'producer']));
    expect(roles).not.toContain('admin');
    expect(roles).not.toContain('commission');

    const res = await postForm(
      app,
      '/app/admin/cuentas/nueva',
      { organizationId: org, username: ' Ana.Quispe ', displayName: 'Ana Quispe', role: 'committee', producerId: '', personId: '' },
      { cookie },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.location).toBeUndefined();
    const password = passwordIn(res.body);
    expect(password).toMatch(/^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$/);
    const text = visibleText(res.body);
    expect(text).toContain('Listo: se creó la cuenta de «Ana Quispe».');
    expect(text).toContain('ana.quispe');
    expect(text).toContain('Comité local de garantía');
    expect(text).toContain('Esta es la única vez que se muestra');
    expect(text).toContain('La persona debe cambiarla por una propia.');
    expect(text).toContain('Marta Villca Administración');
    expect(text).not.toMatch(UUID);

    const row = userRow(app, 'ana.quispe')!;
    expect(row).toMatchObject({ display_name: 'Ana Quispe', role: 'committee', organization_id: org, disabled_at: null });
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(password);
    const [created] = auditOf(app, row.id!, 'create');
    expect(created).toMatchObject({ username: 'ana.quispe', role: 'committee', organizationId: org });
    expect(JSON.stringify(created)).not.toContain(password);
    expect(countRowsWhere(app, 'audit_log', `change LIKE '%${password}%'`)).toBe(0);

    const login = await signInAs(app, 'ana.quispe', password!);
    expect(login.statusCode).toBe(303);
    // Creating the same account again is refused next to the field, and writes nothing.
    const again = await postForm(
      app,
      '/app/admin/cuentas/nueva',
      { organizationId: org, username: 'ana.quispe', displayName: 'Otra Ana', role: 'reviewer' },
      { cookie },
    );
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('id="campo-username-error">Ya existe: elija otro<');
    expect(passwordIn(again.body)).toBeUndefined();
    expect(countRowsWhere(app, 'users', "username = 'ana.quispe'")).toBe(1);
  });

  it('refuses an invalid account form field by field, keeps what was typed, and writes nothing', async () => {
    const { app, org, other, cookie } = await world();
    const before = countRows(app, 'users');
    const bad = await postForm(
      app,
      '/app/admin/cuentas/nueva',
      { organizationId: org, username: 'Ana Quispe', displayName: 'Ana Quispe', role: '' },
      { cookie },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="campo-username-error">De 3 a 40 caracteres');
    expect(bad.body).toContain('id="campo-role-error">Elija el rol<');
    expect(bad.body).toContain('value="Ana Quispe"');
    expect(bad.body).toContain(`<input type="hidden" name="organizationId" value="${org}">`);
    expect(visibleText(bad.body)).toContain('Revise los datos marcados: no se guardó nada.');

    // A role that needs an organisation, without one: said next to the organisation.
    const noOrg = await postForm(
      app,
      '/app/admin/cuentas/nueva',
      { organizationId: '', username: 'rosa.mamani', displayName: 'Rosa Mamani', role: 'reviewer' },
      { cookie },
    );
    expect(noOrg.statusCode).toBe(400);
    expect(noOrg.body).toContain('id="campo-organizacion-error">Este rol necesita una organización<');

    // A producer account needs its unit, and the unit must be of the organisation.
    const noUnit = await postForm(
      app,
      '/app/admin/cuentas/nueva',
      { organizationId: org, username: 'juana', displayName: 'Juana Choque', role: 'producer', producerId: '' },
      { cookie },
    );
    expect(noUnit.statusCode).toBe(400);
    expect(noUnit.body).toContain('id="campo-producerId-error">Una cuenta de productor necesita su unidad productiva<');
    const foreignUnit = seedProducer(app, other, { name: 'Taller de Tarabuco' });
    const wrongUnit = await postForm(
      app,
      '/app/admin/cuentas/nueva',
      { organizationId: org, username: 'juana', displayName: 'Juana Choque', role: 'producer', producerId: foreignUnit },
      { cookie },
    );
    expect(wrongUnit.statusCode).toBe(400);
    expect(wrongUnit.body).toContain('La unidad productiva no pertenece a esa organización');
    expect(countRows(app, 'users')).toBe(before);
  });

  it('creates a producer account tied to its unit and person, chosen by name among those of its organisation', async () => {
    const { app, org, other, cookie } = await world();
    const unit = seedProducer(app, org, { name: 'Familia Choque Quispe' });
    const juana = seedPerson(app, org, { fullName: 'Juana Choque', producerId: unit, roles: ['member'] });
    seedProducer(app, other, { name: 'Taller de Tarabuco' });
    const form = await getPage(app, `/app/admin/cuentas/nueva?organizacion=${org}`, cookie);
    expect(form.body).toContain(`<option value="${unit}">Familia Choque Quispe</option>`);
    expect(form.body).toContain(`<option value="${juana}">Juana Choque</option>`);
    expect(form.body).not.toContain('Taller de Tarabuco');

    const res = await postForm(
      app,
      '/app/admin/cuentas/nueva',
      { organizationId: org, username: 'juana', displayName: 'Juana Choque', role: 'producer', producerId: unit, personId: juana },
      { cookie },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(userRow(app, 'juana')).toMatchObject({ role: 'producer', organization_id: org, producer_id: unit, person_id: juana });
  });

  it("changes an account's role and organisation, audited with before and after; the commission has no organisation", async () => {
    const { app, org, other, cookie } = await world();
    const rosa = seedPerson(app, other, { fullName: 'Rosa Mamani' });
    const account = await seedUser(app, { role: 'committee', organizationId: org, username: 'rosa', displayName: 'Rosa M.' });
    const id = account.user.id;

    const page = await getPage(app, `/app/admin/cuentas/${id}`, cookie);
    expect(page.statusCode).toBe(200);
    const text = visibleText(page.body);
    expect(text).toContain('Marta Villca Administración');
    expect(text).toMatch(/Usuario rosa Rol Comité local de garantía Organización Cooperativa Agropecuaria Señor de Mayo/);
    expect(text).not.toMatch(UUID);
    expect(page.body).toContain(`<input type="hidden" name="organizationId" value="${org}">`);
    expect(page.body).toContain('<option value="committee" selected>');

    // Choosing another organisation offers its persons; nothing changes until the form is saved.
    const chosen = await getPage(app, `/app/admin/cuentas/${id}?organizacion=${other}`, cookie);
    expect(chosen.body).toContain(`<option value="${rosa}">Rosa Mamani</option>`);
    expect(userRow(app, 'rosa')!.organization_id).toBe(org);

    const saved = await postForm(
      app,
      `/app/admin/cuentas/${id}`,
      { organizationId: other, displayName: 'Rosa Mamani', role: 'reviewer', producerId: '', personId: rosa },
      { cookie },
    );
    expect(saved.statusCode, saved.body).toBe(303);
    expect(saved.headers.location).toBe(`/app/admin/cuentas/${id}?hecho=guardada`);
    expect(visibleText((await getPage(app, String(saved.headers.location), cookie)).body)).toContain(
      'Listo: se guardaron los cambios de la cuenta.',
    );
    expect(userRow(app, 'rosa')).toMatchObject({ role: 'reviewer', organization_id: other, person_id: rosa, display_name: 'Rosa Mamani' });
    const [change] = auditOf(app, id, 'update');
    expect(change).toMatchObject({
      displayName: { before: 'Rosa M.', after: 'Rosa Mamani' },
      role: { before: 'committee', after: 'reviewer' },
      organizationId: { before: org, after: other },
      personId: { before: null, after: rosa },
    });

    // A person of another organisation is refused next to the field.
    const foreign = seedPerson(app, org, { fullName: 'Ana Quispe' });
    const refused = await postForm(
      app,
      `/app/admin/cuentas/${id}`,
      { organizationId: other, displayName: 'Rosa Mamani', role: 'reviewer', personId: foreign },
      { cookie },
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('id="campo-personId-error">');
    expect(userRow(app, 'rosa')!.person_id).toBe(rosa);

    // To the commission: no organisation any more.
    const commission = await postForm(
      app,
      `/app/admin/cuentas/${id}`,
      { organizationId: '', displayName: 'Rosa Mamani', role: 'commission', personId: '', commissionSeat: 'suplente' },
      { cookie },
    );
    expect(commission.statusCode, commission.body).toBe(303);
    expect(userRow(app, 'rosa')).toMatchObject({ role: 'commission', organization_id: null, person_id: null, commission_seat: 'suplente' });
    const seated = await getPage(app, `/app/admin/cuentas/${id}`, cookie);
    expect(visibleText(seated.body)).toContain('Comisión de certificación (suplente)');
    expect(seated.body).toMatch(/<option value="suplente" selected>/);

    // Back to a committee: the seat goes with the commission.
    const back = await postForm(
      app,
      `/app/admin/cuentas/${id}`,
      { organizationId: org, displayName: 'Rosa Mamani', role: 'committee', personId: '', commissionSeat: 'suplente' },
      { cookie },
    );
    expect(back.statusCode, back.body).toBe(303);
    expect(userRow(app, 'rosa')).toMatchObject({ role: 'committee', commission_seat: null });
  });

  it('disables an account (it can no longer sign in, its sessions end) and enables it again, each audited', async () => {
    const { app, org, cookie } = await world();
    const account = await seedUser(app, { role: 'committee', organizationId: org, username: 'ana.quispe' });
    const theirs = await signIn(app, account);
    const id = account.user.id;

    const off = await postForm(app, `/app/admin/cuentas/${id}/deshabilitar`, {}, { cookie });
    expect(off.statusCode).toBe(303);
    expect(off.headers.location).toBe(`/app/admin/cuentas/${id}?hecho=deshabilitada`);
    const page = await getPage(app, String(off.headers.location), cookie);
    expect(visibleText(page.body)).toContain('Listo: la cuenta quedó deshabilitada.');
    expect(page.body).toContain(`action="/app/admin/cuentas/${id}/habilitar"`);
    expect(userRow(app, 'ana.quispe')!.disabled_at).not.toBeNull();
    expect((await getPage(app, '/app', theirs)).statusCode).toBe(303);
    expect((await signInAs(app, 'ana.quispe', account.password)).statusCode).toBe(401);

    const on = await postForm(app, `/app/admin/cuentas/${id}/habilitar`, {}, { cookie });
    expect(on.headers.location).toBe(`/app/admin/cuentas/${id}?hecho=habilitada`);
    expect(userRow(app, 'ana.quispe')!.disabled_at).toBeNull();
    expect((await signInAs(app, 'ana.quispe', account.password)).statusCode).toBe(303);
    // Disabling also revokes the account's API tokens for good; enabling brings none back.
    expect(auditOf(app, id, 'update').map((c) => Object.keys(c))).toEqual([['disabledAt', 'revokedApiTokens'], ['disabledAt']]);
  });

  it('generates a new password, shown once with no-store: the old one stops working and the sessions end', async () => {
    const { app, org, cookie } = await world();
    const account = await seedUser(app, { role: 'reviewer', organizationId: org, username: 'rosa', displayName: 'Rosa Mamani' });
    const theirs = await signIn(app, account);
    const res = await postForm(app, `/app/admin/cuentas/${account.user.id}/contrasena`, {}, { cookie });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const password = passwordIn(res.body)!;
    expect(password).toMatch(/^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$/);
    expect(visibleText(res.body)).toContain('La contraseña anterior ya no sirve y las sesiones abiertas de la cuenta se cerraron.');
    expect((await getPage(app, '/app', theirs)).statusCode).toBe(303);
    expect((await signInAs(app, 'rosa', account.password)).statusCode).toBe(401);
    expect((await signInAs(app, 'rosa', password)).statusCode).toBe(303);
    expect(auditOf(app, account.user.id, 'update')).toEqual([{ password: 'cambiada' }]);
    expect(countRowsWhere(app, 'audit_log', `change LIKE '%${password}%'`)).toBe(0);

    // A second one is different, and the account page never shows a password.
    const again = passwordIn((await postForm(app, `/app/admin/cuentas/${account.user.id}/contrasena`, {}, { cookie })).body);
    expect(again).not.toBe(password);
    expect((await getPage(app, `/app/admin/cuentas/${account.user.id}`, cookie)).body).not.toContain('class="secret"');
  });

  it('refuses to disable or demote the only enabled administration account', async () => {
    const { app, admin, cookie } = await world();
    const res = await postForm(app, `/app/admin/cuentas/${admin.user.id}/deshabilitar`, {}, { cookie });
    expect(res.statusCode).toBe(409);
    expect(visibleText(res.body)).toContain('Es la única cuenta de administración habilitada');
    const demote = await postForm(
      app,
      `/app/admin/cuentas/${admin.user.id}`,
      { organizationId: '', displayName: 'Marta', role: 'commission' },
      { cookie },
    );
    expect(demote.statusCode).toBe(409);
    expect(userRow(app, 'marta.admin')).toMatchObject({ role: 'admin', disabled_at: null });
  });
});
