/**
 * The reads the people's pages need and no other module offers yet: who is signed in, an
 * organisation's or producer's dossiers in brief, and the planned visits a person is on.
 * Kept here so that this branch does not collide with the list endpoints being added to the
 * dossier module; when those land, the service may call them instead. No rules here: the
 * pages service scopes every read with `listScope` and the access rules.
 */
import type { Db } from '../../db/client.js';
import type { Role } from '../../domain/access.js';
import type { DossierState } from '../../domain/dossier-state.js';

export type PersonRow = { name: string; role: Role; organization: string | null; personId: string | null };

/** For the organisation's own file (group certification) the unit is null and the names are the organisation's. */
export type DossierSummary = {
  id: string;
  organizationId: string;
  producerId: string | null;
  producer: string;
  community: string;
  cycle: number;
  state: DossierState;
  /** The earliest visit still planned, YYYY-MM-DD. */
  plannedVisitOn: string | null;
};

export type VisitSummary = {
  visitId: string;
  dossierId: string;
  organizationId: string;
  producerId: string | null;
  producer: string;
  community: string;
  municipality: string;
  plannedOn: string;
};

/** More than a person can act on from one screen; the list pages will paginate. */
const MAX_ROWS = 200;

export function createPagesRepository(db: Db) {
  const sql = db.$client;
  const person = sql.prepare<[string], PersonRow>(
    `SELECT u.display_name AS name, u.role, o.name AS organization, u.person_id AS personId
     FROM users u LEFT JOIN organizations o ON o.id = u.organization_id WHERE u.id = ?`,
  );
  const dossiers = sql.prepare<
    { organizationId: string | null; producerId: string | null; hideUnannounced: number; limit: number },
    DossierSummary
  >(
    `SELECT d.id, d.organization_id AS organizationId, d.producer_id AS producerId, coalesce(p.name, o.name) AS producer,
            coalesce(p.community, o.municipality) AS community, d.cycle, d.state,
            (SELECT min(v.planned_on) FROM visits v WHERE v.dossier_id = d.id AND v.status = 'planned'
              AND (:hideUnannounced = 0 OR v.unannounced = 0)) AS plannedVisitOn
     FROM dossiers d LEFT JOIN producers p ON p.id = d.producer_id JOIN organizations o ON o.id = d.organization_id
     WHERE (:organizationId IS NULL OR d.organization_id = :organizationId)
       AND (:producerId IS NULL OR d.producer_id = :producerId)
     ORDER BY d.cycle DESC, coalesce(p.name, o.name) COLLATE NOCASE, d.id
     LIMIT :limit`,
  );
  const plannedVisits = sql.prepare<
    { personId: string; organizationId: string | null; hideUnannounced: number; limit: number },
    VisitSummary
  >(
    `SELECT v.id AS visitId, d.id AS dossierId, d.organization_id AS organizationId, d.producer_id AS producerId,
            coalesce(p.name, o.name) AS producer, coalesce(p.community, '') AS community,
            coalesce(p.municipality, o.municipality) AS municipality, v.planned_on AS plannedOn
     FROM visit_members m
     JOIN visits v ON v.id = m.visit_id
     JOIN dossiers d ON d.id = v.dossier_id
     LEFT JOIN producers p ON p.id = d.producer_id
     JOIN organizations o ON o.id = d.organization_id
     WHERE m.person_id = :personId AND v.status = 'planned' AND (:hideUnannounced = 0 OR v.unannounced = 0)
       AND (:organizationId IS NULL OR d.organization_id = :organizationId)
     ORDER BY v.planned_on, coalesce(p.name, o.name) COLLATE NOCASE, v.id
     LIMIT :limit`,
  );
  const team = sql.prepare<[string], { fullName: string }>(
    `SELECT p.full_name AS fullName FROM visit_members m JOIN persons p ON p.id = m.person_id
     WHERE m.visit_id = ? ORDER BY p.full_name COLLATE NOCASE`,
  );

  return {
    person: (userId: string) => person.get(userId),
    /**
     * Dossiers in brief, newest cycle first; a null filter does not restrict. `hideUnannounced` leaves
     * unannounced visits out of the planned visit's date (for the visited organisation's accounts).
     */
    dossiers: (filter: { organizationId?: string | undefined; producerId?: string | undefined }, hideUnannounced: boolean) =>
      dossiers.all({
        organizationId: filter.organizationId ?? null,
        producerId: filter.producerId ?? null,
        hideUnannounced: hideUnannounced ? 1 : 0,
        limit: MAX_ROWS,
      }),
    /** Planned (not yet submitted) visits whose team includes the person, soonest first; `hideUnannounced` as above. */
    plannedVisitsOf: (personId: string, organizationId: string | undefined, hideUnannounced: boolean) =>
      plannedVisits.all({ personId, organizationId: organizationId ?? null, hideUnannounced: hideUnannounced ? 1 : 0, limit: MAX_ROWS }),
    teamNames: (visitId: string) => team.all(visitId).map((row) => row.fullName),
  };
}
export type PagesRepository = ReturnType<typeof createPagesRepository>;
