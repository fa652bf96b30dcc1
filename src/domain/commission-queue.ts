/**
 * The commission's queue: dossiers ready for the commission, and why each one waits. The reason
 * is derived from the records, never stored: a dossier deferred by a decision waits again, and
 * one whose decision an upheld appeal set aside is back (reopened); the latest of the two counts.
 */
import { CRITERION_LEVELS, type CriterionLevel } from './criteria-schema.js';

export const QUEUE_STATES = ['first_decision', 'deferred', 'reopened'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

/** Why a dossier waits, as a sentence about it. */
export const QUEUE_STATE_LABEL: Record<QueueState, string> = {
  first_decision: 'espera su primera decisión',
  deferred: 'diferido antes por la comisión',
  reopened: 'reabierto por una apelación aceptada',
};

/** The same, as a filter over many dossiers. */
export const QUEUE_FILTER_LABEL: Record<QueueState, string> = {
  first_decision: 'Esperan su primera decisión',
  deferred: 'Diferidos antes por la comisión',
  reopened: 'Reabiertos por una apelación aceptada',
};

/** Why they wait, after a count: one dossier, many. */
export const QUEUE_STATE_COUNTED: Record<QueueState, [string, string]> = {
  first_decision: ['espera su primera decisión', 'esperan su primera decisión'],
  deferred: ['fue diferido antes por la comisión', 'fueron diferidos antes por la comisión'],
  reopened: ['volvió por una apelación aceptada', 'volvieron por una apelación aceptada'],
};

/** Open non-conformities of a dossier by the level of their criterion. */
export type LevelCounts = Record<CriterionLevel, number>;

export const NO_LEVEL_COUNTS: LevelCounts = { critical: 0, major: 0, minor: 0, progressive: 0 };

/** A non-conformity («no conformidad», feminine) of each level, one and many. */
const NON_CONFORMITY_LEVEL_WORDS: Record<CriterionLevel, [string, string]> = {
  critical: ['crítica', 'críticas'],
  major: ['mayor', 'mayores'],
  minor: ['menor', 'menores'],
  progressive: ['progresiva', 'progresivas'],
};

/** "1 crítica, 2 mayores"; "ninguna" when all are zero. Most serious first. */
export function levelCountsInWords(counts: LevelCounts): string {
  const parts = CRITERION_LEVELS.filter((level) => counts[level] > 0).map(
    (level) => `${counts[level]} ${NON_CONFORMITY_LEVEL_WORDS[level][counts[level] === 1 ? 0 : 1]}`,
  );
  return parts.length > 0 ? parts.join(', ') : 'ninguna';
}
