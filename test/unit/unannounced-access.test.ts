/** Who sees and records an unannounced visit: the rules of src/domain/access.ts, without HTTP. */
import { describe, expect, it } from 'vitest';
import { canPlanUnannounced, canRecordVisit, hidesUnannounced, type Actor, type Role } from '../../src/domain/access.js';

const actor = (role: Role, organizationId: string | null = 'org-a', producerId: string | null = null): Actor => ({
  userId: `u-${role}`,
  username: role,
  role,
  organizationId,
  producerId,
});
const dossier = { organizationId: 'org-a', producerId: 'unit-1' };

describe('unannounced visits in the access rules', () => {
  it('hides one not yet recorded from the visited organisation’s accounts only', () => {
    const planned = { unannounced: true, status: 'planned' };
    for (const who of [actor('committee'), actor('reviewer'), actor('producer', 'org-a', 'unit-1')]) {
      expect(hidesUnannounced(who, planned)).toBe(true);
      expect(hidesUnannounced(who, { unannounced: true, status: 'cancelled' })).toBe(true);
      expect(hidesUnannounced(who, { unannounced: true, status: 'submitted' })).toBe(false);
      expect(hidesUnannounced(who, { unannounced: false, status: 'planned' })).toBe(false);
    }
    expect(hidesUnannounced(actor('commission', null), planned)).toBe(false);
    expect(hidesUnannounced(actor('admin', null), planned)).toBe(false);
  });

  it('lets only the commission and the administration plan and record one', () => {
    expect(canPlanUnannounced(actor('commission', null))).toBe(true);
    expect(canPlanUnannounced(actor('admin', null))).toBe(true);
    expect(canPlanUnannounced(actor('committee'))).toBe(false);
    expect(canRecordVisit(actor('commission', null), dossier, false, true)).toBe(true);
    expect(canRecordVisit(actor('committee'), dossier, false, true)).toBe(false);
    expect(canRecordVisit(actor('reviewer'), dossier, true, true)).toBe(false);
    // An announced visit: today's rule (the committee, or a reviewer on the team).
    expect(canRecordVisit(actor('committee'), dossier, false)).toBe(true);
    expect(canRecordVisit(actor('reviewer'), dossier, true)).toBe(true);
    expect(canRecordVisit(actor('commission', null), dossier, false)).toBe(false);
  });
});
