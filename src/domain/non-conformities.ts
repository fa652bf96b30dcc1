/**
 * From visit answers to non-conformities, following the scheme's decision
 * policy: what a «no cumple» or «parcial» of each criterion level means.
 */
import type { CriteriaFile, Criterion } from './criteria-schema.js';

export const ANSWER_VALUES = ['cumple', 'parcial', 'no_cumple', 'no_aplica'] as const;
export type AnswerValue = (typeof ANSWER_VALUES)[number];

/** The answers that make a non-conformity. */
export const NON_CONFORMING_ANSWERS = ['parcial', 'no_cumple'] as const;

/** Where a recorded answer came from. */
export const ANSWER_SOURCES = ['visit', 'self_assessment'] as const;

export type Answer = { criterionCode: string; value: AnswerValue; notes?: string };

export const EFFECTS = ['blocks_approval', 'requires_conditions', 'improvement_goal'] as const;
export type Effect = (typeof EFFECTS)[number];

export type NonConformity = {
  criterionCode: string;
  level: Criterion['level'];
  answer: (typeof NON_CONFORMING_ANSWERS)[number];
  effect: Effect;
  /** Longest deadline for its corrective action, from the policy. */
  correctiveActionMaxDays: number | null;
  /** The criterion is not required yet (phase-in): recorded as an improvement goal. */
  phasedIn: boolean;
  evidence: string;
};

export function deriveNonConformities(
  answers: readonly Answer[],
  criteria: ReadonlyMap<string, Criterion>,
  policy: CriteriaFile['decisionPolicy'],
  year: number,
): NonConformity[] {
  const found: NonConformity[] = [];
  for (const answer of answers) {
    if (answer.value !== 'parcial' && answer.value !== 'no_cumple') continue;
    const criterion = criteria.get(answer.criterionCode);
    if (!criterion) continue;
    const levelPolicy = policy[criterion.level];
    const declared = answer.value === 'no_cumple' ? levelPolicy.noCumple : levelPolicy.parcial;
    if (declared === 'none') continue;
    const phasedIn = criterion.requiredFrom !== undefined && year < criterion.requiredFrom;
    found.push({
      criterionCode: criterion.code,
      level: criterion.level,
      answer: answer.value,
      effect: phasedIn ? 'improvement_goal' : declared,
      correctiveActionMaxDays: levelPolicy.correctiveActionMaxDays ?? null,
      phasedIn,
      evidence: answer.notes ?? '',
    });
  }
  return found;
}

/** The four answers as people read them. */
export const ANSWER_LABEL: Record<AnswerValue, string> = {
  cumple: 'Cumple',
  parcial: 'Cumple parcialmente',
  no_cumple: 'No cumple',
  no_aplica: 'No aplica',
};

/** Criterion levels in plain words. */
export const LEVEL_LABEL: Record<Criterion['level'], string> = {
  critical: 'crítico',
  major: 'mayor',
  minor: 'menor',
  progressive: 'progresivo',
};

/** What a non-conformity means for the decision. */
export const EFFECT_LABEL: Record<Effect, string> = {
  blocks_approval: 'impide aprobar hasta que se verifique su cierre',
  requires_conditions: 'permite aprobar solo con condiciones (acción correctiva con plazo)',
  improvement_goal: 'meta de mejora',
};
