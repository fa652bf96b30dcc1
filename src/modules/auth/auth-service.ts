/**
 * Sign-in, sessions and API tokens. Every lookup on the request path is a
 * prepared statement; every change is audited in its own transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { immediate } from '../../db/client.js';
import type { Actor, Role } from '../../domain/access.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit-log.js';
import type { LoginLimiter } from './login-limiter.js';
import { API_TOKEN_PREFIX, dummyPasswordHash, newSecret, secretHash, verifyPassword } from './secrets.js';

/** The cookie that carries a person's session secret. */
export const SESSION_COOKIE = 'sello_sesion';
export const SESSION_HOURS = 12;

type ActorRow = {
  userId: string;
  username: string;
  role: Role;
  organizationId: string | null;
  producerId: string | null;
};

const ACTOR_COLUMNS = 'u.id AS userId, u.username, u.role, u.organization_id AS organizationId, u.producer_id AS producerId';

export type ApiTokenInfo = { id: string; name: string; createdAt: string; revokedAt: string | null };

export function createAuthService(db: Db, limiter: LoginLimiter, now: () => Date) {
  const sql = db.$client;
  const sessionActor = sql.prepare<[string, string], ActorRow>(
    `SELECT ${ACTOR_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = ? AND s.expires_at > ? AND u.disabled_at IS NULL`,
  );
  const tokenActor = sql.prepare<[string], ActorRow>(
    `SELECT ${ACTOR_COLUMNS} FROM api_tokens t JOIN users u ON u.id = t.user_id
     WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.disabled_at IS NULL`,
  );
  const userByName = sql.prepare<[string], ActorRow & { passwordHash: string; disabledAt: string | null }>(
    `SELECT ${ACTOR_COLUMNS}, u.password_hash AS passwordHash, u.disabled_at AS disabledAt FROM users u WHERE u.username = ?`,
  );
  const insertSession = sql.prepare<[string, string, string]>('INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)');
  const deleteSession = sql.prepare<[string]>('DELETE FROM sessions WHERE token_hash = ?');
  const deleteExpired = sql.prepare<[string]>('DELETE FROM sessions WHERE expires_at <= ?');

  const toActor = ({ userId, username, role, organizationId, producerId }: ActorRow): Actor => ({
    userId,
    username,
    role,
    organizationId,
    producerId,
  });

  return {
    actorForSession(secret: string): Actor | null {
      const row = sessionActor.get(secretHash(secret), now().toISOString());
      return row ? toActor(row) : null;
    },

    actorForApiToken(secret: string): Actor | null {
      if (!secret.startsWith(API_TOKEN_PREFIX)) return null;
      const row = tokenActor.get(secretHash(secret));
      return row ? toActor(row) : null;
    },

    /** Checks the password and opens a session; the returned secret goes in the cookie only. */
    async login(username: string, password: string, ip: string): Promise<{ secret: string; actor: Actor; expiresAt: Date }> {
      await limiter.check(username, ip);
      const user = userByName.get(username);
      const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
      if (!user || !ok || user.disabledAt) {
        await limiter.failed(username, ip);
        throw new AppError('unauthenticated', 'INVALID_CREDENTIALS', 'Usuario o contraseña incorrectos, o cuenta deshabilitada');
      }
      await limiter.succeeded(username, ip);
      const secret = newSecret();
      const at = now();
      const expiresAt = new Date(at.getTime() + SESSION_HOURS * 3600_000);
      const actor = toActor(user);
      immediate(db, () => {
        deleteExpired.run(at.toISOString());
        insertSession.run(secretHash(secret), user.userId, expiresAt.toISOString());
        appendAudit(db, actor, { entity: 'user', entityId: user.userId, action: 'login', change: { expiresAt: expiresAt.toISOString() } }, at);
      });
      return { secret, actor, expiresAt };
    },

    logout(actor: Actor, secret: string): void {
      immediate(db, () => {
        if (deleteSession.run(secretHash(secret)).changes > 0) {
          appendAudit(db, actor, { entity: 'user', entityId: actor.userId, action: 'logout', change: null }, now());
        }
      });
    },

    createApiToken(actor: Actor, name: string): { token: string; info: ApiTokenInfo } {
      const token = newSecret(API_TOKEN_PREFIX);
      const id = randomUUID();
      const at = now();
      immediate(db, () => {
        sql.prepare('INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)').run(
          id,
          actor.userId,
          name,
          secretHash(token),
          at.toISOString(),
        );
        appendAudit(db, actor, { entity: 'api_token', entityId: id, action: 'create', change: { name, userId: actor.userId } }, at);
      });
      return { token, info: { id, name, createdAt: at.toISOString(), revokedAt: null } };
    },

    listApiTokens(actor: Actor): ApiTokenInfo[] {
      return sql
        .prepare<[string], ApiTokenInfo>(
          `SELECT id, name, created_at AS createdAt, revoked_at AS revokedAt
           FROM api_tokens WHERE user_id = ? ORDER BY created_at`,
        )
        .all(actor.userId);
    },

    /** Revokes one of the actor's own tokens (administrators may revoke anyone's). */
    revokeApiToken(actor: Actor, id: string): void {
      const at = now();
      immediate(db, () => {
        const token = sql.prepare<[string], { userId: string; revokedAt: string | null }>(
          'SELECT user_id AS userId, revoked_at AS revokedAt FROM api_tokens WHERE id = ?',
        ).get(id);
        if (!token || (token.userId !== actor.userId && actor.role !== 'admin')) {
          throw new AppError('not_found', 'API_TOKEN_NOT_FOUND', 'No existe ese token de API');
        }
        if (token.revokedAt) return;
        sql.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ?').run(at.toISOString(), id);
        appendAudit(db, actor, { entity: 'api_token', entityId: id, action: 'revoke', change: null }, at);
      });
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
