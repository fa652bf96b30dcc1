/**
 * The SQL of the registry: organisations and their committees, producers and
 * persons. Lists take the scope the access rules confine the actor to.
 */
import { asc, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { allOf, containsFolded, offsetOf as offset, withinScope, type ListScope as Scope, type Paging } from '../../db/list-query.js';
import { committees, organizations, persons, producers } from '../../db/schema.js';
import { refreshRegistrySearch } from '../public/registry-index.js';
import type { PersonListQuery, ProducerListQuery } from './registry-schemas.js';

type OrganizationRow = typeof organizations.$inferSelect;
type ProducerRow = typeof producers.$inferSelect;
type PersonRow = typeof persons.$inferSelect;
type CommitteeRow = typeof committees.$inferSelect;

export function createRegistryRepository(db: Db) {
  return {
    // Organisations and committees

    organization: (id: string): OrganizationRow | undefined => db.select().from(organizations).where(eq(organizations.id, id)).get(),
    organizationExists: (id: string): boolean =>
      db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, id)).get() !== undefined,

    /** A page of organisations by name: all of them, or only `onlyId`. */
    listOrganizations(onlyId: string | undefined, paging: Paging): { items: OrganizationRow[]; total: number } {
      const where = onlyId === undefined ? undefined : eq(organizations.id, onlyId);
      const total = db.select({ n: count() }).from(organizations).where(where).get()!.n;
      const items = db
        .select()
        .from(organizations)
        .where(where)
        .orderBy(asc(organizations.name))
        .limit(paging.pageSize)
        .offset(offset(paging))
        .all();
      return { items, total };
    },

    insertOrganization: (row: typeof organizations.$inferInsert): void => void db.insert(organizations).values(row).run(),
    /** Also rewrites the public registry's search data of its certificates (their name may have changed). */
    updateOrganization(id: string, patch: Partial<typeof organizations.$inferInsert>): void {
      db.update(organizations).set(patch).where(eq(organizations.id, id)).run();
      refreshRegistrySearch(db, { organizationId: id });
    },

    committeesOf: (organizationId: string): CommitteeRow[] =>
      db.select().from(committees).where(eq(committees.organizationId, organizationId)).orderBy(asc(committees.name)).all(),
    insertCommittee: (row: typeof committees.$inferInsert): void => void db.insert(committees).values(row).run(),

    // Producers

    producer: (id: string): ProducerRow | undefined => db.select().from(producers).where(eq(producers.id, id)).get(),
    /** The organisation of a producer, if the producer exists. */
    producerOrganization: (id: string): string | undefined =>
      db.select({ organizationId: producers.organizationId }).from(producers).where(eq(producers.id, id)).get()?.organizationId,
    producerNamesIn: (organizationId: string): string[] =>
      db
        .select({ name: producers.name })
        .from(producers)
        .where(eq(producers.organizationId, organizationId))
        .all()
        .map((p) => p.name),
    /** Every producer of an organisation, by name. */
    producersOf: (organizationId: string): ProducerRow[] =>
      db.select().from(producers).where(eq(producers.organizationId, organizationId)).orderBy(producers.name).all(),
    insertProducer: (row: typeof producers.$inferInsert): void => void db.insert(producers).values(row).run(),
    /** Also rewrites the public registry's search data of its certificates (name, consent, municipality). */
    updateProducer(id: string, set: Partial<typeof producers.$inferInsert>): void {
      db.update(producers).set(set).where(eq(producers.id, id)).run();
      refreshRegistrySearch(db, { producerId: id });
    },

    /** A page of producers by name, within `scope` and the query's filters; `q` ignores case and accents. */
    listProducers(scope: Scope, query: ProducerListQuery): { items: ProducerRow[]; total: number } {
      const where = allOf([
        withinScope(scope, { organizationId: producers.organizationId, producerId: producers.id }),
        query.organizationId ? eq(producers.organizationId, query.organizationId) : undefined,
        query.department ? eq(producers.department, query.department) : undefined,
        query.sector ? sql`exists (select 1 from json_each(${producers.sectors}) where value = ${query.sector})` : undefined,
        query.q
          ? containsFolded(
              sql`${producers.name} || ' ' || ${producers.community} || ' ' || ${producers.municipality} || ' ' || ${producers.products}`,
              query.q,
            )
          : undefined,
      ]);
      const total = db.select({ n: count() }).from(producers).where(where).get()!.n;
      const items = db
        .select()
        .from(producers)
        .where(where)
        .orderBy(asc(producers.name), asc(producers.id))
        .limit(query.pageSize)
        .offset(offset(query))
        .all();
      return { items, total };
    },

    // Persons

    person: (id: string): PersonRow | undefined => db.select().from(persons).where(eq(persons.id, id)).get(),
    insertPerson: (row: typeof persons.$inferInsert): void => void db.insert(persons).values(row).run(),
    updatePerson: (id: string, set: Partial<typeof persons.$inferInsert>): void =>
      void db.update(persons).set(set).where(eq(persons.id, id)).run(),

    /** A page of persons by name, within `scope` and the query's filters. */
    listPersons(scope: Scope, query: PersonListQuery): { items: PersonRow[]; total: number } {
      const where = allOf([
        withinScope(scope, { organizationId: persons.organizationId, producerId: persons.producerId }),
        query.organizationId ? eq(persons.organizationId, query.organizationId) : undefined,
        query.q ? containsFolded(persons.fullName, query.q) : undefined,
      ]);
      const total = db.select({ n: count() }).from(persons).where(where).get()!.n;
      const items = db
        .select()
        .from(persons)
        .where(where)
        .orderBy(asc(persons.fullName), asc(persons.id))
        .limit(query.pageSize)
        .offset(offset(query))
        .all();
      return { items, total };
    },
  };
}
export type RegistryRepository = ReturnType<typeof createRegistryRepository>;
