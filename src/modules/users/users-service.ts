/** User accounts: created and disabled by administrators (or the CLI), always audited. */
import { randomUUID } from 'node:crypto';
import { immediate, type Db } from '../../db/client.js';
import { roleNeedsOrganization, type Actor, type Role } from '../../domain/access.js';
import { AppError } from '../../errors.js';
import { appendAudit, type AuditActor } from '../audit/audit-log.js';
import type { PasswordHasher } from '../auth/secrets.js';
import type { NewUser, User, UserPatch } from './users-schemas.js';
import { createUsersRepository, type UserChanges, type UsersRepository } from './users-repository.js';

/** What an account is tied to: its role, and the organisation, producer unit and person that go with it. */
type AccountScope = {
  role: Role;
  organizationId?: string | null;
  producerId?: string | null;
  personId?: string | null;
  commissionSeat?: User['commissionSeat'] | undefined;
};
const SCOPE_FIELDS = ['role', 'organizationId', 'producerId', 'personId', 'commissionSeat'] as const;

/**
 * The organisation and producer a role needs, and that what is named exists: a producer's unit
 * must belong to its organisation, and so must the person of an account that has one.
 */
function checkScope(repo: UsersRepository, scope: AccountScope): void {
  const invalid = (path: string, message: string) =>
    new AppError('invalid', 'INVALID_USER_SCOPE', message, [{ path: `body.${path}`, message }]);
  // A record named that does not exist answers 404, as the registry's routes do, naming the field.
  const missing = (path: string, code: string, message: string) =>
    new AppError('not_found', code, message, [{ path: `body.${path}`, message }]);
  const { role, organizationId, producerId, personId } = scope;
  if (roleNeedsOrganization(role) && !organizationId) throw invalid('organizationId', 'Este rol necesita una organización');
  if (organizationId && !repo.organizationExists(organizationId))
    throw missing('organizationId', 'ORGANIZATION_NOT_FOUND', 'No existe esa organización');
  if (scope.commissionSeat && role !== 'commission')
    throw invalid('commissionSeat', 'Solo los miembros de la comisión son titulares o suplentes');
  if (role === 'producer' && !producerId) throw invalid('producerId', 'Una cuenta de productor necesita su unidad productiva');
  if (producerId) {
    const producerOrganization = repo.producerOrganization(producerId);
    if (producerOrganization === undefined) throw missing('producerId', 'PRODUCER_NOT_FOUND', 'No existe esa unidad productiva');
    if (role === 'producer' && producerOrganization !== organizationId) {
      throw invalid('producerId', 'La unidad productiva no pertenece a esa organización');
    }
  }
  if (personId) {
    const personOrganization = repo.personOrganization(personId);
    if (personOrganization === undefined) throw missing('personId', 'PERSON_NOT_FOUND', 'No existe esa persona');
    if (organizationId && personOrganization !== organizationId) throw invalid('personId', 'La persona no pertenece a esa organización');
  }
}

/**
 * The account's role and ties after a patch: what the patch names, else what the account had,
 * except ties the new role cannot have (an organisation for the administration or the
 * commission, a producer unit for anyone but a producer).
 */
function scopeAfter(before: User, patch: UserPatch): Required<AccountScope> {
  const role = patch.role ?? before.role;
  return {
    role,
    organizationId: patch.organizationId !== undefined ? patch.organizationId : roleNeedsOrganization(role) ? before.organizationId : null,
    producerId: patch.producerId !== undefined ? patch.producerId : role === 'producer' ? before.producerId : null,
    personId: patch.personId !== undefined ? patch.personId : before.personId,
    // A seat belongs to the commission: it goes when the account leaves it.
    commissionSeat: patch.commissionSeat !== undefined ? patch.commissionSeat : role === 'commission' ? before.commissionSeat : null,
  };
}

/** Refuses a change that would leave no enabled administration account (nobody could manage accounts any more). */
function checkKeepsAnAdmin(repo: UsersRepository, before: User, set: UserChanges): void {
  const wasAdmin = before.role === 'admin' && before.disabledAt === null;
  const staysAdmin = (set.role ?? before.role) === 'admin' && (set.disabledAt === undefined ? before.disabledAt : set.disabledAt) === null;
  if (wasAdmin && !staysAdmin && repo.otherEnabledAdmins(before.id) === 0) {
    throw new AppError(
      'conflict',
      'LAST_ADMIN',
      'Es la única cuenta de administración habilitada: cree o habilite otra antes de deshabilitarla o cambiarle el rol.',
    );
  }
}

export function createUsersService(db: Db, now: () => Date, passwords: PasswordHasher) {
  const repo = createUsersRepository(db);
  const findUser = (id: string): User => {
    const user = repo.find(id);
    if (!user) throw new AppError('not_found', 'USER_NOT_FOUND', 'No existe ese usuario');
    return user;
  };

  return {
    async create(actor: AuditActor, input: NewUser): Promise<User> {
      const passwordHash = await passwords.hash(input.password);
      const id = randomUUID();
      const at = now();
      immediate(db, () => {
        checkScope(repo, input);
        if (repo.usernameTaken(input.username)) {
          throw new AppError('conflict', 'USERNAME_TAKEN', `Ya existe el usuario «${input.username}»: elija otro nombre de usuario`, [
            { path: 'body.username', message: 'Ya existe: elija otro' },
          ]);
        }
        const row = {
          id,
          username: input.username,
          displayName: input.displayName,
          passwordHash,
          role: input.role,
          organizationId: input.organizationId ?? null,
          producerId: input.producerId ?? null,
          personId: input.personId ?? null,
          commissionSeat: input.commissionSeat ?? null,
          createdAt: at.toISOString(),
        };
        repo.insert(row);
        const { passwordHash: _secret, ...change } = row;
        appendAudit(db, actor, { entity: 'user', entityId: id, action: 'create', change }, at);
      });
      return findUser(id);
    },

    list(): User[] {
      return repo.list();
    },

    get: findUser,

    async update(actor: Actor, id: string, patch: UserPatch): Promise<User> {
      const passwordHash = patch.password ? await passwords.hash(patch.password) : undefined;
      const at = now();
      immediate(db, () => {
        const before = findUser(id);
        const set: UserChanges = {};
        if (patch.displayName !== undefined && patch.displayName !== before.displayName) set.displayName = patch.displayName;
        if (patch.disabled !== undefined) {
          const disabledAt = patch.disabled ? (before.disabledAt ?? at.toISOString()) : null;
          if (disabledAt !== before.disabledAt) set.disabledAt = disabledAt;
        }
        if (passwordHash) set.passwordHash = passwordHash;
        if (SCOPE_FIELDS.some((field) => patch[field] !== undefined)) {
          const scope = scopeAfter(before, patch);
          checkScope(repo, scope);
          if (scope.role !== before.role) set.role = scope.role;
          if (scope.organizationId !== before.organizationId) set.organizationId = scope.organizationId;
          if (scope.producerId !== before.producerId) set.producerId = scope.producerId;
          if (scope.personId !== before.personId) set.personId = scope.personId;
          if (scope.commissionSeat !== before.commissionSeat) set.commissionSeat = scope.commissionSeat;
        }
        if (Object.keys(set).length === 0) return;
        checkKeepsAnAdmin(repo, before, set);
        repo.update(id, set);
        // Disabling or a new password ends every open session of the user. Disabling also revokes the
        // API tokens for good: re-enabling the account must not bring old, possibly leaked, secrets back.
        if (set.disabledAt || passwordHash) repo.deleteSessionsOf(id);
        const revokedTokens = set.disabledAt ? repo.revokeApiTokensOf(id, at.toISOString()) : [];
        const changed = (field: 'displayName' | 'disabledAt' | (typeof SCOPE_FIELDS)[number]) =>
          set[field] !== undefined ? { [field]: { before: before[field], after: set[field] } } : {};
        const change = {
          ...changed('displayName'),
          ...changed('disabledAt'),
          ...(passwordHash ? { password: 'cambiada' } : {}),
          ...(revokedTokens.length > 0 ? { revokedApiTokens: revokedTokens } : {}),
          ...changed('role'),
          ...changed('organizationId'),
          ...changed('producerId'),
          ...changed('personId'),
          ...changed('commissionSeat'),
        };
        appendAudit(db, actor, { entity: 'user', entityId: id, action: 'update', change }, at);
      });
      return findUser(id);
    },
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
