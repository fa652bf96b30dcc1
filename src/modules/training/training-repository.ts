/** The SQL of persons' training records: written by the registry, read by visit planning. */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { trainingRecords } from '../../db/schema.js';

export type TrainingRow = typeof trainingRecords.$inferSelect;

export function createTrainingRepository(db: Db) {
  return {
    insert(row: typeof trainingRecords.$inferInsert): void {
      db.insert(trainingRecords).values(row).run();
    },

    /** A person's records, the most recent first. */
    of: (personId: string): TrainingRow[] =>
      db
        .select()
        .from(trainingRecords)
        .where(eq(trainingRecords.personId, personId))
        .orderBy(desc(trainingRecords.completedOn), desc(trainingRecords.createdAt))
        .all(),

    /** The records of several persons in one scheme. */
    ofPersons: (scheme: string, personIds: string[]): TrainingRow[] =>
      personIds.length === 0
        ? []
        : db
            .select()
            .from(trainingRecords)
            .where(and(eq(trainingRecords.scheme, scheme), inArray(trainingRecords.personId, personIds)))
            .all(),
  };
}
