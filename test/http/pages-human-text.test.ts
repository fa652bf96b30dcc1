/**
 * The people's page forms refuse the same text the API refuses (src/human-text.ts): control and
 * direction characters re-render the form with the field's Spanish message and write nothing;
 * accepted text is stored composed (NFC). Also the API token's name.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { UNSAFE_TEXT_MESSAGE } from '../../src/human-text.js';
import { buildTestApp, countRowsWhere } from './pages-fixtures.js';
import { countRows, seedOrganization, seedUser } from '../helpers/auth.js';
import { postFields, signIn } from '../helpers/pages.js';

async function world() {
  const app = await buildTestApp();
  const org = seedOrganization(app, 'Cooperativa Agropecuaria Señor de Mayo');
  const committee = await seedUser(app, { role: 'committee', organizationId: org, displayName: 'Ana Quispe' });
  const admin = await seedUser(app, { role: 'admin', displayName: 'Marta Villca' });
  return { app, org, committee, admin };
}

const PERSON: [string, string][] = [
  ['roles', 'member'],
  ['household', 'Familia Choque'],
];
const errorOf = (field: string, message: string) => `id="campo-${field}-error">${message}<`;

describe('human text in the page forms', () => {
  it.each([
    ['a right-to-left override', 'Rosa \u202EinamaM'],
    ['a NUL', 'Rosa\u0000Mamani'],
  ])('refuses a person’s name with %s: the form comes back with the field’s message, nothing stored', async (_what, name) => {
    const { app, committee } = await world();
    const cookie = await signIn(app, committee);
    const before = countRows(app, 'persons');
    const audit = countRows(app, 'audit_log');
    const res = await postFields(app, '/app/personas/nueva', [['fullName', name], ...PERSON], { cookie });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain(errorOf('fullName', UNSAFE_TEXT_MESSAGE));
    expect(res.body).toContain('<form');
    expect(countRows(app, 'persons')).toBe(before);
    expect(countRows(app, 'audit_log')).toBe(audit);
  });

  it('stores an accepted name composed (NFC), as the API does', async () => {
    const { app, committee } = await world();
    const cookie = await signIn(app, committee);
    const res = await postFields(app, '/app/personas/nueva', [['fullName', '  Jose\u0301 Choque  '], ...PERSON], { cookie });
    expect(res.statusCode, res.body).toBe(303);
    expect(countRowsWhere(app, 'persons', "full_name = 'José Choque'")).toBe(1);
  });

  it('refuses a product with a direction override and an organisation name with a NUL, field by field', async () => {
    const { app, committee, admin } = await world();
    const cookie = await signIn(app, committee);
    const producers = countRows(app, 'producers');
    const producer = await postFields(
      app,
      '/app/productores/nuevo',
      [
        ['name', 'Familia Choque Quispe'],
        ['sectors', 'agricola'],
        ['products', 'café, \u202Eéfac'],
        ['department', 'la-paz'],
        ['municipality', 'Caranavi'],
        ['community', 'Villa Bolinda'],
        ['household', 'Familia Choque'],
        ['pledgeSignedOn', ''],
      ],
      { cookie },
    );
    expect(producer.statusCode).toBe(400);
    expect(producer.body).toContain(errorOf('products', UNSAFE_TEXT_MESSAGE));
    expect(countRows(app, 'producers')).toBe(producers);

    const adminCookie = await signIn(app, admin);
    const organizations = countRows(app, 'organizations');
    const organization = await postFields(
      app,
      '/app/admin/organizaciones/nueva',
      [
        ['name', 'Asociación\u0000Caranavi'],
        ['kind', 'asociacion'],
        ['department', 'la-paz'],
        ['municipality', 'Caranavi'],
      ],
      { cookie: adminCookie },
    );
    expect(organization.statusCode).toBe(400);
    expect(organization.body).toContain(errorOf('name', UNSAFE_TEXT_MESSAGE));
    expect(countRows(app, 'organizations')).toBe(organizations);
  });
});

describe('the API token’s name', () => {
  it('refuses a NUL with 400 VALIDATION_FAILED on the name, and creates no token', async () => {
    const { app, committee } = await world();
    const before = countRows(app, 'api_tokens');
    const res = await request(app.server).post('/api/v1/auth/tokens').set(committee.headers).send({ name: 'mi\u0000token' }).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(res.body.issues).toEqual([expect.objectContaining({ path: 'body.name', message: UNSAFE_TEXT_MESSAGE })]);
    expect(countRows(app, 'api_tokens')).toBe(before);
    const ok = await request(app.server).post('/api/v1/auth/tokens').set(committee.headers).send({ name: '  Planilla de la cooperativa ' });
    expect(ok.status).toBe(201);
    expect(ok.body.name).toBe('Planilla de la cooperativa');
  });
});
