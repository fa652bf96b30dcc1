/**
 * Which sanctions a commission decision on a dossier may cite, by its proposed outcome. An approval with
 * conditions acts on a finding: it cites a condition with a deadline or a sanction only recorded (a
 * warning), and must cite one where the scheme has a catalogue. A denial may cite a warning, but the
 * refusal is itself the consequence, so it need not. An approval or a deferral applies no sanction.
 */
import type { Outcome } from './commission.js';
import type { SanctionEffect } from './criteria-schema.js';

export const DECISION_SANCTIONS: Record<Outcome, { effects: SanctionEffect[]; required: boolean }> = {
  approved: { effects: [], required: false },
  approved_with_conditions: { effects: ['conditions', 'none'], required: true },
  denied: { effects: ['none'], required: false },
  deferred: { effects: [], required: false },
};
