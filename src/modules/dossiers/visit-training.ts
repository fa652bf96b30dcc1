/**
 * The training a visit's peer reviewers need (the criteria's `training` rules, of the visit's version):
 * every member of the team reviews (producers, consumers and technicians alike), so each must have every
 * required training counting on the day of the visit. Where the scheme refuses, planning stops naming each
 * person and training missing; where it warns, the visit is planned with the warning stored beside it.
 */
import type { Db } from '../../db/client.js';
import type { CriteriaFile } from '../../domain/criteria-schema.js';
import { missingTraining } from '../../domain/training.js';
import { listInWords } from '../../domain/text.js';
import { AppError } from '../../errors.js';
import { createTrainingRepository } from '../training/training-repository.js';

export type TrainingWarning = { personId: string; topics: string[] };

/**
 * Checks the team against the rules of `version` on `plannedOn`; throws REVIEWER_NOT_TRAINED (422, one issue
 * per person at body.team.N.personId) when the rules refuse, else returns the warnings to store (empty when none).
 */
export function checkReviewerTraining(
  db: Db,
  version: Pick<CriteriaFile, 'scheme' | 'version' | 'training'>,
  team: readonly { personId: string; name: string }[],
  plannedOn: string,
): TrainingWarning[] {
  const rules = version.training;
  if (!rules || rules.reviewer.length === 0) return [];
  const records = createTrainingRepository(db).ofPersons(
    version.scheme,
    team.map((m) => m.personId),
  );
  const lacking = team.flatMap((m, i) => {
    const missing = missingTraining(
      rules,
      records.filter((r) => r.personId === m.personId),
      plannedOn,
    );
    if (missing.length === 0) return [];
    const names = listInWords(missing.map((t) => `«${t.name.es}»`));
    const message = `${m.name} no tiene ${missing.length === 1 ? 'la capacitación' : 'las capacitaciones'} ${names} vigente${missing.length === 1 ? '' : 's'} (criterios ${version.version})`;
    return [{ index: i, personId: m.personId, topics: missing.map((t) => t.topic), message }];
  });
  if (lacking.length === 0) return [];
  if (rules.whenMissing === 'refuse') {
    throw new AppError(
      'unprocessable',
      'REVIEWER_NOT_TRAINED',
      lacking.map((l) => l.message).join('; '),
      lacking.map((l) => ({ path: `body.team.${l.index}.personId`, message: l.message, code: 'REVIEWER_NOT_TRAINED' })),
    );
  }
  return lacking.map(({ personId, topics }) => ({ personId, topics }));
}
