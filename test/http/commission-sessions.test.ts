/**
 * Commission sessions as a secretary runs them: numbered per year, with place, times and agenda;
 * attendance with titulares and suplentes; a recusal that a suplente makes up for; a dossier
 * deferred for lack of quorum only when no suplente can sit; resolutions numbered per year.
 */
import { describe, expect, it } from 'vitest';
import { countRows } from '../helpers/auth.js';
import { cycleToCommission } from '../helpers/cycle.js';

type Cycle = Awaited<ReturnType<typeof cycleToCommission>>;

/** Three titulares and, if asked, suplentes: the last members of the cycle. */
function seat(c: Cycle, suplentes: number) {
  const set = c.app.db.$client.prepare('UPDATE users SET commission_seat = ? WHERE id = ?');
  c.members.forEach((m, i) => set.run(i < c.members.length - suplentes ? 'titular' : 'suplente', m.user.id));
  return { titulares: c.members.slice(0, c.members.length - suplentes), suplentes: c.members.slice(c.members.length - suplentes) };
}

/** The reviewer of the visit sits on the commission: that member must step aside. */
const makeVisitor = (c: Cycle, member: Cycle['members'][number]) =>
  c.app.db.$client.prepare('UPDATE users SET person_id = ? WHERE id = ?').run(c.reviewer, member.user.id);

const ids = (members: { userId: string }[]) => members.map((m) => m.userId);
const userIds = (members: Cycle['members']) => members.map((m) => m.user.id);

describe('sessions numbered per year, with place, times and agenda', () => {
  it('numbers sessions from 1 each year, and prints no id where a number is due', async () => {
    const c = await cycleToCommission();
    const first = await c.openSession(c.members, '2026-03-10');
    const second = await c.openSession(c.members, '2026-06-10');
    const nextYear = await c.openSession(c.members, '2027-01-15');
    const get = async (id: string) => (await c.api.get(`/api/v1/commission/sessions/${id}`).set(c.members[0]!.headers).expect(200)).body;
    expect((await get(first.id)).number).toBe('01/2026');
    expect((await get(second.id)).number).toBe('02/2026');
    expect((await get(nextYear.id)).number).toBe('01/2027');

    const list = await c.api.get('/api/v1/commission/sessions').set(c.members[1]!.headers).expect(200);
    expect(list.body.total).toBe(3);
    expect(list.body.items.map((s: { number: string }) => s.number)).toEqual(['01/2027', '02/2026', '01/2026']);
  });

  it('opens a session without attendance, with its agenda in words, and records attendance later', async () => {
    const c = await cycleToCommission();
    await c.toCommission();
    const res = await c.api
      .post('/api/v1/commission/sessions')
      .set(c.members[0]!.headers)
      .send({ heldOn: '2026-06-10', place: 'Sede de la Plataforma, La Paz', startsAt: '09:30', agenda: [{ dossierId: c.dossier.id }] })
      .expect(201);
    expect(res.body).toMatchObject({ number: '01/2026', place: 'Sede de la Plataforma, La Paz', startsAt: '09:30', endsAt: null });
    expect(res.body.attendance.every((a: { present: boolean }) => !a.present)).toBe(true);
    expect(res.body.agenda).toEqual([
      expect.objectContaining({
        position: 1,
        kind: 'dossier',
        dossierId: c.dossier.id,
        subject: expect.stringMatching(/^Expediente de .+, ciclo 2026$/),
      }),
    ]);

    const present = await c.api
      .put(`/api/v1/commission/sessions/${res.body.id}/attendance`)
      .set(c.members[0]!.headers)
      .send({ presentUserIds: userIds(c.members.slice(0, 3)) })
      .expect(200);
    expect(present.body.attendance.filter((a: { present: boolean }) => a.present)).toHaveLength(3);
  });

  it('refuses an agenda item the commission cannot treat, and a session without place, writing nothing', async () => {
    const c = await cycleToCommission();
    const before = countRows(c.app, 'commission_sessions');
    // The dossier is not yet ready for the commission.
    const refused = await c.api
      .post('/api/v1/commission/sessions')
      .set(c.members[0]!.headers)
      .send({ heldOn: '2026-06-10', place: 'La Paz', agenda: [{ dossierId: c.dossier.id }] })
      .expect(422);
    expect(refused.body).toMatchObject({
      code: 'AGENDA_REFUSED',
      issues: [expect.objectContaining({ path: 'body.agenda.0.dossierId', code: 'DOSSIER_STATE' })],
    });
    const noPlace = await c.api.post('/api/v1/commission/sessions').set(c.members[0]!.headers).send({ heldOn: '2026-06-10' }).expect(400);
    expect(noPlace.body.issues).toEqual([expect.objectContaining({ path: 'body.place' })]);
    expect(countRows(c.app, 'commission_sessions')).toBe(before);
    expect(countRows(c.app, 'session_agenda_items')).toBe(0);
  });

  it('closes with the end time given, refuses one before the start, and then takes no more decisions', async () => {
    const c = await cycleToCommission();
    await c.toCommission();
    const session = await c.openSession();
    const early = await c.api
      .post(`/api/v1/commission/sessions/${session.id}/close`)
      .set(c.members[0]!.headers)
      .send({ endsAt: '08:15' })
      .expect(400);
    expect(early.body).toMatchObject({ code: 'ENDS_BEFORE_START', issues: [expect.objectContaining({ path: 'body.endsAt' })] });
    const closed = await c.api
      .post(`/api/v1/commission/sessions/${session.id}/close`)
      .set(c.members[0]!.headers)
      .send({ endsAt: '11:40' })
      .expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', startsAt: '09:00', endsAt: '11:40' });
    const late = await c.decide(session.id, { proposedOutcome: 'approved', sealLevel: 'pleno' }, c.members).expect(409);
    expect(late.body).toMatchObject({ code: 'SESSION_CLOSED', message: expect.stringContaining('N° 01/2026') });
  });
});

describe('quorum with titulares and suplentes (criteria since 2026.2: three titulares, quorum three)', () => {
  it('lists the members with their seat', async () => {
    const c = await cycleToCommission();
    const { suplentes } = seat(c, 1);
    const res = await c.api.get('/api/v1/commission/members').set(c.members[0]!.headers).expect(200);
    expect(res.body).toHaveLength(4);
    expect(res.body.filter((m: { seat: string }) => m.seat === 'suplente').map((m: { userId: string }) => m.userId)).toEqual([
      suplentes[0]!.user.id,
    ]);
  });

  it('a present suplente does not vote while the three titulares can', async () => {
    const c = await cycleToCommission();
    await c.toCommission();
    seat(c, 1);
    const session = await c.openSession(c.members);
    const ballot = await c.api
      .get(`/api/v1/commission/sessions/${session.id}/ballot?dossierId=${c.dossier.id}`)
      .set(c.members[0]!.headers)
      .expect(200);
    expect(ids(ballot.body.voting)).toEqual(userIds(c.members.slice(0, 3)));
    expect(ballot.body.missing).toBe(0);
    const refused = await c.decide(session.id, { proposedOutcome: 'approved', sealLevel: 'pleno' }, c.members).expect(422);
    expect(refused.body.issues).toEqual([expect.objectContaining({ path: 'body.votes.3.userId', code: 'NOT_SEATED' })]);
  });

  it('a recusal leaves two voters; the suplente called in takes the seat and the decision is taken', async () => {
    const c = await cycleToCommission();
    await c.toCommission();
    const { titulares, suplentes } = seat(c, 1);
    makeVisitor(c, titulares[2]!);
    const session = await c.openSession(titulares);

    const before = await c.api
      .get(`/api/v1/commission/sessions/${session.id}/ballot?dossierId=${c.dossier.id}`)
      .set(c.members[0]!.headers)
      .expect(200);
    expect(before.body).toMatchObject({ quorum: 3, missing: 1 });
    expect(before.body.recusals).toEqual([
      expect.objectContaining({
        userId: titulares[2]!.user.id,
        rule: 'VISIT_TEAM_MEMBER',
        reason: expect.stringContaining('equipo de visita'),
      }),
    ]);
    expect(ids(before.body.availableSuplentes)).toEqual([suplentes[0]!.user.id]);
    // Without the suplente the vote lacks quorum.
    const noQuorum = await c.decide(session.id, { proposedOutcome: 'approved', sealLevel: 'pleno' }, titulares.slice(0, 2)).expect(422);
    expect(noQuorum.body.issues).toEqual([expect.objectContaining({ code: 'NO_QUORUM' })]);
    // The secretary calls the suplente in.
    await c.api
      .put(`/api/v1/commission/sessions/${session.id}/attendance`)
      .set(c.members[0]!.headers)
      .send({ presentUserIds: userIds([...titulares, ...suplentes]) })
      .expect(200);
    const after = await c.api
      .get(`/api/v1/commission/sessions/${session.id}/ballot?dossierId=${c.dossier.id}`)
      .set(c.members[0]!.headers)
      .expect(200);
    expect(after.body.missing).toBe(0);
    expect(ids(after.body.voting)).toEqual(userIds([titulares[0]!, titulares[1]!, suplentes[0]!]));

    const decided = await c
      .decide(session.id, { proposedOutcome: 'approved', sealLevel: 'pleno' }, [titulares[0]!, titulares[1]!, suplentes[0]!])
      .expect(201);
    expect(decided.body).toMatchObject({
      number: '01/2026',
      outcome: 'approved',
      deferredForQuorum: false,
      certificateId: expect.any(String),
    });
    expect(countRows(c.app, 'decisions')).toBe(1);
  });

  it('with no suplente available the dossier is deferred without a vote, as a numbered resolution with its reason', async () => {
    const c = await cycleToCommission({ members: 3 });
    await c.toCommission();
    seat(c, 0);
    makeVisitor(c, c.members[2]!);
    const session = await c.openSession(c.members);
    const ballot = await c.api
      .get(`/api/v1/commission/sessions/${session.id}/ballot?dossierId=${c.dossier.id}`)
      .set(c.members[0]!.headers)
      .expect(200);
    expect(ballot.body).toMatchObject({ missing: 1, availableSuplentes: [] });

    const reason = 'Se excusó una titular por integrar el equipo de visita y no hay suplentes disponibles';
    const deferred = await c.api
      .post(`/api/v1/commission/sessions/${session.id}/deferrals`)
      .set(c.members[0]!.headers)
      .send({ dossierId: c.dossier.id, reason })
      .expect(201);
    expect(deferred.body).toMatchObject({ number: '01/2026', outcome: 'deferred', deferredForQuorum: true, rationale: reason, votes: [] });
    expect(deferred.body.recusals).toEqual([expect.objectContaining({ userId: c.members[2]!.user.id, rule: 'VISIT_TEAM_MEMBER' })]);
    // The dossier still waits for the commission.
    const dossier = await c.api.get(`/api/v1/dossiers/${c.dossier.id}`).set(c.members[0]!.headers).expect(200);
    expect(dossier.body.state).toBe('ready_for_commission');
  });

  it('refuses a deferral for lack of quorum when the members present can vote, writing nothing', async () => {
    const c = await cycleToCommission();
    await c.toCommission();
    const session = await c.openSession();
    const res = await c.api
      .post(`/api/v1/commission/sessions/${session.id}/deferrals`)
      .set(c.members[0]!.headers)
      .send({ dossierId: c.dossier.id, reason: 'No queremos decidir hoy este expediente' })
      .expect(409);
    expect(res.body).toMatchObject({ code: 'QUORUM_AVAILABLE', message: expect.stringContaining('sométalo a votación') });
    expect(countRows(c.app, 'decisions')).toBe(0);
  });

  it('numbers resolutions per year across sessions', async () => {
    const c = await cycleToCommission();
    await c.toCommission();
    const first = await c.openSession(c.members, '2026-06-10');
    const deferred = await c.decide(first.id, { proposedOutcome: 'approved', sealLevel: 'pleno' }, c.members, 'against').expect(201);
    expect(deferred.body).toMatchObject({ number: '01/2026', outcome: 'deferred' });
    const second = await c.openSession(c.members, '2026-07-10');
    const approved = await c.decide(second.id, { proposedOutcome: 'approved', sealLevel: 'pleno' }, c.members).expect(201);
    expect(approved.body.number).toBe('02/2026');
  });
});
