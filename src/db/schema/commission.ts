/** The certification commission: sessions, attendance, decisions, votes and recusals. */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { DECISION_OUTCOMES, RECUSAL_KINDS, SESSION_STATUSES, VOTE_SUBJECTS, VOTES } from '../../domain/commission.js';
import { users } from './accounts.js';
import { createdAt, id } from './columns.js';
import { dossiers } from './dossiers.js';

/** A sitting of the certification commission; the quorum comes from the scheme's data. */
export const commissionSessions = sqliteTable('commission_sessions', {
  id: id(),
  scheme: text('scheme').notNull(),
  /** The published criteria version whose commission rules (quorum) applied. */
  criteriaVersion: text('criteria_version').notNull(),
  quorum: integer('quorum').notNull(),
  heldOn: text('held_on').notNull(),
  place: text('place'),
  status: text('status', { enum: SESSION_STATUSES }).notNull(),
  createdBy: text('created_by')
    .notNull()
    .references(() => users.id),
  createdAt: createdAt(),
  closedAt: text('closed_at'),
});

/** Who of the commission attended a session. */
export const sessionAttendance = sqliteTable(
  'session_attendance',
  {
    sessionId: text('session_id')
      .notNull()
      .references(() => commissionSessions.id),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    present: integer('present', { mode: 'boolean' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] })],
);

/** The commission's decision on a dossier, with the dossier as it was when decided. */
export const decisions = sqliteTable(
  'decisions',
  {
    id: id(),
    sessionId: text('session_id')
      .notNull()
      .references(() => commissionSessions.id),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    proposedOutcome: text('proposed_outcome', { enum: DECISION_OUTCOMES }).notNull(),
    /** The proposal if carried by majority; otherwise 'deferred'. */
    outcome: text('outcome', { enum: DECISION_OUTCOMES }).notNull(),
    rationale: text('rationale').notNull(),
    sealLevel: text('seal_level'),
    /** The dossier exactly as the commission saw it (canonical JSON) and its sha256. */
    dossierSnapshot: text('dossier_snapshot').notNull(),
    snapshotHash: text('snapshot_hash').notNull(),
    recordedBy: text('recorded_by')
      .notNull()
      .references(() => users.id),
    decidedAt: text('decided_at').notNull(),
  },
  (t) => [index('decisions_dossier').on(t.dossierId), index('decisions_session').on(t.sessionId)],
);

/** Votes and recusals on a decision or on an appeal. */
export const votes = sqliteTable(
  'votes',
  {
    subject: text('subject', { enum: VOTE_SUBJECTS }).notNull(),
    subjectId: text('subject_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    vote: text('vote', { enum: VOTES }).notNull(),
    rationale: text('rationale'),
  },
  (t) => [primaryKey({ columns: [t.subject, t.subjectId, t.userId] }), index('votes_user').on(t.userId)],
);

export const recusals = sqliteTable(
  'recusals',
  {
    subject: text('subject', { enum: VOTE_SUBJECTS }).notNull(),
    subjectId: text('subject_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: RECUSAL_KINDS }).notNull(),
    /** The rule behind an automatic recusal. */
    rule: text('rule'),
    reason: text('reason').notNull(),
  },
  (t) => [primaryKey({ columns: [t.subject, t.subjectId, t.userId] })],
);
