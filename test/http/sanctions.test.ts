/**
 * Sanctions cited by the commission's acts: with a published version that holds a catalogue, a suspension,
 * a revocation, a member's exclusion and an approval with conditions must cite a sanction of the catalogue
 * that means that act, stored with the version; with the real criteria (no catalogue) nothing is asked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, tempDir } from '../helpers/app.js';
import { CATALOGUE_VERSION, criteriaWithCatalogue } from '../helpers/catalogue-criteria.js';
import { expectRecordsVerify } from '../helpers/cli.js';
import { cycleToCommission } from '../helpers/cycle.js';
import { groupCertificate } from '../helpers/group-cycle.js';

const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

/** A certified unit under criteria that hold a catalogue (training only warned, so the cycle's team may visit). */
async function certifiedWithCatalogue() {
  const c = await cycleToCommission({ config: { criteriaDir: criteriaWithCatalogue({ whenMissing: 'warn' }) } });
  apps.push(c.app);
  await c.toCommission();
  const session = await c.openSession();
  const decision = await c.decide(session.id, { proposedOutcome: 'approved', sealLevel: 'pleno' }, c.members).expect(201);
  return { ...c, session, certificateId: decision.body.certificateId as string };
}

const reason = 'Mezcla de café no certificado comprobada en la visita sin aviso';

describe('a suspension under criteria with a catalogue of sanctions', () => {
  it('is refused without a sanction, naming the sanctions that fit', async () => {
    const c = await certifiedWithCatalogue();
    const res = await c.api
      .post(`/api/v1/certificates/${c.certificateId}/suspension`)
      .set(c.members[0]!.headers)
      .send({ reason })
      .expect(422);
    expect(res.body.code).toBe('SANCTION_REQUIRED');
    expect(res.body.message).toContain(`criterios ${CATALOGUE_VERSION}`);
    expect(res.body.message).toContain('«Suspensión del sello» (suspension)');
    expect(res.body.message).not.toContain('revocacion');
    expect(res.body.issues[0].path).toBe('body.sanctionCode');
    const cert = (await c.api.get(`/api/v1/certificates/${c.certificateId}`).set(c.committee.headers).expect(200)).body;
    expect(cert.status).toBe('active');
    expect(cert.events).toHaveLength(1);
  });

  it('is refused with a sanction that means another act, or one not in the catalogue', async () => {
    const c = await certifiedWithCatalogue();
    const mismatch = await c.api
      .post(`/api/v1/certificates/${c.certificateId}/suspension`)
      .set(c.members[0]!.headers)
      .send({ reason, sanctionCode: 'revocacion' })
      .expect(422);
    expect(mismatch.body.code).toBe('SANCTION_EFFECT_MISMATCH');
    expect(mismatch.body.message).toContain('revocación del certificado');
    const unknown = await c.api
      .post(`/api/v1/certificates/${c.certificateId}/suspension`)
      .set(c.members[0]!.headers)
      .send({ reason, sanctionCode: 'multa' })
      .expect(422);
    expect(unknown.body.code).toBe('UNKNOWN_SANCTION');
  });

  it('is recorded with the sanction and its version, shown on the certificate; the transparency log still verifies', async () => {
    const c = await certifiedWithCatalogue();
    const res = await c.api
      .post(`/api/v1/certificates/${c.certificateId}/suspension`)
      .set(c.members[0]!.headers)
      .send({ reason, sanctionCode: 'suspension' })
      .expect(200);
    expect(res.body.status).toBe('suspended');
    expect(res.body.events.at(-1)).toMatchObject({
      event: 'suspended',
      sanction: { code: 'suspension', name: 'Suspensión del sello', effect: 'suspension', criteriaVersion: CATALOGUE_VERSION },
    });
    const stored = c.app.db.$client
      .prepare("SELECT sanction_code AS code, sanction_version AS version FROM certificate_events WHERE event = 'suspended'")
      .get();
    expect(stored).toEqual({ code: 'suspension', version: CATALOGUE_VERSION });
    // Reinstating applies no sanction: citing one is refused.
    const reinstate = await c.api
      .post(`/api/v1/certificates/${c.certificateId}/reinstatement`)
      .set(c.members[0]!.headers)
      .send({ reason: 'Se comprobó la separación de lotes', sessionId: c.session.id, sanctionCode: 'suspension' })
      .expect(422);
    expect(reinstate.body.code).toBe('SANCTION_NOT_APPLICABLE');
    // A revocation cites a revocation.
    const revoked = await c.api
      .post(`/api/v1/certificates/${c.certificateId}/revocation`)
      .set(c.members[0]!.headers)
      .send({ reason: 'Reincidencia comprobada', sessionId: c.session.id, sanctionCode: 'revocacion' })
      .expect(200);
    expect(revoked.body.events.at(-1).sanction).toMatchObject({ code: 'revocacion', name: 'Revocación del certificado' });
    await expectRecordsVerify(c.dataDir);
  });
});

describe('decisions on a dossier under criteria with a catalogue', () => {
  async function atCommission() {
    const c = await cycleToCommission({
      answers: { 'P1.01': 'no_cumple' },
      config: { criteriaDir: criteriaWithCatalogue({ whenMissing: 'warn' }) },
    });
    apps.push(c.app);
    const deadline = '2026-12-20';
    await c.agreeAction('Recalcular costos y acordar precio en asamblea', deadline);
    await c.toCommission('approve_with_conditions');
    return { ...c, session: await c.openSession() };
  }

  it('an approval with conditions must cite a condition or a warning, stored and shown with the decision', async () => {
    const c = await atCommission();
    const missing = await c.decide(c.session.id, { proposedOutcome: 'approved_with_conditions', sealLevel: 'transicion' }, c.members);
    expect(missing.status).toBe(422);
    expect(missing.body.code).toBe('SANCTION_REQUIRED');
    expect(missing.body.message).toContain('«Condición con plazo» (condicion_plazo)');
    expect(missing.body.message).toContain('«Llamada de atención escrita» (llamada_atencion)');
    const wrong = await c.decide(
      c.session.id,
      { proposedOutcome: 'approved_with_conditions', sealLevel: 'transicion', sanctionCode: 'suspension' },
      c.members,
    );
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe('SANCTION_EFFECT_MISMATCH');
    expect(c.app.db.$client.prepare('SELECT count(*) AS n FROM decisions').get()).toEqual({ n: 0 });
    const ok = await c
      .decide(
        c.session.id,
        { proposedOutcome: 'approved_with_conditions', sealLevel: 'transicion', sanctionCode: 'condicion_plazo' },
        c.members,
      )
      .expect(201);
    expect(ok.body.sanction).toMatchObject({ code: 'condicion_plazo', name: 'Condición con plazo', criteriaVersion: CATALOGUE_VERSION });
    const read = await c.api
      .get(`/api/v1/decisions/${ok.body.id as string}`)
      .set(c.members[1]!.headers)
      .expect(200);
    expect(read.body.sanction.code).toBe('condicion_plazo');
    expect(c.app.db.$client.prepare('SELECT sanction_code AS code, sanction_version AS version FROM decisions').get()).toEqual({
      code: 'condicion_plazo',
      version: CATALOGUE_VERSION,
    });
  });

  it('a plain approval cites none', async () => {
    const c = await cycleToCommission({ config: { criteriaDir: criteriaWithCatalogue({ whenMissing: 'warn' }) } });
    apps.push(c.app);
    await c.toCommission();
    const session = await c.openSession();
    const res = await c.decide(
      session.id,
      { proposedOutcome: 'approved', sealLevel: 'pleno', sanctionCode: 'llamada_atencion' },
      c.members,
    );
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('SANCTION_NOT_APPLICABLE');
    const ok = await c.decide(session.id, { proposedOutcome: 'approved', sealLevel: 'pleno' }, c.members).expect(201);
    expect(ok.body.sanction).toBeNull();
  });
});

describe('a member exclusion under criteria with a catalogue', () => {
  it('must cite an exclusion, stored with the event', async () => {
    const app = await buildTestApp({
      dataDir: tempDir('sello-sanction-group-'),
      criteriaDir: criteriaWithCatalogue({ whenMissing: 'warn' }),
    });
    apps.push(app);
    const g = await groupCertificate(app, { members: 2, name: 'Asociación Yungas' });
    const family = g.memberIds[1]!;
    const exclude = (body: Record<string, unknown>) =>
      g.api
        .post(`/api/v1/certificates/${g.certificate.id}/members/${family}/exclusion`)
        .set(g.chair.headers)
        .send({ sessionId: g.session.id, reason: 'Trabajo infantil comprobado en la visita', ...body });
    const missing = await exclude({}).expect(422);
    expect(missing.body.message).toContain('«Exclusión de una unidad del grupo» (exclusion_unidad)');
    await exclude({ sanctionCode: 'suspension' }).expect(422);
    const ok = await exclude({ sanctionCode: 'exclusion_unidad' }).expect(200);
    expect(ok.body.events.at(-1)).toMatchObject({ event: 'member_excluded', sanction: { code: 'exclusion_unidad' } });
  }, 60_000);
});

describe('the real criteria (no catalogue)', () => {
  it('ask no sanction, and refuse one cited', async () => {
    const c = await cycleToCommission();
    apps.push(c.app);
    const { certificate } = await c.approve();
    await c.api
      .post(`/api/v1/certificates/${certificate.id}/suspension`)
      .set(c.members[0]!.headers)
      .send({ reason, sanctionCode: 'suspension' })
      .expect(422);
    const res = await c.api
      .post(`/api/v1/certificates/${certificate.id}/suspension`)
      .set(c.members[0]!.headers)
      .send({ reason })
      .expect(200);
    expect(res.body.events.at(-1).sanction).toBeNull();
  });

  it('the criteria API returns the catalogue and the training rules of a version that has them', async () => {
    const app = await buildTestApp({ criteriaDir: criteriaWithCatalogue() });
    apps.push(app);
    const res = await app.inject({ method: 'GET', url: `/api/v1/criteria/es-cj-bolivia/${CATALOGUE_VERSION}` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.sanctions.map((s: { code: string }) => s.code)).toContain('exclusion_unidad');
    expect(body.training.reviewer.map((t: { topic: string }) => t.topic)).toEqual(['principios_spg', 'visita_pares']);
  });
});
