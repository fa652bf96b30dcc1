/** Reads and writes of appeals, and the dossier an appeal is about. */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { appeals, dossiers } from '../../db/schema.js';
import type { AppealResult, AppealState } from '../../domain/appeals.js';
import type { Outcome } from '../../domain/commission.js';

export type AppealRow = typeof appeals.$inferSelect;
/** What was appealed: a decision, or a suspension or revocation by its event number. */
export type AppealedAct = { decisionId: string } | { eventSeq: number };

/** An act on a certificate, by its event number. */
type AppealedCertificateAct = { seq: number; at: string; reason: string | null; certificateId: string; certificateCode: string };

/** A session or resolution as numbered (`number/year`), with the day its session was held. */
type Numbered = { number: number | null; year: number | null; heldOn: string };

/** An appeal with the names and numbers a person reads: holder, the act appealed, the session that decided it. */
export type DescribedAppeal = {
  id: string;
  dossierId: string;
  status: AppealState;
  reason: string;
  filedAt: string;
  filedBy: string;
  decidedAt: string | null;
  rationale: string | null;
  proposedOutcome: AppealResult | null;
  producer: string;
  organization: string;
  cycle: number;
  decision: (Numbered & { id: string; outcome: Outcome; session: Numbered }) | null;
  suspension: AppealedCertificateAct | null;
  revocation: AppealedCertificateAct | null;
  decidedIn: (Numbered & { id: string }) | null;
};

/** A decision on the dossier, and whether an appeal against it is waiting. */
export type DecisionOfDossier = Numbered & { id: string; outcome: Outcome; decidedAt: string; session: Numbered; pending: boolean };
/** The suspension (by the commission, not by time) a certificate of the dossier is under now. */
export type CurrentSuspension = { seq: number; at: string; reason: string | null; certificateCode: string; pending: boolean };
/** The revocation of a certificate of the dossier, with the criteria that set its appeal deadline. */
export type RevocationOfDossier = CurrentSuspension & { scheme: string; criteriaVersion: string };
/** A revocation with the last day (YYYY-MM-DD, Bolivia) to appeal it and whether that day has passed. */
export type AppealableRevocation = RevocationOfDossier & { lastDay: string; late: boolean };

const DESCRIBED = `
SELECT a.id, a.dossier_id AS dossierId, a.status, a.reason, a.filed_at AS filedAt, fu.display_name AS filedBy,
  a.decided_at AS decidedAt, a.rationale, a.proposed_outcome AS proposedOutcome,
  p.name AS producer, o.name AS organization, d.cycle,
  dc.id AS decisionId, dc.number AS decisionNumber, dc.year AS decisionYear, dc.outcome AS decisionOutcome,
  ds.held_on AS decisionHeldOn, ds.number AS decisionSessionNumber, ds.year AS decisionSessionYear,
  e.seq AS eventSeq, e.event AS eventKind, e.at AS suspendedAt, e.reason AS suspensionReason, c.id AS certificateId, c.code AS certificateCode,
  s.id AS sessionId, s.number AS sessionNumber, s.year AS sessionYear, s.held_on AS sessionHeldOn
FROM appeals a
JOIN dossiers d ON d.id = a.dossier_id
JOIN producers p ON p.id = d.producer_id
JOIN organizations o ON o.id = d.organization_id
JOIN users fu ON fu.id = a.filed_by
LEFT JOIN decisions dc ON dc.id = a.decision_id
LEFT JOIN commission_sessions ds ON ds.id = dc.session_id
LEFT JOIN certificate_events e ON e.seq = a.event_seq
LEFT JOIN certificates c ON c.id = e.certificate_id
LEFT JOIN commission_sessions s ON s.id = a.session_id`;

type DescribedRow = Omit<DescribedAppeal, 'decision' | 'suspension' | 'revocation' | 'decidedIn'> & {
  decisionId: string | null;
  decisionNumber: number | null;
  decisionYear: number | null;
  decisionOutcome: Outcome | null;
  decisionHeldOn: string | null;
  decisionSessionNumber: number | null;
  decisionSessionYear: number | null;
  eventSeq: number | null;
  eventKind: string | null;
  suspendedAt: string | null;
  suspensionReason: string | null;
  certificateId: string | null;
  certificateCode: string | null;
  sessionId: string | null;
  sessionNumber: number | null;
  sessionYear: number | null;
  sessionHeldOn: string | null;
};

function described(r: DescribedRow): DescribedAppeal {
  const { decisionId, decisionNumber, decisionYear, decisionOutcome, decisionHeldOn, decisionSessionNumber, decisionSessionYear } = r;
  const { eventSeq, suspendedAt, suspensionReason, certificateId, certificateCode, sessionId, sessionNumber, sessionYear } = r;
  const act =
    eventSeq !== null && suspendedAt && certificateId && certificateCode
      ? { seq: eventSeq, at: suspendedAt, reason: suspensionReason, certificateId, certificateCode }
      : null;
  return {
    id: r.id,
    dossierId: r.dossierId,
    status: r.status,
    reason: r.reason,
    filedAt: r.filedAt,
    filedBy: r.filedBy,
    decidedAt: r.decidedAt,
    rationale: r.rationale,
    proposedOutcome: r.proposedOutcome,
    producer: r.producer,
    organization: r.organization,
    cycle: r.cycle,
    decision:
      decisionId && decisionOutcome && decisionHeldOn
        ? {
            id: decisionId,
            number: decisionNumber,
            year: decisionYear,
            heldOn: decisionHeldOn,
            outcome: decisionOutcome,
            session: { number: decisionSessionNumber, year: decisionSessionYear, heldOn: decisionHeldOn },
          }
        : null,
    suspension: r.eventKind === 'suspended' ? act : null,
    revocation: r.eventKind === 'revoked' ? act : null,
    decidedIn: sessionId && r.sessionHeldOn ? { id: sessionId, number: sessionNumber, year: sessionYear, heldOn: r.sessionHeldOn } : null,
  };
}

export function createAppealRepository(db: Db) {
  const sql = db.$client;
  const one = sql.prepare<[string], DescribedRow>(`${DESCRIBED} WHERE a.id = ?`);
  const filed = sql.prepare<{ limit: number }, DescribedRow>(
    `${DESCRIBED} WHERE a.status = 'filed' ORDER BY a.filed_at, a.id LIMIT :limit`,
  );
  const decided = sql.prepare<{ limit: number; offset: number }, DescribedRow>(
    `${DESCRIBED} WHERE a.status <> 'filed' ORDER BY a.decided_at DESC, a.id LIMIT :limit OFFSET :offset`,
  );
  const decidedCount = sql.prepare<[], { n: number }>(`SELECT count(*) AS n FROM appeals WHERE status <> 'filed'`);
  const decisionsOf = sql.prepare<
    [string],
    Omit<DecisionOfDossier, 'session' | 'pending'> & { sessionNumber: number | null; sessionYear: number | null; pending: number }
  >(
    `SELECT dc.id, dc.number, dc.year, dc.outcome, dc.decided_at AS decidedAt, s.held_on AS heldOn,
       s.number AS sessionNumber, s.year AS sessionYear,
       EXISTS (SELECT 1 FROM appeals a WHERE a.decision_id = dc.id AND a.status = 'filed') AS pending
     FROM decisions dc JOIN commission_sessions s ON s.id = dc.session_id
     WHERE dc.dossier_id = ? ORDER BY dc.decided_at, dc.id`,
  );
  const suspensionsOf = sql.prepare<[string], Omit<CurrentSuspension, 'pending'> & { pending: number }>(
    `SELECT e.seq, e.at, e.reason, c.code AS certificateCode,
       EXISTS (SELECT 1 FROM appeals a WHERE a.event_seq = e.seq AND a.status = 'filed') AS pending
     FROM certificates c JOIN certificate_events e ON e.certificate_id = c.id
     WHERE c.dossier_id = ? AND c.status = 'suspended' AND e.event = 'suspended' AND e.automatic = 0
       AND e.seq = (SELECT max(e2.seq) FROM certificate_events e2
                    WHERE e2.certificate_id = c.id AND e2.event = 'suspended' AND e2.automatic = 0)
     ORDER BY e.seq`,
  );
  const revocationsOf = sql.prepare<[string], Omit<RevocationOfDossier, 'pending'> & { pending: number }>(
    `SELECT e.seq, e.at, e.reason, c.code AS certificateCode, c.scheme, c.criteria_version AS criteriaVersion,
       EXISTS (SELECT 1 FROM appeals a WHERE a.event_seq = e.seq AND a.status = 'filed') AS pending
     FROM certificates c JOIN certificate_events e ON e.certificate_id = c.id
     WHERE c.dossier_id = ? AND c.status = 'revoked' AND e.event = 'revoked' AND e.automatic = 0
       AND e.seq = (SELECT max(e2.seq) FROM certificate_events e2 WHERE e2.certificate_id = c.id AND e2.event = 'revoked')
     ORDER BY e.seq`,
  );
  const userNames = sql.prepare<[string], { id: string; name: string }>(
    'SELECT id, display_name AS name FROM users WHERE id IN (SELECT value FROM json_each(?)) ORDER BY display_name',
  );

  return {
    find: (id: string): AppealRow | undefined => db.select().from(appeals).where(eq(appeals.id, id)).get(),

    /** Appeals decided in the session, in the order they were decided. */
    decidedIn: (sessionId: string): AppealRow[] =>
      db.select().from(appeals).where(eq(appeals.sessionId, sessionId)).orderBy(asc(appeals.decidedAt)).all(),

    /** Whether an appeal against the act is still waiting for its decision. */
    pendingAgainst: (act: AppealedAct): boolean =>
      db
        .select({ id: appeals.id })
        .from(appeals)
        .where(
          and(
            eq(appeals.status, 'filed'),
            'decisionId' in act ? eq(appeals.decisionId, act.decisionId) : eq(appeals.eventSeq, act.eventSeq),
          ),
        )
        .get() !== undefined,

    /** The upheld appeal against a decision, if any: it left the decision without effect. */
    upheldAgainst: (decisionId: string): AppealRow | undefined =>
      db
        .select()
        .from(appeals)
        .where(and(eq(appeals.decisionId, decisionId), eq(appeals.status, 'upheld')))
        .get(),

    insert(row: typeof appeals.$inferInsert): void {
      db.insert(appeals).values(row).run();
    },

    update(id: string, change: Partial<Pick<AppealRow, 'status' | 'sessionId' | 'proposedOutcome' | 'rationale' | 'decidedAt'>>): void {
      db.update(appeals).set(change).where(eq(appeals.id, id)).run();
    },

    /** The dossier's ownership and state: who may appeal, and whether an upheld appeal reopens it. */
    dossier: (id: string) =>
      db
        .select({ id: dossiers.id, organizationId: dossiers.organizationId, producerId: dossiers.producerId, state: dossiers.state })
        .from(dossiers)
        .where(eq(dossiers.id, id))
        .get()!,

    /** One appeal with its names and numbers. */
    described: (id: string): DescribedAppeal | undefined => {
      const row = one.get(id);
      return row && described(row);
    },
    /** Appeals waiting for the commission, the oldest first (at most `limit`). */
    filed: (limit: number): DescribedAppeal[] => filed.all({ limit }).map(described),
    /** A page of decided appeals, the latest decided first. */
    decided: (limit: number, offset: number): { rows: DescribedAppeal[]; total: number } => ({
      rows: decided.all({ limit, offset }).map(described),
      total: decidedCount.get()?.n ?? 0,
    }),

    /** The commission's decisions on the dossier, oldest first. */
    decisionsOf: (dossierId: string): DecisionOfDossier[] =>
      decisionsOf.all(dossierId).map(({ sessionNumber, sessionYear, pending, ...d }) => ({
        ...d,
        session: { number: sessionNumber, year: sessionYear, heldOn: d.heldOn },
        pending: pending === 1,
      })),
    /** The commission's suspensions that certificates of the dossier are under now. */
    suspensionsOf: (dossierId: string): CurrentSuspension[] =>
      suspensionsOf.all(dossierId).map((s) => ({ ...s, pending: s.pending === 1 })),

    /** The revocations that certificates of the dossier are under now (the latest of each). */
    revocationsOf: (dossierId: string): RevocationOfDossier[] =>
      revocationsOf.all(dossierId).map((r) => ({ ...r, pending: r.pending === 1 })),

    /** Display names of accounts, by name. */
    userNames: (ids: string[]) => userNames.all(JSON.stringify(ids)),
  };
}
export type AppealRepository = ReturnType<typeof createAppealRepository>;
