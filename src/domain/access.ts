/**
 * Who may do what, decided per object. Pure functions over the actor and the
 * record's ownership, so the whole matrix can be tested without HTTP.
 */

export const ROLES = ['admin', 'commission', 'committee', 'reviewer', 'producer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL: Record<Role, string> = {
  admin: 'administración',
  commission: 'comisión de certificación',
  committee: 'comité local de garantía',
  reviewer: 'revisor par',
  producer: 'productor',
};

export type Actor = {
  userId: string;
  username: string;
  role: Role;
  /** The organisation a committee member, reviewer or producer belongs to. */
  organizationId: string | null;
  /** The production unit of a producer account. */
  producerId: string | null;
};

/** What a record belongs to, for the purpose of deciding access. */
export type Owned = { organizationId: string; producerId?: string | null };

export type Action = 'read' | 'write';

/** Registry records (producers, persons) of an organisation. */
export function canAccessRegistry(actor: Actor, action: Action, record: Owned): boolean {
  switch (actor.role) {
    case 'admin':
      return true;
    case 'commission':
      // The commission must see the whole file to decide, but does not keep the registry.
      return action === 'read';
    case 'committee':
      return actor.organizationId === record.organizationId;
    case 'reviewer':
      return action === 'read' && actor.organizationId === record.organizationId;
    case 'producer':
      return action === 'read' && record.producerId != null && actor.producerId === record.producerId;
  }
}

/** An organisation itself (and its committees). */
export function canAccessOrganization(actor: Actor, action: Action, organizationId: string): boolean {
  if (actor.role === 'admin') return true;
  if (action === 'write') return false;
  return actor.role === 'commission' || actor.organizationId === organizationId;
}

/** Creating records inside an organisation (producers, persons, CSV import). */
export const canCreateIn = (actor: Actor, organizationId: string) =>
  actor.role === 'admin' || (actor.role === 'committee' && actor.organizationId === organizationId);

export const canManageUsers = (actor: Actor) => actor.role === 'admin';
export const canManageOrganizations = (actor: Actor) => actor.role === 'admin';
export const canReadAudit = (actor: Actor) => actor.role === 'admin' || actor.role === 'commission';

/** List filters an actor is confined to (undefined: no restriction). */
export function listScope(actor: Actor): { organizationId?: string; producerId?: string } | 'none' {
  switch (actor.role) {
    case 'admin':
    case 'commission':
      return {};
    case 'committee':
    case 'reviewer':
      return actor.organizationId ? { organizationId: actor.organizationId } : 'none';
    case 'producer':
      return actor.producerId ? { producerId: actor.producerId } : 'none';
  }
}
