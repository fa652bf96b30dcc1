/** Producers and persons inserted with their audit entries, for tests of later steps of the cycle. */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { immediate } from '../../src/db/client.js';
import { persons, producers } from '../../src/db/schema.js';
import { appendAudit } from '../../src/modules/audit/audit-log.js';

function insertAudited<T extends { id: string }>(app: FastifyInstance, entity: 'producer' | 'person', row: T, insert: () => void): string {
  immediate(app.db, () => {
    insert();
    appendAudit(app.db, { system: 'test' }, { entity, entityId: row.id, action: 'create', change: row }, new Date());
  });
  return row.id;
}

export function seedProducer(app: FastifyInstance, organizationId: string, overrides: Partial<typeof producers.$inferInsert> = {}): string {
  const row = {
    id: randomUUID(),
    organizationId,
    name: `Unidad ${randomUUID().slice(0, 8)}`,
    sectors: ['agricola'],
    products: ['café'],
    department: 'la-paz',
    municipality: 'Caranavi',
    community: 'Villa Bolinda',
    household: `Familia ${randomUUID().slice(0, 8)}`,
    pledgeSignedOn: '2025-02-01',
    publicNameConsent: true,
    updatedAt: new Date().toISOString(),
    ...overrides,
  };
  return insertAudited(app, 'producer', row, () => app.db.insert(producers).values(row).run());
}

export function seedPerson(app: FastifyInstance, organizationId: string, overrides: Partial<typeof persons.$inferInsert> = {}): string {
  const row = {
    id: randomUUID(),
    organizationId,
    fullName: `Persona ${randomUUID().slice(0, 8)}`,
    roles: ['reviewer'],
    household: null,
    updatedAt: new Date().toISOString(),
    ...overrides,
  };
  return insertAudited(app, 'person', row, () => app.db.insert(persons).values(row).run());
}
