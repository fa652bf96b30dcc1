/**
 * The SQL of persons' ties to production units and organisations: recorded and removed from the
 * registry, and read by visit planning for the conflict-of-interest rule on former ties.
 */
import { asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { organizations, personTies, producers } from '../../db/schema.js';
import type { FormerTie } from '../../domain/former-ties.js';

export type PersonTieRow = typeof personTies.$inferSelect;

/** A tie with the name of what it is to. */
export type PersonTieView = FormerTie & { id: string; createdAt: string };

const viewColumns = {
  id: personTies.id,
  personId: personTies.personId,
  kind: personTies.kind,
  producerId: personTies.producerId,
  organizationId: personTies.organizationId,
  targetName: sql<string>`coalesce(${producers.name}, ${organizations.name})`,
  startedOn: personTies.startedOn,
  endedOn: personTies.endedOn,
  createdAt: personTies.createdAt,
};

export function createPersonTiesRepository(db: Db) {
  const views = () =>
    db
      .select(viewColumns)
      .from(personTies)
      .leftJoin(producers, eq(producers.id, personTies.producerId))
      .leftJoin(organizations, eq(organizations.id, personTies.organizationId));

  return {
    tie: (id: string): PersonTieRow | undefined => db.select().from(personTies).where(eq(personTies.id, id)).get(),
    view: (id: string): PersonTieView | undefined => views().where(eq(personTies.id, id)).get(),
    /** A person's ties, ongoing and most recent first. */
    tiesOf: (personId: string): PersonTieView[] =>
      views()
        .where(eq(personTies.personId, personId))
        .orderBy(sql`${personTies.endedOn} IS NOT NULL`, desc(personTies.endedOn), desc(personTies.startedOn), asc(personTies.id))
        .all(),
    /** The ties of several persons (a visit team), in no particular order. */
    tiesOfPersons: (personIds: string[]): PersonTieView[] =>
      personIds.length === 0 ? [] : views().where(inArray(personTies.personId, personIds)).all(),
    insert: (row: typeof personTies.$inferInsert): void => void db.insert(personTies).values(row).run(),
    remove: (id: string): void => void db.delete(personTies).where(eq(personTies.id, id)).run(),
  };
}
export type PersonTiesRepository = ReturnType<typeof createPersonTiesRepository>;
