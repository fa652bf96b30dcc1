/**
 * GET /api/v1/commission/queue: the dossiers waiting for the commission, oldest waiting first, with
 * why each waits (derived from decisions and appeals), filtered in SQL by organisation, department
 * and that reason; only for those who may act as the commission. Responses are read with the
 * route's own schema.
 */
import { describe, expect, it } from 'vitest';
import { QueuePageSchema, type QueuePage } from '../../src/modules/commission/queue-schemas.js';
import { seedUser } from '../helpers/auth.js';
import { queueWorld, type QueueWorld } from '../helpers/queue-world.js';

const queue = async (w: QueueWorld, query = ''): Promise<QueuePage> =>
  QueuePageSchema.parse((await w.api.get(`/api/v1/commission/queue${query}`).set(w.members[0]!.headers).expect(200)).body);

const ids = (page: QueuePage) => page.items.map((i) => i.dossierId);

describe('GET /api/v1/commission/queue', () => {
  it('lists the dossiers ready for the commission, oldest waiting first, with why each waits and its open non-conformities by level', async () => {
    const w = await queueWorld();
    const { choque, flores, tinku, rojas, apaza } = w.dossiers;
    const page = await queue(w);
    // Apaza was sent before Tinku and Rojas, but waits only since the appeal brought it back.
    expect(ids(page)).toEqual([choque, flores, tinku, rojas, apaza]);
    expect(page).toMatchObject({ page: 1, pageSize: 20, total: 5 });

    const [first, deferred, , , reopened] = page.items;
    expect(first).toMatchObject({
      organization: { name: 'Cooperativa Agropecuaria Señor de Mayo', department: 'la-paz' },
      producer: { name: 'Familia Choque Quispe', department: 'la-paz', municipality: 'Caranavi' },
      cycle: 2026,
      criteriaVersion: '2026.4',
      recommendation: { outcome: 'deny', rationale: 'Recomendación del comité tras la visita' },
      // The minor one is closed by its corrective action.
      openNonConformities: { critical: 1, major: 1, minor: 0, progressive: 1 },
      queueState: 'first_decision',
      queueStateLabel: 'espera su primera decisión',
      deferredAt: null,
      reopenedAt: null,
    });
    expect(deferred).toMatchObject({ queueState: 'deferred', deferredAt: expect.any(String), reopenedAt: null });
    expect(reopened).toMatchObject({ queueState: 'reopened', reopenedAt: expect.any(String) });
    expect(reopened!.waitingSince >= reopened!.reopenedAt!).toBe(true);
    expect(page.items.slice(1).every((i) => i.openNonConformities.critical + i.openNonConformities.major === 0)).toBe(true);

    // The latest of deferral and reopening counts: Apaza deferred after its appeal waits as deferred.
    const { id, members } = w.sessions.later;
    await w.api
      .post(`/api/v1/commission/sessions/${id}/decisions`)
      .set(members[0]!.headers)
      .send({
        dossierId: apaza,
        proposedOutcome: 'approved',
        sealLevel: 'pleno',
        rationale: 'Revisar de nuevo la hoja de costos',
        votes: members.map((m) => ({ userId: m.user.id, vote: 'against', rationale: 'Falta la hoja de costos' })),
      })
      .expect(201);
    expect(ids(await queue(w, '?queueState=reopened'))).toEqual([]);
    expect(ids(await queue(w, '?queueState=deferred'))).toEqual([flores, apaza]);
  });

  it('narrows the queue by each filter, leaving out dossiers that match the others', async () => {
    const w = await queueWorld();
    const { choque, flores, tinku, rojas, apaza } = w.dossiers;
    // Tinku is the only dossier of the second organisation, Rojas the first organisation's only one in Cochabamba.
    expect(ids(await queue(w, `?organizationId=${w.orgB}`))).toEqual([tinku]);
    expect(ids(await queue(w, `?organizationId=${w.org}`))).toEqual([choque, flores, rojas, apaza]);
    expect(ids(await queue(w, '?department=cochabamba'))).toEqual([rojas]);
    expect(ids(await queue(w, '?department=Potos%C3%AD'))).toEqual([tinku]);
    expect(ids(await queue(w, '?department=la-paz'))).toEqual([choque, flores, apaza]);
    expect(ids(await queue(w, '?queueState=first_decision'))).toEqual([choque, tinku, rojas]);
    expect(ids(await queue(w, '?queueState=deferred'))).toEqual([flores]);
    expect(ids(await queue(w, '?queueState=reopened'))).toEqual([apaza]);
    expect(ids(await queue(w, `?organizationId=${w.org}&queueState=first_decision&department=la-paz`))).toEqual([choque]);
    expect(await queue(w, `?organizationId=${w.orgB}&queueState=deferred`)).toMatchObject({ items: [], total: 0 });

    const second = await queue(w, '?pageSize=2&page=2');
    expect(ids(second)).toEqual([tinku, rojas]);
    expect(second).toMatchObject({ page: 2, pageSize: 2, total: 5 });
  });

  it('is for the commission and the administration only; unknown filter values are refused', async () => {
    const w = await queueWorld();
    const admin = await seedUser(w.app, { role: 'admin' });
    expect(QueuePageSchema.parse((await w.api.get('/api/v1/commission/queue').set(admin.headers).expect(200)).body).total).toBe(5);
    const reviewer = await seedUser(w.app, { role: 'reviewer', organizationId: w.org, personId: w.reviewer });
    const producer = await seedUser(w.app, { role: 'producer', organizationId: w.org, producerId: w.producer });
    for (const user of [w.committee, w.committeeB, reviewer, producer]) {
      const res = await w.api.get('/api/v1/commission/queue').set(user.headers).expect(403);
      expect(res.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    }
    expect((await w.api.get('/api/v1/commission/queue').expect(401)).body.code).toBe('AUTHENTICATION_REQUIRED');
    const bad = await w.api.get('/api/v1/commission/queue?queueState=pending&department=Lima').set(w.members[0]!.headers).expect(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['query.department', 'query.queueState']);
  });
});
