/**
 * Reviewer training (PGS-India's training registers): the criteria data say which training a peer reviewer
 * needs; a person's training records say which they have. A training counts from its date and, when the
 * topic says so, for a number of years.
 */
import type { TrainingRules, TrainingTopic } from './criteria-schema.js';

/** A person's training, as recorded: topic, the criteria version it taught, its date (YYYY-MM-DD) and who gave it. */
export type TrainingRecord = { topic: string; criteriaVersion: string; completedOn: string; trainer: string };

const addYears = (isoDate: string, years: number) => `${String(Number(isoDate.slice(0, 4)) + years).padStart(4, '0')}${isoDate.slice(4)}`;

/** Whether a training of `topic` counts on `day` (YYYY-MM-DD): taken on or before it and not lapsed. */
export function trainingCounts(record: TrainingRecord, topic: TrainingTopic, day: string): boolean {
  if (record.topic !== topic.topic || record.completedOn > day) return false;
  return topic.validForYears === undefined || addYears(record.completedOn, topic.validForYears) > day;
}

/** The topics a reviewer still needs on `day`, in the order the criteria list them; empty when none is missing. */
export function missingTraining(rules: TrainingRules | undefined, records: readonly TrainingRecord[], day: string): TrainingTopic[] {
  if (!rules) return [];
  return rules.reviewer.filter((topic) => !records.some((r) => trainingCounts(r, topic, day)));
}
