import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextChangeAt } from '../../src/domain/certificate-due.js';
import { applyEvent, effectiveStatus, suspensionCap, timeEvents, type CertificateState } from '../../src/domain/certificate-state.js';
import { statementNextUpdate } from '../../src/domain/statement-validity.js';
import { limitRevocationReason, revocationAfterSuspension, type SuspensionLimit } from '../../src/domain/suspension-limit.js';

const LIMIT: SuspensionLimit = { months: 6, criteriaVersion: '2026.2' };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const suspended = (overrides: Partial<CertificateState> = {}): CertificateState => ({
  stored: 'suspended',
  storedSince: '2026-03-03T15:00:00.000Z',
  storedReason: 'Denuncia en investigación',
  expiresOn: '2027-01-14',
  conditions: [],
  suspensionLimit: LIMIT,
  ...overrides,
});

const REASON =
  'Revocado por el sistema: la suspensión del 3 de marzo de 2026 superó el máximo de 6 meses sin rehabilitación (criterios 2026.2).';
// Last day of the maximum: 2 September 2026; it lapses at 00:00 of the 3rd in Bolivia.
const LIMIT_END = '2026-09-03T04:00:00.000Z';

describe('the end of the longest suspension', () => {
  it('is the end of the last day of the maximum in Bolivia, counted from the Bolivian start date', () => {
    expect(revocationAfterSuspension('2026-03-03T15:00:00.000Z', '2027-01-14', LIMIT)).toEqual({
      at: Date.parse(LIMIT_END),
      reason: REASON,
    });
    // 23:30 of 3 March in Bolivia is still the 3rd there, though already the 4th in UTC.
    expect(revocationAfterSuspension('2026-03-04T03:30:00.000Z', '2027-01-14', LIMIT)?.at).toBe(Date.parse(LIMIT_END));
    // A month without that day: the maximum runs to the end of the shorter month.
    expect(new Date(revocationAfterSuspension('2026-08-31T15:00:00.000Z', '2030-01-01', LIMIT)!.at).toISOString()).toBe(
      '2027-03-01T04:00:00.000Z',
    );
    expect(limitRevocationReason('2026-03-03', { months: 1, criteriaVersion: '2025.1' })).toContain('el máximo de 1 mes sin');
  });

  it('does not come when the certificate expires first, or at that same instant', () => {
    expect(revocationAfterSuspension('2026-03-03T15:00:00.000Z', '2026-09-01', LIMIT)).toBeNull();
    expect(revocationAfterSuspension('2026-03-03T15:00:00.000Z', '2026-09-02', LIMIT)).toBeNull();
    expect(revocationAfterSuspension('2026-03-03T15:00:00.000Z', '2026-09-03', LIMIT)?.at).toBe(Date.parse(LIMIT_END));
  });
});

describe('a suspension that passes its maximum', () => {
  it('makes the certificate revoked by the system from that instant, and not a millisecond before', () => {
    const end = Date.parse(LIMIT_END);
    expect(effectiveStatus(suspended(), new Date(end - 1))).toMatchObject({ status: 'suspended', automatic: false });
    expect(effectiveStatus(suspended(), new Date(end))).toEqual({
      status: 'revoked',
      since: LIMIT_END,
      reason: REASON,
      automatic: true,
      overdueConditionIds: [],
    });
    // Revoked for good: the later expiry changes nothing.
    expect(effectiveStatus(suspended(), new Date('2027-06-01T00:00:00Z')).status).toBe('revoked');
    // Without the limit (criteria unknown) it stays suspended, flagged for the commission.
    const unlimited = effectiveStatus(suspended({ suspensionLimit: null }), new Date(end));
    expect(unlimited.status).toBe('suspended');
    expect(suspensionCap(unlimited, 6, new Date(end)).exceeded).toBe(true);
  });

  it('is one time event, recorded once, and none after it', () => {
    const from = new Date('2026-03-03T15:00:00.000Z');
    const events = timeEvents(suspended(), from, new Date('2027-06-01T00:00:00Z'));
    expect(events).toEqual([{ event: 'limit_revoked', at: LIMIT_END, reason: REASON }]);
    expect(timeEvents(suspended(), new Date(LIMIT_END), new Date('2027-06-01T00:00:00Z'))).toEqual([]);
    // Once stored, time does nothing more.
    const stored = suspended({ stored: 'revoked', storedSince: LIMIT_END, storedReason: REASON });
    expect(timeEvents(stored, new Date(LIMIT_END), new Date('2027-06-01T00:00:00Z'))).toEqual([]);
    expect(effectiveStatus(stored, new Date('2027-06-01T00:00:00Z'))).toMatchObject({
      status: 'revoked',
      since: LIMIT_END,
      reason: REASON,
    });
  });

  it('is when the registry sweep must look, and no signed statement is served past it', () => {
    expect(nextChangeAt(suspended(), new Date('2026-05-01T00:00:00Z'))?.toISOString()).toBe(LIMIT_END);
    expect(nextChangeAt(suspended(), new Date(LIMIT_END))).toBeNull();
    expect(nextChangeAt(suspended({ suspensionLimit: null }), new Date('2026-05-01T00:00:00Z'))?.toISOString()).toBe(
      '2027-01-15T04:00:00.000Z',
    );
    const inputs = {
      stored: 'suspended' as const,
      storedSince: '2026-03-03T15:00:00.000Z',
      expiresOn: '2027-01-14',
      conditions: [],
      suspensionLimit: LIMIT,
    };
    const producedAt = new Date(Date.parse(LIMIT_END) - 60_000);
    expect(statementNextUpdate(inputs, producedAt).toISOString()).toBe(LIMIT_END);
    expect(statementNextUpdate({ ...inputs, stored: 'active' }, producedAt).getTime()).toBe(producedAt.getTime() + 5 * 60_000);
  });
});

/** The instant a suspension that began at `start` lapses, worked out here on its own: the same day-of-month six months on, 00:00 in Bolivia. */
function limitEndOf(start: number): number {
  const local = new Date(start - 4 * HOUR);
  const [y, m, d] = [local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()];
  const daysInTarget = new Date(Date.UTC(y, m + 7, 0)).getUTCDate();
  const anniversary = d <= daysInTarget ? Date.UTC(y, m + 6, d) : Date.UTC(y, m + 7, 1);
  return anniversary + 4 * HOUR;
}

type Step = { gapMs: number; kind: 'suspend' | 'reinstate' | 'sweep' };

/**
 * Runs the acts as the application does: before each act, and at each sweep, what time did since
 * the last event is recorded (the system's revocation storing its status); an act the stored status
 * does not allow is refused.
 */
function simulate(start: number, steps: Step[]) {
  let state: CertificateState = {
    stored: 'active',
    storedSince: new Date(start).toISOString(),
    storedReason: null,
    expiresOn: '2040-12-31',
    conditions: [],
    suspensionLimit: LIMIT,
  };
  let lastEvent = start;
  let t = start;
  const sweep = (to: number) => {
    for (const e of timeEvents(state, new Date(lastEvent), new Date(to))) {
      expect(e.event).toBe('limit_revoked');
      if (e.event === 'limit_revoked') state = { ...state, stored: 'revoked', storedSince: e.at, storedReason: e.reason };
      lastEvent = Date.parse(e.at);
    }
  };
  for (const step of steps) {
    t += step.gapMs;
    sweep(t);
    if (step.kind === 'sweep') continue;
    const r = applyEvent(state.stored, step.kind);
    if (!r.ok) continue;
    state = { ...state, stored: r.to, storedSince: new Date(t).toISOString(), storedReason: `Acto en ${t}` };
    lastEvent = t;
  }
  return { current: () => state, end: t, sweep };
}

/** Whether, in the acts as asked for, some suspension lasted past its maximum without a reinstatement; and when it lapsed. */
function oracle(start: number, steps: Step[], at: number): number | null {
  let t = start;
  let open: number | null = null;
  for (const step of steps) {
    t += step.gapMs;
    if (open !== null && t >= limitEndOf(open)) return limitEndOf(open);
    if (step.kind === 'suspend' && open === null) open = t;
    if (step.kind === 'reinstate' && open !== null) open = null;
  }
  return open !== null && at >= limitEndOf(open) ? limitEndOf(open) : null;
}

describe('for any sequence of suspensions, reinstatements and time', () => {
  const arbSteps = fc.array(
    fc.record({
      gapMs: fc.oneof(fc.integer({ min: 0, max: 40 * DAY }), fc.integer({ min: 150 * DAY, max: 200 * DAY })),
      kind: fc.constantFrom<Step['kind']>('suspend', 'reinstate', 'sweep'),
    }),
    { maxLength: 14 },
  );
  const arbStart = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') });

  it('the certificate is revoked iff some suspension lasted past the maximum without reinstatement, from the instant it lapsed', () => {
    fc.assert(
      fc.property(arbStart, arbSteps, fc.integer({ min: 0, max: 200 * DAY }), (start, steps, wait) => {
        const { current, end, sweep } = simulate(start, steps);
        const at = end + wait;
        const lapsed = oracle(start, steps, at);
        // Before any sweep records it, the computed status already says so.
        const now = effectiveStatus(current(), new Date(at));
        expect(now.status === 'revoked').toBe(lapsed !== null);
        if (lapsed !== null) {
          expect(now).toMatchObject({ since: new Date(lapsed).toISOString(), reason: expect.stringContaining('Revocado por el sistema') });
        }
        // After the sweep, the same status is stored, with the same instant and reason.
        sweep(at);
        expect(current().stored === 'revoked').toBe(lapsed !== null);
        const swept = effectiveStatus(current(), new Date(at));
        expect(swept).toMatchObject({ status: now.status, since: now.since, reason: now.reason });
      }),
      { numRuns: 300 },
    );
  });
});

describe('around the end of the longest suspension', () => {
  it('a statement never outlives the status it states, and the registry looks again no later than the change', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2028-01-01T00:00:00Z') }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: -10 * 60_000, max: 10 * 60_000 }),
        fc.integer({ min: 0, max: 900 }),
        (since, months, delta, validDays) => {
          const limit = { months, criteriaVersion: '2026.2' };
          const storedSince = new Date(since).toISOString();
          const expiresOn = new Date(since + validDays * DAY).toISOString().slice(0, 10);
          const state = suspended({ storedSince, expiresOn, suspensionLimit: limit });
          const revocation = revocationAfterSuspension(storedSince, expiresOn, limit);
          const at = new Date((revocation?.at ?? since + 30 * DAY) + delta);
          fc.pre(at.getTime() >= since);
          const next = statementNextUpdate({ stored: 'suspended', storedSince, expiresOn, conditions: [], suspensionLimit: limit }, at);
          const now = effectiveStatus(state, at);
          const last = effectiveStatus(state, new Date(next.getTime() - 1));
          expect([last.status, last.since, last.reason]).toEqual([now.status, now.since, now.reason]);
          const due = nextChangeAt(state, at);
          if (revocation && at.getTime() < revocation.at) expect(due?.getTime()).toBe(revocation.at);
          if (now.status !== 'suspended') expect(due).toBeNull();
        },
      ),
    );
  });
});
