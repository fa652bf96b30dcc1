/** The SQL of user accounts: never reads the password hash back out. */
import { and, count, eq, isNull, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { apiTokens, organizations, persons, producers, sessions, users } from '../../db/schema.js';
import type { User } from './users-schemas.js';

const PUBLIC_COLUMNS = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  organizationId: users.organizationId,
  producerId: users.producerId,
  personId: users.personId,
  commissionSeat: users.commissionSeat,
  disabledAt: users.disabledAt,
  createdAt: users.createdAt,
};

export type UserChanges = Partial<
  Pick<
    typeof users.$inferInsert,
    'displayName' | 'disabledAt' | 'passwordHash' | 'role' | 'organizationId' | 'producerId' | 'personId' | 'commissionSeat'
  >
>;

export function createUsersRepository(db: Db) {
  return {
    find: (id: string): User | undefined => db.select(PUBLIC_COLUMNS).from(users).where(eq(users.id, id)).get(),
    usernameTaken: (username: string): boolean =>
      db.select({ id: users.id }).from(users).where(eq(users.username, username)).get() !== undefined,
    /** The organisation a producer belongs to, if the producer exists. */
    producerOrganization: (producerId: string): string | undefined =>
      db.select({ organizationId: producers.organizationId }).from(producers).where(eq(producers.id, producerId)).get()?.organizationId,
    /** The organisation a person belongs to, if the person exists. */
    personOrganization: (personId: string): string | undefined =>
      db.select({ organizationId: persons.organizationId }).from(persons).where(eq(persons.id, personId)).get()?.organizationId,
    organizationExists: (organizationId: string): boolean =>
      db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId)).get() !== undefined,
    /** Enabled administration accounts other than `userId`. */
    otherEnabledAdmins: (userId: string): number =>
      db
        .select({ n: count() })
        .from(users)
        .where(and(eq(users.role, 'admin'), isNull(users.disabledAt), ne(users.id, userId)))
        .get()!.n,
    insert: (row: typeof users.$inferInsert): void => void db.insert(users).values(row).run(),
    list: (): User[] => db.select(PUBLIC_COLUMNS).from(users).orderBy(users.username).all(),
    update: (id: string, set: UserChanges): void => void db.update(users).set(set).where(eq(users.id, id)).run(),
    deleteSessionsOf: (userId: string): void => void db.delete(sessions).where(eq(sessions.userId, userId)).run(),
    /** Revokes every live API token of the user; returns the ids revoked. */
    revokeApiTokensOf: (userId: string, at: string): string[] =>
      db
        .update(apiTokens)
        .set({ revokedAt: at })
        .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
        .returning({ id: apiTokens.id })
        .all()
        .map(({ id }) => id),
  };
}
export type UsersRepository = ReturnType<typeof createUsersRepository>;
