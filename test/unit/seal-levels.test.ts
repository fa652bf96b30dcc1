import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  appealLastDay,
  DEFAULT_REVOCATION_APPEAL_DAYS,
  lateRevocationAppeal,
  revocationAppealDays,
} from '../../src/domain/appeal-deadline.js';
import { CriteriaFileSchema, PENDING_CONDITIONS_RULES, type SealLevel } from '../../src/domain/criteria-schema.js';
import { checkVersionRules } from '../../src/domain/criteria.js';
import { allowedSealLevels, levelAllowed, levelRefusal, requirementOf } from '../../src/domain/seal-levels.js';
import { criteriaFile } from '../helpers/criteria-factory.js';

const level = (code: string, requires?: SealLevel['requires']): SealLevel => ({
  code,
  name: { es: code === 'pleno' ? 'Pleno' : 'En transición' },
  description: { es: `Nivel ${code}` },
  ...(requires ? { requires } : {}),
});

/** A condition as a decision sets it: a corrective action with its deadline. */
const conditionArb = fc.record({ correctiveActionId: fc.uuid(), deadline: fc.constantFrom('2026-12-01', '2027-03-31') });
const levelArb = fc.record({
  code: fc.constantFrom('pleno', 'transicion', 'bronce', 'plata'),
  rule: fc.option(fc.constantFrom(...PENDING_CONDITIONS_RULES), { nil: undefined }),
});

describe('seal levels follow from the results', () => {
  it('allows exactly the levels whose requirement holds, for any set of conditions', () => {
    fc.assert(
      fc.property(fc.array(levelArb, { minLength: 1, maxLength: 5 }), fc.array(conditionArb, { maxLength: 6 }), (specs, conditions) => {
        const levels = specs.map((s) => level(s.code, s.rule ? { pendingConditions: s.rule } : undefined));
        const situation = { pendingConditions: conditions.length };
        const allowed = allowedSealLevels(levels, situation);
        const holds = (l: SealLevel) => {
          const rule = l.requires?.pendingConditions ?? (l.code === 'pleno' ? 'none' : 'allowed');
          return rule === 'allowed' || conditions.length === 0;
        };
        expect(allowed).toEqual(levels.filter(holds));
        for (const l of levels) {
          expect(levelAllowed(l, situation)).toBe(holds(l));
          expect(levelRefusal(l, situation, '2026.3') === undefined).toBe(holds(l));
        }
      }),
    );
  });

  it('refuses pleno with a condition, naming the rule, the level and the criteria version', () => {
    const pleno = level('pleno', { pendingConditions: 'none' });
    expect(levelRefusal(pleno, { pendingConditions: 1 }, '2026.3')).toBe(
      'El nivel Pleno exige no tener condiciones pendientes (criterios 2026.3): este expediente tiene 1 condición',
    );
    expect(levelRefusal(pleno, { pendingConditions: 2 }, '2026.3')).toMatch(/tiene 2 condiciones$/);
    expect(levelRefusal(pleno, { pendingConditions: 0 }, '2026.3')).toBeUndefined();
    expect(levelRefusal(level('transicion', { pendingConditions: 'allowed' }), { pendingConditions: 3 }, '2026.3')).toBeUndefined();
  });

  it('falls back, for versions without the rule, to what their text says: pleno without pending conditions', () => {
    expect(requirementOf(level('pleno'))).toEqual({ pendingConditions: 'none' });
    expect(requirementOf(level('transicion'))).toEqual({ pendingConditions: 'allowed' });
    // The written rule wins over the fallback.
    expect(requirementOf(level('pleno', { pendingConditions: 'allowed' }))).toEqual({ pendingConditions: 'allowed' });
    expect(levelRefusal(level('pleno'), { pendingConditions: 1 }, '2026.2')).toContain(
      '(criterios 2026.2, según la descripción del nivel)',
    );
  });

  it('accepts versions with and without the rules, and refuses a rule on some levels only or an unknown rule', () => {
    const withRules = criteriaFile({
      sealLevels: [level('transicion', { pendingConditions: 'allowed' }), level('pleno', { pendingConditions: 'none' })],
      appeals: { deadlineDays: { revocation: 30 } },
    });
    expect(CriteriaFileSchema.safeParse(withRules).success).toBe(true);
    expect(checkVersionRules(withRules)).toEqual([]);
    expect(CriteriaFileSchema.safeParse(criteriaFile()).success).toBe(true);

    const some = criteriaFile({ sealLevels: [level('transicion'), level('pleno', { pendingConditions: 'none' })] });
    expect(checkVersionRules(some)).toEqual([expect.objectContaining({ path: 'sealLevels' })]);

    const unknown = { ...withRules, sealLevels: [{ ...level('pleno'), requires: { pendingConditions: 'some' } }] };
    expect(CriteriaFileSchema.safeParse(unknown).error!.issues[0]!.path).toEqual(['sealLevels', 0, 'requires', 'pendingConditions']);
    const noDays = { ...withRules, appeals: { deadlineDays: { revocation: 0 } } };
    expect(CriteriaFileSchema.safeParse(noDays).success).toBe(false);
  });
});

describe('the deadline to appeal a revocation', () => {
  const v = (days?: number) => ({
    version: days ? '2026.3' : '2026.2',
    ...(days ? { appeals: { deadlineDays: { revocation: days } } } : {}),
  });

  it('takes the days from the criteria, or the stated default for versions without them', () => {
    expect(revocationAppealDays(v(45))).toBe(45);
    expect(revocationAppealDays(v())).toBe(DEFAULT_REVOCATION_APPEAL_DAYS);
    expect(DEFAULT_REVOCATION_APPEAL_DAYS).toBe(30);
  });

  it('counts calendar days in Bolivia from the day of the revocation; the last day is included', () => {
    // 2026-12-01 02:00Z is still 30 November in Bolivia (UTC-4).
    expect(appealLastDay(new Date('2026-12-01T02:00:00Z'), 30)).toBe('2026-12-30');
    expect(appealLastDay(new Date('2026-12-01T15:00:00Z'), 30)).toBe('2026-12-31');
    const revokedAt = new Date('2026-12-01T15:00:00Z');
    // The last instant of 31 December in Bolivia is on time; 00:00 of 1 January there is late.
    expect(lateRevocationAppeal(revokedAt, new Date('2027-01-01T03:59:59Z'), v(30))).toBeUndefined();
    expect(lateRevocationAppeal(revokedAt, new Date('2027-01-01T04:00:00Z'), v(30))).toBe(
      'El plazo para apelar la revocación venció el 31 de diciembre de 2026 (30 días desde la revocación, criterios 2026.3)',
    );
    expect(lateRevocationAppeal(revokedAt, new Date('2027-02-01T12:00:00Z'), v())).toContain('plazo general, criterios 2026.2');
  });

  it('is never late before the last day ends and always late after it, for any revocation and wait', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2025-01-01'), max: Date.parse('2030-01-01') }),
        fc.integer({ min: 1, max: 365 }),
        fc.integer({ min: 0, max: 400 * 86_400_000 }),
        (revoked, days, wait) => {
          const late = lateRevocationAppeal(new Date(revoked), new Date(revoked + wait), v(days)) !== undefined;
          // Whole days after the revocation's day in Bolivia, including it as day 0.
          const dayIndex = (ms: number) => Math.floor((ms - 4 * 3_600_000) / 86_400_000);
          expect(late).toBe(dayIndex(revoked + wait) - dayIndex(revoked) > days);
        },
      ),
    );
  });
});
