import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffVersions } from '../../src/domain/criteria-diff.js';
import { allCriteria } from '../../src/domain/criteria.js';
import { criteriaFile, criterion } from '../helpers/criteria-factory.js';

describe('diffVersions', () => {
  it('lists added, changed (with fields) and retired criteria with the reason', () => {
    const from = criteriaFile();
    const to = criteriaFile({
      version: '2026.1',
      retired: [{ code: 'P2.01', reason: { es: 'Se integró en P1.02' } }],
      visitTeam: { ...from.visitTeam, requiresConsumerOrTechnician: true },
    });
    to.principles = [
      {
        ...from.principles[0]!,
        criteria: [
          criterion('P1.01', { level: 'critical' }),
          criterion('P1.02', { level: 'major', text: { es: 'Nuevo texto' }, sectors: ['agricola', 'artesania'] }),
          criterion('P1.03'),
        ],
      },
    ];
    const diff = diffVersions(from, to);
    expect(diff.added.map((c) => c.code)).toEqual(['P1.03']);
    expect(diff.changed).toEqual([expect.objectContaining({ code: 'P1.02', fields: ['text', 'level'] })]);
    expect(diff.retired).toEqual([expect.objectContaining({ code: 'P2.01', reason: { es: 'Se integró en P1.02' } })]);
    expect(diff.unchanged).toBe(1);
    expect(diff.settingsChanged).toEqual(['visitTeam']);
  });

  it('sees no difference between a version and itself, and accounts for every criterion', () => {
    const codes = fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 12 });
    fc.assert(
      fc.property(codes, codes, fc.boolean(), (a, b, bump) => {
        const make = (nums: number[], version: string) =>
          criteriaFile({
            version,
            principles: [
              {
                code: 'P1',
                title: { es: 'P' },
                description: { es: 'P' },
                criteria: nums.map((n) =>
                  criterion(`P1.${String(n).padStart(2, '0')}`, bump && n % 2 === 0 && version === 'b' ? { level: 'major' } : {}),
                ),
              },
            ],
          });
        const from = make(a, 'a');
        const to = make(b, 'b');
        const self = diffVersions(from, from);
        expect(self.added.length + self.changed.length + self.retired.length).toBe(0);
        const diff = diffVersions(from, to);
        expect(diff.added.length + diff.changed.length + diff.unchanged).toBe(allCriteria(to).length);
        expect(diff.retired.length + diff.changed.length + diff.unchanged).toBe(allCriteria(from).length);
      }),
    );
  });
});
