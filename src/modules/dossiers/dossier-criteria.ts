/** The criteria a dossier is answered against (its pinned version, the producer's sectors) and the check of a set of answers. */
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import type { Criterion } from '../../domain/criteria-schema.js';
import { allCriteria } from '../../domain/criteria.js';
import type { CriterionScope, DossierScope } from '../../domain/group-scope.js';
import { AppError, type FieldIssue } from '../../errors.js';
import type { AnswerInput } from './dossier-schemas.js';

/**
 * Criteria of the pinned version that apply to the dossier, by code: those of the producer's sectors and,
 * for group certification, of the dossier's scope (the organisation's own file answers the criteria about
 * the organisation; a member's file, those about the family unit). A unit certified on its own answers all.
 */
export function applicableCriteria(
  catalog: CriteriaCatalog,
  dossier: { scheme: string; criteriaVersion: string; scope: DossierScope },
  sectors: string[],
): Map<string, Criterion> {
  const version = catalog.version(dossier.scheme, dossier.criteriaVersion);
  const wanted = CRITERION_SCOPE_OF[dossier.scope];
  return new Map(
    allCriteria(version)
      .filter((c) => c.sectors.some((s) => sectors.includes(s)))
      .filter((c) => wanted === null || c.scope === undefined || c.scope === wanted)
      .map((c) => [c.code, c]),
  );
}

/** Which criteria a dossier of each scope answers; null: all of them. */
const CRITERION_SCOPE_OF: Record<DossierScope, CriterionScope | null> = { unit: null, organization: 'organization', member: 'unit' };

/** Unknown, inapplicable and missing criterion codes, each listed. */
export function checkAnswers(given: AnswerInput[], expected: Map<string, Criterion>, requireAll: boolean): void {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  given.forEach((a, i) => {
    if (seen.has(a.criterionCode))
      issues.push({ path: `body.answers.${i}.criterionCode`, message: `Criterio repetido: ${a.criterionCode}`, code: 'DUPLICATE' });
    else if (!expected.has(a.criterionCode))
      issues.push({
        path: `body.answers.${i}.criterionCode`,
        message: `Criterio desconocido o no aplicable a este productor: ${a.criterionCode}`,
        code: 'UNKNOWN',
      });
    seen.add(a.criterionCode);
  });
  const missing = requireAll ? [...expected.keys()].filter((code) => !seen.has(code)) : [];
  for (const code of missing) issues.push({ path: 'body.answers', message: `Falta la respuesta al criterio ${code}`, code: 'MISSING' });
  if (issues.length > 0) {
    const parts = [
      missing.length > 0 ? `faltan ${missing.join(', ')}` : '',
      issues.length > missing.length ? 'hay criterios desconocidos o repetidos' : '',
    ]
      .filter(Boolean)
      .join('; ');
    throw new AppError('unprocessable', 'ANSWERS_INCOMPLETE', `Respuestas inválidas: ${parts}`, issues);
  }
}
