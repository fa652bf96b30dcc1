import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  automaticRecusals,
  checkOutcome,
  checkVotes,
  combineRecusals,
  decidedOutcome,
  tally,
  type CommissionMember,
  type DossierInvolvement,
  type OpenNonConformity,
  type Outcome,
  type Recusal,
  type Vote,
  votingMembers,
} from '../../src/domain/commission.js';

const member = (id: string, overrides: Partial<CommissionMember> = {}): CommissionMember => ({
  userId: id,
  name: `Persona ${id}`,
  personId: `p-${id}`,
  seat: null,
  household: `Familia ${id}`,
  organizationId: `org-${id}`,
  ...overrides,
});

const involvement: DossierInvolvement = {
  producer: { id: 'prod-1', organizationId: 'org-productor', household: 'Familia Choque' },
  visitTeamPersonIds: ['p-visita'],
  evaluatorUserIds: ['evaluador'],
};

describe('automaticRecusals', () => {
  it('recuses each kind of involvement with its rule and a reason naming the person', () => {
    const present = [
      member('evaluador'),
      member('visita'),
      member('familia', { household: '  familia choque ' }),
      member('socia', { organizationId: 'org-productor' }),
      member('libre'),
    ];
    expect(automaticRecusals(present, involvement)).toEqual([
      {
        userId: 'evaluador',
        kind: 'automatic',
        rule: 'EVALUATED_DOSSIER',
        reason: 'Persona evaluador participó en la evaluación de este expediente',
      },
      {
        userId: 'visita',
        kind: 'automatic',
        rule: 'VISIT_TEAM_MEMBER',
        reason: 'Persona visita integró el equipo de visita de este expediente',
      },
      {
        userId: 'familia',
        kind: 'automatic',
        rule: 'SAME_HOUSEHOLD',
        reason: 'Persona familia es del mismo grupo familiar que el productor',
      },
      {
        userId: 'socia',
        kind: 'automatic',
        rule: 'SAME_ORGANIZATION',
        reason: 'Persona socia pertenece a la misma organización que el productor',
      },
    ]);
  });

  it('gives one recusal per member, the most direct rule first', () => {
    const both = member('evaluador', { personId: 'p-visita', organizationId: 'org-productor' });
    expect(automaticRecusals([both, both], involvement)).toEqual([
      expect.objectContaining({ userId: 'evaluador', rule: 'EVALUATED_DOSSIER' }),
    ]);
  });

  it('does not treat missing data as a conflict', () => {
    const unknown = member('x', { personId: null, household: null, organizationId: null });
    const blankHousehold = member('y', { household: '  ' });
    expect(
      automaticRecusals([unknown, blankHousehold], { ...involvement, producer: { ...involvement.producer, household: '  ' } }),
    ).toEqual([]);
  });

  it('combines with voluntary recusals, one per member, the automatic first', () => {
    const auto = automaticRecusals([member('evaluador')], involvement);
    const voluntary: Recusal[] = [
      { userId: 'evaluador', kind: 'voluntary', reason: 'se excusa' },
      { userId: 'b', kind: 'voluntary', reason: 'Persona b es compadre del productor' },
    ];
    expect(combineRecusals(auto, voluntary).map((r) => [r.userId, r.kind])).toEqual([
      ['evaluador', 'automatic'],
      ['b', 'voluntary'],
    ]);
  });
});

describe('checkVotes', () => {
  const present = ['a', 'b', 'c', 'd'].map((id) => member(id));
  const recusals: Recusal[] = [{ userId: 'd', kind: 'voluntary', reason: 'Persona d es pariente del productor' }];
  const votes = (...pairs: [string, Vote][]) => pairs.map(([userId, vote]) => ({ userId, vote }));

  it('accepts one vote from each present member not recused, abstentions included', () => {
    expect(checkVotes({ quorum: 3, present, recusals, votes: votes(['a', 'for'], ['b', 'against'], ['c', 'abstain']) })).toEqual([]);
  });

  it('refuses a recused member voting, naming the person and the reason', () => {
    const v = checkVotes({ quorum: 3, present, recusals, votes: votes(['a', 'for'], ['b', 'for'], ['c', 'for'], ['d', 'for']) });
    expect(v).toEqual([
      { rule: 'RECUSED_MEMBER_VOTED', userId: 'd', message: 'No corresponde que Persona d vote: Persona d es pariente del productor' },
    ]);
  });

  it('reports no quorum counting only members not recused', () => {
    const v = checkVotes({ quorum: 4, present, recusals, votes: votes(['a', 'for'], ['b', 'for'], ['c', 'for']) });
    expect(v).toEqual([{ rule: 'NO_QUORUM', message: 'Sin quórum: 3 miembros pueden votar y se necesitan 4' }]);
  });

  it('reports absent voters, duplicate votes and missing votes', () => {
    const v = checkVotes({ quorum: 3, present, recusals, votes: votes(['a', 'for'], ['a', 'against'], ['z', 'for'], ['b', 'for']) });
    expect(v).toEqual([
      { rule: 'DUPLICATE_VOTE', userId: 'a', message: 'Persona a votó 2 veces; cada miembro vota una sola vez' },
      { rule: 'NOT_PRESENT', userId: 'z', message: expect.stringContaining('no figura entre los miembros presentes') },
      { rule: 'MISSING_VOTE', userId: 'c', message: 'Falta el voto de Persona c' },
    ]);
  });

  it('counts a member listed twice as present once', () => {
    expect(
      checkVotes({ quorum: 2, present: [member('a'), member('a')], recusals: [], votes: votes(['a', 'for']) }).map((x) => x.rule),
    ).toEqual(['NO_QUORUM']);
  });
});

const votesFor = (who: string[]): { userId: string; vote: Vote }[] => who.map((userId) => ({ userId, vote: 'for' }));

describe('seats: titulares and suplentes', () => {
  const t = (id: string) => member(id, { seat: 'titular' });
  const s = (id: string) => member(id, { seat: 'suplente' });
  const recused = (userId: string): Recusal => ({ userId, reason: 'motivo', kind: 'voluntary' });
  const ids = (members: CommissionMember[]) => members.map((m) => m.userId);

  it('without seats every present member who is not recused votes', () => {
    expect(ids(votingMembers([t('a'), s('b'), member('c')], [recused('c')]))).toEqual(['a', 'b']);
  });

  it('a present suplente waits while the titulares fill the seats', () => {
    expect(ids(votingMembers([t('a'), t('b'), t('c'), s('d')], [], 3))).toEqual(['a', 'b', 'c']);
  });

  it('a suplente takes the seat of a recused or absent titular, in the order they joined', () => {
    expect(ids(votingMembers([t('a'), t('b'), t('c'), s('d'), s('e')], [recused('b')], 3))).toEqual(['a', 'c', 'd']);
    expect(ids(votingMembers([t('a'), s('e'), s('d')], [], 3))).toEqual(['a', 'e', 'd']);
    expect(ids(votingMembers([t('a'), t('b'), t('c'), s('d')], [recused('d'), recused('a')], 3))).toEqual(['b', 'c']);
  });

  it('with a quorum of three among three titulares, a recusal leaves no quorum until a suplente sits', () => {
    const votes = votesFor;
    const withoutSuplente = checkVotes({
      quorum: 3,
      seats: 3,
      present: [t('a'), t('b'), t('c')],
      recusals: [recused('c')],
      votes: votes(['a', 'b']),
    });
    expect(withoutSuplente.map((v) => v.rule)).toEqual(['NO_QUORUM']);
    const withSuplente = checkVotes({
      quorum: 3,
      seats: 3,
      present: [t('a'), t('b'), t('c'), s('d')],
      recusals: [recused('c')],
      votes: votes(['a', 'b', 'd']),
    });
    expect(withSuplente).toEqual([]);
  });

  it('refuses the vote of a suplente who holds no seat in the matter', () => {
    const v = checkVotes({
      quorum: 3,
      seats: 3,
      present: [t('a'), t('b'), t('c'), s('d')],
      recusals: [],
      votes: votesFor(['a', 'b', 'c', 'd']),
    });
    expect(v).toEqual([expect.objectContaining({ rule: 'NOT_SEATED', userId: 'd' })]);
  });

  it('never seats more voters than seats, and never a recused member (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ seat: fc.constantFrom('titular' as const, 'suplente' as const), recused: fc.boolean() }), { maxLength: 8 }),
        fc.integer({ min: 1, max: 5 }),
        (people, seats) => {
          const present = people.map((p, i) => member(`m${i}`, { seat: p.seat }));
          const recusals = people.flatMap((p, i) => (p.recused ? [recused(`m${i}`)] : []));
          const voting = votingMembers(present, recusals, seats);
          const titulares = present.filter((m, i) => m.seat === 'titular' && !people[i]!.recused).length;
          expect(voting.length).toBeLessThanOrEqual(Math.max(seats, titulares));
          expect(voting.some((m) => recusals.some((r) => r.userId === m.userId))).toBe(false);
        },
      ),
    );
  });
});

describe('tally and decided outcome', () => {
  const v = (...vs: Vote[]) => vs.map((vote) => ({ vote }));

  it('carries with more for than against, abstentions aside', () => {
    expect(tally(v('for', 'for', 'against', 'abstain'))).toEqual({ for: 2, against: 1, abstain: 1, carried: true });
    expect(tally(v('for', 'abstain', 'abstain'))).toMatchObject({ carried: true });
  });

  it('does not carry on a tie, all abstentions or no votes, and the dossier is deferred', () => {
    expect(tally(v('for', 'against')).carried).toBe(false);
    expect(tally(v('abstain', 'abstain')).carried).toBe(false);
    expect(tally([]).carried).toBe(false);
    expect(decidedOutcome('approved', v('for', 'against'))).toBe('deferred');
    expect(decidedOutcome('denied', v('for', 'for', 'against'))).toBe('denied');
  });
});

describe('checkOutcome', () => {
  const nc = (id: string, effect: OpenNonConformity['effect'], actions: OpenNonConformity['openActions'] = []): OpenNonConformity => ({
    id,
    criterionCode: `P1.0${id}`,
    level: effect === 'blocks_approval' ? 'critical' : effect === 'requires_conditions' ? 'major' : 'minor',
    effect,
    openActions: actions,
  });
  const action = (id: string, deadline = '2026-09-30') => ({ id, description: `Acción ${id}`, deadline });

  it('allows plain approval with nothing open, or only improvement goals, which are listed', () => {
    expect(checkOutcome('approved', [])).toEqual({ violations: [], conditions: [], improvementGoals: [] });
    expect(checkOutcome('approved', [nc('3', 'improvement_goal')])).toEqual({
      violations: [],
      conditions: [],
      improvementGoals: [{ nonConformityId: '3', criterionCode: 'P1.03' }],
    });
  });

  it('refuses any approval while a blocking non-conformity is open, listing each one', () => {
    const open = [nc('1', 'blocks_approval'), nc('4', 'blocks_approval'), nc('2', 'requires_conditions', [action('x')])];
    for (const outcome of ['approved', 'approved_with_conditions'] as const) {
      const { violations, conditions } = checkOutcome(outcome, open);
      expect(violations[0]).toEqual({
        rule: 'OPEN_CRITICAL_NON_CONFORMITIES',
        message: 'No se puede aprobar: hay no conformidades abiertas que impiden la aprobación (criterios P1.01, P1.04)',
        nonConformityIds: ['1', '4'],
      });
      expect(conditions).toEqual([]);
    }
  });

  it('requires conditions for open major non-conformities', () => {
    const open = [nc('2', 'requires_conditions', [action('x')])];
    expect(checkOutcome('approved', open).violations).toEqual([
      { rule: 'CONDITIONS_REQUIRED', message: expect.stringContaining('P1.02'), nonConformityIds: ['2'] },
    ]);
  });

  it('turns every open corrective action of those non-conformities into a condition', () => {
    const open = [
      nc('2', 'requires_conditions', [action('x'), action('y', '2026-12-31')]),
      nc('5', 'requires_conditions', [action('z')]),
      nc('3', 'improvement_goal', [action('w')]),
    ];
    expect(checkOutcome('approved_with_conditions', open)).toEqual({
      violations: [],
      conditions: [
        { correctiveActionId: 'x', nonConformityId: '2', description: 'Acción x', deadline: '2026-09-30' },
        { correctiveActionId: 'y', nonConformityId: '2', description: 'Acción y', deadline: '2026-12-31' },
        { correctiveActionId: 'z', nonConformityId: '5', description: 'Acción z', deadline: '2026-09-30' },
      ],
      improvementGoals: [{ nonConformityId: '3', criterionCode: 'P1.03' }],
    });
  });

  it('refuses conditions for a non-conformity with no open corrective action with a deadline', () => {
    const open = [nc('2', 'requires_conditions', [action('x')]), nc('5', 'requires_conditions', [action('bad', '')])];
    expect(checkOutcome('approved_with_conditions', open)).toEqual({
      violations: [{ rule: 'CONDITIONS_WITHOUT_ACTIONS', message: expect.stringContaining('P1.05'), nonConformityIds: ['5'] }],
      conditions: [],
      improvementGoals: [],
    });
  });

  it('refuses conditions whose deadline already passed when today is given, and keeps the due day itself', () => {
    const open = [
      nc('2', 'requires_conditions', [action('old', '2026-03-09'), action('today', '2026-03-10')]),
      nc('5', 'requires_conditions', [action('lapsed', '2026-01-01')]),
    ];
    const result = checkOutcome('approved_with_conditions', open, '2026-03-10');
    expect(result.violations).toEqual([
      { rule: 'CONDITION_DEADLINE_PASSED', message: expect.stringContaining('P1.05'), nonConformityIds: ['5'] },
    ]);
    const ok = checkOutcome('approved_with_conditions', open.slice(0, 1), '2026-03-10');
    expect(ok.conditions.map((c) => c.correctiveActionId)).toEqual(['today']);
  });

  it('refuses approval with conditions when nothing requires conditions, improvement goals included', () => {
    expect(checkOutcome('approved_with_conditions', [nc('3', 'improvement_goal', [action('w')])]).violations).toEqual([
      { rule: 'NO_CONDITIONS_TO_SET', message: expect.stringContaining('metas de mejora'), nonConformityIds: [] },
    ]);
  });

  it('always allows denial and deferral', () => {
    const open = [nc('1', 'blocks_approval'), nc('2', 'requires_conditions')];
    expect(checkOutcome('denied', open).violations).toEqual([]);
    expect(checkOutcome('deferred', open).violations).toEqual([]);
  });
});

describe('commission properties', () => {
  const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
  const arbPresent = fc.uniqueArray(fc.constantFrom(...ids), { maxLength: 6 }).map((xs) => xs.map((id) => member(id)));
  const arbRecused = fc.subarray(ids).map((xs) => xs.map((userId): Recusal => ({ userId, reason: `motivo ${userId}`, kind: 'voluntary' })));
  const arbVote = fc.constantFrom<Vote>('for', 'against', 'abstain');
  const arbVotes = fc.array(fc.record({ userId: fc.constantFrom(...ids, 'zz'), vote: arbVote }), { maxLength: 10 });
  const arbQuorum = fc.integer({ min: 1, max: 6 });

  it("always refuses a recused member's vote, naming them", () => {
    fc.assert(
      fc.property(arbQuorum, arbPresent, arbRecused, arbVotes, (quorum, present, recusals, votes) => {
        const violations = checkVotes({ quorum, present, recusals, votes });
        const presentIds = new Set(present.map((m) => m.userId));
        for (const { userId } of votes) {
          if (recusals.some((r) => r.userId === userId) && presentIds.has(userId)) {
            expect(violations).toContainEqual({
              rule: 'RECUSED_MEMBER_VOTED',
              userId,
              message: expect.stringContaining(`Persona ${userId}`),
            });
          }
        }
      }),
    );
  });

  it('reports no quorum iff the present members not recused are fewer than the quorum', () => {
    fc.assert(
      fc.property(arbQuorum, arbPresent, arbRecused, arbVotes, (quorum, present, recusals, votes) => {
        const eligible = present.filter((m) => !recusals.some((r) => r.userId === m.userId));
        const noQuorum = checkVotes({ quorum, present, recusals, votes }).some((v) => v.rule === 'NO_QUORUM');
        expect(noQuorum).toBe(eligible.length < quorum);
      }),
    );
  });

  it('accepts any votes where every eligible member votes once and quorum holds', () => {
    fc.assert(
      fc.property(arbPresent, arbRecused, fc.infiniteStream(arbVote), fc.nat(), (present, recusals, stream, seed) => {
        const eligible = present.filter((m) => !recusals.some((r) => r.userId === m.userId));
        fc.pre(eligible.length >= 1);
        const quorum = 1 + (seed % eligible.length);
        const votes = [...eligible].reverse().map((m) => ({ userId: m.userId, vote: stream.next().value }));
        expect(checkVotes({ quorum, present, recusals, votes })).toEqual([]);
      }),
    );
  });

  it('finds a violation whenever the votes are not exactly one per eligible present member', () => {
    fc.assert(
      fc.property(arbPresent, arbRecused, arbVotes, (present, recusals, votes) => {
        const eligible = present.filter((m) => !recusals.some((r) => r.userId === m.userId)).map((m) => m.userId);
        const voters = votes.map((v) => v.userId);
        const exact = voters.length === eligible.length && [...voters].sort().join() === [...eligible].sort().join();
        const violations = checkVotes({ quorum: 1, present, recusals, votes }).filter((v) => v.rule !== 'NO_QUORUM');
        expect(violations.length === 0).toBe(exact);
      }),
    );
  });

  it('tally counts every vote and carries iff for > against', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ vote: arbVote })), (votes) => {
        const t = tally(votes);
        expect(t.for + t.against + t.abstain).toBe(votes.length);
        expect(t.carried).toBe(t.for > t.against);
      }),
    );
  });

  const arbAction = fc.record({
    id: fc.string({ minLength: 1, maxLength: 4 }),
    description: fc.constant('acción'),
    deadline: fc.constantFrom('2026-01-01', '2026-06-30', ''),
  });
  const arbNc = fc.record({
    id: fc.string({ minLength: 1, maxLength: 4 }),
    criterionCode: fc.constantFrom('P1.01', 'P2.03', 'P3.10'),
    level: fc.constantFrom<OpenNonConformity['level']>('critical', 'major', 'minor', 'progressive'),
    effect: fc.constantFrom<OpenNonConformity['effect']>('blocks_approval', 'requires_conditions', 'improvement_goal'),
    openActions: fc.array(arbAction, { maxLength: 3 }),
  });
  const arbOutcome = fc.constantFrom<Outcome>('approved', 'approved_with_conditions', 'denied', 'deferred');
  const arbToday = fc.option(fc.constantFrom('2025-12-31', '2026-03-01', '2026-12-31'), { nil: undefined });

  it('never allows approval while a blocking non-conformity is open, whatever else', () => {
    fc.assert(
      fc.property(fc.array(arbNc, { maxLength: 6 }), arbNc, arbOutcome, arbToday, (others, blocker, outcome, today) => {
        const open = [...others, { ...blocker, effect: 'blocks_approval' as const }];
        const { violations, conditions } = checkOutcome(outcome, open, today);
        if (outcome === 'approved' || outcome === 'approved_with_conditions') {
          expect(violations.map((v) => v.rule)).toContain('OPEN_CRITICAL_NON_CONFORMITIES');
          expect(conditions).toEqual([]);
        } else {
          expect(violations).toEqual([]);
        }
      }),
    );
  });

  it('sets conditions only for an allowed approval with conditions, each from an open action of a non-conformity requiring them', () => {
    fc.assert(
      fc.property(fc.array(arbNc, { maxLength: 6 }), arbOutcome, arbToday, (open, outcome, today) => {
        const { violations, conditions } = checkOutcome(outcome, open, today);
        if (conditions.length > 0) {
          expect(outcome).toBe('approved_with_conditions');
          expect(violations).toEqual([]);
        }
        for (const c of conditions) {
          const source = open.find(
            (n) =>
              n.id === c.nonConformityId && n.effect === 'requires_conditions' && n.openActions.some((a) => a.id === c.correctiveActionId),
          );
          expect(source).toBeDefined();
          if (today !== undefined) expect(c.deadline >= today).toBe(true);
        }
        if (outcome === 'approved_with_conditions' && violations.length === 0) {
          const requiring = open.filter((n) => n.effect === 'requires_conditions');
          expect(requiring.length).toBeGreaterThan(0);
          for (const n of requiring) expect(conditions.some((c) => c.nonConformityId === n.id)).toBe(true);
        }
      }),
    );
  });
});
