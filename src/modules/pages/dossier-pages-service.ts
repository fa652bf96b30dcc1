/**
 * What the committee's dossier pages need beyond one service call: the dossier with the names of
 * the people it mentions, the organisation's producers and persons to choose from by name, and
 * which of the dossier's actions the person may take now (decided by the rules of access.ts, the
 * same ones the services enforce on every write).
 */
import { type Actor, canAddEvidence, canAppeal, canManageDossier, canRecommend, canSelfAssess } from '../../domain/access.js';
import type { AppealService } from '../commission/appeal-service.js';
import type { CorrectiveActionService } from '../dossiers/corrective-action-service.js';
import type { Dossier } from '../dossiers/dossier-schemas.js';
import type { DossierService } from '../dossiers/dossier-service.js';
import type { EvidenceService } from '../dossiers/evidence-service.js';
import type { VisitService } from '../dossiers/visit-service.js';
import type { createPersonsService } from '../registry/persons-service.js';
import type { createProducersService } from '../registry/producers-service.js';

export type DossierPagesDeps = {
  dossiers: DossierService;
  visits: VisitService;
  actions: CorrectiveActionService;
  evidence: EvidenceService;
  producers: ReturnType<typeof createProducersService>;
  persons: ReturnType<typeof createPersonsService>;
  /** What on the dossier may be appealed (its decisions, its certificate's suspension). */
  appeals: AppealService;
  now: () => Date;
};

/** A person of the organisation as the pages offer them. */
export type PersonChoice = { id: string; name: string; roles: string[] };

/** What the person may do with the dossier now. */
export type DossierPermissions = {
  manage: boolean;
  selfAssess: boolean;
  recommend: boolean;
  addEvidence: boolean;
  /** Appeal a decision, or the suspension or revocation (in its deadline) of the dossier's certificate, that has no appeal waiting. */
  appealDecision: boolean;
  appealSuspension: boolean;
  appealRevocation: boolean;
};

/** Lists are read page by page up to this many rows: an organisation's registry, not a country's. */
const MAX_PAGES = 20;

function readAll<T>(read: (page: number) => { items: T[]; total: number }): T[] {
  const all: T[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { items, total } = read(page);
    all.push(...items);
    if (all.length >= total || items.length === 0) break;
  }
  return all;
}

export function createDossierPagesService(deps: DossierPagesDeps) {
  const { dossiers, producers, persons } = deps;

  const personsOf = (actor: Actor, organizationId: string): PersonChoice[] =>
    readAll((page) => persons.list(actor, { organizationId, page, pageSize: 100 })).map((p) => ({
      id: p.id,
      name: p.fullName,
      roles: p.roles,
    }));

  return {
    ...deps,

    /** The dossier (read access checked by the service), what the person may do, and the names of its people. */
    dossier(actor: Actor, id: string): { dossier: Dossier; can: DossierPermissions; people: PersonChoice[] } {
      const dossier = dossiers.get(actor, id);
      const owned = { organizationId: dossier.organization.id, producerId: dossier.producer?.id ?? null };
      const appealable = canAppeal(actor, owned) ? deps.appeals.appealable(actor, dossier.id) : null;
      const can = {
        manage: canManageDossier(actor, owned),
        selfAssess: canSelfAssess(actor, owned),
        recommend: canRecommend(actor, owned),
        addEvidence: canAddEvidence(actor, owned),
        appealDecision: appealable?.decisions.some((d) => !d.pending) ?? false,
        appealSuspension: appealable?.suspensions.some((s) => !s.pending) ?? false,
        appealRevocation: appealable?.revocations.some((r) => !r.pending && !r.late) ?? false,
      };
      // Only those who may manage the dossier need the organisation's people by name.
      return { dossier, can, people: can.manage ? personsOf(actor, owned.organizationId) : [] };
    },

    /** Every person of the registry the actor may read, by name: the commission's team for a visit without notice. */
    everyone(actor: Actor): PersonChoice[] {
      return readAll((page) => persons.list(actor, { page, pageSize: 100 }))
        .map((p) => ({ id: p.id, name: p.fullName, roles: p.roles }))
        .sort((a, b) => a.name.localeCompare(b.name, 'es'));
    },

    /** The producer units the person may open a dossier for, by name. */
    producersOf(actor: Actor): { id: string; name: string; community: string }[] {
      if (!actor.organizationId) return [];
      const organizationId = actor.organizationId;
      return readAll((page) => producers.list(actor, { organizationId, page, pageSize: 100 }))
        .filter((p) => canManageDossier(actor, p))
        .map((p) => ({ id: p.id, name: p.name, community: p.community }))
        .sort((a, b) => a.name.localeCompare(b.name, 'es'));
    },
  };
}
export type DossierPagesService = ReturnType<typeof createDossierPagesService>;
