/**
 * Certificate status events: each one is a row of `certificate_events`, a leaf
 * of the transparency log and an audit entry, all in the caller's transaction.
 */
import type { Db } from '../../db/client.js';
import {
  expiredReason,
  lateComplianceReason,
  overdueReason,
  stateOfRow,
  timeEvents,
  type CertificateEventKind,
  type StoredStatus,
  type SuspensionLimit,
} from '../../domain/certificate-state.js';
import { isMemberEvent } from '../../domain/group-membership.js';
import { appendAudit, type AuditActor } from '../audit/audit-log.js';
import { createCertificateRepository, type CertificateRow } from './certificate-repository.js';
import { refreshPublicStatus, refreshRegistrySearch } from '../public/registry-index.js';
import { appendLeaf } from '../transparency/transparency-log.js';
import type { SanctionCitation } from '../criteria/sanction-citation.js';

export type EventInput = {
  event: CertificateEventKind;
  /** When the event took effect. */
  at: string;
  actor: AuditActor;
  reason: string | null;
  sessionId?: string | null;
  automatic?: boolean;
  /** The stored status after the event, when the event changes it. */
  status?: StoredStatus;
  /** The certificate's longest suspension: needed when the event leaves it suspended, for when the registry must look again. */
  suspensionLimit?: SuspensionLimit | null;
  /** The member a group certificate's event is about (`member_added`, `member_excluded`). */
  producerId?: string | null;
  /** The sanction the act applies (suspension, revocation, exclusion), from the catalogue in force. */
  sanction?: SanctionCitation;
};

type CertificateRef = { id: string; code: string; scheme: string; criteriaVersion: string; criteriaHash: string };

const TIME_EVENT_NAMES = {
  expired: 'expired',
  auto_suspended: 'suspended',
  auto_reinstated: 'reinstated',
  limit_revoked: 'revoked',
} as const;

/**
 * Records what the passage of time did to a certificate since its last event
 * (a condition going overdue, its late closure, the end date, a suspension
 * passing its limit), each at the instant it took effect. Runs inside a transaction, before any act on the
 * certificate, so that the history stays in order. Returns how many were written.
 * The system's revocation is the one time event that sets the stored status: it is final.
 */
export function recordTimeEvents(db: Db, row: CertificateRow, at: Date, suspensionLimit: SuspensionLimit | null): number {
  const repo = createCertificateRepository(db);
  const conditions = repo.conditions(row.id);
  const found = timeEvents(stateOfRow(row, conditions, suspensionLimit), new Date(repo.lastEventAt(row.id) ?? row.statusSince), at);
  const described = new Map(conditions.map((c) => [c.id, c]));
  for (const e of found) {
    const condition = 'conditionId' in e ? described.get(e.conditionId) : undefined;
    const reason =
      e.event === 'limit_revoked'
        ? e.reason
        : e.event === 'expired'
          ? expiredReason(row.expiresOn)
          : e.event === 'auto_suspended'
            ? overdueReason(condition ? [condition] : [])
            : lateComplianceReason(condition?.description);
    const status = e.event === 'limit_revoked' ? ({ status: 'revoked' } as const) : {};
    recordCertificateEvent(
      db,
      row,
      { event: TIME_EVENT_NAMES[e.event], at: e.at, actor: { system: 'plazos' }, reason, automatic: true, ...status },
      at,
    );
  }
  return found.length;
}

/**
 * Records time events of the active certificates whose condition is this corrective action, before
 * its closure changes them. While a certificate is suspended or revoked by an act, its conditions
 * change nothing time does to it (see effectiveStatus), so those are left to the sweep, which knows
 * the longest suspension.
 */
export function recordTimeEventsForAction(db: Db, correctiveActionId: string, at: Date): void {
  for (const certificate of createCertificateRepository(db).withConditionOn(correctiveActionId)) {
    if (certificate.status === 'active') recordTimeEvents(db, certificate, at, null);
  }
}

export function recordCertificateEvent(db: Db, certificate: CertificateRef, input: EventInput, recordedAt: Date): number {
  const repo = createCertificateRepository(db);
  const seq = repo.nextEventSeq();
  const producerId = isMemberEvent(input.event) ? (input.producerId ?? null) : null;
  if (isMemberEvent(input.event) && producerId === null) throw new Error(`A ${input.event} event needs the member it is about`);
  const logIndex = appendLeaf(db, {
    certificateCode: certificate.code,
    event: input.event,
    at: input.at,
    reason: input.reason,
    scheme: certificate.scheme,
    criteriaVersion: certificate.criteriaVersion,
    criteriaHash: certificate.criteriaHash,
    eventSeq: seq,
    // Only member events name a member, so that the leaves of every other event keep their canonical form.
    ...(producerId === null ? {} : { member: producerId }),
  });
  const actor =
    'system' in input.actor
      ? { actorId: null, actorLabel: `sistema:${input.actor.system}` }
      : { actorId: input.actor.userId, actorLabel: input.actor.username };
  repo.insertEvent({
    seq,
    certificateId: certificate.id,
    event: input.event,
    at: input.at,
    ...actor,
    reason: input.reason,
    sessionId: input.sessionId ?? null,
    automatic: input.automatic ?? false,
    producerId,
    sanctionCode: input.sanction?.sanctionCode ?? null,
    sanctionVersion: input.sanction?.sanctionVersion ?? null,
    logIndex,
  });
  if (input.status) repo.setStatus(certificate.id, input.status, input.at, input.reason);
  // The registry's copy of the public status (and, at issuance, its search text) moves with every event.
  if (input.event === 'issued') refreshRegistrySearch(db, { certificateId: certificate.id });
  refreshPublicStatus(db, certificate.id, new Date(input.at), input.suspensionLimit ?? null);
  appendAudit(
    db,
    input.actor,
    {
      entity: 'certificate',
      entityId: certificate.id,
      action: input.event,
      change: {
        seq,
        logIndex,
        at: input.at,
        reason: input.reason,
        sessionId: input.sessionId ?? null,
        status: input.status ?? null,
        ...(producerId === null ? {} : { producerId }),
        ...(input.sanction?.sanctionCode ? input.sanction : {}),
      },
    },
    recordedAt,
  );
  return seq;
}
