/**
 * Who may do what, decided per object. Pure functions over the actor and the
 * record's ownership, so the whole matrix can be tested without HTTP.
 */
import { AppError } from '../errors.js';

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

/** The signed-in actor, or a 401 for anonymous requests. */
export function requireActor(request: { actor: Actor | null }): Actor {
  if (!request.actor) throw new AppError('unauthenticated', 'AUTHENTICATION_REQUIRED', 'Debe iniciar sesión o presentar un token de API');
  return request.actor;
}

/** Throws 403 unless `allowed`: services call it with one of the named rules below. */
export function authorize(allowed: boolean, message = 'No tiene permiso para esta acción'): void {
  if (!allowed) throw new AppError('forbidden', 'FORBIDDEN', message);
}

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

/**
 * The administration's pages (/app/admin: accounts, organisations and committees, criteria
 * versions): whoever manages the accounts runs the installation.
 */
export const canAdminister = (actor: Actor) => canManageUsers(actor);

/** The roles that act inside one organisation, so their accounts need one; administration and commission act across all. */
export const ORGANIZATION_ROLES = ['committee', 'reviewer', 'producer'] as const satisfies readonly Role[];
export const roleNeedsOrganization = (role: Role): boolean => (ORGANIZATION_ROLES as readonly Role[]).includes(role);
export const canManageOrganizations = (actor: Actor) => actor.role === 'admin';
export const canReadAudit = (actor: Actor) => actor.role === 'admin' || actor.role === 'commission';

/** Every organisation is visible to the administration and the commission; the others see their own. */
export const canSeeAllOrganizations = (actor: Actor) => actor.role === 'admin' || actor.role === 'commission';

/** Exporting an organisation's producers as CSV: whoever reads the organisation, except producers. */
export const canExportProducers = (actor: Actor, organizationId: string) =>
  actor.role !== 'producer' && canAccessOrganization(actor, 'read', organizationId);

/** An API token can be revoked by its owner, or by the administration. */
export const canRevokeToken = (actor: Actor, tokenOwnerId: string) => actor.role === 'admin' || actor.userId === tokenOwnerId;

// --- Dossiers and visits -------------------------------------------------

/** The dossier's own producer account. */
const isOwnProducer = (actor: Actor, dossier: Owned) =>
  actor.role === 'producer' && dossier.producerId != null && actor.producerId === dossier.producerId;

/** Reading a dossier, its visits, reports and evidence: as for the registry records it is about. */
export const canReadDossier = (actor: Actor, dossier: Owned) => canAccessRegistry(actor, 'read', dossier);

/**
 * What the local committee does with its organisation's dossiers: open one, plan
 * visits, agree corrective actions, send it to the commission. The administration may too.
 */
export const canManageDossier = (actor: Actor, dossier: Owned) => canCreateIn(actor, dossier.organizationId);

/** The committee's recommendation to the commission. */
export const canRecommend = (actor: Actor, dossier: Owned) =>
  actor.role === 'admin' || (actor.role === 'committee' && actor.organizationId === dossier.organizationId);

/** The self-assessment: the producer themself, or their committee. */
export const canSelfAssess = (actor: Actor, dossier: Owned) => isOwnProducer(actor, dossier) || canManageDossier(actor, dossier);

/** A visit without notice is planned (and cancelled, and recorded) by the commission or the administration, never by the visited organisation. */
export const canPlanUnannounced = (actor: Actor) => actor.role === 'commission' || actor.role === 'admin';

/**
 * A visit's answers: a reviewer on the visit team, or the committee. An unannounced visit is
 * recorded by the commission (or the administration): the visited organisation does not know of it.
 */
export const canRecordVisit = (actor: Actor, dossier: Owned, onVisitTeam: boolean, unannounced = false) =>
  unannounced ? canPlanUnannounced(actor) : (actor.role === 'reviewer' && onVisitTeam) || canManageDossier(actor, dossier);

/**
 * Whether an unannounced visit not yet recorded is hidden from the actor: every account of the
 * visited organisation (committee, reviewers, producers) is, until the visit is recorded; the
 * commission and the administration see it. Accounts of other organisations never read the dossier.
 */
export const hidesUnannounced = (actor: Actor, visit: { unannounced: boolean; status: string }) =>
  visit.unannounced && visit.status !== 'submitted' && !canPlanUnannounced(actor);

/** Evidence (photos, documents): the committee, or a reviewer of the same organisation. */
export const canAddEvidence = (actor: Actor, dossier: Owned) =>
  canManageDossier(actor, dossier) || (actor.role === 'reviewer' && actor.organizationId === dossier.organizationId);

/** An appeal: the producer affected, or the committee of their organisation. */
export const canAppeal = (actor: Actor, dossier: Owned) => isOwnProducer(actor, dossier) || canManageDossier(actor, dossier);

// --- The commission ------------------------------------------------------

/**
 * The certification commission's acts: sessions, decisions, appeals, returning a
 * dossier to the committee, suspending, reinstating and revoking certificates.
 */
export const canActAsCommission = (actor: Actor) => actor.role === 'commission' || actor.role === 'admin';

/** A complainant's contact was given to the commission: the administration runs the installation, not the inquiry. */
export const canSeeComplainantContact = (actor: Actor) => actor.role === 'commission';

/**
 * An act agreed in a session is recorded by someone who attended it; the
 * administration records on the commission's behalf.
 */
export const canRecordForSession = (actor: Actor, attended: boolean) => actor.role === 'admin' || attended;

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
