import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  disqualifyingTie,
  formerTieMessage,
  tieDatesProblems,
  tieStillCounts,
  TIE_KINDS,
  type FormerTie,
} from '../../src/domain/former-ties.js';
import { yearsBefore } from '../../src/domain/visit-date.js';

const unit = { producerId: 'u-visitada', organizationId: 'org-visitada' };
const tie = (overrides: Partial<FormerTie> = {}): FormerTie => ({
  personId: 'p',
  kind: 'worked_for',
  producerId: 'u-visitada',
  organizationId: null,
  targetName: 'Familia Choque',
  startedOn: '2018-01-01',
  endedOn: '2025-03-03',
  ...overrides,
});

/** The calendar day after `day` (YYYY-MM-DD). */
const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

describe('tieStillCounts', () => {
  it('counts a tie to the visited unit or to its organisation that ended within the window', () => {
    expect(tieStillCounts(tie(), unit, '2026-05-12', 2)).toBe(true);
    expect(tieStillCounts(tie({ producerId: null, organizationId: 'org-visitada' }), unit, '2026-05-12', 2)).toBe(true);
  });

  it('stops counting on the day the window closes: exactly that many years after the tie ended', () => {
    expect(tieStillCounts(tie({ endedOn: '2024-05-13' }), unit, '2026-05-12', 2)).toBe(true);
    expect(tieStillCounts(tie({ endedOn: '2024-05-12' }), unit, '2026-05-12', 2)).toBe(false);
    expect(tieStillCounts(tie({ endedOn: '2020-01-01' }), unit, '2026-05-12', 2)).toBe(false);
  });

  it('always counts a tie that goes on, even with a window of zero years', () => {
    expect(tieStillCounts(tie({ endedOn: null }), unit, '2026-05-12', 2)).toBe(true);
    expect(tieStillCounts(tie({ endedOn: null }), unit, '2026-05-12', 0)).toBe(true);
    // With no window, only a tie that ends after the visit's day still counts (its day is the edge).
    expect(tieStillCounts(tie({ endedOn: '2026-05-12' }), unit, '2026-05-12', 0)).toBe(false);
    expect(tieStillCounts(tie({ endedOn: '2026-05-13' }), unit, '2026-05-12', 0)).toBe(true);
  });

  it('does not count ties to other units or organisations', () => {
    expect(tieStillCounts(tie({ producerId: 'u-otra', endedOn: null }), unit, '2026-05-12', 2)).toBe(false);
    expect(tieStillCounts(tie({ producerId: null, organizationId: 'org-otra', endedOn: null }), unit, '2026-05-12', 2)).toBe(false);
  });

  it('measures a visit on 29 February from 28 February of the earlier year', () => {
    expect(tieStillCounts(tie({ endedOn: '2026-02-28' }), unit, '2028-02-29', 2)).toBe(false);
    expect(tieStillCounts(tie({ endedOn: '2026-03-01' }), unit, '2028-02-29', 2)).toBe(true);
  });
});

describe('tieStillCounts properties', () => {
  const arbDay = fc
    .date({ min: new Date('2001-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const arbWindow = fc.integer({ min: 0, max: 10 });
  const arbTarget = fc.constantFrom(
    { producerId: 'u-visitada', organizationId: null },
    { producerId: null, organizationId: 'org-visitada' },
    { producerId: 'u-otra', organizationId: null },
    { producerId: null, organizationId: 'org-otra' },
  );
  const arbTie = fc.record({
    personId: fc.constantFrom('p', 'q'),
    kind: fc.constantFrom(...TIE_KINDS),
    target: arbTarget,
    startedOn: fc.constant('2000-01-01'),
    endedOn: fc.option(arbDay, { nil: null }),
  });
  type Generated = typeof arbTie extends fc.Arbitrary<infer T> ? T : never;
  const asTie = ({ target, ...t }: Generated): FormerTie => ({ ...t, ...target, targetName: 'X' });
  const toVisited = (t: FormerTie) => t.producerId === 'u-visitada' || t.organizationId === 'org-visitada';

  it('a tie ending exactly at the edge of the window does not count, one ending a day later does', () => {
    fc.assert(
      fc.property(arbDay, arbWindow, fc.constantFrom<FormerTie['kind']>(...TIE_KINDS), (visit, years, kind) => {
        const edge = yearsBefore(visit, years);
        expect(tieStillCounts(tie({ kind, endedOn: edge }), unit, visit, years)).toBe(false);
        expect(tieStillCounts(tie({ kind, endedOn: dayAfter(edge) }), unit, visit, years)).toBe(true);
      }),
    );
  });

  it('an open tie to the visited unit or its organisation always counts; ties elsewhere never do', () => {
    fc.assert(
      fc.property(arbTie, arbDay, arbWindow, (generated, visit, years) => {
        const t = asTie(generated);
        const counts = tieStillCounts(t, unit, visit, years);
        if (!toVisited(t)) expect(counts).toBe(false);
        else if (t.endedOn === null) expect(counts).toBe(true);
      }),
    );
  });

  it('if a tie counts, a tie that ended later counts too, and a wider window never lets it through', () => {
    fc.assert(
      fc.property(arbDay, arbDay, arbDay, arbWindow, (ended, later, visit, years) => {
        fc.pre(later >= ended);
        if (!tieStillCounts(tie({ endedOn: ended }), unit, visit, years)) return;
        expect(tieStillCounts(tie({ endedOn: later }), unit, visit, years)).toBe(true);
        expect(tieStillCounts(tie({ endedOn: ended }), unit, visit, years + 1)).toBe(true);
      }),
    );
  });

  it('disqualifies a person exactly when one of their own ties counts', () => {
    fc.assert(
      fc.property(fc.array(arbTie, { maxLength: 6 }), arbDay, arbWindow, (generated, visit, years) => {
        const ties = generated.map(asTie);
        const found = disqualifyingTie('p', ties, unit, visit, years);
        const expected = ties.some((t) => t.personId === 'p' && tieStillCounts(t, unit, visit, years));
        expect(found !== undefined).toBe(expected);
        if (found) {
          expect(found.personId).toBe('p');
          // The one named is the latest: open, or ended no earlier than any other that counts.
          for (const t of ties.filter((o) => o.personId === 'p' && tieStillCounts(o, unit, visit, years))) {
            if (found.endedOn !== null) expect(t.endedOn !== null && t.endedOn <= found.endedOn).toBe(true);
          }
        }
      }),
    );
  });
});

describe('formerTieMessage', () => {
  it('names the person, the tie, when it ended, the window and the criteria version', () => {
    expect(
      formerTieMessage('Juana Pérez', tie({ producerId: null, organizationId: 'org', targetName: 'Cooperativa X' }), 2, '2026.2'),
    ).toBe(
      'Juana Pérez no puede visitar esta unidad: trabajó para la organización «Cooperativa X» hasta el 3 de marzo de 2025, dentro de los 2 años que fija la regla de vínculos anteriores (criterios 2026.2)',
    );
    expect(formerTieMessage('Juana Pérez', tie({ kind: 'traded_with' }), 1, '2025.1')).toBe(
      'Juana Pérez no puede visitar esta unidad: le compró o vendió a la unidad productiva «Familia Choque» hasta el 3 de marzo de 2025, dentro del año que fija la regla de vínculos anteriores (criterios 2025.1)',
    );
  });

  it('says an ongoing tie goes on, since when, and what the rule asks', () => {
    expect(formerTieMessage('Juana Pérez', tie({ kind: 'member_of', endedOn: null }), 2, '2026.2')).toBe(
      'Juana Pérez no puede visitar esta unidad: es socio o miembro de la unidad productiva «Familia Choque» desde el 1 de enero de 2018 y el vínculo sigue vigente; la regla de vínculos anteriores (criterios 2026.2) pide que haya terminado hace al menos 2 años',
    );
  });
});

describe('tieDatesProblems', () => {
  it('accepts a tie that began and ended by today, or goes on', () => {
    expect(tieDatesProblems('2020-01-01', '2025-03-03', '2026-05-12')).toEqual([]);
    expect(tieDatesProblems('2020-01-01', null, '2026-05-12')).toEqual([]);
    expect(tieDatesProblems('2026-05-12', '2026-05-12', '2026-05-12')).toEqual([]);
  });

  it('refuses days after today and an end before the start, naming the field', () => {
    expect(tieDatesProblems('2026-05-13', null, '2026-05-12').map((p) => p.field)).toEqual(['startedOn']);
    expect(tieDatesProblems('2020-01-01', '2026-06-01', '2026-05-12')).toEqual([
      { field: 'endedOn', message: expect.stringContaining('deje la fecha de fin vacía') },
    ]);
    expect(tieDatesProblems('2020-01-01', '2019-12-31', '2026-05-12')).toEqual([
      { field: 'endedOn', message: 'El vínculo no puede terminar (2019-12-31) antes de empezar (2020-01-01)' },
    ]);
  });
});
