/**
 * The commission's queue: the dossiers waiting for its decision, oldest first, with what it needs
 * to choose which to take up (recommendation, open non-conformities by level, why each waits).
 * Only those who may act as the commission read it.
 */
import type { Db } from '../../db/client.js';
import { type Actor, authorize, canActAsCommission } from '../../domain/access.js';
import { QUEUE_STATE_LABEL, QUEUE_STATES, type QueueState } from '../../domain/commission-queue.js';
import { createQueueRepository, type QueueRow } from './queue-repository.js';
import type { QueueItem, QueuePage, QueueQuery } from './queue-schemas.js';

const COMMISSION_ONLY = 'Solo la comisión de certificación ve los expedientes que esperan su decisión';

export type QueueSummary = { total: number; byState: Record<QueueState, number> };

const toItem = (r: QueueRow): QueueItem => ({
  dossierId: r.id,
  organization: { id: r.organizationId, name: r.organizationName, department: r.organizationDepartment },
  producer: {
    id: r.producerId,
    name: r.producerName,
    department: r.producerDepartment,
    municipality: r.municipality,
    community: r.community,
  },
  cycle: r.cycle,
  scheme: r.scheme,
  criteriaVersion: r.criteriaVersion,
  recommendation:
    r.recommendationOutcome && r.recommendationRationale !== null && r.recommendationAt !== null
      ? { outcome: r.recommendationOutcome, rationale: r.recommendationRationale, at: r.recommendationAt }
      : null,
  openNonConformities: { critical: r.critical, major: r.major, minor: r.minor, progressive: r.progressive },
  queueState: r.queueState,
  queueStateLabel: QUEUE_STATE_LABEL[r.queueState],
  waitingSince: r.waitingSince,
  deferredAt: r.deferredAt,
  reopenedAt: r.reopenedAt,
});

export function createQueueService(db: Db) {
  const repo = createQueueRepository(db);

  return {
    /** A page of the dossiers waiting for the commission, oldest waiting first. */
    list(actor: Actor, query: QueueQuery): QueuePage {
      authorize(canActAsCommission(actor), COMMISSION_ONLY);
      const { rows, total } = repo.page(query, query);
      return { items: rows.map(toItem), page: query.page, pageSize: query.pageSize, total };
    },

    /** The dossier's place in the queue, or undefined when it is not waiting for the commission. */
    entry(actor: Actor, dossierId: string): QueueItem | undefined {
      authorize(canActAsCommission(actor), COMMISSION_ONLY);
      const row = repo.page({ dossierId }, { page: 1, pageSize: 1 }).rows[0];
      return row && toItem(row);
    },

    /** How many dossiers wait, and why. */
    summary(actor: Actor): QueueSummary {
      authorize(canActAsCommission(actor), COMMISSION_ONLY);
      const byState = Object.fromEntries(QUEUE_STATES.map((s) => [s, 0])) as Record<QueueState, number>;
      for (const { queueState, n } of repo.countByState()) byState[queueState] = n;
      return { total: QUEUE_STATES.reduce((sum, s) => sum + byState[s], 0), byState };
    },

    /** The organisations the queue may be filtered by. */
    organizations(actor: Actor): { id: string; name: string }[] {
      authorize(canActAsCommission(actor), COMMISSION_ONLY);
      return repo.organizations();
    },
  };
}
export type QueueService = ReturnType<typeof createQueueService>;
