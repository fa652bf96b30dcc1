/**
 * Group certification, the certificate: the organisation's approval issues it with the members approved in
 * its cycle, a member approved later joins it, the commission excludes a member, and every change is a
 * certificate event in the transparency log that the records' checks verify.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, tempDir, unauditedRows } from '../helpers/app.js';
import { expectRecordsRefused, expectRecordsVerify } from '../helpers/cli.js';
import { countRows, seedUser } from '../helpers/auth.js';
import { groupAtCommission, groupCertificate } from '../helpers/group-cycle.js';
import { seedProducer } from '../helpers/registry.js';

let app: FastifyInstance;
let dataDir: string;

beforeEach(async () => {
  dataDir = tempDir('sello-group-cert-');
  app = await buildTestApp({ dataDir });
});
afterEach(async () => {
  await app.close();
});

type Certificate = {
  scope: string;
  producer: unknown;
  status: string;
  products: string[];
  sectors: string[];
  events: { event: string; producerId: string | null; logIndex: number }[];
  members: { producerId: string; name: string; status: string; reason: string | null; publicNameConsent: boolean }[];
};

describe('the group certificate', () => {
  it('is issued on the organisation’s approval with every member approved in its cycle', async () => {
    const g = await groupCertificate(app, { members: 12 });
    const cert = (await g.api.get(`/api/v1/certificates/${g.certificate.id}`).set(g.chair.headers).expect(200)).body as Certificate;
    expect(cert).toMatchObject({ scope: 'group', producer: null, status: 'active', products: ['café', 'miel'], sectors: ['agricola'] });
    expect(cert.members.map((m) => m.name)).toEqual(
      Array.from({ length: 12 }, (_, i) => `Familia Socia ${String(i + 1).padStart(2, '0')}`),
    );
    expect(cert.members.every((m) => m.status === 'active' && m.publicNameConsent)).toBe(true);
    expect(new Set(cert.members.map((m) => m.producerId))).toEqual(new Set(g.memberIds));
    expect(cert.events.map((e) => e.event)).toEqual(['issued', ...Array<string>(12).fill('member_added')]);
    expect(new Set(cert.events.slice(1).map((e) => e.producerId))).toEqual(new Set(g.memberIds));
    // The member decisions issued no certificate of their own; the organisation's issued the group's.
    expect(g.memberDecisions.map((d) => d.certificateId)).toEqual(Array(12).fill(null));
    expect(countRows(app, 'certificates')).toBe(1);
    expect(unauditedRows(app)).toEqual([]);
    await expectRecordsVerify(dataDir);
  });

  it('is read by its members and listed for them, not for other units', async () => {
    const g = await groupCertificate(app, { members: 2, name: 'Asociación Flor de Caranavi' });
    const member = await seedUser(app, { role: 'producer', organizationId: g.org, producerId: g.memberIds[0]! });
    const outsider = await seedUser(app, { role: 'producer', organizationId: g.org, producerId: seedProducer(app, g.org) });
    await g.api.get(`/api/v1/certificates/${g.certificate.id}`).set(member.headers).expect(200);
    await g.api.get(`/api/v1/certificates/${g.certificate.id}`).set(outsider.headers).expect(403);
    const mine = await g.api.get('/api/v1/certificates').set(member.headers).expect(200);
    expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([g.certificate.id]);
    expect((await g.api.get('/api/v1/certificates').set(outsider.headers).expect(200)).body.total).toBe(0);
  });

  it('takes in a member approved later at once, with its own event, and keeps the others', async () => {
    const g = await groupCertificate(app, { members: 2 });
    const late = await g.memberAtCommission();
    const session = await g.openSession('2026-07-01');
    const decision = await g.approve(session.id, late.dossier.id);
    expect(decision.certificateId).toBeNull();
    const cert = (await g.api.get(`/api/v1/certificates/${g.certificate.id}`).set(g.chair.headers).expect(200)).body as Certificate;
    expect(cert.members.map((m) => [m.name, m.status])).toEqual([
      ['Familia Socia 01', 'active'],
      ['Familia Socia 02', 'active'],
      ['Familia Socia 03', 'active'],
    ]);
    const last = cert.events.at(-1)!;
    expect(last).toMatchObject({ event: 'member_added', producerId: late.producerId, sessionId: session.id });
    // Its transparency leaf names the member; the issuance leaf names none.
    const leaves = (await g.api.get(`/api/v1/transparency/entries?start=0&end=${last.logIndex + 1}`).expect(200)).body as {
      entries: { leafIndex: number; entry: Record<string, unknown> }[];
    };
    const leaf = (i: number) => leaves.entries.find((e) => e.leafIndex === i)!.entry;
    expect(leaf(last.logIndex)).toMatchObject({ event: 'member_added', member: late.producerId, certificateCode: g.certificate.code });
    expect(leaf(cert.events[0]!.logIndex)).not.toHaveProperty('member');
    await expectRecordsVerify(dataDir);
  });

  it('takes in a member while the group is suspended, and not once it is revoked', async () => {
    const g = await groupCertificate(app, { members: 1 });
    const act = (path: string) =>
      g.api
        .post(`/api/v1/certificates/${g.certificate.id}/${path}`)
        .set(g.chair.headers)
        .send({ sessionId: g.session.id, reason: 'Acuerdo de la comisión sobre todo el grupo' })
        .expect(200);
    const suspended = (await act('suspension')).body as Certificate;
    // A suspension of the group affects every member: the certificate they share is suspended.
    expect(suspended).toMatchObject({ status: 'suspended', members: [expect.objectContaining({ status: 'active' })] });
    const second = await g.memberAtCommission();
    const session = await g.openSession('2026-07-01');
    await g.approve(session.id, second.dossier.id);
    await act('revocation');
    const third = await g.memberAtCommission();
    const decision = await g.approve(session.id, third.dossier.id);
    expect(decision.certificateId).toBeNull();
    const cert = (await g.api.get(`/api/v1/certificates/${g.certificate.id}`).set(g.chair.headers).expect(200)).body as Certificate;
    expect(cert.status).toBe('revoked');
    expect(cert.members.map((m) => m.producerId).sort()).toEqual([g.memberIds[0]!, second.producerId].sort());
    expect(cert.events.map((e) => e.event)).toEqual(['issued', 'member_added', 'suspended', 'member_added', 'revoked']);
    await expectRecordsVerify(dataDir);
  });

  it('refuses the organisation’s approval while no member of its cycle is approved', async () => {
    const g = await groupAtCommission(app, { members: 1 });
    const session = await g.openSession();
    const refused = await g.decide(session.id, g.organizationDossierId).expect(422);
    expect(refused.body).toMatchObject({
      code: 'GROUP_WITHOUT_MEMBERS',
      message: expect.stringContaining('Apruebe primero al menos un expediente de socio de este ciclo'),
    });
    // Nothing was written: the dossier still waits for the commission, and no certificate exists.
    const dossier = await g.api.get(`/api/v1/dossiers/${g.organizationDossierId}`).set(g.chair.headers).expect(200);
    expect(dossier.body.state).toBe('ready_for_commission');
    expect(countRows(app, 'certificates')).toBe(0);
    // A denied member does not count either.
    await g.decide(session.id, g.memberDossierIds[0]!, { proposedOutcome: 'denied', sealLevel: undefined }).expect(201);
    expect((await g.decide(session.id, g.organizationDossierId).expect(422)).body.code).toBe('GROUP_WITHOUT_MEMBERS');
    // With a member approved, the same approval issues the certificate with it.
    const member = await g.memberAtCommission();
    await g.approve(session.id, member.dossier.id);
    const decision = await g.approve(session.id, g.organizationDossierId);
    const cert = (await g.api.get(`/api/v1/certificates/${decision.certificateId!}`).set(g.chair.headers).expect(200)).body as Certificate;
    expect(cert.members.map((m) => m.producerId)).toEqual([member.producerId]);
    await expectRecordsVerify(dataDir);
  });
});

describe('excluding a member', () => {
  it('excludes that member only, for good, and the group certificate stays in force', async () => {
    const g = await groupCertificate(app, { members: 3 });
    const [first, second] = g.memberIds;
    const exclusion = (
      producerId: string,
      body: object = { sessionId: g.session.id, reason: 'Vendió producto de terceros con el sello' },
    ) => g.api.post(`/api/v1/certificates/${g.certificate.id}/members/${producerId}/exclusion`).set(g.chair.headers).send(body);

    const res = await exclusion(second!).expect(200);
    const cert = res.body as Certificate;
    expect(cert.status).toBe('active');
    const byId = new Map(cert.members.map((m) => [m.producerId, m]));
    expect(byId.get(second!)).toMatchObject({ status: 'excluded', reason: 'Vendió producto de terceros con el sello' });
    expect(byId.get(first!)!.status).toBe('active');
    expect(cert.members.filter((m) => m.status === 'active')).toHaveLength(2);
    expect(cert.events.at(-1)).toMatchObject({ event: 'member_excluded', producerId: second });

    expect((await exclusion(second!).expect(409)).body.code).toBe('MEMBER_ALREADY_EXCLUDED');
    expect((await exclusion('00000000-0000-4000-8000-000000000000').expect(404)).body.code).toBe('MEMBER_NOT_FOUND');
    expect(
      (
        await g.api
          .post(`/api/v1/certificates/00000000-0000-4000-8000-000000000000/members/${first!}/exclusion`)
          .set(g.chair.headers)
          .send({ sessionId: g.session.id, reason: 'Vendió producto de terceros con el sello' })
          .expect(404)
      ).body.code,
    ).toBe('CERTIFICATE_NOT_FOUND');
    // Only the commission, and only for a session its member attended.
    await g.api
      .post(`/api/v1/certificates/${g.certificate.id}/members/${first!}/exclusion`)
      .set(g.committee.headers)
      .send({ sessionId: g.session.id, reason: 'Vendió producto de terceros con el sello' })
      .expect(403);
    expect(unauditedRows(app)).toEqual([]);
    await expectRecordsVerify(dataDir);
  });

  it('is refused on a unit’s certificate', async () => {
    const g = await groupCertificate(app, { members: 1 });
    const unitDossier = await g.open({ producerId: seedProducer(app, g.org, { name: 'Familia Independiente' }) });
    await g.toCommission(unitDossier, g.memberTeam);
    const decision = await g.approve(g.session.id, unitDossier.id);
    const refused = await g.api
      .post(`/api/v1/certificates/${decision.certificateId!}/members/${g.memberIds[0]!}/exclusion`)
      .set(g.chair.headers)
      .send({ sessionId: g.session.id, reason: 'Vendió producto de terceros con el sello' })
      .expect(409);
    expect(refused.body.code).toBe('NOT_A_GROUP_CERTIFICATE');
  });
});

describe('the records of a group certificate', () => {
  it('are refused when a member excluded is set back to active outside the application', async () => {
    const g = await groupCertificate(app, { members: 2 });
    await g.api
      .post(`/api/v1/certificates/${g.certificate.id}/members/${g.memberIds[0]!}/exclusion`)
      .set(g.chair.headers)
      .send({ sessionId: g.session.id, reason: 'Vendió producto de terceros con el sello' })
      .expect(200);
    await expectRecordsVerify(dataDir);
    app.db.$client.prepare(`UPDATE certificate_members SET status = 'active', status_reason = NULL`).run();
    await expectRecordsRefused(dataDir, g.certificate.code, `el socio ${g.memberIds[0]!} está guardado como activo`);
  });

  it('are refused when a member row appears that no event added', async () => {
    const g = await groupCertificate(app, { members: 1 });
    const intruder = seedProducer(app, g.org, { name: 'Familia Intrusa' });
    app.db.$client
      .prepare(
        `INSERT INTO certificate_members (certificate_id, producer_id, dossier_id, decision_id, status, status_since)
         SELECT certificate_id, ?, dossier_id, decision_id, 'active', status_since FROM certificate_members`,
      )
      .run(intruder);
    await expectRecordsRefused(
      dataDir,
      g.certificate.code,
      `el socio ${intruder} figura entre los socios, pero ningún evento lo incorporó`,
    );
  });
});
