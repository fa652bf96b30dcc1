/** Accounts for tests: users created through the real services, with a bearer token each. */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { immediate } from '../../src/db/client.js';
import { organizations } from '../../src/db/schema.js';
import { appendAudit } from '../../src/modules/audit/audit-log.js';
import type { Role } from '../../src/domain/access.js';
import { createAuthService } from '../../src/modules/auth/auth-service.js';
import { createLoginLimiter } from '../../src/modules/auth/login-limiter.js';
import type { User } from '../../src/modules/users/users-schemas.js';
import { createUsersService } from '../../src/modules/users/users-service.js';

export type TestUser = { user: User; token: string; password: string; headers: { authorization: string } };

let counter = 0;

export async function seedUser(
  app: FastifyInstance,
  {
    role,
    organizationId = null,
    producerId = null,
    personId = null,
    username,
    displayName,
    commissionSeat,
  }: {
    role: Role;
    organizationId?: string | null;
    producerId?: string | null;
    personId?: string | null;
    username?: string;
    displayName?: string;
    /** A commission member's seat: titular or suplente. */
    commissionSeat?: 'titular' | 'suplente';
  },
): Promise<TestUser> {
  const now = () => new Date();
  const password = 'contraseña-de-prueba-1';
  counter += 1;
  const user = await createUsersService(app.db, now, app.passwords).create(
    { system: 'test' },
    {
      username: username ?? `${role}-${counter}`,
      displayName: displayName ?? `Usuaria ${role} ${counter}`,
      password,
      role,
      organizationId,
      producerId,
      personId,
      ...(commissionSeat ? { commissionSeat } : {}),
    },
  );
  const actor = { userId: user.id, username: user.username, role, organizationId, producerId };
  const { token } = createAuthService(app.db, createLoginLimiter(), now, app.passwords).createApiToken(actor, 'pruebas');
  return { user, token, password, headers: { authorization: `Bearer ${token}` } };
}

/** Rows in a table, to assert that a refused request wrote nothing. */
export function countRows(app: FastifyInstance, table: string): number {
  return (app.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

let orgCounter = 0;

/** An organisation inserted with its audit entry, for tests that only need an id to scope accounts. */
export function seedOrganization(app: FastifyInstance, name?: string): string {
  const id = randomUUID();
  orgCounter += 1;
  const row = {
    id,
    name: name ?? `Cooperativa de prueba ${orgCounter}`,
    kind: 'cooperativa' as const,
    department: 'la-paz',
    municipality: 'Coroico',
  };
  immediate(app.db, () => {
    app.db.insert(organizations).values(row).run();
    appendAudit(app.db, { system: 'test' }, { entity: 'organization', entityId: id, action: 'create', change: row }, new Date());
  });
  return id;
}
