/**
 * Sign-in, sessions and API tokens: checks the secrets and audits every change
 * in its own transaction; the statements live in the auth repository.
 */
import { randomUUID } from 'node:crypto';
import { immediate, type Db } from '../../db/client.js';
import { canRevokeToken, type Actor } from '../../domain/access.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit-log.js';
import { createAuthRepository, type ActorRow, type ApiTokenInfo } from './auth-repository.js';
import type { LoginLimiter } from './login-limiter.js';
import { API_TOKEN_PREFIX, newSecret, secretHash, type PasswordHasher } from './secrets.js';

/** The cookie that carries a person's session secret. */
export const SESSION_COOKIE = 'sello_sesion';
export const SESSION_HOURS = 12;

export function createAuthService(db: Db, limiter: LoginLimiter, now: () => Date, passwords: PasswordHasher) {
  const repo = createAuthRepository(db);

  const toActor = ({ userId, username, role, organizationId, producerId }: ActorRow): Actor => ({
    userId,
    username,
    role,
    organizationId,
    producerId,
  });

  return {
    actorForSession(secret: string): Actor | null {
      const row = repo.sessionActor(secretHash(secret), now().toISOString());
      return row ? toActor(row) : null;
    },

    actorForApiToken(secret: string): Actor | null {
      if (!secret.startsWith(API_TOKEN_PREFIX)) return null;
      const row = repo.tokenActor(secretHash(secret));
      return row ? toActor(row) : null;
    },

    /** Checks the password and opens a session; the returned secret goes in the cookie only. */
    async login(username: string, password: string, ip: string): Promise<{ secret: string; actor: Actor; expiresAt: Date }> {
      limiter.check(username);
      const user = repo.userByName(username);
      const ok = await passwords.verify(user?.passwordHash ?? (await passwords.dummyHash()), password);
      if (!user || !ok || user.disabledAt) {
        const tooMany = limiter.failed(username, ip);
        if (tooMany) throw tooMany;
        throw new AppError(
          'unauthenticated',
          'INVALID_CREDENTIALS',
          'Usuario o contraseña incorrectos, o cuenta deshabilitada. Revíselos e intente de nuevo; si no puede entrar, pida ayuda a la administración',
        );
      }
      limiter.succeeded(username);
      const secret = newSecret();
      const at = now();
      const expiresAt = new Date(at.getTime() + SESSION_HOURS * 3600_000);
      const actor = toActor(user);
      immediate(db, () => {
        repo.deleteExpiredSessions(at.toISOString());
        repo.insertSession(secretHash(secret), user.userId, expiresAt.toISOString());
        appendAudit(
          db,
          actor,
          { entity: 'user', entityId: user.userId, action: 'login', change: { expiresAt: expiresAt.toISOString() } },
          at,
        );
      });
      return { secret, actor, expiresAt };
    },

    logout(actor: Actor, secret: string): void {
      immediate(db, () => {
        if (repo.deleteSession(secretHash(secret))) {
          appendAudit(db, actor, { entity: 'user', entityId: actor.userId, action: 'logout', change: null }, now());
        }
      });
    },

    createApiToken(actor: Actor, name: string): { token: string; info: ApiTokenInfo } {
      const token = newSecret(API_TOKEN_PREFIX);
      const id = randomUUID();
      const at = now();
      immediate(db, () => {
        repo.insertApiToken({ id, userId: actor.userId, name, tokenHash: secretHash(token), createdAt: at.toISOString() });
        appendAudit(db, actor, { entity: 'api_token', entityId: id, action: 'create', change: { name, userId: actor.userId } }, at);
      });
      return { token, info: { id, name, createdAt: at.toISOString(), revokedAt: null } };
    },

    listApiTokens(actor: Actor): ApiTokenInfo[] {
      return repo.apiTokensOf(actor.userId);
    },

    /** Revokes one of the actor's own tokens (administrators may revoke anyone's). */
    revokeApiToken(actor: Actor, id: string): void {
      const at = now();
      immediate(db, () => {
        const token = repo.apiToken(id);
        // Someone else's token is answered as missing, so its existence does not leak.
        if (!token || !canRevokeToken(actor, token.userId)) {
          throw new AppError('not_found', 'API_TOKEN_NOT_FOUND', 'No existe ese token de API');
        }
        if (token.revokedAt) return;
        repo.revokeApiToken(id, at.toISOString());
        appendAudit(db, actor, { entity: 'api_token', entityId: id, action: 'revoke', change: null }, at);
      });
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
