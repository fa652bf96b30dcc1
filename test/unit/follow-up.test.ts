import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkOutcome } from '../../src/domain/commission.js';
import {
  CLOSURE_KINDS,
  checkFollowUpIndependence,
  followUpMeans,
  followUpRequiredMessage,
  nonConformityClosed,
  type ClosureKind,
  type FollowUpPolicy,
} from '../../src/domain/follow-up.js';

const policy2026_4: FollowUpPolicy = {
  critical: { followUp: ['visit'] },
  major: { followUp: ['visit', 'commission_review'] },
  minor: {},
  progressive: {},
};
const policy2026_3: FollowUpPolicy = { critical: {}, major: {}, minor: {}, progressive: {} };

describe('followUpMeans', () => {
  it('reads the means of the level from the version’s policy, and none where the committee closes', () => {
    expect(followUpMeans('critical', policy2026_4)).toEqual(['visit']);
    expect(followUpMeans('major', policy2026_4)).toEqual(['visit', 'commission_review']);
    expect(followUpMeans('minor', policy2026_4)).toBeNull();
    expect(followUpMeans('critical', policy2026_3)).toBeNull();
  });

  it('names the level, the means and the version in the refusal', () => {
    expect(followUpRequiredMessage('critical', ['visit'], '2026.4')).toBe(
      'Una no conformidad crítica solo se cierra con una visita de seguimiento de un equipo independiente del comité (criterios 2026.4)',
    );
    expect(followUpRequiredMessage('major', ['visit', 'commission_review'], '2026.4')).toContain(
      'o la revisión de la evidencia por la comisión de certificación',
    );
  });
});

describe('nonConformityClosed', () => {
  const closedBy = (kind: ClosureKind | null) => ({ closedAt: '2026-07-01T12:00:00Z', closedBy: kind });
  const open = { closedAt: null, closedBy: null };

  it('lets any closure close a non-conformity without follow-up, older ones without closedBy too', () => {
    expect(nonConformityClosed(false, [closedBy('committee')], false)).toBe(true);
    expect(nonConformityClosed(false, [closedBy(null)], false)).toBe(true);
    expect(nonConformityClosed(false, [open], false)).toBe(false);
    expect(nonConformityClosed(false, [], false)).toBe(false);
  });

  it('never counts the committee’s closure when follow-up is needed', () => {
    expect(nonConformityClosed(true, [closedBy('committee')], false)).toBe(false);
    expect(nonConformityClosed(true, [closedBy(null)], false)).toBe(false);
    expect(nonConformityClosed(true, [closedBy('follow_up_visit')], false)).toBe(true);
    expect(nonConformityClosed(true, [closedBy('commission_review')], false)).toBe(true);
    expect(nonConformityClosed(true, [], true)).toBe(true);
  });

  it('with follow-up, is closed exactly when a follow-up closed an action or a follow-up visit verified it', () => {
    const action = fc.record({
      closedAt: fc.option(fc.constant('2026-07-01T12:00:00Z'), { nil: null }),
      closedBy: fc.option(fc.constantFrom(...CLOSURE_KINDS), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(action, { maxLength: 5 }), fc.boolean(), (actions, verified) => {
        const byFollowUp = actions.some((a) => a.closedAt !== null && a.closedBy !== null && a.closedBy !== 'committee');
        expect(nonConformityClosed(true, actions, verified)).toBe(verified || byFollowUp);
        // A committee's closure added never changes the answer.
        const withCommittee = [...actions, closedBy('committee')];
        expect(nonConformityClosed(true, withCommittee, verified)).toBe(verified || byFollowUp);
      }),
    );
  });
});

describe('checkFollowUpIndependence', () => {
  const team = [
    { personId: 'rosa', name: 'Rosa Mamani' },
    { personId: 'juan', name: 'Juan Condori' },
    { personId: 'eva', name: 'Eva Quispe' },
    { personId: 'luis', name: 'Luis Flores' },
  ];

  it('names each person and why, one reason per person', () => {
    const violations = checkFollowUpIndependence({
      team,
      originalTeamPersonIds: ['rosa'],
      committeePersonIds: ['juan', 'rosa'],
      actionAuthorPersonIds: ['eva'],
    });
    expect(violations).toEqual([
      {
        rule: 'ORIGINAL_VISIT_TEAM',
        personId: 'rosa',
        message: 'Rosa Mamani integró el equipo de la visita que encontró la no conformidad',
      },
      { rule: 'COMMITTEE_MEMBER', personId: 'juan', message: 'Juan Condori es miembro del comité local de la organización' },
      { rule: 'CORRECTIVE_ACTION_AUTHOR', personId: 'eva', message: 'Eva Quispe acordó o cerró la acción correctiva que se verifica' },
    ]);
  });

  it('accepts a team disjoint from the original team, the committee and the actions’ authors, and only such a team', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const subset = fc.subarray(ids);
    fc.assert(
      fc.property(subset, subset, subset, subset, (members, original, committee, authors) => {
        const violations = checkFollowUpIndependence({
          team: members.map((personId) => ({ personId, name: personId })),
          originalTeamPersonIds: original,
          committeePersonIds: committee,
          actionAuthorPersonIds: authors,
        });
        const dependent = members.filter((m) => original.includes(m) || committee.includes(m) || authors.includes(m));
        expect(violations.map((v) => v.personId)).toEqual(dependent);
      }),
    );
  });
});

describe('checkOutcome with follow-up', () => {
  it('names the criterion and the missing follow-up when a critical finding blocks approval', () => {
    const open = [
      {
        id: 'nc',
        criterionCode: 'P5.01',
        level: 'critical' as const,
        effect: 'blocks_approval' as const,
        openActions: [],
        followUp: ['visit' as const],
      },
    ];
    const { violations } = checkOutcome('approved', open);
    expect(violations[0]!.message).toContain('(criterios P5.01: falta una visita de seguimiento de un equipo independiente del comité)');
  });
});
