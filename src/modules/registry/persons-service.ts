/** Persons: members, reviewers, committee and commission members, consumers and technicians. */
import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { immediate, type Db } from '../../db/client.js';
import { organizations, persons, producers } from '../../db/schema.js';
import { type Actor, authorize, canAccessRegistry, canCreateIn, listScope } from '../../domain/access.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit-log.js';
import { changesBetween } from './registry-fns.js';
import type { NewPersonSchema, PersonListQuerySchema, PersonPatchSchema } from './registry-schemas.js';

export function createPersonsService(db: Db, now: () => Date) {
  const find = (id: string) => {
    const person = db.select().from(persons).where(eq(persons.id, id)).get();
    if (!person) throw new AppError('not_found', 'PERSON_NOT_FOUND', 'No existe esa persona');
    return person;
  };

  /** A linked producer must exist and belong to the person's organisation. */
  const checkProducer = (organizationId: string, producerId: string | null | undefined) => {
    if (!producerId) return;
    const producer = db.select({ organizationId: producers.organizationId }).from(producers).where(eq(producers.id, producerId)).get();
    if (producer?.organizationId !== organizationId) {
      throw new AppError('invalid', 'PRODUCER_NOT_IN_ORGANIZATION', 'La unidad productiva no existe en esa organización', [
        { path: 'body.producerId', message: 'No pertenece a la organización' },
      ]);
    }
  };

  return {
    get(actor: Actor, id: string) {
      const person = find(id);
      authorize(canAccessRegistry(actor, 'read', { organizationId: person.organizationId, producerId: person.producerId }), 'No tiene acceso a esta persona');
      return person;
    },

    list(actor: Actor, query: z.infer<typeof PersonListQuerySchema>) {
      const scope = listScope(actor);
      if (query.organizationId && scope !== 'none' && scope.organizationId && scope.organizationId !== query.organizationId) {
        authorize(false, 'Solo puede consultar las personas de su organización');
      }
      const filters: (SQL | undefined)[] = [
        scope === 'none' ? sql`0` : undefined,
        scope !== 'none' && scope.organizationId ? eq(persons.organizationId, scope.organizationId) : undefined,
        scope !== 'none' && scope.producerId ? eq(persons.producerId, scope.producerId) : undefined,
        query.organizationId ? eq(persons.organizationId, query.organizationId) : undefined,
        query.q ? sql`fold(${persons.fullName}) like '%' || fold(${query.q}) || '%'` : undefined,
      ];
      const where = and(...filters.filter((f): f is SQL => f !== undefined));
      const total = db.select({ n: count() }).from(persons).where(where).get()!.n;
      const items = db
        .select()
        .from(persons)
        .where(where)
        .orderBy(asc(persons.fullName), asc(persons.id))
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize)
        .all();
      return { items, page: query.page, pageSize: query.pageSize, total };
    },

    create(actor: Actor, input: z.infer<typeof NewPersonSchema>) {
      const at = now();
      const row = {
        id: randomUUID(),
        ...input,
        producerId: input.producerId ?? null,
        household: input.household ?? null,
        publicNameConsent: input.publicNameConsent ?? false,
        createdAt: at.toISOString(),
        updatedAt: at.toISOString(),
      };
      immediate(db, () => {
        if (!db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, input.organizationId)).get()) {
          throw new AppError('not_found', 'ORGANIZATION_NOT_FOUND', 'No existe esa organización');
        }
        authorize(canCreateIn(actor, input.organizationId), 'Solo el comité de la organización o la administración registran personas');
        checkProducer(input.organizationId, input.producerId);
        db.insert(persons).values(row).run();
        appendAudit(db, actor, { entity: 'person', entityId: row.id, action: 'create', change: row }, at);
      });
      return find(row.id);
    },

    update(actor: Actor, id: string, patch: z.infer<typeof PersonPatchSchema>) {
      const at = now();
      immediate(db, () => {
        const before = find(id);
        authorize(canAccessRegistry(actor, 'write', { organizationId: before.organizationId, producerId: before.producerId }), 'No puede modificar esta persona');
        checkProducer(before.organizationId, patch.producerId);
        db.update(persons).set({ ...patch, updatedAt: at.toISOString() }).where(eq(persons.id, id)).run();
        appendAudit(db, actor, { entity: 'person', entityId: id, action: 'update', change: changesBetween(before, patch) }, at);
      });
      return find(id);
    },
  };
}
export type PersonsService = ReturnType<typeof createPersonsService>;
