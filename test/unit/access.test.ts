import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ROLES,
  canAccessOrganization,
  canAccessRegistry,
  canCreateIn,
  canManageUsers,
  canReadAudit,
  listScope,
  type Actor,
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
      fc.property(fc.constantFrom(...ROLES), fc.constantFrom('org-a', 'org-b'), fc.constantFrom('p-1', 'p-2', null), (role, org, producer) => {
        const a = actor(role, 'org-a', 'p-1');
        const record = { organizationId: org, producerId: producer };
        if (canAccessRegistry(a, 'write', record)) expect(canAccessRegistry(a, 'read', record)).toBe(true);
      }),
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

  it('confines lists to the actor’s organisation or unit', () => {
    expect(listScope(actor('commission'))).toEqual({});
    expect(listScope(actor('committee'))).toEqual({ organizationId: 'org-a' });
    expect(listScope(actor('producer', 'org-a', 'p-1'))).toEqual({ producerId: 'p-1' });
    expect(listScope(actor('reviewer', null))).toBe('none');
  });
});
