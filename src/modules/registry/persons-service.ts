/** Persons: members, reviewers, committee and commission members, consumers and technicians. */
import { randomUUID } from 'node:crypto';
import { immediate, type Db } from '../../db/client.js';
import { type Actor, authorize, canAccessRegistry, canCreateIn, listScope } from '../../domain/access.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit-log.js';
import { changesBetween } from './registry-fns.js';
import { createRegistryRepository } from './registry-repository.js';
import type { NewPerson, PersonListQuery, PersonPatch } from './registry-schemas.js';

export function createPersonsService(db: Db, now: () => Date) {
  const repo = createRegistryRepository(db);
  const find = (id: string) => {
    const person = repo.person(id);
    if (!person) throw new AppError('not_found', 'PERSON_NOT_FOUND', 'No existe esa persona');
    return person;
  };

  /** A linked producer must exist and belong to the person's organisation. */
  const checkProducer = (organizationId: string, producerId: string | null | undefined) => {
    if (!producerId) return;
    if (repo.producerOrganization(producerId) !== organizationId) {
      throw new AppError('invalid', 'PRODUCER_NOT_IN_ORGANIZATION', 'La unidad productiva no existe en esa organización', [
        { path: 'body.producerId', message: 'No pertenece a la organización' },
      ]);
    }
  };

  return {
    get(actor: Actor, id: string) {
      const person = find(id);
      authorize(
        canAccessRegistry(actor, 'read', { organizationId: person.organizationId, producerId: person.producerId }),
        'No tiene acceso a esta persona',
      );
      return person;
    },

    list(actor: Actor, query: PersonListQuery) {
      const scope = listScope(actor);
      if (query.organizationId && scope !== 'none' && scope.organizationId && scope.organizationId !== query.organizationId) {
        authorize(false, 'Solo puede consultar las personas de su organización');
      }
      const { items, total } = repo.listPersons(scope, query);
      return { items, page: query.page, pageSize: query.pageSize, total };
    },

    create(actor: Actor, input: NewPerson) {
      const at = now();
      const row = {
        id: randomUUID(),
        ...input,
        producerId: input.producerId ?? null,
        household: input.household ?? null,
        gender: input.gender ?? null,
        publicNameConsent: input.publicNameConsent ?? false,
        createdAt: at.toISOString(),
        updatedAt: at.toISOString(),
      };
      immediate(db, () => {
        if (!repo.organizationExists(input.organizationId))
          throw new AppError('not_found', 'ORGANIZATION_NOT_FOUND', 'No existe esa organización');
        authorize(canCreateIn(actor, input.organizationId), 'Solo el comité de la organización o la administración registran personas');
        checkProducer(input.organizationId, input.producerId);
        repo.insertPerson(row);
        appendAudit(db, actor, { entity: 'person', entityId: row.id, action: 'create', change: row }, at);
      });
      return find(row.id);
    },

    update(actor: Actor, id: string, patch: PersonPatch) {
      const at = now();
      immediate(db, () => {
        const before = find(id);
        authorize(
          canAccessRegistry(actor, 'write', { organizationId: before.organizationId, producerId: before.producerId }),
          'No puede modificar esta persona',
        );
        checkProducer(before.organizationId, patch.producerId);
        repo.updatePerson(id, { ...patch, updatedAt: at.toISOString() });
        appendAudit(db, actor, { entity: 'person', entityId: id, action: 'update', change: changesBetween(before, patch) }, at);
      });
      return find(id);
    },
  };
}
export type PersonsService = ReturnType<typeof createPersonsService>;
