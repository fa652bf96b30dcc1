/**
 * The commission's handling of complaints through the API: who may read and act, each step and the
 * states that refuse it, the sanction rules against the catalogue in force, the contact kept for the
 * commission, the audit entry of every write, and nothing written when a step is refused.
 */
import type { FastifyInstance } from 'fastify';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp, tempDir } from '../helpers/app.js';
import { seedOrganization, seedUser, type TestUser } from '../helpers/auth.js';
import { criteriaWithCatalogue } from '../helpers/catalogue-criteria.js';
import { seedComplaint } from '../helpers/complaints.js';
import { seedProducer } from '../helpers/registry.js';
import { cycleToCommission } from '../helpers/cycle.js';
import { binary } from '../helpers/http.js';
import { PNG } from '../helpers/access-world.js';

/** What a refused step must leave as it was: the complaint's row, its steps and the audit trail. */
function written(app: FastifyInstance, id: string) {
  const db = app.db.$client;
  return {
    row: db.prepare('SELECT * FROM complaints WHERE id = ?').get(id),
    steps: (db.prepare('SELECT count(*) AS n FROM complaint_steps').get() as { n: number }).n,
    visits: (db.prepare('SELECT count(*) AS n FROM visits').get() as { n: number }).n,
    audit: (db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n,
  };
}

/**
 * Marks the certificate's `event` as citing `sanctionCode` (certificate_events.sanction_code), as the
 * certificate's act records it when it is given the sanction it applies. The act's route takes the sanction
 * in another part of the work; until then the test writes the column past the append-only trigger.
 */
function auditActions(app: FastifyInstance, id: string): string[] {
  return (
    app.db.$client.prepare(`SELECT action FROM audit_log WHERE entity = 'complaint' AND entity_id = ? ORDER BY seq`).all(id) as {
      action: string;
    }[]
  ).map((r) => r.action);
}

async function plainWorld() {
  const app = await buildTestApp();
  const commission = await seedUser(app, { role: 'commission', displayName: 'Comisionada Rosa' });
  const other = await seedUser(app, { role: 'commission', displayName: 'Comisionado Luis' });
  const admin = await seedUser(app, { role: 'admin' });
  return { app, api: request(app.server), commission, other, admin };
}

/** A certified unit under criteria whose version in force (2026.5) has the catalogue of sanctions. */
async function certifiedWorld() {
  const c = await cycleToCommission({ config: { criteriaDir: criteriaWithCatalogue({ whenMissing: 'warn' }) } });
  const { certificate } = await c.approve();
  return { ...c, certificate, commission: c.members[0]!, other: c.members[1]! };
}

const assign = (api: request.Agent | ReturnType<typeof request>, user: TestUser, id: string, to: TestUser) =>
  api.post(`/api/v1/complaints/${id}/assign`).set(user.headers).send({ userId: to.user.id });

describe('complaints: who may read and act', () => {
  it('answers the commission and the administration; refuses other roles (403) and anonymous calls (401)', async () => {
    const { app, api, commission, admin } = await plainWorld();
    const { id } = seedComplaint(app, { contact: 'Juana, 71234567' });
    for (const role of ['committee', 'reviewer', 'producer'] as const) {
      const organizationId = seedOrganization(app);
      const producerId = role === 'producer' ? seedProducer(app, organizationId) : null;
      const user = await seedUser(app, { role, organizationId, producerId });
      await api.get('/api/v1/complaints').set(user.headers).expect(403);
      await api.get(`/api/v1/complaints/${id}`).set(user.headers).expect(403);
      const before = written(app, id);
      await assign(api, user, id, commission).expect(403);
      expect(written(app, id)).toEqual(before);
    }
    await api.get('/api/v1/complaints').expect(401);
    await api.get(`/api/v1/complaints/${id}`).expect(401);
    await api.get(`/api/v1/complaints/${id}/photo`).expect(401);

    const forCommission = await api.get(`/api/v1/complaints/${id}`).set(commission.headers).expect(200);
    expect(forCommission.body.contact).toBe('Juana, 71234567');
    const forAdmin = await api.get(`/api/v1/complaints/${id}`).set(admin.headers).expect(200);
    expect(forAdmin.body.contact).toBeNull();
    expect(forAdmin.body.contactGiven).toBe(true);
    expect(JSON.stringify(forAdmin.body)).not.toContain('71234567');
  });

  it('lists newest first, filtered by status and paged', async () => {
    const { app, api, commission } = await plainWorld();
    const old = seedComplaint(app, { what: 'La primera', at: '2026-05-01T10:00:00.000Z' });
    const mid = seedComplaint(app, { what: 'La segunda', at: '2026-05-02T10:00:00.000Z' });
    const recent = seedComplaint(app, { what: 'La tercera', at: '2026-05-03T10:00:00.000Z' });
    await assign(api, commission, mid.id, commission).expect(200);

    const all = await api.get('/api/v1/complaints').set(commission.headers).expect(200);
    expect(all.body.items.map((c: { id: string }) => c.id)).toEqual([recent.id, mid.id, old.id]);
    expect(all.body.total).toBe(3);
    const received = await api.get('/api/v1/complaints?status=received').set(commission.headers).expect(200);
    expect(received.body.items.map((c: { id: string }) => c.id)).toEqual([recent.id, old.id]);
    const inquiry = await api.get('/api/v1/complaints?status=in_inquiry').set(commission.headers).expect(200);
    expect(inquiry.body.items).toHaveLength(1);
    expect(inquiry.body.items[0].assignee.name).toBe('Comisionada Rosa');
    const second = await api.get('/api/v1/complaints?page=2&pageSize=2').set(commission.headers).expect(200);
    expect(second.body).toMatchObject({ page: 2, pageSize: 2, total: 3 });
    expect(second.body.items.map((c: { id: string }) => c.id)).toEqual([old.id]);
    await api.get('/api/v1/complaints?status=abierta').set(commission.headers).expect(400);
  });

  it('serves the photo with its type, as an inline file the browser must not sniff; 404 without one', async () => {
    const dataDir = tempDir();
    const app = await buildTestApp({ dataDir });
    const commission = await seedUser(app, { role: 'commission' });
    const { id, trackingNumber } = seedComplaint(app, { photo: { body: PNG, type: 'image/png', dataDir } });
    const without = seedComplaint(app, {});
    const api = request(app.server);
    const file = await api.get(`/api/v1/complaints/${id}`).set(commission.headers).expect(200);
    expect(file.body.photo).toMatchObject({ type: 'image/png', size: PNG.length, url: `/api/v1/complaints/${id}/photo` });
    const photo = await api.get(file.body.photo.url).set(commission.headers).buffer(true).parse(binary).expect(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.headers['x-content-type-options']).toBe('nosniff');
    expect(photo.headers['content-disposition']).toBe(`inline; filename="${trackingNumber}.png"`);
    expect(Buffer.compare(photo.body as Buffer, PNG)).toBe(0);
    const refused = await seedUser(app, { role: 'committee', organizationId: seedOrganization(app) });
    await api.get(`/api/v1/complaints/${id}/photo`).set(refused.headers).expect(403);
    const none = await api.get(`/api/v1/complaints/${without.id}/photo`).set(commission.headers).expect(404);
    expect(none.body.code).toBe('COMPLAINT_PHOTO_NOT_FOUND');
    await api.get(`/api/v1/complaints/00000000-0000-4000-8000-000000000000`).set(commission.headers).expect(404);
  });
});

describe('complaints: the steps and the states that refuse them', () => {
  it('assigns a received complaint (in inquiry), re-assigns it while open, records inquiry notes, each audited', async () => {
    const { app, api, commission, other } = await plainWorld();
    const { id } = seedComplaint(app);

    const refusedInquiry = written(app, id);
    const early = await api
      .post(`/api/v1/complaints/${id}/inquiry`)
      .set(commission.headers)
      .send({ notes: 'Hablé con la feria' })
      .expect(409);
    expect(early.body.code).toBe('COMPLAINT_STATE');
    expect(written(app, id)).toEqual(refusedInquiry);

    const producerless = await seedUser(app, { role: 'admin' });
    const notMember = written(app, id);
    const wrong = await assign(api, commission, id, producerless).expect(422);
    expect(wrong.body.code).toBe('NOT_COMMISSION_MEMBER');
    expect(written(app, id)).toEqual(notMember);

    const assigned = await assign(api, commission, id, other).expect(200);
    expect(assigned.body).toMatchObject({ status: 'in_inquiry', assignee: { id: other.user.id, name: 'Comisionado Luis' } });
    const reassigned = await assign(api, other, id, commission).expect(200);
    expect(reassigned.body).toMatchObject({ status: 'in_inquiry', assignee: { name: 'Comisionada Rosa' } });
    const noted = await api
      .post(`/api/v1/complaints/${id}/inquiry`)
      .set(commission.headers)
      .send({ notes: 'La feria confirma que venden café de otra zona con el sello.' })
      .expect(200);
    expect(noted.body.steps.map((s: { kind: string; by: string }) => [s.kind, s.by])).toEqual([
      ['assigned', 'Comisionada Rosa'],
      ['assigned', 'Comisionado Luis'],
      ['inquiry', 'Comisionada Rosa'],
    ]);
    expect(noted.body.steps[0].notes).toBe('A cargo de Comisionado Luis');
    expect(noted.body.steps[2].notes).toBe('La feria confirma que venden café de otra zona con el sello.');
    expect(auditActions(app, id)).toEqual(['file', 'assign', 'assign', 'inquiry']);
    await api.post(`/api/v1/complaints/${id}/inquiry`).set(commission.headers).send({ notes: 'no' }).expect(400);
  });

  it('ties a complaint to a certificate by its code, once; an unknown code is refused', async () => {
    const c = await certifiedWorld();
    const api = request(c.app.server);
    const { id } = seedComplaint(c.app, { code: undefined });
    const before = written(c.app, id);
    const unknown = await api
      .post(`/api/v1/complaints/${id}/link`)
      .set(c.commission.headers)
      .send({ certificateCode: 'NO-EXISTE-1' })
      .expect(422);
    expect(unknown.body.code).toBe('UNKNOWN_CERTIFICATE');
    expect(written(c.app, id)).toEqual(before);

    const linked = await api
      .post(`/api/v1/complaints/${id}/link`)
      .set(c.commission.headers)
      .send({ certificateCode: c.certificate.code.toLowerCase() })
      .expect(200);
    expect(linked.body.certificate).toMatchObject({ code: c.certificate.code, scope: 'unit', holder: 'Familia Choque Quispe' });
    expect(linked.body.organization).toMatchObject({ id: c.org, name: 'Cooperativa Agropecuaria Señor de Mayo' });
    const again = await api
      .post(`/api/v1/complaints/${id}/link`)
      .set(c.commission.headers)
      .send({ certificateCode: c.certificate.code })
      .expect(409);
    expect(again.body.code).toBe('COMPLAINT_ALREADY_LINKED');
    expect(auditActions(c.app, id)).toEqual(['file', 'link']);

    // A code the complainant gave that matched ties it from the start.
    const given = seedComplaint(c.app, { code: c.certificate.code });
    const file = await api.get(`/api/v1/complaints/${given.id}`).set(c.commission.headers).expect(200);
    expect(file.body).toMatchObject({ codeGiven: c.certificate.code, certificateCode: c.certificate.code });
  });

  it('refuses to order an unannounced visit before assignment, without a certificate, on a closed complaint, or on another unit', async () => {
    const c = await certifiedWorld();
    const api = request(c.app.server);
    const body = { plannedOn: '2026-12-15', team: [{ personId: c.technician, kind: 'technician' }] };
    const order = (id: string, extra: object = {}) =>
      api
        .post(`/api/v1/complaints/${id}/unannounced-visit`)
        .set(c.commission.headers)
        .send({ ...body, ...extra });

    const received = seedComplaint(c.app, { code: c.certificate.code });
    let before = written(c.app, received.id);
    expect((await order(received.id).expect(409)).body.code).toBe('COMPLAINT_STATE');
    expect(written(c.app, received.id)).toEqual(before);

    const unlinked = seedComplaint(c.app);
    await assign(api, c.commission, unlinked.id, c.commission).expect(200);
    before = written(c.app, unlinked.id);
    const notLinked = await order(unlinked.id).expect(409);
    expect(notLinked.body.code).toBe('COMPLAINT_NOT_LINKED');
    expect(notLinked.body.message).toContain('vincúlela');
    expect(written(c.app, unlinked.id)).toEqual(before);

    await assign(api, c.commission, received.id, c.commission).expect(200);
    before = written(c.app, received.id);
    const otherDossier = await order(received.id, { dossierId: '00000000-0000-4000-8000-000000000000' }).expect(422);
    expect(otherDossier.body.code).toBe('DOSSIER_NOT_OF_CERTIFICATE');
    const notMember = await order(received.id, { producerId: c.producer }).expect(422);
    expect(notMember.body.code).toBe('NOT_A_MEMBER');
    expect(written(c.app, received.id)).toEqual(before);

    await api
      .post(`/api/v1/complaints/${received.id}/close`)
      .set(c.commission.headers)
      .send({ outcome: 'unfounded', publicSummary: 'La comisión visitó la feria y no encontró lo denunciado.' })
      .expect(200);
    before = written(c.app, received.id);
    const closed = await order(received.id).expect(409);
    expect(closed.body.message).toContain('cerrada');
    expect(written(c.app, received.id)).toEqual(before);
    for (const path of ['assign', 'inquiry', 'close', 'link']) {
      const res = await api
        .post(`/api/v1/complaints/${received.id}/${path}`)
        .set(c.commission.headers)
        .send(
          path === 'assign'
            ? { userId: c.commission.user.id }
            : path === 'inquiry'
              ? { notes: 'Notas tardías' }
              : path === 'link'
                ? { certificateCode: c.certificate.code }
                : { outcome: 'founded', publicSummary: 'Otra vez el mismo cierre de la denuncia.' },
        );
      expect(res.status, path).toBe(409);
    }
    expect(written(c.app, received.id)).toEqual(before);
  });
});

describe('complaints: closing and the sanction applied', () => {
  it('under criteria without a catalogue, closes founded without a sanction and refuses a sanction on an unfounded one', async () => {
    const { app, api, commission } = await plainWorld();
    const founded = seedComplaint(app);
    const unfounded = seedComplaint(app);
    for (const { id } of [founded, unfounded]) await assign(api, commission, id, commission).expect(200);

    const before = written(app, unfounded.id);
    const cited = await api
      .post(`/api/v1/complaints/${unfounded.id}/close`)
      .set(commission.headers)
      .send({ outcome: 'unfounded', publicSummary: 'No se comprobó lo denunciado.', sanctionCode: 'suspension' })
      .expect(422);
    expect(cited.body.code).toBe('SANCTION_NOT_ALLOWED');
    expect(written(app, unfounded.id)).toEqual(before);
    const unknown = await api
      .post(`/api/v1/complaints/${founded.id}/close`)
      .set(commission.headers)
      .send({ outcome: 'founded', publicSummary: 'Se comprobó lo denunciado.', sanctionCode: 'suspension' })
      .expect(422);
    expect(unknown.body.code).toBe('UNKNOWN_SANCTION');

    const closed = await api
      .post(`/api/v1/complaints/${founded.id}/close`)
      .set(commission.headers)
      .send({ outcome: 'founded', publicSummary: 'Se comprobó lo denunciado y la organización fue advertida.' })
      .expect(200);
    expect(closed.body).toMatchObject({
      status: 'closed',
      outcome: 'founded',
      publicSummary: 'Se comprobó lo denunciado y la organización fue advertida.',
      sanction: null,
      closedBy: 'Comisionada Rosa',
    });
    expect(closed.body.closedAt).toBeTruthy();
    expect(closed.body.steps.at(-1).kind).toBe('closed');
    expect(auditActions(app, founded.id)).toEqual(['file', 'assign', 'close']);
    await api
      .post(`/api/v1/complaints/${founded.id}/close`)
      .set(commission.headers)
      .send({ outcome: 'founded', publicSummary: 'Cerrar otra vez la misma denuncia.' })
      .expect(409);
    const list = await api.get('/api/v1/complaints?status=closed').set(commission.headers).expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([founded.id]);
  });

  it('with the catalogue in force, a founded complaint cites a sanction of it, stored with the version', async () => {
    const c = await certifiedWorld();
    const api = request(c.app.server);
    const { id } = seedComplaint(c.app, { code: c.certificate.code });
    await assign(api, c.commission, id, c.commission).expect(200);
    const close = (body: object) =>
      api
        .post(`/api/v1/complaints/${id}/close`)
        .set(c.commission.headers)
        .send({ outcome: 'founded', publicSummary: 'Se comprobó lo denunciado.', ...body });

    const before = written(c.app, id);
    const missing = await close({}).expect(422);
    expect(missing.body.code).toBe('SANCTION_REQUIRED');
    expect(missing.body.message).toContain('Llamada de atención escrita');
    expect((await close({ sanctionCode: 'multa' }).expect(422)).body.code).toBe('UNKNOWN_SANCTION');
    expect(written(c.app, id)).toEqual(before);

    const closed = await close({ sanctionCode: 'llamada_atencion' }).expect(200);
    expect(closed.body.sanction).toEqual({
      code: 'llamada_atencion',
      name: 'Llamada de atención escrita',
      effect: 'none',
      effectLabel: 'queda registrada, sin otro efecto',
      criteriaVersion: '2026.5',
    });
    const row = c.app.db.$client.prepare('SELECT sanction_code, sanction_version FROM complaints WHERE id = ?').get(id);
    expect(row).toEqual({ sanction_code: 'llamada_atencion', sanction_version: '2026.5' });
  });

  it('a suspension closes the complaint only once the certificate was suspended citing it, after the complaint was filed', async () => {
    const c = await certifiedWorld();
    const api = request(c.app.server);
    const { id } = seedComplaint(c.app, { code: c.certificate.code });
    const future = seedComplaint(c.app, { code: c.certificate.code, at: '2099-01-01T00:00:00.000Z' });
    const unlinked = seedComplaint(c.app);
    for (const x of [id, future.id, unlinked.id]) await assign(api, c.commission, x, c.commission).expect(200);
    const close = (x: string) =>
      api
        .post(`/api/v1/complaints/${x}/close`)
        .set(c.commission.headers)
        .send({ outcome: 'founded', publicSummary: 'Se comprobó lo denunciado: el sello queda suspendido.', sanctionCode: 'suspension' });

    let before = written(c.app, id);
    const notYet = await close(id).expect(422);
    expect(notYet.body.code).toBe('SANCTION_NOT_APPLIED');
    expect(notYet.body.message).toContain('suspenda el certificado');
    expect(written(c.app, id)).toEqual(before);
    before = written(c.app, unlinked.id);
    const noCertificate = await close(unlinked.id).expect(422);
    expect(noCertificate.body.code).toBe('SANCTION_NOT_APPLIED');
    expect(noCertificate.body.message).toContain('vincule la denuncia');
    expect(written(c.app, unlinked.id)).toEqual(before);

    await api
      .post(`/api/v1/certificates/${c.certificate.id}/suspension`)
      .set(c.commission.headers)
      .send({ reason: 'Denuncia comprobada: uso del sello en café de otra zona', sanctionCode: 'suspension' })
      .expect(200);
    // Filed after that suspension: the act is not about it.
    expect((await close(future.id).expect(422)).body.code).toBe('SANCTION_NOT_APPLIED');
    const closed = await close(id).expect(200);
    expect(closed.body.sanction).toMatchObject({ code: 'suspension', effect: 'suspension', criteriaVersion: '2026.5' });
  });
});
