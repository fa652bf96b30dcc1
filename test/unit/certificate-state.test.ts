import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedCertificateEvents,
  applyEvent,
  CERTIFICATE_STATUS_LABEL,
  effectiveStatus,
  endOfLaPazDay,
  expiredReason,
  expiryDate,
  laPazDate,
  lateComplianceReason,
  overdueReason,
  suspensionCap,
  timeEvents,
  type CertificateAct,
  type CertificateState,
  type Condition,
  type StoredStatus,
} from '../../src/domain/certificate-state.js';

const EVENTS: CertificateAct[] = ['suspend', 'reinstate', 'revoke'];
const STORED: StoredStatus[] = ['active', 'suspended', 'revoked'];

const cert = (overrides: Partial<CertificateState> = {}): CertificateState => ({
  stored: 'active',
  storedSince: '2026-01-15T14:00:00.000Z',
  storedReason: null,
  expiresOn: '2027-01-14',
  conditions: [],
  ...overrides,
});
const at = (iso: string) => new Date(iso);

describe('applyEvent', () => {
  it('suspends, reinstates and revokes from the allowed states', () => {
    expect(applyEvent('active', 'suspend')).toEqual({ ok: true, to: 'suspended' });
    expect(applyEvent('suspended', 'reinstate')).toEqual({ ok: true, to: 'active' });
    expect(applyEvent('active', 'revoke')).toEqual({ ok: true, to: 'revoked' });
    expect(applyEvent('suspended', 'revoke')).toEqual({ ok: true, to: 'revoked' });
  });

  it('refuses the rest, naming the current status in Spanish', () => {
    expect(applyEvent('active', 'reinstate')).toEqual({
      ok: false,
      message: 'El certificado está «VIGENTE»; esta acción solo es posible cuando está «SUSPENDIDO»',
    });
    expect(applyEvent('suspended', 'suspend')).toEqual({ ok: false, message: expect.stringContaining('«SUSPENDIDO»') });
    expect(applyEvent('revoked', 'reinstate')).toEqual({
      ok: false,
      message: 'El certificado está «REVOCADO»; la revocación es definitiva',
    });
  });

  it('lists the allowed acts per status', () => {
    expect(allowedCertificateEvents('active')).toEqual(['suspend', 'revoke']);
    expect(allowedCertificateEvents('suspended')).toEqual(['reinstate', 'revoke']);
    expect(allowedCertificateEvents('revoked')).toEqual([]);
  });

  it('has the public Spanish labels', () => {
    expect(CERTIFICATE_STATUS_LABEL).toEqual({ active: 'VIGENTE', suspended: 'SUSPENDIDO', revoked: 'REVOCADO', expired: 'VENCIDO' });
  });
});

describe('Bolivian days', () => {
  it('ends a day at 00:00 of the next day in UTC-4', () => {
    expect(endOfLaPazDay('2027-01-14').toISOString()).toBe('2027-01-15T04:00:00.000Z');
    expect(endOfLaPazDay('2028-02-28').toISOString()).toBe('2028-02-29T04:00:00.000Z');
    expect(endOfLaPazDay('2026-12-31').toISOString()).toBe('2027-01-01T04:00:00.000Z');
  });

  it('reads the calendar date in Bolivia, which lags UTC by four hours', () => {
    expect(laPazDate(at('2026-03-10T03:59:59.999Z'))).toBe('2026-03-09');
    expect(laPazDate(at('2026-03-10T04:00:00.000Z'))).toBe('2026-03-10');
  });

  it('rejects impossible dates', () => {
    expect(() => endOfLaPazDay('2026-02-30')).toThrow(RangeError);
    expect(() => endOfLaPazDay('2026-2-3')).toThrow(RangeError);
    expect(() => expiryDate('2026-01-01', 0)).toThrow(RangeError);
  });
});

describe('expiryDate', () => {
  it('is the day before the same day-of-month n months later', () => {
    expect(expiryDate('2026-03-10', 12)).toBe('2027-03-09');
    expect(expiryDate('2026-01-01', 12)).toBe('2026-12-31');
    expect(expiryDate('2026-11-15', 3)).toBe('2027-02-14');
  });

  it('runs to the end of a shorter month rather than cutting the period short', () => {
    expect(expiryDate('2026-01-31', 1)).toBe('2026-02-28');
    expect(expiryDate('2028-01-31', 1)).toBe('2028-02-29');
    expect(expiryDate('2026-01-29', 1)).toBe('2026-02-28');
    expect(expiryDate('2028-02-29', 12)).toBe('2029-02-28');
    expect(expiryDate('2026-08-31', 1)).toBe('2026-09-30');
    expect(expiryDate('2026-03-31', 1)).toBe('2026-04-30');
  });
});

describe('effectiveStatus', () => {
  it('is active before expiry with nothing overdue', () => {
    expect(effectiveStatus(cert(), at('2026-06-01T12:00:00Z'))).toEqual({
      status: 'active',
      since: '2026-01-15T14:00:00.000Z',
      reason: null,
      automatic: false,
      overdueConditionIds: [],
    });
  });

  it('is valid through the whole last day in Bolivia and expired from the next midnight there', () => {
    expect(effectiveStatus(cert(), at('2027-01-15T03:59:59.999Z')).status).toBe('active');
    expect(effectiveStatus(cert(), at('2027-01-15T04:00:00.000Z'))).toEqual({
      status: 'expired',
      since: '2027-01-15T04:00:00.000Z',
      reason: 'Era válido hasta el 14 de enero de 2027.',
      automatic: true,
      overdueConditionIds: [],
    });
  });

  it('shows revoked over everything, with the recorded reason', () => {
    const revoked = cert({
      stored: 'revoked',
      storedReason: 'Trabajo infantil comprobado',
      conditions: [{ id: 'c1', deadline: '2026-02-01', closedAt: null }],
    });
    expect(effectiveStatus(revoked, at('2030-01-01T00:00:00Z'))).toMatchObject({
      status: 'revoked',
      since: revoked.storedSince,
      reason: 'Trabajo infantil comprobado',
      automatic: false,
    });
  });

  it('shows expired over a recorded suspension', () => {
    const suspended = cert({ stored: 'suspended', storedSince: '2026-06-01T15:00:00Z', storedReason: 'Queja en revisión' });
    expect(effectiveStatus(suspended, at('2026-07-01T00:00:00Z'))).toMatchObject({
      status: 'suspended',
      reason: 'Queja en revisión',
      automatic: false,
    });
    expect(effectiveStatus(suspended, at('2027-02-01T00:00:00Z')).status).toBe('expired');
  });

  it('suspends automatically from the end of the deadline day of an unclosed condition', () => {
    const c: Condition = { id: 'c1', deadline: '2026-04-30', closedAt: null, description: 'Cercar el apiario' };
    const state = cert({ conditions: [c] });
    expect(effectiveStatus(state, at('2026-05-01T03:59:59.999Z'))).toMatchObject({ status: 'active', overdueConditionIds: [] });
    expect(effectiveStatus(state, at('2026-05-01T04:00:00.000Z'))).toEqual({
      status: 'suspended',
      since: '2026-05-01T04:00:00.000Z',
      reason:
        'No se cumplió a tiempo la condición «Cercar el apiario» (plazo hasta el 30 de abril de 2026). La suspensión es automática y termina cuando se registre su cumplimiento.',
      automatic: true,
      overdueConditionIds: ['c1'],
    });
  });

  it('ignores a condition closed within its deadline', () => {
    const state = cert({ conditions: [{ id: 'c1', deadline: '2026-04-30', closedAt: '2026-05-01T03:00:00Z' }] });
    expect(effectiveStatus(state, at('2026-06-01T00:00:00Z'))).toMatchObject({
      status: 'active',
      since: state.storedSince,
      automatic: false,
    });
  });

  it('lifts the automatic suspension when the condition is closed late, active again since the closure', () => {
    const state = cert({ conditions: [{ id: 'c1', deadline: '2026-04-30', closedAt: '2026-05-20T15:00:00.000Z' }] });
    expect(effectiveStatus(state, at('2026-05-20T14:59:59Z')).status).toBe('suspended');
    expect(effectiveStatus(state, at('2026-05-20T15:00:00Z'))).toMatchObject({
      status: 'active',
      since: '2026-05-20T15:00:00.000Z',
      automatic: true,
      overdueConditionIds: [],
    });
  });

  it('dates an automatic suspension from the start of the unbroken overdue stretch', () => {
    const state = cert({
      conditions: [
        { id: 'a', deadline: '2026-04-30', closedAt: '2026-05-20T15:00:00Z' },
        { id: 'b', deadline: '2026-05-10', closedAt: null },
        { id: 'c', deadline: '2026-03-01', closedAt: '2026-03-05T00:00:00Z' },
      ],
    });
    expect(effectiveStatus(state, at('2026-06-01T00:00:00Z'))).toMatchObject({
      status: 'suspended',
      since: '2026-05-01T04:00:00.000Z',
      overdueConditionIds: ['b'],
    });
  });

  it('treats a closure at the very instant another condition goes overdue as one unbroken suspension', () => {
    const state = cert({
      conditions: [
        { id: 'a', deadline: '2026-04-30', closedAt: '2026-05-11T04:00:00.000Z' },
        { id: 'b', deadline: '2026-05-10', closedAt: null },
      ],
    });
    expect(effectiveStatus(state, at('2026-06-01T00:00:00Z'))).toMatchObject({
      status: 'suspended',
      since: '2026-05-01T04:00:00.000Z',
      overdueConditionIds: ['b'],
    });
    expect(timeEvents(state, at('2026-05-02T00:00:00Z'), at('2026-06-01T00:00:00Z'))).toEqual([
      { event: 'auto_suspended', at: '2026-05-11T04:00:00.000Z', conditionId: 'b' },
    ]);
  });

  it('keeps a recorded suspension (and its reason) while conditions are also overdue', () => {
    const state = cert({
      stored: 'suspended',
      storedSince: '2026-05-05T12:00:00Z',
      storedReason: 'Decisión de la comisión',
      conditions: [{ id: 'c1', deadline: '2026-04-30', closedAt: null }],
    });
    expect(effectiveStatus(state, at('2026-06-01T00:00:00Z'))).toMatchObject({
      status: 'suspended',
      reason: 'Decisión de la comisión',
      automatic: false,
      overdueConditionIds: ['c1'],
    });
  });
});

describe('timeEvents', () => {
  it('reports expiry and conditions going overdue, with the instant each took effect', () => {
    const state = cert({
      conditions: [
        { id: 'a', deadline: '2026-04-30', closedAt: '2026-05-20T15:00:00.000Z' },
        { id: 'b', deadline: '2026-05-10', closedAt: null },
        { id: 'ok', deadline: '2026-05-10', closedAt: '2026-05-02T00:00:00Z' },
      ],
    });
    expect(timeEvents(state, at('2026-01-01T00:00:00Z'), at('2027-12-31T00:00:00Z'))).toEqual([
      { event: 'auto_suspended', at: '2026-05-01T04:00:00.000Z', conditionId: 'a' },
      { event: 'auto_suspended', at: '2026-05-11T04:00:00.000Z', conditionId: 'b' },
      { event: 'expired', at: '2027-01-15T04:00:00.000Z' },
    ]);
  });

  it('reports the end of an automatic suspension by a late closure', () => {
    const state = cert({ conditions: [{ id: 'a', deadline: '2026-04-30', closedAt: '2026-05-20T15:00:00.000Z' }] });
    expect(timeEvents(state, at('2026-05-02T00:00:00Z'), at('2026-06-01T00:00:00Z'))).toEqual([
      { event: 'auto_reinstated', at: '2026-05-20T15:00:00.000Z', conditionId: 'a' },
    ]);
  });

  it('uses a half-open window (from, to]', () => {
    const boundary = endOfLaPazDay('2027-01-14');
    expect(timeEvents(cert(), at('2026-01-01T00:00:00Z'), boundary)).toEqual([{ event: 'expired', at: boundary.toISOString() }]);
    expect(timeEvents(cert(), boundary, at('2028-01-01T00:00:00Z'))).toEqual([]);
  });

  it('reports nothing for a revoked certificate, and no automatic suspension under a recorded one', () => {
    const conditions = [{ id: 'a', deadline: '2026-04-30', closedAt: null }];
    expect(timeEvents(cert({ stored: 'revoked', conditions }), at('2026-01-01T00:00:00Z'), at('2030-01-01T00:00:00Z'))).toEqual([]);
    expect(timeEvents(cert({ stored: 'suspended', conditions }), at('2026-01-01T00:00:00Z'), at('2026-12-01T00:00:00Z'))).toEqual([]);
  });
});

describe('reasons the software words', () => {
  it('are whole sentences with one full stop, dates in words, whatever the condition was typed with', () => {
    expect(expiredReason('2027-01-14')).toBe('Era válido hasta el 14 de enero de 2027.');
    expect(overdueReason([{ deadline: '2026-04-30', description: 'Cercar el apiario.' }])).toBe(
      'No se cumplió a tiempo la condición «Cercar el apiario» (plazo hasta el 30 de abril de 2026). La suspensión es automática y termina cuando se registre su cumplimiento.',
    );
    expect(overdueReason([{ deadline: '2026-04-30' }])).toMatch(
      /^No se cumplió a tiempo una condición \(plazo hasta el 30 de abril de 2026\)\. /,
    );
    expect(
      overdueReason([
        { deadline: '2026-04-30', description: 'Cercar el apiario' },
        { deadline: '2026-05-10', description: 'Registrar las ventas;' },
      ]),
    ).toBe(
      'No se cumplieron a tiempo 2 condiciones: «Cercar el apiario» (plazo hasta el 30 de abril de 2026) y «Registrar las ventas» (plazo hasta el 10 de mayo de 2026). La suspensión es automática y termina cuando se registre su cumplimiento.',
    );
    expect(lateComplianceReason('Cercar el apiario.')).toBe(
      'La condición «Cercar el apiario» se cumplió fuera de plazo; con ello terminó la suspensión automática.',
    );
    for (const reason of [expiredReason('2027-01-14'), overdueReason([{ deadline: '2026-04-30' }]), lateComplianceReason()]) {
      expect(reason).toMatch(/[^.]\.$/);
      expect(reason).not.toMatch(/:\s*\p{Lu}.*:/u);
    }
  });
});

describe('suspensionCap', () => {
  it('flags a suspension past the maximum months, counted in Bolivian days', () => {
    // 2026-03-10 01:00Z is still 9 March in Bolivia.
    const current = { status: 'suspended' as const, since: '2026-03-10T01:00:00.000Z' };
    expect(suspensionCap(current, 6, at('2026-09-09T03:59:59Z'))).toEqual({ exceeded: false, lastDay: '2026-09-08', message: null });
    expect(suspensionCap(current, 6, at('2026-09-09T04:00:00Z'))).toEqual({
      exceeded: true,
      lastDay: '2026-09-08',
      message:
        'El certificado está suspendido desde el 9 de marzo de 2026 y superó el máximo de 6 meses, que terminó el 8 de septiembre de 2026: la comisión debe rehabilitarlo o revocarlo.',
    });
  });

  it('never flags a certificate that is not suspended', () => {
    for (const status of ['active', 'revoked', 'expired'] as const) {
      expect(suspensionCap({ status, since: '2020-01-01T00:00:00Z' }, 6, at('2030-01-01T00:00:00Z')).exceeded).toBe(false);
    }
  });
});

describe('certificate properties', () => {
  const arbDay = fc
    .date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const arbInstant = fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2031-12-31T00:00:00Z'), noInvalidDate: true });
  const arbCondition = fc.record({
    id: fc.constantFrom('a', 'b', 'c'),
    deadline: arbDay,
    closedAt: fc.option(
      arbInstant.map((d) => d.toISOString()),
      { nil: null },
    ),
  });
  const arbState = fc.record({
    stored: fc.constantFrom<StoredStatus>(...STORED),
    storedSince: arbInstant.map((d) => d.toISOString()),
    storedReason: fc.option(fc.constant('motivo'), { nil: null }),
    expiresOn: arbDay,
    conditions: fc.array(arbCondition, { maxLength: 4 }),
  });

  it('nothing leaves revoked, and applying events never yields expired', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STORED), fc.array(fc.constantFrom(...EVENTS), { maxLength: 20 }), (start, events) => {
        let status = start;
        let revoked = start === 'revoked';
        for (const event of events) {
          const r = applyEvent(status, event);
          if (r.ok) {
            expect(STORED).toContain(r.to);
            expect(r.to).not.toBe('expired');
            status = r.to;
          }
          if (revoked) expect(status).toBe('revoked');
          revoked ||= status === 'revoked';
        }
      }),
    );
  });

  it('is revoked whenever stored is revoked', () => {
    fc.assert(
      fc.property(arbState, arbInstant, (state, t) => {
        expect(effectiveStatus({ ...state, stored: 'revoked' }, t).status).toBe('revoked');
      }),
    );
  });

  it('is expired iff at >= the end of the last valid day in Bolivia, and not revoked', () => {
    fc.assert(
      fc.property(arbState, arbInstant, (state, t) => {
        const expired = state.stored !== 'revoked' && t.getTime() >= endOfLaPazDay(state.expiresOn).getTime();
        expect(effectiveStatus(state, t).status === 'expired').toBe(expired);
      }),
    );
  });

  it('is expired one millisecond after the boundary and not one before', () => {
    fc.assert(
      fc.property(arbDay, (expiresOn) => {
        const boundary = endOfLaPazDay(expiresOn).getTime();
        const state = cert({ expiresOn });
        expect(effectiveStatus(state, new Date(boundary - 1)).status).toBe('active');
        expect(effectiveStatus(state, new Date(boundary)).status).toBe('expired');
        expect(laPazDate(new Date(boundary - 1))).toBe(expiresOn);
      }),
    );
  });

  it('is automatically suspended iff not revoked, expired or suspended by an act and a condition is overdue', () => {
    fc.assert(
      fc.property(arbState, arbInstant, (state, t) => {
        const r = effectiveStatus(state, t);
        const overdue = state.conditions.filter(
          (c) => t >= endOfLaPazDay(c.deadline) && (c.closedAt === null || Date.parse(c.closedAt) > t.getTime()),
        );
        expect(r.overdueConditionIds).toEqual(overdue.map((c) => c.id));
        const auto = r.status === 'suspended' && r.automatic;
        expect(auto).toBe(state.stored === 'active' && r.status !== 'expired' && overdue.length > 0);
        expect(Date.parse(r.since)).toBeLessThanOrEqual(Math.max(t.getTime(), Date.parse(state.storedSince)));
      }),
    );
  });

  it('time events are exactly the effective changes they claim, inside the window, in order, and windows add up', () => {
    fc.assert(
      fc.property(arbState, arbInstant, arbInstant, arbInstant, (state, a, b, c) => {
        const [from, mid, to] = [a, b, c].sort((x, y) => x.getTime() - y.getTime()) as [Date, Date, Date];
        const events = timeEvents(state, from, to);
        const times = events.map((e) => Date.parse(e.at));
        expect([...times].sort((x, y) => x - y)).toEqual(times);
        for (const e of events) {
          const t = Date.parse(e.at);
          expect(t > from.getTime() && t <= to.getTime()).toBe(true);
          const before = effectiveStatus(state, new Date(t - 1));
          const after = effectiveStatus(state, new Date(t));
          if (e.event === 'expired') {
            expect(before.status).not.toBe('expired');
            expect(after.status).toBe('expired');
          }
          if (e.event === 'auto_suspended')
            expect(after).toMatchObject({
              status: 'suspended',
              automatic: true,
              overdueConditionIds: expect.arrayContaining([e.conditionId]),
            });
          if (e.event === 'auto_reinstated') {
            expect(before).toMatchObject({
              status: 'suspended',
              automatic: true,
              overdueConditionIds: expect.arrayContaining([e.conditionId]),
            });
            expect(after.status).toBe('active');
          }
        }
        expect([...timeEvents(state, from, mid), ...timeEvents(state, mid, to)]).toEqual(events);
      }),
    );
  });

  it('reports expiry as a time event iff the boundary falls in the window and the certificate is not revoked', () => {
    fc.assert(
      fc.property(arbState, arbInstant, arbInstant, (state, a, b) => {
        const [from, to] = [a, b].sort((x, y) => x.getTime() - y.getTime()) as [Date, Date];
        const boundary = endOfLaPazDay(state.expiresOn).getTime();
        const expected = state.stored !== 'revoked' && boundary > from.getTime() && boundary <= to.getTime();
        expect(timeEvents(state, from, to).some((e) => e.event === 'expired')).toBe(expected);
      }),
    );
  });

  it('expiryDate ends the day before the anniversary, or at the end of a month too short for it, and grows with the months', () => {
    fc.assert(
      fc.property(arbDay, fc.integer({ min: 1, max: 60 }), (start, months) => {
        const last = expiryDate(start, months);
        const [y, m, d] = start.split('-').map(Number) as [number, number, number];
        const nextDay = new Date(Date.parse(`${last}T00:00:00Z`) + 86_400_000);
        // The day after the last valid day is the anniversary, or the 1st after a month too short for it.
        const targetMonth = (m - 1 + months) % 12;
        if (d <= 28) {
          expect(nextDay.getUTCDate()).toBe(d);
          expect(nextDay.getUTCMonth()).toBe(targetMonth);
          expect(nextDay.getUTCFullYear()).toBe(y + Math.floor((m - 1 + months) / 12));
        } else {
          expect(nextDay.getUTCDate() === d || nextDay.getUTCDate() === 1).toBe(true);
        }
        expect(expiryDate(start, months + 1) > last).toBe(true);
      }),
    );
  });
});
