/**
 * Which seal levels the results allow: each level of a criteria version states what it requires
 * (`requires.pendingConditions`), and the commission's choice is checked against it.
 *
 * Versions written before levels carried their rule (2025.1 to 2026.2) fall back to what their
 * text says: «pleno» is granted «sin condiciones pendientes»; every other level allows conditions.
 */
import type { SealLevel, SealLevelRequirement } from './criteria-schema.js';
import { count } from './text.js';

/** The level code that older versions describe as «sin condiciones pendientes». */
export const FULL_LEVEL_CODE = 'pleno';

/** The rule of a level: as written in its version, or the fallback for versions without it. */
export function requirementOf(level: Pick<SealLevel, 'code' | 'requires'>): SealLevelRequirement {
  return level.requires ?? { pendingConditions: level.code === FULL_LEVEL_CODE ? 'none' : 'allowed' };
}

/** What a decision would leave on the certificate: the conditions (corrective actions with deadlines) it sets. */
export type LevelSituation = { pendingConditions: number };

/** Whether the level's requirement holds in the situation. */
export function levelAllowed(level: Pick<SealLevel, 'code' | 'requires'>, situation: LevelSituation): boolean {
  return requirementOf(level).pendingConditions === 'allowed' || situation.pendingConditions === 0;
}

/** The levels the situation allows, in the version's order. */
export function allowedSealLevels<L extends Pick<SealLevel, 'code' | 'requires'>>(levels: readonly L[], situation: LevelSituation): L[] {
  return levels.filter((l) => levelAllowed(l, situation));
}

/**
 * Why the level is not allowed, naming the rule, the level and the criteria version, or undefined:
 * «El nivel Pleno exige no tener condiciones pendientes (criterios 2026.3): este expediente tiene 1 condición».
 */
export function levelRefusal(
  level: Pick<SealLevel, 'code' | 'requires' | 'name'>,
  situation: LevelSituation,
  version: string,
): string | undefined {
  if (levelAllowed(level, situation)) return undefined;
  const written = level.requires ? '' : ', según la descripción del nivel';
  return (
    `El nivel ${level.name.es} exige no tener condiciones pendientes (criterios ${version}${written}): ` +
    `este expediente tiene ${count(situation.pendingConditions, 'condición', 'condiciones')}`
  );
}
