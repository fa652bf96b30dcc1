import { describe, expect, it } from 'vitest';
import { plannedOnProblem, visitedOnProblem } from '../../src/domain/visit-date.js';

describe('visitedOnProblem', () => {
  it('accepts today and any day up to one year back', () => {
    expect(visitedOnProblem('2026-05-20', '2026-05-20')).toBeNull();
    expect(visitedOnProblem('2025-05-20', '2026-05-20')).toBeNull();
  });

  it('refuses a day after today or more than a year back, saying why', () => {
    expect(visitedOnProblem('2026-05-21', '2026-05-20')).toContain('posterior a hoy');
    expect(visitedOnProblem('2025-05-19', '2026-05-20')).toContain('más de un año');
  });

  it('counts a year back from 29 February as 28 February', () => {
    expect(visitedOnProblem('2027-02-28', '2028-02-29')).toBeNull();
    expect(visitedOnProblem('2027-02-27', '2028-02-29')).toContain('2027-02-28');
  });
});

describe('plannedOnProblem', () => {
  it('accepts from 2000-01-01 to two years ahead of today', () => {
    expect(plannedOnProblem('2000-01-01', '2026-05-20')).toBeNull();
    expect(plannedOnProblem('2028-05-20', '2026-05-20')).toBeNull();
  });

  it('refuses a day outside, giving the allowed range', () => {
    expect(plannedOnProblem('1999-12-31', '2026-05-20')).toContain('entre 2000-01-01 y 2028-05-20');
    expect(plannedOnProblem('2028-05-21', '2026-05-20')).toContain('entre 2000-01-01 y 2028-05-20');
  });
});
