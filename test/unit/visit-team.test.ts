import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FormerTie } from '../../src/domain/former-ties.js';
import { checkVisitTeam, type PastVisit, type TeamMember, type TeamRules } from '../../src/domain/visit-team.js';

const rules: TeamRules = {
  version: '2026.2',
  visitTeam: {
    minSize: 2,
    maxSize: 4,
    minProducersFromOtherUnits: 1,
    requiresConsumerOrTechnician: false,
    maxConsecutiveCyclesSameReviewer: 2,
  },
  conflictOfInterest: { reciprocalVisitWindowCycles: 1, formerTiesWindowYears: 2 },
};
const visited = { producerId: 'u-visitada', organizationId: 'org-visitada', household: 'Familia Choque' };
const member = (id: string, overrides: Partial<TeamMember> = {}): TeamMember => ({
  personId: id,
  name: `Persona ${id}`,
  kind: 'producer',
  producerId: `u-${id}`,
  household: `Familia ${id}`,
  ...overrides,
});
const check = (team: TeamMember[], history: PastVisit[] = [], cycle = 2026, r = rules, ties: FormerTie[] = []) =>
  checkVisitTeam({ visited, team, cycle, history, visitDate: '2026-05-12', ties, rules: r });

describe('checkVisitTeam', () => {
  it('accepts a valid team of producers from other units', () => {
    expect(check([member('a'), member('b', { kind: 'technician', producerId: null })])).toEqual([]);
  });

  it('refuses a reviewer from the visited household, naming rule and person', () => {
    const violations = check([member('a'), member('b', { household: ' familia choque ' })]);
    expect(violations).toEqual([{ rule: 'SAME_HOUSEHOLD', personId: 'b', message: expect.stringContaining('Persona b') }]);
  });

  it('refuses a member of the visited unit itself', () => {
    expect(check([member('a'), member('b', { producerId: 'u-visitada' })]).map((v) => v.rule)).toEqual(['OWN_UNIT']);
  });

  it('refuses a trading visit within the window, and allows it after', () => {
    const history: PastVisit[] = [{ cycle: 2025, visitedProducerId: 'u-a', reviewers: [{ personId: 'x', producerId: 'u-visitada' }] }];
    expect(check([member('a'), member('b')], history)).toEqual([
      { rule: 'TRADING_VISIT', personId: 'a', message: expect.stringContaining('ciclo 2025') },
    ]);
    expect(check([member('a'), member('b')], history, 2027)).toEqual([]);
  });

  it('refuses a reviewer who already visited the producer the allowed number of cycles in a row', () => {
    const past = (cycle: number): PastVisit => ({
      cycle,
      visitedProducerId: 'u-visitada',
      reviewers: [{ personId: 'a', producerId: 'u-a' }],
    });
    expect(check([member('a'), member('b')], [past(2024), past(2025)]).map((v) => v.rule)).toEqual(['REPEAT_REVIEWER']);
    expect(check([member('a'), member('b')], [past(2023), past(2025)])).toEqual([]);
  });

  it('refuses a member with a recent tie to the visited unit or its organisation, naming the tie and the version', () => {
    const tie = (overrides: Partial<FormerTie>): FormerTie => ({
      personId: 'b',
      kind: 'worked_for',
      producerId: null,
      organizationId: 'org-visitada',
      targetName: 'Cooperativa X',
      startedOn: '2020-01-01',
      endedOn: '2025-03-03',
      ...overrides,
    });
    const violations = check([member('a'), member('b')], [], 2026, rules, [tie({})]);
    expect(violations).toEqual([
      {
        rule: 'FORMER_TIE',
        personId: 'b',
        message:
          'Persona b no puede visitar esta unidad: trabajó para la organización «Cooperativa X» hasta el 3 de marzo de 2025, dentro de los 2 años que fija la regla de vínculos anteriores (criterios 2026.2)',
      },
    ]);
    // Ended exactly two years before the visit: allowed; a tie elsewhere never counts.
    expect(check([member('a'), member('b')], [], 2026, rules, [tie({ endedOn: '2024-05-12' })])).toEqual([]);
    expect(check([member('a'), member('b')], [], 2026, rules, [tie({ endedOn: null, organizationId: 'org-otra' })])).toEqual([]);
    // The window is the version's: with one year, the same tie no longer counts.
    const oneYear = { ...rules, conflictOfInterest: { ...rules.conflictOfInterest, formerTiesWindowYears: 1 } };
    expect(check([member('a'), member('b')], [], 2026, oneYear, [tie({})])).toEqual([]);
  });

  it('checks size and composition from the scheme data', () => {
    expect(check([member('a')]).map((v) => v.rule)).toEqual(['TEAM_TOO_SMALL']);
    expect(check(['a', 'b', 'c', 'd', 'e'].map((id) => member(id))).map((v) => v.rule)).toEqual(['TEAM_TOO_LARGE']);
    const consumers = [member('a', { kind: 'consumer', producerId: null }), member('b', { kind: 'technician', producerId: null })];
    expect(check(consumers).map((v) => v.rule)).toEqual(['NOT_ENOUGH_OTHER_PRODUCERS']);
    const strict = { ...rules, visitTeam: { ...rules.visitTeam, requiresConsumerOrTechnician: true } };
    expect(check([member('a'), member('b')], [], 2026, strict).map((v) => v.rule)).toEqual(['CONSUMER_OR_TECHNICIAN_REQUIRED']);
    expect(check([member('a'), member('a')]).map((v) => v.rule)).toEqual(['DUPLICATE_MEMBER']);
  });
});

describe('checkVisitTeam properties', () => {
  const arbMember = fc.record({
    personId: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
    name: fc.constant('P'),
    kind: fc.constantFrom<TeamMember['kind']>('producer', 'consumer', 'technician'),
    producerId: fc.constantFrom('u-a', 'u-b', 'u-visitada', null),
    household: fc.constantFrom('Familia Choque', 'Familia Mamani', null),
  });
  const arbHistory = fc.array(
    fc.record({
      cycle: fc.integer({ min: 2022, max: 2026 }),
      visitedProducerId: fc.constantFrom('u-a', 'u-b', 'u-visitada'),
      reviewers: fc.array(fc.record({ personId: fc.constantFrom('a', 'b', 'x'), producerId: fc.constantFrom('u-a', 'u-visitada', null) }), {
        maxLength: 3,
      }),
    }),
    { maxLength: 6 },
  );
  const arbTies = fc.array(
    fc.record({
      personId: fc.constantFrom('a', 'b', 'c'),
      kind: fc.constant<FormerTie['kind']>('worked_for'),
      producerId: fc.constantFrom('u-visitada', 'u-b', null),
      organizationId: fc.constant(null),
      targetName: fc.constant('X'),
      startedOn: fc.constant('2015-01-01'),
      endedOn: fc.constantFrom('2020-01-01', '2025-01-01', null),
    }),
    { maxLength: 4 },
  );

  it('never accepts a team containing someone of the visited unit or household', () => {
    fc.assert(
      fc.property(fc.array(arbMember, { maxLength: 5 }), arbHistory, (team, history) => {
        const conflicted = team.some((m) => m.producerId === 'u-visitada' || m.household === 'Familia Choque');
        if (conflicted) expect(check(team, history)).not.toEqual([]);
      }),
    );
  });

  it('names a person on every per-person rule, and refusals only grow when a member is added', () => {
    const perPerson = new Set(['OWN_UNIT', 'SAME_HOUSEHOLD', 'TRADING_VISIT', 'REPEAT_REVIEWER', 'FORMER_TIE', 'DUPLICATE_MEMBER']);
    fc.assert(
      fc.property(fc.array(arbMember, { maxLength: 4 }), arbMember, arbHistory, arbTies, (team, extra, history, ties) => {
        const before = check(team, history, 2026, rules, ties);
        for (const v of before) if (perPerson.has(v.rule)) expect(v.personId).toBeDefined();
        const after = check([...team, extra], history, 2026, rules, ties);
        const personal = (vs: typeof before) => vs.filter((v) => perPerson.has(v.rule)).length;
        expect(personal(after)).toBeGreaterThanOrEqual(personal(before));
      }),
    );
  });

  it('is unaffected by the order of the team', () => {
    const distinctTeam = fc.uniqueArray(arbMember, { maxLength: 5, selector: (m) => m.personId });
    fc.assert(
      fc.property(distinctTeam, arbHistory, arbTies, (team, history, ties) => {
        const key = (t: TeamMember[]) =>
          check(t, history, 2026, rules, ties)
            .map((v) => `${v.rule}:${v.personId ?? ''}`)
            .sort();
        expect(key([...team].reverse())).toEqual(key(team));
      }),
    );
  });
});

describe('checkVisitTeam for an organisation’s own file (group certification)', () => {
  const organization = { producerId: null, organizationId: 'org-visitada', household: null };
  const checkOrg = (team: TeamMember[], history: PastVisit[] = []) =>
    checkVisitTeam({ visited: organization, team, cycle: 2026, history, visitDate: '2026-05-12', ties: [], rules });

  it('refuses members of the visited organisation and counts only producers of other organisations', () => {
    const insider = member('a', { organizationId: 'org-visitada' });
    const violations = checkOrg([insider, member('b', { kind: 'technician', producerId: null, organizationId: 'org-otra' })]);
    expect(violations.map((v) => [v.rule, v.personId])).toEqual([
      ['OWN_ORGANIZATION', 'a'],
      ['NOT_ENOUGH_OTHER_PRODUCERS', undefined],
    ]);
    expect(violations[0]!.message).toBe('Persona a pertenece a la organización visitada: nadie evalúa a su propia organización');
    expect(checkOrg([member('c', { organizationId: 'org-otra' }), member('d', { organizationId: 'org-otra' })])).toEqual([]);
  });

  it('never accepts a team with someone of the visited organisation, whatever the history', () => {
    const arbOrgMember = fc.record({
      personId: fc.constantFrom('a', 'b', 'c', 'd'),
      name: fc.constant('Persona'),
      kind: fc.constantFrom<TeamMember['kind']>('producer', 'consumer', 'technician'),
      producerId: fc.constantFrom('u-a', 'u-b', null),
      household: fc.constantFrom('Familia a', null),
      organizationId: fc.constantFrom('org-visitada', 'org-otra', null),
    });
    fc.assert(
      fc.property(fc.uniqueArray(arbOrgMember, { maxLength: 4, selector: (m) => m.personId }), (team) => {
        if (team.some((m) => m.organizationId === 'org-visitada')) expect(checkOrg(team).map((v) => v.rule)).toContain('OWN_ORGANIZATION');
      }),
    );
  });
});
