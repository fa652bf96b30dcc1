import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ROLES,
  canAccessOrganization,
  canAccessRegistry,
  canActAsCommission,
  canAddEvidence,
  canAdminister,
  canAppeal,
  canCreateIn,
  canExportProducers,
  canManageDossier,
  canManageUsers,
  canReadAudit,
  canReadDossier,
  canRecommend,
  canRecordForSession,
  canRecordVisit,
  canRevokeToken,
  canSeeAllOrganizations,
  canSelfAssess,
  listScope,
  roleNeedsOrganization,
  type Actor,
  type Owned,
  type Role,
} from '../../src/domain/access.js';

const actor = (role: Role, organizationId: string | null = 'org-a', producerId: string | null = null): Actor => ({
  userId: 'u',
  username: 'u',
  role,
  organizationId,
  producerId,
});

describe('canAccessRegistry', () => {
  const own = { organizationId: 'org-a', producerId: 'p-1' };
  const other = { organizationId: 'org-b', producerId: 'p-2' };

  it.each([
    // role, action, own record, other organisation's record
    ['admin', 'read', true, true],
    ['admin', 'write', true, true],
    ['commission', 'read', true, true],
    ['commission', 'write', false, false],
    ['committee', 'read', true, false],
    ['committee', 'write', true, false],
    ['reviewer', 'read', true, false],
    ['reviewer', 'write', false, false],
  ] as const)('%s may %s: own %s, other %s', (role, action, ownAllowed, otherAllowed) => {
    expect(canAccessRegistry(actor(role), action, own)).toBe(ownAllowed);
    expect(canAccessRegistry(actor(role), action, other)).toBe(otherAllowed);
  });

  it('lets a producer read only its own unit, and write nothing', () => {
    const producer = actor('producer', 'org-a', 'p-1');
    expect(canAccessRegistry(producer, 'read', own)).toBe(true);
    expect(canAccessRegistry(producer, 'read', { organizationId: 'org-a', producerId: 'p-9' })).toBe(false);
    expect(canAccessRegistry(producer, 'read', { organizationId: 'org-a' })).toBe(false);
    expect(canAccessRegistry(producer, 'write', own)).toBe(false);
  });

  it('never lets anyone but an administrator write outside their own organisation', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ROLES), fc.string(), fc.string(), (role, mine, theirs) => {
        fc.pre(mine !== theirs);
        const a = actor(role, mine, 'p');
        const allowed = canAccessRegistry(a, 'write', { organizationId: theirs, producerId: 'p' }) || canCreateIn(a, theirs);
        expect(allowed).toBe(role === 'admin');
      }),
    );
  });

  it('grants no write that it does not also grant as a read', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ROLES),
        fc.constantFrom('org-a', 'org-b'),
        fc.constantFrom('p-1', 'p-2', null),
        (role, org, producer) => {
          const a = actor(role, 'org-a', 'p-1');
          const record = { organizationId: org, producerId: producer };
          if (canAccessRegistry(a, 'write', record)) expect(canAccessRegistry(a, 'read', record)).toBe(true);
        },
      ),
    );
  });
});

describe('other permissions', () => {
  it('organisations: admins write; commission reads all; others read their own', () => {
    expect(canAccessOrganization(actor('admin'), 'write', 'org-b')).toBe(true);
    expect(canAccessOrganization(actor('commission'), 'read', 'org-b')).toBe(true);
    expect(canAccessOrganization(actor('commission'), 'write', 'org-b')).toBe(false);
    expect(canAccessOrganization(actor('committee'), 'read', 'org-a')).toBe(true);
    expect(canAccessOrganization(actor('committee'), 'read', 'org-b')).toBe(false);
    expect(canAccessOrganization(actor('committee'), 'write', 'org-a')).toBe(false);
  });

  it('users are managed by administrators; the history is read by administrators and the commission', () => {
    expect(ROLES.filter((r) => canManageUsers(actor(r)))).toEqual(['admin']);
    expect(ROLES.filter((r) => canReadAudit(actor(r)))).toEqual(['admin', 'commission']);
  });

  it('ties committee, reviewer and producer accounts to an organisation, and not the administration or the commission', () => {
    expect(ROLES.filter(roleNeedsOrganization)).toEqual(['committee', 'reviewer', 'producer']);
  });

  it('confines lists to the actor’s organisation or unit', () => {
    expect(listScope(actor('commission'))).toEqual({});
    expect(listScope(actor('committee'))).toEqual({ organizationId: 'org-a' });
    expect(listScope(actor('producer', 'org-a', 'p-1'))).toEqual({ producerId: 'p-1' });
    expect(listScope(actor('reviewer', null))).toBe('none');
  });
});

/** Every role's account: of org-a, and for the producer, of unit p-1. */
const ACCOUNTS: Record<Role, Actor> = {
  admin: actor('admin', null),
  commission: actor('commission', null),
  committee: actor('committee'),
  reviewer: actor('reviewer'),
  producer: actor('producer', 'org-a', 'p-1'),
};
const allowedRoles = (rule: (a: Actor) => boolean) => ROLES.filter((r) => rule(ACCOUNTS[r]));

describe('rules without a record', () => {
  it.each([
    ['canSeeAllOrganizations', canSeeAllOrganizations, ['admin', 'commission']],
    ['canActAsCommission', canActAsCommission, ['admin', 'commission']],
    ['canManageUsers', canManageUsers, ['admin']],
    ['canAdminister', canAdminister, ['admin']],
    ['canReadAudit', canReadAudit, ['admin', 'commission']],
  ] as const)('%s allows %j', (_name, rule, roles) => {
    expect(allowedRoles(rule)).toEqual(roles);
  });

  it('canExportProducers: whoever reads the organisation, except producers', () => {
    expect(allowedRoles((a) => canExportProducers(a, 'org-a'))).toEqual(['admin', 'commission', 'committee', 'reviewer']);
    expect(allowedRoles((a) => canExportProducers(a, 'org-b'))).toEqual(['admin', 'commission']);
  });

  it('canRevokeToken: the token’s owner, or the administration', () => {
    expect(allowedRoles((a) => canRevokeToken(a, 'someone-else'))).toEqual(['admin']);
    expect(allowedRoles((a) => canRevokeToken(a, a.userId))).toEqual(ROLES);
  });

  it('canRecordForSession: who attended, or the administration on the commission’s behalf', () => {
    expect(allowedRoles((a) => canRecordForSession(a, false))).toEqual(['admin']);
    expect(allowedRoles((a) => canRecordForSession(a, true))).toEqual(ROLES);
  });
});

describe('dossier rules', () => {
  const own: Owned = { organizationId: 'org-a', producerId: 'p-1' };
  const sameOrgOtherUnit: Owned = { organizationId: 'org-a', producerId: 'p-2' };
  const otherOrg: Owned = { organizationId: 'org-b', producerId: 'p-3' };

  // Roles allowed on: the producer account's own dossier, another unit's of the same organisation, another organisation's.
  it.each([
    [
      'canReadDossier',
      canReadDossier,
      ['admin', 'commission', 'committee', 'reviewer', 'producer'],
      ['admin', 'commission', 'committee', 'reviewer'],
      ['admin', 'commission'],
    ],
    ['canManageDossier', canManageDossier, ['admin', 'committee'], ['admin', 'committee'], ['admin']],
    ['canRecommend', canRecommend, ['admin', 'committee'], ['admin', 'committee'], ['admin']],
    ['canSelfAssess', canSelfAssess, ['admin', 'committee', 'producer'], ['admin', 'committee'], ['admin']],
    ['canAddEvidence', canAddEvidence, ['admin', 'committee', 'reviewer'], ['admin', 'committee', 'reviewer'], ['admin']],
    ['canAppeal', canAppeal, ['admin', 'committee', 'producer'], ['admin', 'committee'], ['admin']],
  ] as const)('%s', (_name, rule, onOwn, onSameOrg, onOtherOrg) => {
    expect(allowedRoles((a) => rule(a, own))).toEqual(onOwn);
    expect(allowedRoles((a) => rule(a, sameOrgOtherUnit))).toEqual(onSameOrg);
    expect(allowedRoles((a) => rule(a, otherOrg))).toEqual(onOtherOrg);
  });

  it('canRecordVisit: a reviewer on the visit team (of any organisation), or the committee', () => {
    expect(allowedRoles((a) => canRecordVisit(a, own, false))).toEqual(['admin', 'committee']);
    expect(allowedRoles((a) => canRecordVisit(a, own, true))).toEqual(['admin', 'committee', 'reviewer']);
    expect(allowedRoles((a) => canRecordVisit(a, otherOrg, false))).toEqual(['admin']);
    expect(allowedRoles((a) => canRecordVisit(a, otherOrg, true))).toEqual(['admin', 'reviewer']);
  });

  it('no dossier rule lets a producer account act on a dossier without a unit, or on another unit’s', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Owned>({ organizationId: 'org-a' }, { organizationId: 'org-a', producerId: null }, sameOrgOtherUnit, otherOrg),
        fc.boolean(),
        (dossier, onTeam) => {
          const p = ACCOUNTS.producer;
          const rules = [
            canReadDossier,
            canManageDossier,
            canRecommend,
            canSelfAssess,
            canAddEvidence,
            canAppeal,
            (a: Actor, d: Owned) => canRecordVisit(a, d, onTeam),
          ];
          expect(rules.map((rule) => rule(p, dossier))).toEqual(rules.map(() => false));
        },
      ),
    );
  });

  it('every dossier write is granted only to those who may read the dossier, or to a reviewer on its visit team', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ROLES), fc.constantFrom(own, sameOrgOtherUnit, otherOrg), (role, dossier) => {
        const a = ACCOUNTS[role];
        const writes = [canManageDossier, canRecommend, canSelfAssess, canAddEvidence, canAppeal];
        if (writes.some((rule) => rule(a, dossier)) || canRecordVisit(a, dossier, false)) expect(canReadDossier(a, dossier)).toBe(true);
      }),
    );
  });
});
