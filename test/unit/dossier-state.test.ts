import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedEvents,
  DOSSIER_EVENTS,
  DOSSIER_STATES,
  transition,
  type DossierEvent,
  type DossierState,
} from '../../src/domain/dossier-state.js';

const EVENTS = Object.keys(DOSSIER_EVENTS) as DossierEvent[];

describe('dossier state machine', () => {
  it('walks the normal path from open to decided', () => {
    let state: DossierState = 'open';
    for (const event of ['record_visit', 'committee_review', 'send_to_commission', 'decide'] as const) {
      const t = transition(state, event);
      expect(t.ok).toBe(true);
      if (t.ok) state = t.to;
    }
    expect(state).toBe('decided');
  });

  it('refuses a skipped step naming the current state', () => {
    expect(transition('open', 'send_to_commission')).toEqual({ ok: false, message: expect.stringContaining('«abierto»') });
    expect(transition('visit_done', 'decide')).toEqual({ ok: false, message: expect.stringContaining('«visita realizada»') });
  });

  it('leaves decided only when an upheld appeal sends the dossier back to the commission', () => {
    expect(allowedEvents('decided')).toEqual(['reopen_on_appeal']);
    expect(transition('decided', 'reopen_on_appeal')).toEqual({ ok: true, to: 'ready_for_commission' });
  });

  it('never reaches decided without passing the committee and the commission, whatever the events', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...EVENTS), { maxLength: 20 }), (events) => {
        let state: DossierState = 'open';
        const visited: DossierState[] = [state];
        for (const event of events) {
          const t = transition(state, event);
          if (t.ok) {
            state = t.to;
            visited.push(state);
          }
        }
        expect(DOSSIER_STATES).toContain(state);
        if (state === 'decided') {
          const order = ['visit_done', 'committee_reviewed', 'ready_for_commission', 'decided'].map((s) =>
            visited.indexOf(s as DossierState),
          );
          expect(order.every((i) => i >= 0)).toBe(true);
          expect([...order].sort((a, b) => a - b)).toEqual(order);
        }
      }),
    );
  });

  it('allows exactly the events that transition() accepts', () => {
    for (const state of DOSSIER_STATES) {
      for (const event of EVENTS) expect(allowedEvents(state).includes(event)).toBe(transition(state, event).ok);
    }
  });
});
