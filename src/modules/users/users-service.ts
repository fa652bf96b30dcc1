/** User accounts: created and disabled by administrators (or the CLI), always audited. */
import { randomUUID } from 'node:crypto';
import { immediate, type Db } from '../../db/client.js';
import type { Actor } from '../../domain/access.js';
import { AppError } from '../../errors.js';
import { appendAudit, type AuditActor } from '../audit/audit-log.js';
import type { PasswordHasher } from '../auth/secrets.js';
import type { NewUser, User } from './users-schemas.js';
import { createUsersRepository, type UserChanges, type UsersRepository } from './users-repository.js';

/** The organisation and producer a role needs; a producer's unit must belong to its organisation. */
function checkScope(repo: UsersRepository, input: NewUser): void {
  const invalid = (path: string, message: string) =>
    new AppError('invalid', 'INVALID_USER_SCOPE', message, [{ path: `body.${path}`, message }]);
  const needsOrg = input.role === 'committee' || input.role === 'reviewer' || input.role === 'producer';
  if (needsOrg && !input.organizationId) throw invalid('organizationId', 'Este rol necesita una organización');
  if (input.role === 'producer') {
    if (!input.producerId) throw invalid('producerId', 'Una cuenta de productor necesita su unidad productiva');
    const organizationId = repo.producerOrganization(input.producerId);
    if (organizationId !== undefined && organizationId !== input.organizationId) {
      throw invalid('producerId', 'La unidad productiva no pertenece a esa organización');
    }
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

    async update(actor: Actor, id: string, patch: { displayName?: string; disabled?: boolean; password?: string }): Promise<User> {
      const passwordHash = patch.password ? await passwords.hash(patch.password) : undefined;
      const at = now();
      immediate(db, () => {
        const before = findUser(id);
        const set: UserChanges = {};
        if (patch.displayName !== undefined) set.displayName = patch.displayName;
        if (patch.disabled !== undefined) set.disabledAt = patch.disabled ? (before.disabledAt ?? at.toISOString()) : null;
        if (passwordHash) set.passwordHash = passwordHash;
        if (Object.keys(set).length === 0) return;
        repo.update(id, set);
        // Disabling or a new password ends every open session of the user.
        if (patch.disabled || passwordHash) repo.deleteSessionsOf(id);
        const change = {
          ...(set.displayName !== undefined ? { displayName: { before: before.displayName, after: set.displayName } } : {}),
          ...(set.disabledAt !== undefined ? { disabledAt: { before: before.disabledAt, after: set.disabledAt } } : {}),
          ...(passwordHash ? { password: 'cambiada' } : {}),
        };
        appendAudit(db, actor, { entity: 'user', entityId: id, action: 'update', change }, at);
      });
      return findUser(id);
    },
  };
}
export type UsersService = ReturnType<typeof createUsersService>;
