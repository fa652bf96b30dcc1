/**
 * The scheme's catalogue of sanctions (IFOAM's "defined consequences for non-compliance"): each commission
 * decision on a finding or a complaint cites the sanction it applies, from the catalogue of the criteria
 * version in force, and the act it records must be the one the sanction means.
 */
import type { CriteriaFile, Sanction, SanctionEffect } from './criteria-schema.js';
import { listInWords } from './text.js';

/** Each effect in plain words. */
export const SANCTION_EFFECT_LABEL: Record<SanctionEffect, string> = {
  none: 'queda registrada, sin otro efecto',
  conditions: 'condiciones con plazo',
  suspension: 'suspensión del sello',
  member_exclusion: 'exclusión de una unidad del grupo',
  revocation: 'revocación del certificado',
};

/** A sanction cited by a decision, as stored beside it: the code and the criteria version whose catalogue holds it. */
export type CitedSanction = { code: string; criteriaVersion: string };

export type SanctionCheck =
  | { ok: true; sanction: Sanction | null }
  | { ok: false; code: 'SANCTION_REQUIRED' | 'UNKNOWN_SANCTION' | 'SANCTION_EFFECT_MISMATCH'; message: string };

/**
 * Checks the sanction a decision cites against the catalogue of `file`, for an act whose effect is one of
 * `effects`. A version without a catalogue cites none (a cited code is then unknown); with a catalogue,
 * an act with an effect must cite a sanction, and the sanction must mean that act.
 */
export function checkSanction(
  file: Pick<CriteriaFile, 'sanctions' | 'version'>,
  code: string | null | undefined,
  effects: readonly SanctionEffect[],
): SanctionCheck {
  const catalogue = file.sanctions ?? [];
  if (!code) {
    if (catalogue.length === 0) return { ok: true, sanction: null };
    const fitting = catalogue.filter((s) => effects.includes(s.effect)).map((s) => `«${s.name.es}» (${s.code})`);
    return {
      ok: false,
      code: 'SANCTION_REQUIRED',
      message: `Indique la sanción que se aplica, del catálogo de los criterios ${file.version}: ${listInWords(fitting, 'o') || 'ninguna corresponde'}`,
    };
  }
  const sanction = catalogue.find((s) => s.code === code);
  if (!sanction) {
    const known = catalogue.map((s) => s.code);
    return {
      ok: false,
      code: 'UNKNOWN_SANCTION',
      message:
        known.length === 0
          ? `Los criterios ${file.version} no tienen catálogo de sanciones`
          : `La sanción «${code}» no está en el catálogo de los criterios ${file.version} (${known.join(', ')})`,
    };
  }
  if (!effects.includes(sanction.effect)) {
    return {
      ok: false,
      code: 'SANCTION_EFFECT_MISMATCH',
      message: `La sanción «${sanction.name.es}» significa ${SANCTION_EFFECT_LABEL[sanction.effect]}; este acto es ${listInWords(
        effects.map((e) => SANCTION_EFFECT_LABEL[e]),
        'o',
      )}`,
    };
  }
  return { ok: true, sanction };
}
