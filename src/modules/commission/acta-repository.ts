/**
 * Reads the acta needs beyond the session's own view: who recorded each matter, the acts on
 * certificates the session agreed, and what an appeal was against, named by number and date.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  auditLog,
  certificateEvents,
  certificates,
  commissionSessions,
  decisions,
  organizations,
  producers,
  users,
} from '../../db/schema.js';
import { holderName } from './holder-name.js';

/** Certificate events a session agrees; issuing belongs to the decision, time events to no session. */
const SESSION_ACTS = ['suspended', 'reinstated', 'revoked'] as const;

export function createActaRepository(db: Db) {
  return {
    /** Display names of accounts, by id. */
    names(ids: readonly string[]): Map<string, string> {
      if (ids.length === 0) return new Map();
      const rows = db
        .select({ id: users.id, name: users.displayName })
        .from(users)
        .where(inArray(users.id, [...new Set(ids)]))
        .all();
      return new Map(rows.map((r) => [r.id, r.name]));
    },

    /** Suspensions, reinstatements and revocations agreed in the session, in order, with the certificate and its holder. */
    certificateActs: (sessionId: string) =>
      db
        .select({
          seq: certificateEvents.seq,
          event: certificateEvents.event,
          at: certificateEvents.at,
          reason: certificateEvents.reason,
          actorId: certificateEvents.actorId,
          actorLabel: certificateEvents.actorLabel,
          certificateId: certificates.id,
          code: certificates.code,
          producer: holderName,
          organization: organizations.name,
        })
        .from(certificateEvents)
        .innerJoin(certificates, eq(certificates.id, certificateEvents.certificateId))
        .leftJoin(producers, eq(producers.id, certificates.producerId))
        .innerJoin(organizations, eq(organizations.id, certificates.organizationId))
        .where(and(eq(certificateEvents.sessionId, sessionId), inArray(certificateEvents.event, [...SESSION_ACTS])))
        .orderBy(asc(certificateEvents.seq))
        .all()
        .map((row) => ({ ...row, event: row.event as (typeof SESSION_ACTS)[number] })),

    /**
     * Who recorded the votes on an appeal: the author of its «decide» audit entry (appeals keep no
     * column for it, and the audit log is the record of who wrote what).
     */
    appealRecorder: (appealId: string): string | null =>
      db
        .select({ actorId: auditLog.actorId })
        .from(auditLog)
        .where(and(eq(auditLog.entity, 'appeal'), eq(auditLog.entityId, appealId), eq(auditLog.action, 'decide')))
        .orderBy(desc(auditLog.seq))
        .get()?.actorId ?? null,

    /** An appealed decision as a person cites it: its number, its outcome and the date of its session. */
    appealedDecision: (decisionId: string) =>
      db
        .select({ number: decisions.number, year: decisions.year, outcome: decisions.outcome, heldOn: commissionSessions.heldOn })
        .from(decisions)
        .innerJoin(commissionSessions, eq(commissionSessions.id, decisions.sessionId))
        .where(eq(decisions.id, decisionId))
        .get(),

    /** An appealed suspension or revocation: when it took effect and on which certificate. */
    suspension: (seq: number) =>
      db
        .select({ at: certificateEvents.at, certificateId: certificates.id, code: certificates.code })
        .from(certificateEvents)
        .innerJoin(certificates, eq(certificates.id, certificateEvents.certificateId))
        .where(eq(certificateEvents.seq, seq))
        .get(),
  };
}
export type ActaRepository = ReturnType<typeof createActaRepository>;
