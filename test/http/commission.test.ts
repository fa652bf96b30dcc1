import { describe, expect, it } from 'vitest';
import { countRows } from '../helpers/auth.js';
import { cycleToCommission } from '../helpers/cycle.js';

describe('commission sessions', () => {
  it('refuses a session without quorum, naming the rule, and writes nothing', async () => {
    const c = await cycleToCommission();
    const before = countRows(c.app, 'commission_sessions');
    const res = await c.api
      .post('/api/v1/commission/sessions')
      .set(c.members[0]!.headers)
      .send({ heldOn: '2026-06-10', place: 'La Paz', presentUserIds: c.members.slice(0, 2).map((m) => m.user.id) })
      .expect(422);
    expect(res.body).toMatchObject({ code: 'NO_QUORUM', message: expect.stringContaining('exige 3') });
    expect(countRows(c.app, 'commission_sessions')).toBe(before);
  });

  it('records attendance of every commission member, present or not', async () => {
    const c = await cycleToCommission();
    const session = await c.openSession(c.members.slice(0, 3));
    const res = await c.api.get(`/api/v1/commission/sessions/${session.id}`).set(c.members[0]!.headers).expect(200);
    expect(res.body).toMatchObject({
      quorum: 3,
      seats: 3,
      status: 'open',
      criteriaVersion: '2026.4',
      number: '01/2026',
      place: 'Sede de la Plataforma, La Paz',
      startsAt: '09:00',
    });
    expect(res.body.attendance.filter((a: { present: boolean }) => a.present)).toHaveLength(3);
    expect(res.body.attendance.filter((a: { present: boolean }) => !a.present)).toHaveLength(1);
  });

  it('is for the commission only', async () => {
    const c = await cycleToCommission();
    await c.api
      .post('/api/v1/commission/sessions')
      .set(c.committee.headers)
      .send({ heldOn: '2026-06-10', place: 'La Paz', presentUserIds: c.members.map((m) => m.user.id) })
      .expect(403);
    await c.api
      .post('/api/v1/commission/sessions')
      .send({ heldOn: '2026-06-10', place: 'La Paz', presentUserIds: c.members.map((m) => m.user.id) })
      .expect(401);
  });
});

describe('commission decisions', () => {
  it('refuses a vote by a member who was on the visit team, naming the rule and the person', async () => {
    const c = await cycleToCommission();
    await c.toCommission();
    // The reviewer of the visit also sits on the commission.
    c.app.db.$client.prepare('UPDATE users SET person_id = ? WHERE id = ?').run(c.reviewer, c.members[3]!.user.id);
    const session = await c.openSession();
    const before = countRows(c.app, 'decisions');
    const res = await c.decide(session.id, { proposedOutcome: 'approved', sealLevel: 'pleno' }, c.members).expect(422);
    expect(res.body.code).toBe('DECISION_REFUSED');
    expect(res.body.issues).toEqual([
      { path: 'body.votes.3.userId', code: 'RECUSED_MEMBER_VOTED', message: expect.stringContaining('Comisionada 4') },
    ]);
    expect(countRows(c.app, 'decisions')).toBe(before);
    expect(countRows(c.app, 'votes')).toBe(0);

    // Without that vote the decision stands, and the recusal is recorded with its reason.
    const ok = await c.decide(session.id, { proposedOutcome: 'approved', sealLevel: 'pleno' }, c.members.slice(0, 3)).expect(201);
    expect(ok.body.recusals).toEqual([
      expect.objectContaining({ userId: c.members[3]!.user.id, kind: 'automatic', rule: 'VISIT_TEAM_MEMBER' }),
    ]);
    expect(ok.body.votes).toHaveLength(3);
  });

  it('refuses a decision when recusals leave the session without quorum', async () => {
    const c = await cycleToCommission({ members: 3 });
    await c.toCommission();
    const session = await c.openSession();
    const res = await c
      .decide(
        session.id,
        { proposedOutcome: 'denied', recusals: [{ userId: c.members[2]!.user.id, reason: 'Compra café a esta familia' }] },
        c.members.slice(0, 2),
      )
      .expect(422);
    expect(res.body.issues.map((i: { code: string }) => i.code)).toContain('NO_QUORUM');
  });

  it('defers without a vote when a recusal leaves no quorum and no suplente is available, recording the recusal', async () => {
    const c = await cycleToCommission({ members: 3 });
    await c.toCommission();
    c.app.db.$client.prepare('UPDATE users SET person_id = ? WHERE id = ?').run(c.reviewer, c.members[2]!.user.id);
    const session = await c.openSession();
    const ballot = await c.api
      .get(`/api/v1/commission/sessions/${session.id}/ballot?dossierId=${c.dossier.id}`)
      .set(c.members[0]!.headers)
      .expect(200);
    expect(ballot.body).toMatchObject({ missing: 1, availableSuplentes: [] });
    const res = await c.api
      .post(`/api/v1/commission/sessions/${session.id}/deferrals`)
      .set(c.members[0]!.headers)
      .send({ dossierId: c.dossier.id, reason: 'Sin quórum tras la excusa de Comisionada 3' })
      .expect(201);
    expect(res.body).toMatchObject({ outcome: 'deferred', deferredForQuorum: true, votes: [], tally: { for: 0, against: 0, abstain: 0 } });
    expect(res.body.recusals).toEqual([expect.objectContaining({ userId: c.members[2]!.user.id, rule: 'VISIT_TEAM_MEMBER' })]);
  });

  it('refuses approval with an open critical non-conformity, listing it', async () => {
    const c = await cycleToCommission({ answers: { 'P5.01': 'no_cumple' } });
    await c.toCommission('deny');
    const session = await c.openSession();
    const res = await c.decide(session.id, { proposedOutcome: 'approved', sealLevel: 'pleno' }, c.members).expect(422);
    expect(res.body.code).toBe('OPEN_CRITICAL_NON_CONFORMITIES');
    expect(res.body.message).toContain('P5.01');
    expect(countRows(c.app, 'certificates')).toBe(0);
    // Denial is always possible.
    const denied = await c.decide(session.id, { proposedOutcome: 'denied' }, c.members).expect(201);
    expect(denied.body).toMatchObject({ outcome: 'denied', certificateId: null });
  });

  it('requires conditions for an open major non-conformity, and issues a certificate carrying them', async () => {
    const c = await cycleToCommission({ answers: { 'P1.01': 'no_cumple' } });
    const deadline = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const action = await c.agreeAction('Recalcular costos y acordar precio en asamblea', deadline);
    await c.toCommission('approve_with_conditions');
    const session = await c.openSession();
    const plain = await c.decide(session.id, { proposedOutcome: 'approved', sealLevel: 'pleno' }, c.members).expect(422);
    expect(plain.body.code).toBe('CONDITIONS_REQUIRED');

    const res = await c.decide(session.id, { proposedOutcome: 'approved_with_conditions', sealLevel: 'transicion' }, c.members).expect(201);
    expect(res.body).toMatchObject({ outcome: 'approved_with_conditions', carried: true, tally: { for: 4, against: 0, abstain: 0 } });
    expect(res.body.snapshotHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const cert = await c.api.get(`/api/v1/certificates/${res.body.certificateId}`).set(c.committee.headers).expect(200);
    expect(cert.body).toMatchObject({
      status: 'active',
      sealLevel: 'transicion',
      criteriaVersion: '2026.4',
      products: ['café pergamino', 'miel'],
    });
    expect(cert.body.conditions).toEqual([
      expect.objectContaining({ correctiveActionId: action.id, deadline, closedAt: null, overdue: false }),
    ]);
    expect(cert.body.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{3}[0-9A-Z*~$=]$/);
    expect(cert.body.events.map((e: { event: string }) => e.event)).toEqual(['issued']);
    const dossier = await c.api.get(`/api/v1/dossiers/${c.dossier.id}`).set(c.committee.headers).expect(200);
    expect(dossier.body.state).toBe('decided');
  });

  it('defers when the proposal does not carry, keeping the dossier before the commission', async () => {
    const c = await cycleToCommission();
    await c.toCommission();
    const session = await c.openSession();
    const res = await c.decide(session.id, { proposedOutcome: 'approved', sealLevel: 'pleno' }, c.members, 'against').expect(201);
    expect(res.body).toMatchObject({ proposedOutcome: 'approved', outcome: 'deferred', carried: false, certificateId: null });
    const dossier = await c.api.get(`/api/v1/dossiers/${c.dossier.id}`).set(c.committee.headers).expect(200);
    expect(dossier.body.state).toBe('ready_for_commission');
  });

  it('keeps the dossier as decided: later changes do not alter the snapshot', async () => {
    const c = await cycleToCommission({ answers: { 'P1.01': 'no_cumple' } });
    const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const action = await c.agreeAction('Publicar la hoja de costos', deadline);
    await c.toCommission('approve_with_conditions');
    const session = await c.openSession();
    const decision = await c
      .decide(session.id, { proposedOutcome: 'approved_with_conditions', sealLevel: 'transicion' }, c.members)
      .expect(201);
    const snap = await c.api.get(`/api/v1/decisions/${decision.body.id}/dossier-snapshot`).set(c.members[0]!.headers).expect(200);
    await c.closeByCommissionReview(action.id, 'Hoja de costos publicada en asamblea');
    const again = await c.api.get(`/api/v1/decisions/${decision.body.id}/dossier-snapshot`).set(c.members[0]!.headers).expect(200);
    expect(again.body).toEqual(snap.body);
    expect(snap.body.snapshotHash).toBe(decision.body.snapshotHash);
    expect(snap.body.dossier).toMatchObject({ id: c.dossier.id, state: 'ready_for_commission' });
  });
});
