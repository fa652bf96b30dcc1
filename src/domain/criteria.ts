/**
 * Criteria versions as the domain sees them: ordering of version ids, the rules
 * a single version must satisfy, the rules between consecutive versions, and
 * selection of the criteria that apply to a producer's sectors.
 */
import type { CriteriaFile, Criterion, CriterionLevel, Principle } from './criteria-schema.js';
import { CRITERION_LEVELS } from './criteria-schema.js';
import { isSetting } from './criteria-settings.js';

export type CriteriaVersion = CriteriaFile & {
  /** sha256 over the canonical JSON of the file's content. */
  contentHash: string;
  /** Path of the file, relative to the criteria folder. */
  sourceFile: string;
};

/** A problem found in criteria data: where (dotted path) and what. */
export type CriteriaIssue = { path: string; message: string };

/** Orders version ids of the form YYYY.N numerically (2025.10 after 2025.9). */
export function compareVersionIds(a: string, b: string): number {
  const [ay = 0, an = 0] = a.split('.').map(Number);
  const [by = 0, bn = 0] = b.split('.').map(Number);
  return ay - by || an - bn;
}

export const retiredOf = (file: Pick<CriteriaFile, 'retired'>) => file.retired ?? [];

export type LocatedCriterion = Criterion & { principle: string };

export function allCriteria(file: Pick<CriteriaFile, 'principles'>): LocatedCriterion[] {
  return file.principles.flatMap((p) => p.criteria.map((c) => ({ ...c, principle: p.code })));
}

/** The version with only the criteria that apply to `sector`; principles left empty are dropped. */
export function filterBySector<T extends Pick<CriteriaFile, 'principles'>>(file: T, sector: string): T {
  const principles: Principle[] = file.principles
    .map((p) => ({ ...p, criteria: p.criteria.filter((c) => c.sectors.includes(sector)) }))
    .filter((p) => p.criteria.length > 0);
  return { ...file, principles };
}

function duplicates(values: string[]): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return dup;
}

/** Rules within one version that a schema alone cannot express. */
export function checkVersionRules(file: CriteriaFile): CriteriaIssue[] {
  const issues: CriteriaIssue[] = [];
  const sectorCodes = new Set(file.sectors.map((s) => s.code));

  for (const code of duplicates(file.sectors.map((s) => s.code))) {
    issues.push({ path: 'sectors', message: `Sector duplicado: ${code}` });
  }
  for (const code of duplicates(file.sealLevels.map((s) => s.code))) {
    issues.push({ path: 'sealLevels', message: `Nivel de sello duplicado: ${code}` });
  }
  const withRule = file.sealLevels.filter((l) => l.requires !== undefined).length;
  if (withRule > 0 && withRule < file.sealLevels.length) {
    issues.push({ path: 'sealLevels', message: 'Indique «requires» en todos los niveles de sello o en ninguno' });
  }
  const scoped = allCriteria(file).filter((c) => c.scope !== undefined).length;
  if (scoped > 0 && scoped < allCriteria(file).length) {
    issues.push({ path: 'principles', message: 'Indique «scope» (organización o unidad) en todos los criterios o en ninguno' });
  }
  if (file.status === 'published') {
    if (!file.publishedOn) issues.push({ path: 'publishedOn', message: 'Una versión publicada necesita fecha de publicación' });
    if (!file.approvedBy) issues.push({ path: 'approvedBy', message: 'Una versión publicada necesita el acta que la aprobó' });
  }
  if (file.previousVersion && compareVersionIds(file.previousVersion, file.version) >= 0) {
    issues.push({ path: 'previousVersion', message: `La versión anterior (${file.previousVersion}) debe ser menor que ${file.version}` });
  }

  const principleDup = duplicates(file.principles.map((p) => p.code));
  const criterionDup = duplicates(allCriteria(file).map((c) => c.code));
  const reportedCriterion = new Set<string>();
  file.principles.forEach((principle, pi) => {
    if (principleDup.has(principle.code)) {
      issues.push({ path: `principles.${pi}.code`, message: `Código de principio duplicado: ${principle.code}` });
    }
    principle.criteria.forEach((criterion, ci) => {
      const at = `principles.${pi}.criteria.${ci}`;
      if (criterionDup.has(criterion.code) && !reportedCriterion.has(`${criterion.code}@${at}`)) {
        reportedCriterion.add(`${criterion.code}@${at}`);
        issues.push({ path: `${at}.code`, message: `Código de criterio duplicado: ${criterion.code}` });
      }
      if (!criterion.code.startsWith(`${principle.code}.`)) {
        issues.push({
          path: `${at}.code`,
          message: `El criterio ${criterion.code} debe empezar con el código de su principio (${principle.code}.)`,
        });
      }
      criterion.sectors.forEach((sector, si) => {
        if (!sectorCodes.has(sector)) {
          issues.push({
            path: `${at}.sectors.${si}`,
            message: `Sector desconocido: ${sector} (conocidos: ${[...sectorCodes].join(', ')})`,
          });
        }
      });
      for (const dup of duplicates(criterion.sectors)) {
        issues.push({ path: `${at}.sectors`, message: `Sector repetido: ${dup}` });
      }
    });
  });

  const present = new Set(allCriteria(file).map((c) => c.code));
  retiredOf(file).forEach((r, ri) => {
    if (present.has(r.code)) {
      issues.push({
        path: `retired.${ri}.code`,
        message: `El criterio ${r.code} figura como retirado y a la vez como vigente (modificado) en esta versión`,
      });
    }
  });
  for (const dup of duplicates(retiredOf(file).map((r) => r.code))) {
    issues.push({ path: 'retired', message: `Criterio retirado dos veces: ${dup}` });
  }
  return [...issues, ...checkCataloguesAndSources(file)];
}

/** Catalogues without repeated codes, sources that name declared documents, change notes about something that exists. */
function checkCataloguesAndSources(file: CriteriaFile): CriteriaIssue[] {
  const issues: CriteriaIssue[] = [];
  for (const code of duplicates((file.sanctions ?? []).map((s) => s.code))) {
    issues.push({ path: 'sanctions', message: `Sanción duplicada: ${code}` });
  }
  for (const topic of duplicates((file.training?.reviewer ?? []).map((t) => t.topic))) {
    issues.push({ path: 'training.reviewer', message: `Capacitación duplicada: ${topic}` });
  }
  for (const code of duplicates((file.documents ?? []).map((d) => d.code))) {
    issues.push({ path: 'documents', message: `Documento de base duplicado: ${code}` });
  }
  const documents = new Set((file.documents ?? []).map((d) => d.code));
  file.principles.forEach((principle, pi) => {
    principle.criteria.forEach((criterion, ci) => {
      const at = `principles.${pi}.criteria.${ci}`;
      if (file.documents && !criterion.sources) {
        issues.push({ path: `${at}.sources`, message: `El criterio ${criterion.code} no cita de qué documento de base viene` });
      }
      (criterion.sources ?? []).forEach((source, si) => {
        if (!documents.has(source.document)) {
          issues.push({
            path: `${at}.sources.${si}.document`,
            message: `El criterio ${criterion.code} cita un documento que no figura en «documents»: ${source.document}`,
          });
        }
      });
    });
  });
  const known = new Set([...allCriteria(file).map((c) => c.code), ...retiredOf(file).map((r) => r.code)]);
  (file.changes ?? []).forEach((change, i) => {
    if (!known.has(change.about) && !isSetting(change.about)) {
      issues.push({
        path: `changes.${i}.about`,
        message: `El cambio habla de «${change.about}», que no es un criterio de esta versión, ni uno que retira, ni una regla del esquema`,
      });
    }
  });
  return issues;
}

/**
 * Rules between a version and the one it replaces: nothing disappears without
 * being retired, only existing criteria are retired, retired codes are not reused.
 */
export function checkSuccession(
  previous: CriteriaFile,
  next: CriteriaFile,
  /** Codes retired by `previous` or any version before it. */
  retiredEarlier: ReadonlySet<string> = new Set(retiredOf(previous).map((r) => r.code)),
): CriteriaIssue[] {
  const issues: CriteriaIssue[] = [];
  const before = new Set(allCriteria(previous).map((c) => c.code));
  const after = new Set(allCriteria(next).map((c) => c.code));
  const retired = new Set(retiredOf(next).map((r) => r.code));

  for (const code of before) {
    if (!after.has(code) && !retired.has(code)) {
      issues.push({ path: 'retired', message: `El criterio ${code} de la versión ${previous.version} desaparece sin declararse retirado` });
    }
  }
  retiredOf(next).forEach((r, ri) => {
    if (!before.has(r.code)) {
      issues.push({ path: `retired.${ri}.code`, message: `No se puede retirar ${r.code}: no existe en la versión ${previous.version}` });
    }
  });
  allCriteria(next).forEach((c) => {
    if (retiredEarlier.has(c.code)) {
      issues.push({ path: 'principles', message: `El código ${c.code} fue retirado en una versión anterior y no puede reutilizarse` });
    }
  });
  return issues;
}

export function levelsUsed(file: Pick<CriteriaFile, 'principles'>): Record<CriterionLevel, number> {
  const counts = Object.fromEntries(CRITERION_LEVELS.map((l) => [l, 0])) as Record<CriterionLevel, number>;
  for (const c of allCriteria(file)) counts[c.level] += 1;
  return counts;
}
