import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectiveStatus, endOfLaPazDay, type StoredStatus } from '../../src/domain/certificate-state.js';
import { STATEMENT_MAX_AGE_MS, nextTimeChange, statementNextUpdate } from '../../src/domain/statement-validity.js';

const MIN = 60_000;

describe('statementNextUpdate', () => {
  it('is a few minutes after production when nothing is due', () => {
    const at = new Date('2026-06-10T15:00:00Z');
    const next = statementNextUpdate({ stored: 'active', expiresOn: '2027-06-09', conditions: [] }, at);
    expect(next.getTime() - at.getTime()).toBe(STATEMENT_MAX_AGE_MS);
    expect(STATEMENT_MAX_AGE_MS).toBe(5 * MIN);
  });

  it('stops at the end of the expiry day in La Paz (04:00 UTC the next day)', () => {
    const at = new Date('2027-06-10T03:58:00Z'); // 23:58 of 9 June in La Paz
    const next = statementNextUpdate({ stored: 'active', expiresOn: '2027-06-09', conditions: [] }, at);
    expect(next.toISOString()).toBe('2027-06-10T04:00:00.000Z');
  });

  it('stops at the end of an open condition deadline, not of a closed one', () => {
    const at = new Date('2026-06-21T03:59:00Z');
    const open = { deadline: '2026-06-20', closedAt: null };
    const closed = { deadline: '2026-06-20', closedAt: '2026-06-19T12:00:00Z' };
    expect(statementNextUpdate({ stored: 'active', expiresOn: '2027-06-09', conditions: [open] }, at).toISOString()).toBe(
      '2026-06-21T04:00:00.000Z',
    );
    expect(statementNextUpdate({ stored: 'active', expiresOn: '2027-06-09', conditions: [closed] }, at).getTime()).toBe(
      at.getTime() + STATEMENT_MAX_AGE_MS,
    );
  });

  it('expects no change from time for a revoked certificate', () => {
    expect(nextTimeChange({ stored: 'revoked', expiresOn: '2026-06-20', conditions: [] }, new Date('2026-06-20T12:00:00Z'))).toBeNull();
  });

  it('never passes the expiry instant, and the status is the same at production and just before nextUpdate', () => {
    const day = fc.integer({ min: 0, max: 800 }).map((d) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.constantFrom<StoredStatus>('active', 'suspended', 'revoked'),
        day,
        fc.array(fc.record({ deadline: day, closed: fc.boolean() }), { maxLength: 3 }),
        fc.integer({ min: 0, max: 800 * 86_400_000 }),
        (stored, expiresOn, raw, offset) => {
          const at = new Date(Date.UTC(2026, 0, 1) + offset);
          const conditions = raw.map((c, i) => ({ id: `c${i}`, deadline: c.deadline, closedAt: c.closed ? '2025-12-31T00:00:00Z' : null }));
          const next = statementNextUpdate({ stored, expiresOn, conditions }, at);
          expect(next.getTime()).toBeGreaterThan(at.getTime());
          expect(next.getTime()).toBeLessThanOrEqual(at.getTime() + STATEMENT_MAX_AGE_MS);
          const expiry = endOfLaPazDay(expiresOn).getTime();
          if (at.getTime() < expiry) expect(next.getTime()).toBeLessThanOrEqual(expiry);
          const state = { stored, storedSince: '2025-12-01T00:00:00Z', storedReason: null, expiresOn, conditions };
          const before = effectiveStatus(state, at);
          const last = effectiveStatus(state, new Date(next.getTime() - 1));
          expect([last.status, last.since]).toEqual([before.status, before.since]);
        },
      ),
    );
  });
});
