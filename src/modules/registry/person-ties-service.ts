/**
 * A person's ties to production units and organisations (worked for, traded with, belonged to),
 * which the conflict-of-interest rule on former ties reads when a visit is planned. Whoever may
 * modify the person records them; each write is one immediate transaction with its audit entry.
 */
import { randomUUID } from 'node:crypto';
import { immediate, type Db } from '../../db/client.js';
import { type Actor, authorize, canAccessOrganization, canAccessRegistry } from '../../domain/access.js';
import { laPazDate } from '../../domain/certificate-state.js';
import { tieDatesProblems } from '../../domain/former-ties.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit-log.js';
import { createPersonTiesRepository, type PersonTieView } from './person-ties-repository.js';
import { createRegistryRepository } from './registry-repository.js';
import type { NewPersonTie } from './registry-schemas.js';

const tieNotFound = () => new AppError('not_found', 'TIE_NOT_FOUND', 'Esa persona no tiene registrado ese vínculo');

export function createPersonTiesService(db: Db, now: () => Date) {
  const registry = createRegistryRepository(db);
  const repo = createPersonTiesRepository(db);

  /** The person, once the actor is known to be allowed `action` on it. */
  const personFor = (actor: Actor, personId: string, action: 'read' | 'write') => {
    const person = registry.person(personId);
    if (!person) throw new AppError('not_found', 'PERSON_NOT_FOUND', 'No existe esa persona');
    const owned = { organizationId: person.organizationId, producerId: person.producerId };
    authorize(
      canAccessRegistry(actor, action, owned),
      action === 'read' ? 'No tiene acceso a esta persona' : 'Solo el comité de la organización o la administración registran sus vínculos',
    );
    return person;
  };

  /**
   * The unit or organisation a tie is to must exist and be one the actor may see: what one cannot
   * see is answered as missing, so a tie never reveals records of another organisation.
   */
  const checkTarget = (actor: Actor, input: NewPersonTie) => {
    if (input.producerId) {
      const organizationId = registry.producerOrganization(input.producerId);
      if (organizationId === undefined || !canAccessRegistry(actor, 'read', { organizationId, producerId: input.producerId })) {
        throw new AppError('invalid', 'TIE_TARGET_NOT_FOUND', 'No existe esa unidad productiva', [
          { path: 'body.producerId', message: 'No existe esa unidad productiva' },
        ]);
      }
    } else if (input.organizationId) {
      if (!registry.organizationExists(input.organizationId) || !canAccessOrganization(actor, 'read', input.organizationId)) {
        throw new AppError('invalid', 'TIE_TARGET_NOT_FOUND', 'No existe esa organización', [
          { path: 'body.organizationId', message: 'No existe esa organización' },
        ]);
      }
    }
  };

  return {
    list(actor: Actor, personId: string): PersonTieView[] {
      personFor(actor, personId, 'read');
      return repo.tiesOf(personId);
    },

    add(actor: Actor, personId: string, input: NewPersonTie): PersonTieView {
      const at = now();
      const row = {
        id: randomUUID(),
        personId,
        kind: input.kind,
        producerId: input.producerId ?? null,
        organizationId: input.organizationId ?? null,
        startedOn: input.startedOn,
        endedOn: input.endedOn ?? null,
      };
      immediate(db, () => {
        personFor(actor, personId, 'write');
        const problems = tieDatesProblems(row.startedOn, row.endedOn, laPazDate(at));
        if (problems.length > 0) {
          throw new AppError(
            'invalid',
            'TIE_DATES_INVALID',
            problems.map((p) => p.message).join('; '),
            problems.map((p) => ({ path: `body.${p.field}`, message: p.message })),
          );
        }
        checkTarget(actor, input);
        repo.insert(row);
        appendAudit(db, actor, { entity: 'person_tie', entityId: row.id, action: 'create', change: row }, at);
      });
      return repo.view(row.id)!;
    },

    /** Removes a tie recorded by mistake; the audit entry keeps what it said. */
    remove(actor: Actor, personId: string, tieId: string): void {
      const at = now();
      immediate(db, () => {
        personFor(actor, personId, 'write');
        const tie = repo.tie(tieId);
        if (!tie || tie.personId !== personId) throw tieNotFound();
        repo.remove(tie.id);
        appendAudit(db, actor, { entity: 'person_tie', entityId: tie.id, action: 'remove', change: tie }, at);
      });
    },
  };
}
export type PersonTiesService = ReturnType<typeof createPersonTiesService>;
