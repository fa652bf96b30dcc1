/**
 * The SQL of the commission's queue: dossiers ready for the commission with why each waits
 * (derived from the decisions and appeals tables), their open non-conformities by level and the
 * committee's recommendation, filtered, counted and paged in SQL. No rules here.
 */
import type { Db } from '../../db/client.js';
import type { QueueState } from '../../domain/commission-queue.js';

export type QueueFilter = {
  organizationId?: string | undefined;
  department?: string | undefined;
  queueState?: QueueState | undefined;
  dossierId?: string | undefined;
};

export type QueueRow = {
  id: string;
  organizationId: string;
  organizationName: string;
  organizationDepartment: string;
  /** Null for the organisation's own file (group certification), whose names and place are the organisation's. */
  producerId: string | null;
  producerName: string;
  producerDepartment: string;
  municipality: string;
  community: string;
  cycle: number;
  scheme: string;
  criteriaVersion: string;
  recommendationOutcome: 'approve' | 'approve_with_conditions' | 'deny' | null;
  recommendationRationale: string | null;
  recommendationAt: string | null;
  queueState: QueueState;
  waitingSince: string;
  deferredAt: string | null;
  reopenedAt: string | null;
  critical: number;
  major: number;
  minor: number;
  progressive: number;
};

type Params = { organizationId: string | null; department: string | null; queueState: string | null; dossierId: string | null };

/**
 * Every dossier ready for the commission, with why it waits: reopened when an upheld appeal against
 * one of its decisions came after its last deferral (or it was never deferred), deferred when a
 * decision deferred it, otherwise waiting for its first decision. It waits since it was last sent
 * or reopened (the dossier's own audit entries of those moves).
 */
const QUEUE = `
WITH waiting AS (
  SELECT d.id, d.organization_id, d.producer_id, d.cycle, d.scheme, d.criteria_version, d.recommendation, d.updated_at,
    (SELECT max(dc.decided_at) FROM decisions dc WHERE dc.dossier_id = d.id AND dc.outcome = 'deferred') AS deferred_at,
    (SELECT max(ap.decided_at) FROM appeals ap
      WHERE ap.dossier_id = d.id AND ap.status = 'upheld' AND ap.decision_id IS NOT NULL) AS reopened_at,
    (SELECT max(a.at) FROM audit_log a WHERE a.entity = 'dossier' AND a.entity_id = d.id
      AND a.action IN ('send_to_commission', 'reopen_on_appeal')) AS entered_at
  FROM dossiers d LEFT JOIN producers p ON p.id = d.producer_id JOIN organizations o ON o.id = d.organization_id
  WHERE d.state = 'ready_for_commission'
    AND (:organizationId IS NULL OR d.organization_id = :organizationId)
    AND (:department IS NULL OR coalesce(p.department, o.department) = :department)
    AND (:dossierId IS NULL OR d.id = :dossierId)
),
queue AS (
  SELECT w.*,
    CASE
      WHEN w.reopened_at IS NOT NULL AND (w.deferred_at IS NULL OR w.reopened_at >= w.deferred_at) THEN 'reopened'
      WHEN w.deferred_at IS NOT NULL THEN 'deferred'
      ELSE 'first_decision'
    END AS queue_state,
    coalesce(w.entered_at, w.updated_at) AS waiting_since
  FROM waiting w
),
chosen AS (SELECT * FROM queue WHERE :queueState IS NULL OR queue_state = :queueState)`;

/**
 * Non-conformities of the visits that count (no later record corrects them) with no closed corrective action
 * and not verified by a later follow-up visit that found the criterion met (follow-up.ts).
 */
const OPEN_NON_CONFORMITIES = `
SELECT nc.dossier_id,
  sum(nc.level = 'critical') AS critical, sum(nc.level = 'major') AS major,
  sum(nc.level = 'minor') AS minor, sum(nc.level = 'progressive') AS progressive
FROM non_conformities nc
WHERE nc.dossier_id IN (SELECT id FROM chosen)
  AND NOT EXISTS (SELECT 1 FROM visits c WHERE c.corrects_visit_id = nc.visit_id)
  AND NOT EXISTS (SELECT 1 FROM corrective_actions ca WHERE ca.non_conformity_id = nc.id AND ca.closed_at IS NOT NULL)
  AND NOT EXISTS (
    SELECT 1 FROM visits f JOIN answers a ON a.source_id = f.id AND a.source = 'visit'
    WHERE f.dossier_id = nc.dossier_id AND f.purpose = 'follow_up' AND f.status = 'submitted'
      AND a.criterion_code = nc.criterion_code AND a.value = 'cumple' AND f.submitted_at > nc.created_at)
GROUP BY nc.dossier_id`;

export function createQueueRepository(db: Db) {
  const sql = db.$client;
  const items = sql.prepare<Params & { limit: number; offset: number }, QueueRow>(
    `${QUEUE}
     SELECT q.id, q.organization_id AS organizationId, o.name AS organizationName, o.department AS organizationDepartment,
       q.producer_id AS producerId, coalesce(p.name, o.name) AS producerName,
       coalesce(p.department, o.department) AS producerDepartment, coalesce(p.municipality, o.municipality) AS municipality,
       coalesce(p.community, '') AS community,
       q.cycle, q.scheme, q.criteria_version AS criteriaVersion,
       json_extract(q.recommendation, '$.outcome') AS recommendationOutcome,
       json_extract(q.recommendation, '$.rationale') AS recommendationRationale,
       json_extract(q.recommendation, '$.at') AS recommendationAt,
       q.queue_state AS queueState, q.waiting_since AS waitingSince, q.deferred_at AS deferredAt, q.reopened_at AS reopenedAt,
       coalesce(n.critical, 0) AS critical, coalesce(n.major, 0) AS major,
       coalesce(n.minor, 0) AS minor, coalesce(n.progressive, 0) AS progressive
     FROM chosen q
     LEFT JOIN producers p ON p.id = q.producer_id
     JOIN organizations o ON o.id = q.organization_id
     LEFT JOIN (${OPEN_NON_CONFORMITIES}) n ON n.dossier_id = q.id
     ORDER BY q.waiting_since, coalesce(p.name, o.name) COLLATE NOCASE, q.id
     LIMIT :limit OFFSET :offset`,
  );
  const total = sql.prepare<Params, { n: number }>(`${QUEUE} SELECT count(*) AS n FROM chosen`);
  const byState = sql.prepare<Params, { queueState: QueueState; n: number }>(
    `${QUEUE} SELECT queue_state AS queueState, count(*) AS n FROM chosen GROUP BY queue_state`,
  );
  const organizations = sql.prepare<[], { id: string; name: string }>(
    'SELECT id, name FROM organizations ORDER BY name COLLATE NOCASE, id',
  );

  const params = (filter: QueueFilter): Params => ({
    organizationId: filter.organizationId ?? null,
    department: filter.department ?? null,
    queueState: filter.queueState ?? null,
    dossierId: filter.dossierId ?? null,
  });

  return {
    /** A page of the queue, oldest waiting first, and how many match the filter. */
    page(filter: QueueFilter, paging: { page: number; pageSize: number }): { rows: QueueRow[]; total: number } {
      const p = params(filter);
      const rows = items.all({ ...p, limit: paging.pageSize, offset: (paging.page - 1) * paging.pageSize });
      return { rows, total: total.get(p)!.n };
    },
    /** How many dossiers wait, by why they wait. */
    countByState: (filter: QueueFilter = {}) => byState.all(params(filter)),
    /** Every organisation, by name: what the queue may be filtered by. */
    organizations: () => organizations.all(),
  };
}
export type QueueRepository = ReturnType<typeof createQueueRepository>;
