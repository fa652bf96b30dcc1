/** Reads and writes of appeals, and the dossier an appeal is about. */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { appeals, dossiers } from '../../db/schema.js';

export type AppealRow = typeof appeals.$inferSelect;
/** What was appealed: a decision, or a suspension by its event number. */
export type AppealedAct = { decisionId: string } | { suspensionEventSeq: number };

export function createAppealRepository(db: Db) {
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
            'decisionId' in act ? eq(appeals.decisionId, act.decisionId) : eq(appeals.eventSeq, act.suspensionEventSeq),
          ),
        )
        .get() !== undefined,

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
  };
}
export type AppealRepository = ReturnType<typeof createAppealRepository>;
