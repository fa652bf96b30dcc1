/** Organisations and their local committees. Only administrators change them. */
import { randomUUID } from 'node:crypto';
import { immediate, isUniqueViolation, type Db } from '../../db/client.js';
import { type Actor, authorize, canAccessOrganization, canManageOrganizations, canSeeAllOrganizations } from '../../domain/access.js';
import { CONTACT_WAY_MESSAGE, contactIsReachable, type OrganizationContact } from '../../domain/organization-contact.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit-log.js';
import { changesBetween } from './registry-fns.js';
import { createRegistryRepository } from './registry-repository.js';
import type { NewOrganization, OrganizationPatch } from './registry-schemas.js';

export function createOrganizationsService(db: Db, now: () => Date) {
  const repo = createRegistryRepository(db);
  const find = (id: string) => {
    const org = repo.organization(id);
    if (!org) throw new AppError('not_found', 'ORGANIZATION_NOT_FOUND', 'No existe esa organización');
    return org;
  };
  const nameTaken = (name: string) =>
    new AppError('conflict', 'ORGANIZATION_NAME_TAKEN', `Ya existe una organización llamada ${name}`, [
      { path: 'body.name', message: 'Ya existe' },
    ]);

  /** A contact to publish must say how to reach it (checked on the result of a create or an edit). */
  const checkContact = (contact: OrganizationContact) => {
    if (!contactIsReachable(contact)) {
      throw new AppError('invalid', 'ORGANIZATION_CONTACT_UNREACHABLE', CONTACT_WAY_MESSAGE, [
        { path: 'body.contactPublic', message: CONTACT_WAY_MESSAGE },
      ]);
    }
  };

  return {
    /** The organisation, or 404; then 403 if the actor may not see it. */
    get(actor: Actor, id: string) {
      const org = find(id);
      authorize(canAccessOrganization(actor, 'read', id), 'No tiene acceso a esta organización');
      return org;
    },

    list(actor: Actor, { page, pageSize }: { page: number; pageSize: number }) {
      const onlyId = canSeeAllOrganizations(actor) ? undefined : (actor.organizationId ?? '');
      const { items, total } = repo.listOrganizations(onlyId, { page, pageSize });
      return { items, page, pageSize, total };
    },

    create(actor: Actor, input: NewOrganization) {
      authorize(canManageOrganizations(actor), 'Solo la administración registra organizaciones');
      const at = now();
      const contact: OrganizationContact = {
        contactName: input.contactName ?? null,
        contactPhone: input.contactPhone ?? null,
        contactEmail: input.contactEmail ?? null,
        contactPublic: input.contactPublic ?? false,
      };
      checkContact(contact);
      const row = { id: randomUUID(), ...input, ...contact, createdAt: at.toISOString() };
      immediate(db, () => {
        try {
          repo.insertOrganization(row);
        } catch (error) {
          if (isUniqueViolation(error)) throw nameTaken(input.name);
          throw error;
        }
        appendAudit(db, actor, { entity: 'organization', entityId: row.id, action: 'create', change: row }, at);
      });
      return find(row.id);
    },

    update(actor: Actor, id: string, patch: OrganizationPatch) {
      const at = now();
      immediate(db, () => {
        const before = find(id);
        authorize(canAccessOrganization(actor, 'write', id), 'Solo la administración modifica organizaciones');
        checkContact({
          contactName: patch.contactName === undefined ? before.contactName : patch.contactName,
          contactPhone: patch.contactPhone === undefined ? before.contactPhone : patch.contactPhone,
          contactEmail: patch.contactEmail === undefined ? before.contactEmail : patch.contactEmail,
          contactPublic: patch.contactPublic ?? before.contactPublic,
        });
        try {
          repo.updateOrganization(id, patch);
        } catch (error) {
          if (isUniqueViolation(error)) throw nameTaken(patch.name ?? '');
          throw error;
        }
        appendAudit(db, actor, { entity: 'organization', entityId: id, action: 'update', change: changesBetween(before, patch) }, at);
      });
      return find(id);
    },

    committees(actor: Actor, organizationId: string) {
      find(organizationId);
      authorize(canAccessOrganization(actor, 'read', organizationId), 'No tiene acceso a esta organización');
      return repo.committeesOf(organizationId);
    },

    addCommittee(actor: Actor, organizationId: string, name: string) {
      const at = now();
      const row = { id: randomUUID(), organizationId, name, createdAt: at.toISOString() };
      immediate(db, () => {
        find(organizationId);
        authorize(canAccessOrganization(actor, 'write', organizationId), 'Solo la administración crea comités');
        try {
          repo.insertCommittee(row);
        } catch (error) {
          if (isUniqueViolation(error))
            throw new AppError('conflict', 'COMMITTEE_NAME_TAKEN', `La organización ya tiene un comité llamado ${name}`);
          throw error;
        }
        appendAudit(db, actor, { entity: 'committee', entityId: row.id, action: 'create', change: row }, at);
      });
      return row;
    },
  };
}
export type OrganizationsService = ReturnType<typeof createOrganizationsService>;
