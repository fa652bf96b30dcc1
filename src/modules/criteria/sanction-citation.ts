/**
 * Sanctions cited by the commission's acts: the catalogue that applies is the one of the scheme's
 * current published version when the act is recorded (the rules in force); the act stores the code
 * and that version. A scheme whose current version has no catalogue cites none, as before.
 */
import type { Sanction, SanctionEffect } from '../../domain/criteria-schema.js';
import { checkSanction, SANCTION_EFFECT_LABEL } from '../../domain/sanctions.js';
import { AppError } from '../../errors.js';
import type { CriteriaCatalog } from './criteria-catalog.js';

/** What an act stores about the sanction it applies (both null when it applies none). */
export type SanctionCitation = { sanctionCode: string | null; sanctionVersion: string | null };

/** A sanction as pages and views show it: code, name and what it does, in words. */
export type SanctionChoice = { code: string; name: string; description: string | null; effect: SanctionEffect; effectLabel: string };

const NO_CITATION: SanctionCitation = { sanctionCode: null, sanctionVersion: null };

/** The scheme's current published version, if the installation holds one. */
function current(catalog: CriteriaCatalog, scheme: string) {
  const version = catalog.scheme(scheme).currentVersion;
  return version ? catalog.find(scheme, version) : undefined;
}

const choiceOf = (s: Sanction): SanctionChoice => ({
  code: s.code,
  name: s.name.es,
  description: s.description?.es ?? null,
  effect: s.effect,
  effectLabel: SANCTION_EFFECT_LABEL[s.effect],
});

/**
 * Checks the sanction an act cites (`code`) for an act whose effect is one of `effects`, against the
 * catalogue in force; `required` false lets the act cite none even where a catalogue exists. An act
 * with no possible effect (`effects` empty) cites none. Throws a 422 on `path` naming the choices.
 */
export function citeSanction(
  catalog: CriteriaCatalog,
  scheme: string,
  code: string | null | undefined,
  effects: readonly SanctionEffect[],
  { required = true, path = 'body.sanctionCode' }: { required?: boolean; path?: string } = {},
): SanctionCitation {
  if (effects.length === 0) {
    if (!code) return NO_CITATION;
    const message = 'Este acto no aplica ninguna sanción: no indique una';
    throw new AppError('unprocessable', 'SANCTION_NOT_APPLICABLE', message, [{ path, message, code: 'SANCTION_NOT_APPLICABLE' }]);
  }
  const file = current(catalog, scheme);
  if (!file) {
    if (!code) return NO_CITATION;
    const message = `El esquema ${scheme} no tiene una versión publicada con catálogo de sanciones`;
    throw new AppError('unprocessable', 'UNKNOWN_SANCTION', message, [{ path, message, code: 'UNKNOWN_SANCTION' }]);
  }
  if (!code && !required) return NO_CITATION;
  const check = checkSanction(file, code, effects);
  if (!check.ok) throw new AppError('unprocessable', check.code, check.message, [{ path, message: check.message, code: check.code }]);
  return check.sanction ? { sanctionCode: check.sanction.code, sanctionVersion: file.version } : NO_CITATION;
}

/** The sanctions of the catalogue in force that fit an act with one of `effects`; empty without a catalogue. */
export function sanctionChoices(catalog: CriteriaCatalog, scheme: string, effects: readonly SanctionEffect[]) {
  const file = current(catalog, scheme);
  const choices = (file?.sanctions ?? []).filter((s) => effects.includes(s.effect)).map(choiceOf);
  return { criteriaVersion: file?.version ?? null, choices };
}

/** A stored citation as views show it, with the name from its version's catalogue (the code alone if that is gone). */
export function citedSanction(
  catalog: CriteriaCatalog,
  scheme: string,
  citation: SanctionCitation,
): { code: string; name: string; effect: SanctionEffect | null; criteriaVersion: string } | null {
  if (!citation.sanctionCode || !citation.sanctionVersion) return null;
  const found = catalog.find(scheme, citation.sanctionVersion)?.sanctions?.find((s) => s.code === citation.sanctionCode);
  return {
    code: citation.sanctionCode,
    name: found?.name.es ?? citation.sanctionCode,
    effect: found?.effect ?? null,
    criteriaVersion: citation.sanctionVersion,
  };
}
