/** The certification commission: sessions, attendance, decisions, votes and recusals. */
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { COMMISSION_SEATS, DECISION_OUTCOMES, RECUSAL_KINDS, SESSION_STATUSES, VOTE_SUBJECTS, VOTES } from '../../domain/commission.js';
import { users } from './accounts.js';
import { createdAt, id } from './columns.js';
import { dossiers } from './dossiers.js';

/** A sitting of the certification commission; the quorum comes from the scheme's data. */
export const commissionSessions = sqliteTable(
  'commission_sessions',
  {
    id: id(),
    /** The human number, `number/year` (e.g. 07/2026): sessions are numbered from 1 each year of `heldOn`. */
    year: integer('year'),
    number: integer('number'),
    scheme: text('scheme').notNull(),
    /** The published criteria version whose commission rules (quorum) applied. */
    criteriaVersion: text('criteria_version').notNull(),
    quorum: integer('quorum').notNull(),
    /** Seats (titulares) of the commission under those rules; null when the scheme defines none. */
    seats: integer('seats'),
    heldOn: text('held_on').notNull(),
    place: text('place'),
    /** Local times (HH:MM, Bolivia) the session started and ended, as the acta records them. */
    startsAt: text('starts_at'),
    endsAt: text('ends_at'),
    status: text('status', { enum: SESSION_STATUSES }).notNull(),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    closedAt: text('closed_at'),
  },
  (t) => [uniqueIndex('commission_sessions_number').on(t.year, t.number)],
);

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
    /** The member's seat when the session was held (titular or suplente); null for schemes without seats. */
    seat: text('seat', { enum: COMMISSION_SEATS }),
    /** When the member was recorded present: suplentes take empty seats in this order. */
    presentSince: text('present_since'),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] })],
);

/** The commission's decision on a dossier, with the dossier as it was when decided. */
export const decisions = sqliteTable(
  'decisions',
  {
    id: id(),
    /** The human number of the resolution, `number/year` (e.g. 12/2026), numbered from 1 each year. */
    year: integer('year'),
    number: integer('number'),
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
    /** The sanction the decision applies, from the catalogue of `sanctionVersion` (sanctions.ts); null when none. */
    sanctionCode: text('sanction_code'),
    sanctionVersion: text('sanction_version'),
    /** Deferred without a vote because too few members could vote once the recused stood aside. */
    deferredForQuorum: integer('deferred_for_quorum', { mode: 'boolean' }).notNull().default(false),
    /** The dossier exactly as the commission saw it (canonical JSON) and its sha256. */
    dossierSnapshot: text('dossier_snapshot').notNull(),
    snapshotHash: text('snapshot_hash').notNull(),
    recordedBy: text('recorded_by')
      .notNull()
      .references(() => users.id),
    decidedAt: text('decided_at').notNull(),
  },
  (t) => [
    index('decisions_dossier').on(t.dossierId),
    index('decisions_session').on(t.sessionId),
    uniqueIndex('decisions_number').on(t.year, t.number),
  ],
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
