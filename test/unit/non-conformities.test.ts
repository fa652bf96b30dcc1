import { describe, expect, it } from 'vitest';
import { deriveNonConformities, type Answer } from '../../src/domain/non-conformities.js';
import { criteriaFile, criterion } from '../helpers/criteria-factory.js';

const file = criteriaFile();
const criteria = new Map(
  [
    criterion('P1.01', { level: 'critical' }),
    criterion('P1.02', { level: 'major' }),
    criterion('P1.03', { level: 'minor' }),
    criterion('P1.04', { level: 'progressive' }),
    criterion('P1.05', { level: 'major', requiredFrom: 2027 }),
  ].map((c) => [c.code, c]),
);

describe('deriveNonConformities', () => {
  it('applies the decision policy of each level', () => {
    const answers: Answer[] = [
      { criterionCode: 'P1.01', value: 'no_cumple', notes: 'Niño de 11 años en la cosecha' },
      { criterionCode: 'P1.02', value: 'parcial' },
      { criterionCode: 'P1.03', value: 'no_cumple' },
      { criterionCode: 'P1.04', value: 'parcial' },
      { criterionCode: 'P1.04', value: 'cumple' },
    ];
    const found = deriveNonConformities(answers, criteria, file.decisionPolicy, 2026);
    expect(found.map((n) => [n.criterionCode, n.level, n.effect])).toEqual([
      ['P1.01', 'critical', 'blocks_approval'],
      ['P1.02', 'major', 'requires_conditions'],
      ['P1.03', 'minor', 'improvement_goal'],
    ]);
    expect(found[0]!.evidence).toBe('Niño de 11 años en la cosecha');
    expect(found[1]!.correctiveActionMaxDays).toBe(90);
  });

  it('records a phased-in criterion as an improvement goal until its year', () => {
    const answers: Answer[] = [{ criterionCode: 'P1.05', value: 'no_cumple' }];
    expect(deriveNonConformities(answers, criteria, file.decisionPolicy, 2026)[0]).toMatchObject({
      effect: 'improvement_goal',
      phasedIn: true,
    });
    expect(deriveNonConformities(answers, criteria, file.decisionPolicy, 2027)[0]).toMatchObject({
      effect: 'requires_conditions',
      phasedIn: false,
    });
  });

  it('finds nothing in compliant or not-applicable answers', () => {
    const answers: Answer[] = [...criteria.keys()].flatMap((code) => [
      { criterionCode: code, value: 'cumple' as const },
      { criterionCode: code, value: 'no_aplica' as const },
    ]);
    expect(deriveNonConformities(answers, criteria, file.decisionPolicy, 2026)).toEqual([]);
  });
});
