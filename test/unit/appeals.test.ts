import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedAppealEvents,
  APPEAL_EVENTS,
  APPEAL_STATES,
  appealRecusals,
  appealResult,
  appealTransition,
  checkAppealVotes,
  eligibleAppealDeciders,
  type AppealEvent,
  type AppealState,
} from '../../src/domain/appeals.js';
import type { CommissionMember, DossierInvolvement, Vote } from '../../src/domain/commission.js';

const member = (id: string, overrides: Partial<CommissionMember> = {}): CommissionMember => ({
  userId: id,
  name: `Persona ${id}`,
  personId: `p-${id}`,
  seat: null,
  household: null,
  organizationId: `org-${id}`,
  ...overrides,
});
const votes = (...pairs: [string, Vote][]) => pairs.map(([userId, vote]) => ({ userId, vote }));
const involvement: DossierInvolvement = {
  producer: { id: 'prod-1', organizationId: 'org-productor', household: 'Familia Choque' },
  visitTeamPersonIds: [],
  evaluatorUserIds: ['evaluador'],
};

describe('eligibleAppealDeciders', () => {
  it('excludes present members who took the appealed act, naming them', () => {
    const present = [member('a'), member('b'), member('c')];
    expect(eligibleAppealDeciders(present, ['b', 'ausente'])).toEqual({
      eligible: [member('a'), member('c')],
      excluded: [{ userId: 'b', rule: 'DECIDED_APPEALED_ACT', reason: 'Persona b tomó o votó el acto apelado' }],
    });
  });

  it('also applies the conflict-of-interest rules when the dossier involvement is given', () => {
    const present = [member('a'), member('evaluador'), member('socia', { organizationId: 'org-productor' }), member('b')];
    const { eligible, excluded } = eligibleAppealDeciders(present, ['b'], involvement);
    expect(eligible.map((m) => m.userId)).toEqual(['a']);
    expect(excluded.map((e) => [e.userId, e.rule])).toEqual([
      ['evaluador', 'EVALUATED_DOSSIER'],
      ['socia', 'SAME_ORGANIZATION'],
      ['b', 'DECIDED_APPEALED_ACT'],
    ]);
  });

  it('turns exclusions into recusals to record with the votes', () => {
    const { excluded } = eligibleAppealDeciders([member('b'), member('evaluador')], ['b'], involvement);
    expect(appealRecusals(excluded)).toEqual([
      { userId: 'b', kind: 'automatic', rule: 'DECIDED_APPEALED_ACT', reason: 'Persona b tomó o votó el acto apelado' },
      {
        userId: 'evaluador',
        kind: 'automatic',
        rule: 'EVALUATED_DOSSIER',
        reason: 'Persona evaluador participó en la evaluación de este expediente',
      },
    ]);
  });

  it('prefers the appealed-act rule and lists a member once', () => {
    const { eligible, excluded } = eligibleAppealDeciders([member('evaluador'), member('evaluador')], ['evaluador'], involvement);
    expect(eligible).toEqual([]);
    expect(excluded).toEqual([expect.objectContaining({ userId: 'evaluador', rule: 'DECIDED_APPEALED_ACT' })]);
  });
});

describe('checkAppealVotes', () => {
  const present = ['a', 'b', 'c', 'd'].map((id) => member(id));

  it('accepts one vote from each eligible member with quorum', () => {
    expect(
      checkAppealVotes({ quorum: 3, present, excludedUserIds: ['d'], votes: votes(['a', 'for'], ['b', 'against'], ['c', 'for']) }),
    ).toEqual([]);
  });

  it('refuses a vote by someone who took the appealed act, present or not', () => {
    const v = checkAppealVotes({
      quorum: 2,
      present,
      excludedUserIds: ['d', 'x'],
      votes: votes(['a', 'for'], ['b', 'for'], ['c', 'for'], ['d', 'against'], ['x', 'for']),
    });
    expect(v).toEqual([
      { rule: 'DECIDED_APPEALED_ACT', userId: 'd', message: 'Persona d tomó o votó el acto apelado y no puede votar la apelación' },
      {
        rule: 'DECIDED_APPEALED_ACT',
        userId: 'x',
        message: 'Alguien que no está presente tomó o votó el acto apelado y no puede votar la apelación',
      },
    ]);
  });

  it('counts the quorum among eligible members only', () => {
    const v = checkAppealVotes({ quorum: 3, present, excludedUserIds: ['c', 'd'], votes: votes(['a', 'for'], ['b', 'for']) });
    expect(v).toEqual([{ rule: 'NO_QUORUM', message: 'Sin quórum para la apelación: 2 miembros pueden votar y se necesitan 3' }]);
  });

  it('keeps the other vote rules and voluntary recusals', () => {
    const v = checkAppealVotes({
      quorum: 1,
      present: [...present, member('evaluador')],
      excludedUserIds: [],
      involvement,
      recusals: [{ userId: 'c', kind: 'voluntary', reason: 'Persona c es pariente del productor' }],
      votes: votes(['a', 'for'], ['a', 'for'], ['c', 'for'], ['evaluador', 'for'], ['z', 'for']),
    });
    expect(v.map((x) => [x.rule, x.userId])).toEqual([
      ['DUPLICATE_VOTE', 'a'],
      ['RECUSED_MEMBER_VOTED', 'c'],
      ['RECUSED_MEMBER_VOTED', 'evaluador'],
      ['NOT_PRESENT', 'z'],
      ['MISSING_VOTE', 'b'],
      ['MISSING_VOTE', 'd'],
    ]);
  });
});

describe('appeal result and states', () => {
  it('is upheld by a simple majority of votes cast, otherwise rejected', () => {
    expect(appealResult([{ vote: 'for' }, { vote: 'abstain' }])).toBe('upheld');
    expect(appealResult([{ vote: 'for' }, { vote: 'against' }])).toBe('rejected');
    expect(appealResult([])).toBe('rejected');
  });

  it('goes from filed to upheld or rejected, and no further', () => {
    expect(appealTransition('filed', 'uphold')).toEqual({ ok: true, to: 'upheld' });
    expect(appealTransition('filed', 'reject')).toEqual({ ok: true, to: 'rejected' });
    expect(appealTransition('upheld', 'reject')).toEqual({
      ok: false,
      message: 'La apelación ya fue aceptada; su resolución es definitiva',
    });
    expect(appealTransition('rejected', 'uphold')).toEqual({ ok: false, message: expect.stringContaining('rechazada') });
    expect(allowedAppealEvents('filed')).toEqual(['uphold', 'reject']);
    expect(allowedAppealEvents('upheld')).toEqual([]);
    expect(allowedAppealEvents('rejected')).toEqual([]);
  });
});

describe('appeal properties', () => {
  const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
  const arbPresent = fc.uniqueArray(fc.constantFrom(...ids), { maxLength: 6 }).map((xs) => xs.map((id) => member(id)));
  const arbExcluded = fc.subarray([...ids, 'ausente']);
  const arbVote = fc.constantFrom<Vote>('for', 'against', 'abstain');
  const arbVotes = fc.array(fc.record({ userId: fc.constantFrom(...ids, 'ausente', 'zz'), vote: arbVote }), { maxLength: 10 });
  const arbQuorum = fc.integer({ min: 1, max: 6 });

  it('never lets someone who took the appealed act decide, and always refuses their vote', () => {
    fc.assert(
      fc.property(arbQuorum, arbPresent, arbExcluded, arbVotes, (quorum, present, excludedUserIds, vs) => {
        const { eligible, excluded } = eligibleAppealDeciders(present, excludedUserIds);
        expect(eligible.length + excluded.length).toBe(present.length);
        for (const m of eligible) expect(excludedUserIds).not.toContain(m.userId);
        const violations = checkAppealVotes({ quorum, present, excludedUserIds, votes: vs });
        for (const { userId } of vs) {
          if (excludedUserIds.includes(userId))
            expect(violations).toContainEqual(expect.objectContaining({ rule: 'DECIDED_APPEALED_ACT', userId }));
        }
      }),
    );
  });

  it('reports no quorum iff the eligible present members are fewer than the quorum', () => {
    fc.assert(
      fc.property(arbQuorum, arbPresent, arbExcluded, arbVotes, (quorum, present, excludedUserIds, vs) => {
        const { eligible } = eligibleAppealDeciders(present, excludedUserIds);
        const noQuorum = checkAppealVotes({ quorum, present, excludedUserIds, votes: vs }).some((v) => v.rule === 'NO_QUORUM');
        expect(noQuorum).toBe(eligible.length < quorum);
      }),
    );
  });

  it('accepts any votes where every eligible member votes once and quorum holds', () => {
    fc.assert(
      fc.property(arbPresent, arbExcluded, fc.infiniteStream(arbVote), fc.nat(), (present, excludedUserIds, stream, seed) => {
        const { eligible } = eligibleAppealDeciders(present, excludedUserIds);
        fc.pre(eligible.length >= 1);
        const quorum = 1 + (seed % eligible.length);
        const vs = eligible.map((m) => ({ userId: m.userId, vote: stream.next().value }));
        expect(checkAppealVotes({ quorum, present, excludedUserIds, votes: vs })).toEqual([]);
      }),
    );
  });

  it('never leaves a final appeal state, whatever the events', () => {
    const events = Object.keys(APPEAL_EVENTS) as AppealEvent[];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...events), { maxLength: 10 }), (evs) => {
        let state: AppealState = 'filed';
        let moves = 0;
        for (const e of evs) {
          const t = appealTransition(state, e);
          if (t.ok) {
            state = t.to;
            moves++;
          }
        }
        expect(APPEAL_STATES).toContain(state);
        expect(moves).toBe(evs.length === 0 ? 0 : 1);
      }),
    );
  });
});
