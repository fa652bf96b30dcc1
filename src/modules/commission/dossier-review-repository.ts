/**
 * The reads the commission's view of a dossier needs beyond the dossier itself: where the producer
 * is, the history of every record of the dossier, its decisions and appeals, the producer's other
 * cycles, and the names of the people the records mention. No rules here.
 */
import type { Db } from '../../db/client.js';
import type { Outcome } from '../../domain/commission.js';
import type { AppealState } from '../../domain/appeals.js';
import type { DossierState } from '../../domain/dossier-state.js';
import type { Role } from '../../domain/access.js';

export type PlaceRow = {
  name: string;
  community: string;
  municipality: string;
  department: string;
  products: string[];
  pledgeSignedOn: string | null;
  organization: string;
  organizationDepartment: string;
  organizationMunicipality: string;
};

export type HistoryRow = {
  seq: number;
  at: string;
  /** The stored label: `username (role)` of a person, or `sistema:<process>`. */
  actorLabel: string;
  actorName: string | null;
  actorRole: Role | null;
  entity: string;
  action: string;
  change: unknown;
};

export type DecisionRow = {
  dossierId: string;
  outcome: Outcome;
  proposedOutcome: Outcome;
  rationale: string;
  sealLevel: string | null;
  decidedAt: string;
  heldOn: string;
  /** The resolution's and the session's numbers in their year (null before numbering). */
  number: number | null;
  year: number | null;
  sessionNumber: number | null;
  sessionYear: number | null;
};

export type AppealRow = {
  id: string;
  filedAt: string;
  status: AppealState;
  reason: string;
  decidedAt: string | null;
  rationale: string | null;
  againstDecision: boolean;
};

export type CycleRow = { id: string; cycle: number; scheme: string; criteriaVersion: string; state: DossierState };

/** Audit entries of the dossier and of every record that belongs to it, oldest first. */
const HISTORY = `
SELECT h.seq, h.at, h.actor_label AS actorLabel, u.display_name AS actorName, u.role AS actorRole, h.entity, h.action, h.change
FROM (
  SELECT a.* FROM audit_log a WHERE a.entity = 'dossier' AND a.entity_id = :id
  UNION ALL SELECT a.* FROM visits v JOIN audit_log a ON a.entity = 'visit' AND a.entity_id = v.id WHERE v.dossier_id = :id
  UNION ALL SELECT a.* FROM non_conformities nc JOIN corrective_actions ca ON ca.non_conformity_id = nc.id
    JOIN audit_log a ON a.entity = 'corrective_action' AND a.entity_id = ca.id WHERE nc.dossier_id = :id
  UNION ALL SELECT a.* FROM evidence_files e JOIN audit_log a ON a.entity = 'evidence' AND a.entity_id = e.id WHERE e.dossier_id = :id
  UNION ALL SELECT a.* FROM decisions dc JOIN audit_log a ON a.entity = 'decision' AND a.entity_id = dc.id WHERE dc.dossier_id = :id
  UNION ALL SELECT a.* FROM appeals ap JOIN audit_log a ON a.entity = 'appeal' AND a.entity_id = ap.id WHERE ap.dossier_id = :id
  UNION ALL SELECT a.* FROM certificates c JOIN audit_log a ON a.entity = 'certificate' AND a.entity_id = c.id WHERE c.dossier_id = :id
) h
LEFT JOIN users u ON u.id = h.actor_id
ORDER BY h.seq
LIMIT :limit`;

/** A dossier's history is tens of entries; this only bounds a page gone wrong. */
const MAX_HISTORY = 2000;

export function createDossierReviewRepository(db: Db) {
  const sql = db.$client;
  const place = sql.prepare<[string], Omit<PlaceRow, 'products'> & { products: string }>(
    `SELECT p.name, p.community, p.municipality, p.department, p.products, p.pledge_signed_on AS pledgeSignedOn,
       o.name AS organization, o.department AS organizationDepartment, o.municipality AS organizationMunicipality
     FROM dossiers d JOIN producers p ON p.id = d.producer_id JOIN organizations o ON o.id = d.organization_id
     WHERE d.id = ?`,
  );
  const history = sql.prepare<{ id: string; limit: number }, Omit<HistoryRow, 'change'> & { change: string }>(HISTORY);
  const decisions = sql.prepare<[string], DecisionRow>(
    `SELECT dc.dossier_id AS dossierId, dc.outcome, dc.proposed_outcome AS proposedOutcome, dc.rationale,
       dc.seal_level AS sealLevel, dc.decided_at AS decidedAt, s.held_on AS heldOn,
       dc.number, dc.year, s.number AS sessionNumber, s.year AS sessionYear
     FROM decisions dc JOIN commission_sessions s ON s.id = dc.session_id
     WHERE dc.dossier_id IN (SELECT value FROM json_each(?))
     ORDER BY dc.decided_at, dc.id`,
  );
  const appeals = sql.prepare<[string], Omit<AppealRow, 'againstDecision'> & { againstDecision: number }>(
    `SELECT id, filed_at AS filedAt, status, reason, decided_at AS decidedAt, rationale, decision_id IS NOT NULL AS againstDecision
     FROM appeals WHERE dossier_id = ? ORDER BY filed_at, id`,
  );
  const otherCycles = sql.prepare<[string, string], CycleRow>(
    `SELECT id, cycle, scheme, criteria_version AS criteriaVersion, state
     FROM dossiers WHERE producer_id = ? AND id <> ? ORDER BY cycle DESC, id`,
  );
  const personNames = sql.prepare<[string], { id: string; name: string }>(
    'SELECT id, full_name AS name FROM persons WHERE id IN (SELECT value FROM json_each(?))',
  );
  const userNames = sql.prepare<[string], { id: string; name: string }>(
    'SELECT id, display_name AS name FROM users WHERE id IN (SELECT value FROM json_each(?))',
  );
  const byId = (rows: { id: string; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));

  return {
    place(dossierId: string): PlaceRow | undefined {
      const row = place.get(dossierId);
      return row && { ...row, products: JSON.parse(row.products) as string[] };
    },
    history: (dossierId: string): HistoryRow[] =>
      history.all({ id: dossierId, limit: MAX_HISTORY }).map((row) => ({ ...row, change: JSON.parse(row.change) as unknown })),
    /** The commission's decisions on these dossiers, in the order they were taken, with the day of their session. */
    decisionsOf: (dossierIds: string[]): DecisionRow[] => decisions.all(JSON.stringify(dossierIds)),
    appealsOf: (dossierId: string): AppealRow[] => appeals.all(dossierId).map((a) => ({ ...a, againstDecision: a.againstDecision === 1 })),
    /** The producer's dossiers of other cycles, newest first. */
    otherCycles: (producerId: string, dossierId: string): CycleRow[] => otherCycles.all(producerId, dossierId),
    personNames: (ids: string[]) => byId(personNames.all(JSON.stringify(ids))),
    userNames: (ids: string[]) => byId(userNames.all(JSON.stringify(ids))),
  };
}
export type DossierReviewRepository = ReturnType<typeof createDossierReviewRepository>;
