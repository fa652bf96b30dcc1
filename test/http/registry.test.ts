import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../helpers/app.js';
import { countRows, seedUser, type TestUser } from '../helpers/auth.js';

const HEADER = 'nombre,sectores,productos,departamento,municipio,comunidad,grupo_familiar,fecha_compromiso,consentimiento_publico';

async function withOrganization(): Promise<{ app: FastifyInstance; admin: TestUser; committee: TestUser; orgId: string }> {
  const app = await buildTestApp();
  const admin = await seedUser(app, { role: 'admin' });
  const org = await request(app.server)
    .post('/api/v1/organizations')
    .set(admin.headers)
    .send({ name: 'Cooperativa Agropecuaria Integral Caranavi', kind: 'cooperativa', department: 'la paz', municipality: 'Caranavi' })
    .expect(201);
  const committee = await seedUser(app, { role: 'committee', organizationId: org.body.id });
  return { app, admin, committee, orgId: org.body.id as string };
}

const producer = (orgId: string, overrides: Record<string, unknown> = {}) => ({
  organizationId: orgId,
  name: 'Familia Condori Apaza',
  sectors: ['agricola'],
  products: ['café', 'cacao'],
  department: 'La Paz',
  municipality: 'Caranavi',
  community: 'Villa Bolinda',
  household: 'Condori',
  pledgeSignedOn: '2025-04-02',
  publicNameConsent: true,
  ...overrides,
});

const auditActions = (app: FastifyInstance, entityId: string) =>
  (app.db.$client.prepare('SELECT action FROM audit_log WHERE entity_id = ? ORDER BY seq').all(entityId) as { action: string }[]).map(
    (r) => r.action,
  );

describe('organisations and committees', () => {
  it('stores the department as its code and audits each write', async () => {
    const { app, admin, orgId } = await withOrganization();
    const org = await request(app.server).get(`/api/v1/organizations/${orgId}`).set(admin.headers).expect(200);
    expect(org.body).toMatchObject({ department: 'la-paz', kind: 'cooperativa' });
    await request(app.server)
      .post(`/api/v1/organizations/${orgId}/committees`)
      .set(admin.headers)
      .send({ name: 'Comité de Bolinda' })
      .expect(201);
    await request(app.server).patch(`/api/v1/organizations/${orgId}`).set(admin.headers).send({ municipality: 'Coroico' }).expect(200);
    expect(auditActions(app, orgId)).toEqual(['create', 'update']);
    const committees = await request(app.server).get(`/api/v1/organizations/${orgId}/committees`).set(admin.headers).expect(200);
    expect(committees.body.map((c: { name: string }) => c.name)).toEqual(['Comité de Bolinda']);
  });

  it('refuses an unknown department and a duplicate name, writing nothing', async () => {
    const { app, admin } = await withOrganization();
    const before = countRows(app, 'organizations');
    const bad = await request(app.server)
      .post('/api/v1/organizations')
      .set(admin.headers)
      .send({ name: 'X', kind: 'oeca', department: 'Cusco', municipality: 'Y' })
      .expect(400);
    expect(bad.body.issues).toEqual([expect.objectContaining({ path: 'body.department', message: expect.stringContaining('Potosí') })]);
    await request(app.server)
      .post('/api/v1/organizations')
      .set(admin.headers)
      .send({ name: 'Cooperativa Agropecuaria Integral Caranavi', kind: 'oeca', department: 'Beni', municipality: 'Y' })
      .expect(409);
    expect(countRows(app, 'organizations')).toBe(before);
  });
});

describe('producers', () => {
  it('creates, reads and updates a producer; every write leaves an audit entry', async () => {
    const { app, committee, orgId } = await withOrganization();
    const created = await request(app.server).post('/api/v1/producers').set(committee.headers).send(producer(orgId)).expect(201);
    expect(created.body).toMatchObject({ name: 'Familia Condori Apaza', department: 'la-paz', publicNameConsent: true });
    const updated = await request(app.server)
      .patch(`/api/v1/producers/${created.body.id}`)
      .set(committee.headers)
      .send({ products: ['café'] })
      .expect(200);
    expect(updated.body.products).toEqual(['café']);
    const history = app.db.$client
      .prepare("SELECT action, change FROM audit_log WHERE entity = 'producer' AND entity_id = ? ORDER BY seq")
      .all(created.body.id) as { action: string; change: string }[];
    expect(history.map((h) => h.action)).toEqual(['create', 'update']);
    expect(JSON.parse(history[1]!.change)).toEqual({ products: { before: ['café', 'cacao'], after: ['café'] } });
  });

  it('rejects unknown fields, unknown sectors and future pledges with field paths, writing nothing', async () => {
    const { app, committee, orgId } = await withOrganization();
    const before = countRows(app, 'producers');
    const auditBefore = countRows(app, 'audit_log');
    const extra = await request(app.server)
      .post('/api/v1/producers')
      .set(committee.headers)
      .send({ ...producer(orgId), certified: true })
      .expect(400);
    expect(extra.body.code).toBe('VALIDATION_FAILED');
    const sector = await request(app.server)
      .post('/api/v1/producers')
      .set(committee.headers)
      .send(producer(orgId, { sectors: ['agricola', 'mineria'] }))
      .expect(400);
    expect(sector.body.issues).toEqual([expect.objectContaining({ path: 'body.sectors.1' })]);
    const future = await request(app.server)
      .post('/api/v1/producers')
      .set(committee.headers)
      .send(producer(orgId, { pledgeSignedOn: '2099-01-01' }))
      .expect(400);
    expect(future.body.issues).toEqual([expect.objectContaining({ path: 'body.pledgeSignedOn' })]);
    await request(app.server)
      .post('/api/v1/producers')
      .set(committee.headers)
      .send(producer(orgId, { household: '' }))
      .expect(400);
    expect(countRows(app, 'producers')).toBe(before);
    expect(countRows(app, 'audit_log')).toBe(auditBefore);
  });

  it('paginates and filters by organisation, department, sector and accent-insensitive text', async () => {
    const { app, admin, committee, orgId } = await withOrganization();
    const other = await request(app.server)
      .post('/api/v1/organizations')
      .set(admin.headers)
      .send({ name: 'Asociación Artesanal Potosí', kind: 'grupo_artesanal', department: 'Potosí', municipality: 'Potosí' })
      .expect(201);
    for (let i = 1; i <= 25; i++) {
      await request(app.server)
        .post('/api/v1/producers')
        .set(committee.headers)
        .send(producer(orgId, { name: `Familia ${String(i).padStart(2, '0')}`, household: `H${i}` }))
        .expect(201);
    }
    await request(app.server)
      .post('/api/v1/producers')
      .set(admin.headers)
      .send(
        producer(other.body.id, {
          name: 'Taller Tejidos Ñawi',
          sectors: ['artesania'],
          products: ['tejidos de alpaca'],
          department: 'Potosí',
          municipality: 'Potosí',
          community: 'Cantumarca',
        }),
      )
      .expect(201);

    const first = await request(app.server).get('/api/v1/producers?page=1&pageSize=10').set(admin.headers).expect(200);
    expect(first.body).toMatchObject({ page: 1, pageSize: 10, total: 26 });
    expect(first.body.items).toHaveLength(10);
    const last = await request(app.server).get('/api/v1/producers?page=3&pageSize=10').set(admin.headers).expect(200);
    expect(last.body.items).toHaveLength(6);

    const bySector = await request(app.server).get('/api/v1/producers?sector=artesania').set(admin.headers).expect(200);
    expect(bySector.body.items.map((p: { name: string }) => p.name)).toEqual(['Taller Tejidos Ñawi']);
    const byDepartment = await request(app.server).get('/api/v1/producers?department=potosi').set(admin.headers).expect(200);
    expect(byDepartment.body.total).toBe(1);
    const byText = await request(app.server)
      .get(`/api/v1/producers?q=${encodeURIComponent('ALPACA')}`)
      .set(admin.headers)
      .expect(200);
    expect(byText.body.total).toBe(1);
    const byAccent = await request(app.server).get(`/api/v1/producers?q=nawi`).set(admin.headers).expect(200);
    expect(byAccent.body.total).toBe(1);

    // A committee member sees only their organisation, and may not ask for another.
    const scoped = await request(app.server).get('/api/v1/producers?pageSize=100').set(committee.headers).expect(200);
    expect(scoped.body.total).toBe(25);
    await request(app.server).get(`/api/v1/producers?organizationId=${other.body.id}`).set(committee.headers).expect(403);
    await request(app.server).get('/api/v1/producers?pageSize=500').set(admin.headers).expect(400);
  });
});

describe('persons', () => {
  it('links a person to a producer of the same organisation only', async () => {
    const { app, admin, committee, orgId } = await withOrganization();
    const unit = await request(app.server).post('/api/v1/producers').set(committee.headers).send(producer(orgId)).expect(201);
    const person = await request(app.server)
      .post('/api/v1/persons')
      .set(committee.headers)
      .send({
        organizationId: orgId,
        producerId: unit.body.id,
        fullName: 'Julia Condori',
        roles: ['member', 'reviewer'],
        household: 'Condori',
        gender: 'woman',
      })
      .expect(201);
    expect(person.body).toMatchObject({ producerId: unit.body.id, publicNameConsent: false, gender: 'woman' });
    // Gender is optional: not declared is null, a declared one may be withdrawn, and only the three words are taken.
    const undeclared = await request(app.server)
      .post('/api/v1/persons')
      .set(committee.headers)
      .send({ organizationId: orgId, fullName: 'Pat Quispe', roles: ['member'] })
      .expect(201);
    expect(undeclared.body.gender).toBeNull();
    const bad = await request(app.server)
      .patch(`/api/v1/persons/${person.body.id}`)
      .set(committee.headers)
      .send({ gender: 'female' })
      .expect(400);
    expect(bad.body.issues[0].path).toBe('body.gender');
    const withdrawn = await request(app.server)
      .patch(`/api/v1/persons/${person.body.id}`)
      .set(committee.headers)
      .send({ gender: null })
      .expect(200);
    expect(withdrawn.body.gender).toBeNull();
    const other = await request(app.server)
      .post('/api/v1/organizations')
      .set(admin.headers)
      .send({ name: 'OECA Sur', kind: 'oeca', department: 'Tarija', municipality: 'Padcaya' })
      .expect(201);
    const res = await request(app.server)
      .post('/api/v1/persons')
      .set(admin.headers)
      .send({ organizationId: other.body.id, producerId: unit.body.id, fullName: 'X', roles: ['member'] })
      .expect(400);
    expect(res.body.code).toBe('PRODUCER_NOT_IN_ORGANIZATION');
    const list = await request(app.server).get('/api/v1/persons?q=julia').set(committee.headers).expect(200);
    expect(list.body.total).toBe(1);
  });
});

describe('CSV import and export', () => {
  const row = (i: number) => `Familia Núñez ${i},agricola,café|plátano,La Paz,Caranavi,Villa Bolinda,Núñez ${i},2025-01-15,sí`;

  it('writes nothing when one row is bad, and reports that row', async () => {
    const { app, committee, orgId } = await withOrganization();
    const text = [HEADER, row(1), row(2), 'Familia Mala,agricola,café,Arequipa,X,Y,Z,2025-01-15,sí', row(4), row(2)].join('\n');
    const res = await request(app.server)
      .post(`/api/v1/organizations/${orgId}/producers/import`)
      .set(committee.headers)
      .set('content-type', 'text/csv')
      .send(text)
      .expect(422);
    expect(res.body.code).toBe('CSV_INVALID');
    expect(res.body.issues).toEqual([
      { path: 'line.4.departamento', message: expect.stringContaining('Departamento desconocido') },
      { path: 'line.6.nombre', message: 'Repetido: ya figura en la línea 3' },
    ]);
    expect(countRows(app, 'producers')).toBe(0);
  });

  it('imports 1,000 producers in one go, each audited, and exports them back', async () => {
    const { app, admin, committee, orgId } = await withOrganization();
    const text = [HEADER, ...Array.from({ length: 1000 }, (_, i) => row(i))].join('\n');
    const res = await request(app.server)
      .post(`/api/v1/organizations/${orgId}/producers/import`)
      .set(committee.headers)
      .set('content-type', 'text/csv; charset=utf-8')
      .send(text)
      .expect(201);
    expect(res.body).toEqual({ imported: 1000 });
    expect(countRows(app, 'producers')).toBe(1000);
    expect(
      (app.db.$client.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'producer' AND action = 'create'").get() as { n: number })
        .n,
    ).toBe(1000);

    // Importing the same file again is refused: every name already exists.
    const again = await request(app.server)
      .post(`/api/v1/organizations/${orgId}/producers/import`)
      .set(committee.headers)
      .set('content-type', 'text/csv')
      .send(text)
      .expect(422);
    expect(again.body.issues).toHaveLength(1000);

    const exported = await request(app.server).get(`/api/v1/organizations/${orgId}/producers.csv`).set(committee.headers).expect(200);
    expect(exported.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(exported.headers['content-disposition']).toBe(
      'attachment; filename="productores-cooperativa-agropecuaria-integral-caranavi.csv"',
    );
    expect(exported.text).toContain('Familia Núñez 999');

    const fresh = await request(app.server)
      .post('/api/v1/organizations')
      .set(admin.headers)
      .send({ name: 'Copia', kind: 'asociacion', department: 'La Paz', municipality: 'Caranavi' })
      .expect(201);
    await request(app.server)
      .post(`/api/v1/organizations/${fresh.body.id}/producers/import`)
      .set(admin.headers)
      .set('content-type', 'text/csv')
      .send(exported.text)
      .expect(201);
    const copy = await request(app.server)
      .get(`/api/v1/producers?organizationId=${fresh.body.id}&pageSize=100&q=${encodeURIComponent('Núñez 999')}`)
      .set(admin.headers)
      .expect(200);
    expect(copy.body.items[0]).toMatchObject({
      name: 'Familia Núñez 999',
      products: ['café', 'plátano'],
      department: 'la-paz',
      pledgeSignedOn: '2025-01-15',
      publicNameConsent: true,
    });
  });

  it('refuses an import into another organisation and a body that is not CSV', async () => {
    const { app, admin, committee } = await withOrganization();
    const other = await request(app.server)
      .post('/api/v1/organizations')
      .set(admin.headers)
      .send({ name: 'Otra', kind: 'oeca', department: 'Oruro', municipality: 'Challapata' })
      .expect(201);
    await request(app.server)
      .post(`/api/v1/organizations/${other.body.id}/producers/import`)
      .set(committee.headers)
      .set('content-type', 'text/csv')
      .send([HEADER, row(1)].join('\n'))
      .expect(403);
    await request(app.server)
      .post(`/api/v1/organizations/${other.body.id}/producers/import`)
      .set(admin.headers)
      .send({ rows: [] })
      .expect(415);
    expect(countRows(app, 'producers')).toBe(0);
  });
});
