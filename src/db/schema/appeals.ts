/** Appeals, heard by the commission. */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { APPEAL_RESULTS, APPEAL_STATES } from '../../domain/appeals.js';
import { users } from './accounts.js';
import { certificateEvents } from './certificates.js';
import { id } from './columns.js';
import { commissionSessions, decisions } from './commission.js';
import { dossiers } from './dossiers.js';

/** Appeals against a commission decision or a suspension. */
export const appeals = sqliteTable(
  'appeals',
  {
    id: id(),
    /** The decision appealed, or the decision that issued the suspended certificate. */
    decisionId: text('decision_id').references(() => decisions.id),
    /** The suspension event appealed. */
    eventSeq: integer('event_seq').references(() => certificateEvents.seq),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    reason: text('reason').notNull(),
    filedBy: text('filed_by')
      .notNull()
      .references(() => users.id),
    filedAt: text('filed_at').notNull(),
    status: text('status', { enum: APPEAL_STATES }).notNull(),
    sessionId: text('session_id').references(() => commissionSessions.id),
    proposedOutcome: text('proposed_outcome', { enum: APPEAL_RESULTS }),
    rationale: text('rationale'),
    decidedAt: text('decided_at'),
  },
  (t) => [index('appeals_dossier').on(t.dossierId)],
);
