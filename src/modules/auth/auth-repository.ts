/** The SQL of sign-in, sessions and API tokens, as statements prepared once (most run on every request). */
import type { Db } from '../../db/client.js';
import type { Role } from '../../domain/access.js';

/** The fields of a user that make up an actor. */
export type ActorRow = {
  userId: string;
  username: string;
  role: Role;
  organizationId: string | null;
  producerId: string | null;
};

export type ApiTokenInfo = { id: string; name: string; createdAt: string; revokedAt: string | null };

const ACTOR_COLUMNS = 'u.id AS userId, u.username, u.role, u.organization_id AS organizationId, u.producer_id AS producerId';

export function createAuthRepository(db: Db) {
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
  const insertToken = sql.prepare<[string, string, string, string, string]>(
    'INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const tokensOf = sql.prepare<[string], ApiTokenInfo>(
    `SELECT id, name, created_at AS createdAt, revoked_at AS revokedAt
     FROM api_tokens WHERE user_id = ? ORDER BY created_at`,
  );
  const tokenById = sql.prepare<[string], { userId: string; revokedAt: string | null }>(
    'SELECT user_id AS userId, revoked_at AS revokedAt FROM api_tokens WHERE id = ?',
  );
  const revokeToken = sql.prepare<[string, string]>('UPDATE api_tokens SET revoked_at = ? WHERE id = ?');

  return {
    /** The user of an unexpired session, unless disabled. */
    sessionActor: (tokenHash: string, at: string) => sessionActor.get(tokenHash, at),
    /** The user of an unrevoked API token, unless disabled. */
    tokenActor: (tokenHash: string) => tokenActor.get(tokenHash),
    userByName: (username: string) => userByName.get(username),
    insertSession: (tokenHash: string, userId: string, expiresAt: string): void => void insertSession.run(tokenHash, userId, expiresAt),
    /** Returns whether there was such a session. */
    deleteSession: (tokenHash: string): boolean => deleteSession.run(tokenHash).changes > 0,
    deleteExpiredSessions: (at: string): void => void deleteExpired.run(at),
    insertApiToken: (row: { id: string; userId: string; name: string; tokenHash: string; createdAt: string }): void =>
      void insertToken.run(row.id, row.userId, row.name, row.tokenHash, row.createdAt),
    apiTokensOf: (userId: string): ApiTokenInfo[] => tokensOf.all(userId),
    apiToken: (id: string) => tokenById.get(id),
    revokeApiToken: (id: string, at: string): void => void revokeToken.run(at, id),
  };
}
export type AuthRepository = ReturnType<typeof createAuthRepository>;
