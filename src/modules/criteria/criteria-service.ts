/**
 * Loads the criteria folder at start and reconciles it with what the database has
 * seen before (a published version never changes), and checks drafts sent by their authors.
 */
import { immediate, type Db } from '../../db/client.js';
import { contentHash } from '../../domain/content-hash.js';
import {
  allCriteria,
  checkSuccession,
  checkVersionRules,
  type CriteriaIssue,
  type CriteriaVersion,
} from '../../domain/criteria.js';
import { CriteriaFileSchema } from '../../domain/criteria-schema.js';
import { count } from '../../domain/text.js';
import { AppError } from '../../errors.js';
import { CriteriaCatalog } from './criteria-catalog.js';
import { CriteriaLoadError } from './criteria-errors.js';
import { loadCriteria, type CriteriaProblem } from './criteria-loader.js';
import { createCriteriaRepository } from './criteria-repository.js';

/**
 * Checks loaded versions against the database and records new ones, in one
 * transaction; throws CriteriaLoadError (and records nothing) on any mismatch.
 */
export function reconcileWithDatabase(db: Db, versions: readonly CriteriaVersion[]): void {
  const repo = createCriteriaRepository(db);
  immediate(db, () => {
    const problems: CriteriaProblem[] = [];
    for (const v of versions) {
      const seen = repo.find(v.scheme, v.version);
      if (seen?.status === 'published') {
        if (seen.contentHash !== v.contentHash) {
          problems.push({
            file: v.sourceFile,
            path: '',
            message: `La versión publicada ${v.version} difiere de la que esta instalación cargó el ${seen.firstLoadedAt} (huella ${seen.contentHash}, actual ${v.contentHash})`,
          });
        }
        if (v.status !== 'published') {
          problems.push({ file: v.sourceFile, path: 'status', message: `La versión ${v.version} ya fue publicada y no puede volver a borrador` });
        }
        continue;
      }
      repo.upsert({ scheme: v.scheme, version: v.version, status: v.status, contentHash: v.contentHash, publishedOn: v.publishedOn ?? null });
    }
    if (problems.length > 0) throw new CriteriaLoadError(problems);
  });
}

/** Loads, validates and reconciles the criteria; throws CriteriaLoadError listing every problem. */
export function loadCatalog(db: Db, criteriaDir: string, alreadyRead?: readonly CriteriaVersion[]): CriteriaCatalog {
  let versions = alreadyRead;
  if (!versions) {
    const loaded = loadCriteria(criteriaDir);
    if (loaded.problems.length > 0) throw new CriteriaLoadError(loaded.problems);
    versions = loaded.versions;
  }
  reconcileWithDatabase(db, versions);
  return new CriteriaCatalog(versions);
}

export type DraftCheck = {
  valid: true;
  scheme: string;
  version: string;
  contentHash: string;
  principles: number;
  criteria: number;
};

/**
 * Checks a criteria version sent by its authors before it is committed to the
 * folder: the same schema and rules the loader applies, against the versions
 * already loaded. Throws an `unprocessable` error listing every problem.
 */
export function checkDraft(catalog: CriteriaCatalog, raw: unknown): DraftCheck {
  const parsed = CriteriaFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw invalidDraft(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  const file = parsed.data;
  const issues = checkVersionRules(file);
  const existing = catalog.find(file.scheme, file.version);
  const hash = contentHash(raw);
  if (existing?.status === 'published' && existing.contentHash !== hash) {
    issues.push({ path: 'version', message: `La versión ${file.version} ya está publicada y no puede cambiar` });
  }
  if (file.previousVersion) {
    const previous = catalog.find(file.scheme, file.previousVersion);
    if (!previous) issues.push({ path: 'previousVersion', message: `La versión anterior ${file.previousVersion} no está cargada` });
    else issues.push(...checkSuccession(previous, file, catalog.retiredUpTo(file.scheme, previous.version)));
  }
  if (issues.length > 0) throw invalidDraft(issues);
  return {
    valid: true,
    scheme: file.scheme,
    version: file.version,
    contentHash: hash,
    principles: file.principles.length,
    criteria: allCriteria(file).length,
  };
}

function invalidDraft(issues: CriteriaIssue[]): AppError {
  return new AppError(
    'unprocessable',
    'CRITERIA_INVALID',
    `La versión de criterios tiene ${count(issues.length, 'problema', 'problemas')}: vea el detalle en «issues»`,
    issues.map((i) => ({ path: i.path ? `body.${i.path}` : 'body', message: i.message })),
  );
}
