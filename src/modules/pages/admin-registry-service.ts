/**
 * What the administration's pages read and write about organisations, their committees and the
 * criteria versions: the organisations service the API uses (same rules, same audit entries) and
 * the criteria catalogue loaded at start (read-only: versions are published as files).
 */
import type { Db } from '../../db/client.js';
import { authorize, canAdminister, type Actor } from '../../domain/access.js';
import type { CriteriaDiff } from '../../domain/criteria-diff.js';
import type { CriteriaVersion } from '../../domain/criteria.js';
import { notFound } from '../../errors.js';
import type { CriteriaCatalog, SchemeSummary } from '../criteria/criteria-catalog.js';
import { createOrganizationsService } from '../registry/organizations-service.js';
import { ADMIN_REFUSED } from './admin-accounts-service.js';
import { CommitteeFormSchema, OrganizationFormSchema } from './admin-forms.js';
import { parseForm } from './registry-forms.js';

export const ORGANIZATIONS_PAGE_SIZE = 20;

export function createAdminRegistryService({ db, now, catalog }: { db: Db; now: () => Date; catalog: CriteriaCatalog }) {
  const organizations = createOrganizationsService(db, now);
  const gate = (actor: Actor) => authorize(canAdminister(actor), ADMIN_REFUSED);

  return {
    /** A page of organisations, each with the names of its committees. */
    listOrganizations(actor: Actor, pagina: number) {
      gate(actor);
      const list = organizations.list(actor, { page: pagina, pageSize: ORGANIZATIONS_PAGE_SIZE });
      return {
        ...list,
        items: list.items.map((o) => ({ ...o, committees: organizations.committees(actor, o.id).map((c) => c.name) })),
      };
    },

    /** An organisation with its committees. */
    organization(actor: Actor, id: string) {
      gate(actor);
      return { ...organizations.get(actor, id), committees: organizations.committees(actor, id) };
    },

    createOrganization(actor: Actor, form: unknown) {
      gate(actor);
      return organizations.create(actor, parseForm(OrganizationFormSchema, form));
    },

    /** Changes an organisation's data and contact with the whole form (an unticked box unpublishes the contact). */
    updateOrganization(actor: Actor, id: string, form: unknown) {
      gate(actor);
      organizations.get(actor, id);
      return organizations.update(actor, id, parseForm(OrganizationFormSchema, form));
    },

    addCommittee(actor: Actor, organizationId: string, form: unknown) {
      gate(actor);
      // A missing organisation is a missing page, whatever the form says.
      organizations.get(actor, organizationId);
      return organizations.addCommittee(actor, organizationId, parseForm(CommitteeFormSchema, form).name);
    },

    /** Every scheme with its versions (oldest first, as the catalogue keeps them). */
    schemes(actor: Actor): SchemeSummary[] {
      gate(actor);
      return catalog.schemes();
    },

    version(actor: Actor, scheme: string, version: string): { scheme: SchemeSummary; version: CriteriaVersion } {
      gate(actor);
      return { scheme: catalog.scheme(scheme), version: catalog.version(scheme, version) };
    },

    /** What changed from the version this one replaces; a first version has no such page. */
    changes(actor: Actor, scheme: string, version: string): { version: CriteriaVersion; previous: CriteriaVersion; diff: CriteriaDiff } {
      gate(actor);
      const current = catalog.version(scheme, version);
      if (!current.previousVersion) {
        throw notFound('CRITERIA_PREVIOUS_VERSION_NOT_FOUND', `La versión ${version} es la primera de ${scheme}`);
      }
      const previous = catalog.version(scheme, current.previousVersion);
      return { version: current, previous, diff: catalog.diff(scheme, previous.version, current.version) };
    },
  };
}
export type AdminRegistryService = ReturnType<typeof createAdminRegistryService>;
