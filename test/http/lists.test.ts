/**
 * The lists behind the committees' and reviewers' pages: dossiers and visits with filters
 * and pages, confined in SQL to what the account may read, and accent-insensitive search.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';
import { seedOrganization, seedUser } from '../helpers/auth.js';
import { seedPerson, seedProducer } from '../helpers/registry.js';

type Summary = { id: string; producer: { name: string }; cycle: number; state: string };
type VisitItem = { id: string; dossierId: string; status: string; producer: { name: string }; team: { fullName: string }[] };

async function setting() {
  const app = await buildTestApp();
  const api = request(app.server);
  const org = seedOrganization(app, 'Cooperativa Señor de Mayo');
  const otherOrg = seedOrganization(app, 'Asociación de Apicultores del Sur');
  const committee = await seedUser(app, { role: 'committee', organizationId: org });
  const otherCommittee = await seedUser(app, { role: 'committee', organizationId: otherOrg });
  const commission = await seedUser(app, { role: 'commission' });

  const choque = seedProducer(app, org, { name: 'Familia Choque Quispe', household: 'Familia Choque' });
  const nunez = seedProducer(app, org, { name: 'Familia Núñez Apaza', household: 'Familia Núñez' });
  const foreign = seedProducer(app, otherOrg, { name: 'Familia Nuñez del Sur', household: 'Familia Nuñez Sur' });
  const unitMember = (o: string, fullName: string) =>
    seedPerson(app, o, { fullName, producerId: seedProducer(app, o, { household: fullName }) });
  const rosa = unitMember(org, 'Rosa Mamani');
  const marco = unitMember(org, 'Marco Ticona');
  const technician = seedPerson(app, org, { fullName: 'Ing. Luis Flores', roles: ['technician'] });
  const southReviewer = unitMember(otherOrg, 'Eva Cruz');
  const southTechnician = seedPerson(app, otherOrg, { fullName: 'Ing. Ana Rojas', roles: ['technician'] });
  const reviewerRosa = await seedUser(app, { role: 'reviewer', organizationId: org, personId: rosa });
  const reviewerMarco = await seedUser(app, { role: 'reviewer', organizationId: org, personId: marco });

  const open = async (headers: Record<string, string>, producerId: string, cycle: number) =>
    (await api.post('/api/v1/dossiers').set(headers).send({ producerId, cycle }).expect(201)).body as {
      id: string;
      applicableCriteria: { code: string }[];
    };
  const plan = async (headers: Record<string, string>, dossierId: string, team: string[], plannedOn: string) =>
    (
      await api
        .post(`/api/v1/dossiers/${dossierId}/visits`)
        .set(headers)
        .send({
          plannedOn,
          team: [
            { personId: team[0], kind: 'producer' },
            { personId: team[1], kind: 'technician' },
          ],
        })
        .expect(201)
    ).body.id as string;

  const choque2026 = await open(committee.headers, choque, 2026);
  const nunez2026 = await open(committee.headers, nunez, 2026);
  const nunez2025 = await open(committee.headers, nunez, 2025);
  const foreign2026 = await open(otherCommittee.headers, foreign, 2026);
  const choqueVisit = await plan(committee.headers, choque2026.id, [rosa, technician], '2026-05-12');
  const nunezVisit = await plan(committee.headers, nunez2026.id, [marco, technician], '2026-06-02');
  const foreignVisit = await plan(otherCommittee.headers, foreign2026.id, [southReviewer, southTechnician], '2026-04-20');
  await api
    .post(`/api/v1/visits/${choqueVisit}/submission`)
    .set(committee.headers)
    .send({
      idempotencyKey: 'visita-choque-2026',
      present: ['Familia Choque'],
      answers: choque2026.applicableCriteria.map((c) => ({ criterionCode: c.code, value: 'cumple' })),
    })
    .expect(201);

  const get = async (path: string, headers: Record<string, string>) => (await api.get(path).set(headers).expect(200)).body;
  return {
    app,
    api,
    org,
    otherOrg,
    committee,
    otherCommittee,
    commission,
    nunez,
    reviewerRosa,
    reviewerMarco,
    dossiers: { choque2026, nunez2026, nunez2025, foreign2026 },
    visits: { choqueVisit, nunezVisit, foreignVisit },
    get,
  };
}

describe('GET /api/v1/dossiers', () => {
  it('lists the committee’s own dossiers with producer, organisation and next steps, never another organisation’s', async () => {
    const s = await setting();
    const list = await s.get('/api/v1/dossiers', s.committee.headers);
    expect(list).toMatchObject({ page: 1, pageSize: 20, total: 3 });
    const ids = list.items.map((d: Summary) => d.id);
    expect(ids).not.toContain(s.dossiers.foreign2026.id);
    // Most recently changed first: the visited dossier moved last.
    expect(list.items[0]).toEqual({
      id: s.dossiers.choque2026.id,
      scope: 'unit',
      producer: { id: expect.any(String), name: 'Familia Choque Quispe' },
      organizationId: s.org,
      organizationName: 'Cooperativa Señor de Mayo',
      cycle: 2026,
      scheme: 'es-cj-bolivia',
      criteriaVersion: '2026.4',
      state: 'visit_done',
      stateLabel: 'visita realizada',
      nextEvents: ['committee_review'],
      updatedAt: expect.any(String),
    });

    const other = await s.get('/api/v1/dossiers', s.otherCommittee.headers);
    expect(other.items.map((d: Summary) => d.id)).toEqual([s.dossiers.foreign2026.id]);
    // Searching the other organisation's name for a producer of this one finds nothing there.
    expect((await s.get('/api/v1/dossiers?q=choque', s.otherCommittee.headers)).total).toBe(0);
    await s.api.get(`/api/v1/dossiers?organizationId=${s.org}`).set(s.otherCommittee.headers).expect(403);

    const all = await s.get('/api/v1/dossiers', s.commission.headers);
    expect(all.total).toBe(4);
    const byOrg = await s.get(`/api/v1/dossiers?organizationId=${s.otherOrg}`, s.commission.headers);
    expect(byOrg.items.map((d: Summary) => d.id)).toEqual([s.dossiers.foreign2026.id]);

    const producer = await seedUser(s.app, { role: 'producer', organizationId: s.org, producerId: s.nunez });
    const own = await s.get('/api/v1/dossiers', producer.headers);
    expect(own.items.map((d: Summary) => d.cycle).sort()).toEqual([2025, 2026]);
    expect(own.items.every((d: Summary) => d.producer.name === 'Familia Núñez Apaza')).toBe(true);
    await s.api.get('/api/v1/dossiers').expect(401);
  });

  it('filters by state, cycle and an accent-insensitive producer name, and pages', async () => {
    const s = await setting();
    const names = async (query: string) =>
      (await s.get(`/api/v1/dossiers?${query}`, s.committee.headers)).items.map((d: Summary) => `${d.producer.name} ${d.cycle}`);
    expect(await names('state=visit_done')).toEqual(['Familia Choque Quispe 2026']);
    expect(await names('state=open&cycle=2026')).toEqual(['Familia Núñez Apaza 2026']);
    expect(await names('cycle=2025')).toEqual(['Familia Núñez Apaza 2025']);
    expect((await names('q=NUNEZ')).sort()).toEqual(['Familia Núñez Apaza 2025', 'Familia Núñez Apaza 2026']);
    expect(await names(`q=${encodeURIComponent('quíspe')}`)).toEqual(['Familia Choque Quispe 2026']);
    expect(await names('q=ticona')).toEqual([]);
    // The commission's search spans organisations: both Núñez families, whichever way they are written.
    expect((await s.get('/api/v1/dossiers?q=nunez', s.commission.headers)).total).toBe(3);

    const first = await s.get('/api/v1/dossiers?pageSize=2', s.committee.headers);
    const second = await s.get('/api/v1/dossiers?pageSize=2&page=2', s.committee.headers);
    const beyond = await s.get('/api/v1/dossiers?pageSize=2&page=3', s.committee.headers);
    expect([first.total, second.total, beyond.total]).toEqual([3, 3, 3]);
    expect([first.items.length, second.items.length, beyond.items.length]).toEqual([2, 1, 0]);
    expect(new Set([...first.items, ...second.items].map((d: Summary) => d.id)).size).toBe(3);
    expect(second).toMatchObject({ page: 2, pageSize: 2 });
  });

  it('answers 400 VALIDATION_FAILED to bad query parameters, naming them', async () => {
    const s = await setting();
    for (const [query, field] of [
      ['state=archived', 'query.state'],
      ['cycle=dos-mil', 'query.cycle'],
      ['cycle=1999', 'query.cycle'],
      ['organizationId=no-es-un-id', 'query.organizationId'],
      ['page=0', 'query.page'],
      ['pageSize=101', 'query.pageSize'],
      ['q=', 'query.q'],
      ['producer=x', 'query'],
    ] as const) {
      const res = await s.api.get(`/api/v1/dossiers?${query}`).set(s.committee.headers).expect(400);
      expect(res.body.code, query).toBe('VALIDATION_FAILED');
      expect(
        res.body.issues.map((i: { path: string }) => i.path),
        query,
      ).toContain(field);
    }
  });
});

describe('GET /api/v1/visits', () => {
  it('lists the visits of the dossiers the account may read, with producer, organisation and team', async () => {
    const s = await setting();
    const list = await s.get('/api/v1/visits', s.committee.headers);
    expect(list).toMatchObject({ page: 1, pageSize: 20, total: 2 });
    expect(list.items[0]).toEqual({
      id: s.visits.choqueVisit,
      dossierId: s.dossiers.choque2026.id,
      producer: { id: expect.any(String), name: 'Familia Choque Quispe' },
      organizationId: s.org,
      organizationName: 'Cooperativa Señor de Mayo',
      cycle: 2026,
      plannedOn: '2026-05-12',
      status: 'submitted',
      unannounced: false,
      submittedAt: expect.any(String),
      correctsVisitId: null,
      correctedByVisitId: null,
      team: [
        { personId: expect.any(String), fullName: 'Ing. Luis Flores', kind: 'technician' },
        { personId: expect.any(String), fullName: 'Rosa Mamani', kind: 'producer' },
      ],
    });
    expect(list.items[1]).toMatchObject({ id: s.visits.nunezVisit, status: 'planned', submittedAt: null });

    const other = await s.get('/api/v1/visits', s.otherCommittee.headers);
    expect(other.items.map((v: VisitItem) => v.id)).toEqual([s.visits.foreignVisit]);
    // Asking for another organisation's dossier gives nothing rather than its visits.
    expect((await s.get(`/api/v1/visits?dossierId=${s.dossiers.choque2026.id}`, s.otherCommittee.headers)).total).toBe(0);
    expect((await s.get('/api/v1/visits?pageSize=100', s.commission.headers)).total).toBe(3);

    const producer = await seedUser(s.app, { role: 'producer', organizationId: s.org, producerId: s.nunez });
    expect((await s.get('/api/v1/visits', producer.headers)).items.map((v: VisitItem) => v.id)).toEqual([s.visits.nunezVisit]);
    await s.api.get('/api/v1/visits').expect(401);
  });

  it('filters by status, dossier and assignedTo=me, and pages', async () => {
    const s = await setting();
    const ids = async (query: string, headers = s.committee.headers) =>
      (await s.get(`/api/v1/visits?${query}`, headers)).items.map((v: VisitItem) => v.id);
    expect(await ids('status=planned')).toEqual([s.visits.nunezVisit]);
    expect(await ids('status=submitted')).toEqual([s.visits.choqueVisit]);
    expect(await ids(`dossierId=${s.dossiers.nunez2026.id}`)).toEqual([s.visits.nunezVisit]);
    expect(await ids(`dossierId=${s.dossiers.nunez2025.id}`)).toEqual([]);

    // A reviewer reads the organisation's visits, and with assignedTo=me only those they are on.
    expect(await ids('', s.reviewerRosa.headers)).toEqual([s.visits.choqueVisit, s.visits.nunezVisit]);
    expect(await ids('assignedTo=me', s.reviewerRosa.headers)).toEqual([s.visits.choqueVisit]);
    expect(await ids('assignedTo=me', s.reviewerMarco.headers)).toEqual([s.visits.nunezVisit]);
    expect(await ids('assignedTo=me&status=submitted', s.reviewerMarco.headers)).toEqual([]);
    // An account linked to no person is on no team.
    expect(await ids('assignedTo=me')).toEqual([]);
    const unlinked = await seedUser(s.app, { role: 'reviewer', organizationId: s.org });
    expect(await ids('assignedTo=me', unlinked.headers)).toEqual([]);

    const first = await s.get('/api/v1/visits?pageSize=1', s.committee.headers);
    const second = await s.get('/api/v1/visits?pageSize=1&page=2', s.committee.headers);
    expect([first.total, second.total]).toEqual([2, 2]);
    expect([...first.items, ...second.items].map((v: VisitItem) => v.id)).toEqual([s.visits.choqueVisit, s.visits.nunezVisit]);
  });

  it('answers 400 VALIDATION_FAILED to bad query parameters, naming them', async () => {
    const s = await setting();
    for (const [query, field] of [
      ['assignedTo=others', 'query.assignedTo'],
      ['status=done', 'query.status'],
      ['dossierId=123', 'query.dossierId'],
      ['pageSize=0', 'query.pageSize'],
      ['plannedOn=2026-05-12', 'query'],
    ] as const) {
      const res = await s.api.get(`/api/v1/visits?${query}`).set(s.reviewerRosa.headers).expect(400);
      expect(res.body.code, query).toBe('VALIDATION_FAILED');
      expect(
        res.body.issues.map((i: { path: string }) => i.path),
        query,
      ).toContain(field);
    }
  });
});

describe('name search in the registry lists', () => {
  it('finds persons and producers ignoring case and accents', async () => {
    const s = await setting();
    const persons = await s.get(`/api/v1/persons?q=${encodeURIComponent('LUÍS')}`, s.committee.headers);
    expect(persons.items.map((p: { fullName: string }) => p.fullName)).toEqual(['Ing. Luis Flores']);
    const producers = await s.get('/api/v1/producers?q=nunez', s.committee.headers);
    expect(producers.items.map((p: { name: string }) => p.name)).toEqual(['Familia Núñez Apaza']);
  });
});
