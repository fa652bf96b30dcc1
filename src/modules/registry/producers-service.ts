/**
 * Producers (unidades productivas): kept by their organisation's committee or the administration,
 * read according to the access rules, listed with filters confined to what the actor may see.
 */
import { randomUUID } from 'node:crypto';
import { immediate, isUniqueViolation, type Db } from '../../db/client.js';
import { type Actor, authorize, canAccessRegistry, canCreateIn, listScope } from '../../domain/access.js';
import { AppError, type FieldIssue } from '../../errors.js';
import { appendAudit } from '../audit/audit-log.js';
import { changesBetween } from './registry-fns.js';
import { createRegistryRepository } from './registry-repository.js';
import type { NewProducer, Producer, ProducerListQuery, ProducerPatch } from './registry-schemas.js';

export type ProducerFields = Omit<NewProducer, 'organizationId'>;

export function createProducersService(db: Db, sectors: readonly string[], now: () => Date) {
  const repo = createRegistryRepository(db);
  const find = (id: string): Producer => {
    const producer = repo.producer(id);
    if (!producer) throw new AppError('not_found', 'PRODUCER_NOT_FOUND', 'No existe esa unidad productiva');
    return producer;
  };

  /** Problems with sector codes and the pledge date, as field issues under `prefix`. */
  const fieldProblems = (input: Partial<ProducerFields>, prefix: string, today: string): FieldIssue[] => {
    const issues: FieldIssue[] = [];
    (input.sectors ?? []).forEach((sector, i) => {
      if (!sectors.includes(sector))
        issues.push({ path: `${prefix}.sectors.${i}`, message: `Sector desconocido: ${sector} (válidos: ${sectors.join(', ')})` });
    });
    if (input.pledgeSignedOn && input.pledgeSignedOn > today) {
      issues.push({ path: `${prefix}.pledgeSignedOn`, message: 'La fecha de la carta de compromiso no puede ser futura' });
    }
    return issues;
  };

  const rowFor = (organizationId: string, input: ProducerFields, at: Date) => ({
    id: randomUUID(),
    organizationId,
    ...input,
    pledgeSignedOn: input.pledgeSignedOn ?? null,
    publicNameConsent: input.publicNameConsent ?? false,
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
  });

  const nameTaken = (name: string, path = 'body.name') =>
    new AppError('conflict', 'PRODUCER_NAME_TAKEN', `La organización ya tiene una unidad productiva llamada ${name}`, [
      { path, message: 'Ya existe' },
    ]);

  return {
    fieldProblems,
    rowFor,

    get(actor: Actor, id: string): Producer {
      const producer = find(id);
      authorize(
        canAccessRegistry(actor, 'read', { organizationId: producer.organizationId, producerId: producer.id }),
        'No tiene acceso a esta unidad productiva',
      );
      return producer;
    },

    list(actor: Actor, query: ProducerListQuery) {
      const scope = listScope(actor);
      if (query.organizationId && scope !== 'none' && scope.organizationId && scope.organizationId !== query.organizationId) {
        authorize(false, 'Solo puede consultar los productores de su organización');
      }
      const { items, total } = repo.listProducers(scope, query);
      return { items, page: query.page, pageSize: query.pageSize, total };
    },

    create(actor: Actor, input: NewProducer): Producer {
      const at = now();
      const { organizationId, ...fields } = input;
      const row = rowFor(organizationId, fields, at);
      immediate(db, () => {
        if (!repo.organizationExists(organizationId))
          throw new AppError('not_found', 'ORGANIZATION_NOT_FOUND', 'No existe esa organización');
        authorize(canCreateIn(actor, organizationId), 'Solo el comité de la organización o la administración registran productores');
        const issues = fieldProblems(fields, 'body', at.toISOString().slice(0, 10));
        if (issues.length > 0) throw new AppError('invalid', 'INVALID_PRODUCER', 'La unidad productiva tiene datos inválidos', issues);
        try {
          repo.insertProducer(row);
        } catch (error) {
          if (isUniqueViolation(error)) throw nameTaken(fields.name);
          throw error;
        }
        appendAudit(db, actor, { entity: 'producer', entityId: row.id, action: 'create', change: row }, at);
      });
      return find(row.id);
    },

    update(actor: Actor, id: string, patch: ProducerPatch): Producer {
      const at = now();
      immediate(db, () => {
        const before = find(id);
        authorize(
          canAccessRegistry(actor, 'write', { organizationId: before.organizationId, producerId: id }),
          'No puede modificar esta unidad productiva',
        );
        const issues = fieldProblems(patch, 'body', at.toISOString().slice(0, 10));
        if (issues.length > 0) throw new AppError('invalid', 'INVALID_PRODUCER', 'La unidad productiva tiene datos inválidos', issues);
        try {
          repo.updateProducer(id, { ...patch, updatedAt: at.toISOString() });
        } catch (error) {
          if (isUniqueViolation(error)) throw nameTaken(patch.name ?? '');
          throw error;
        }
        appendAudit(db, actor, { entity: 'producer', entityId: id, action: 'update', change: changesBetween(before, patch) }, at);
      });
      return find(id);
    },
  };
}
export type ProducersService = ReturnType<typeof createProducersService>;
