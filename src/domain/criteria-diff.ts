/** Differences between two versions of a scheme: criteria added, changed and retired. */
import type { z } from 'zod';
import type { CriteriaFile, RetiredCriterionSchema } from './criteria-schema.js';
import { canonicalJson } from './content-hash.js';
import { allCriteria, type LocatedCriterion } from './criteria.js';

export type CriterionChange = {
  code: string;
  /** Fields whose value differs (text, level, sectors, verification, evidence, requiredFrom, principle). */
  fields: ComparedField[];
  from: LocatedCriterion;
  to: LocatedCriterion;
};

type RetiredEntry = z.infer<typeof RetiredCriterionSchema>;

export type RetiredCriterion = LocatedCriterion & { reason?: RetiredEntry['reason'] };

export type CriteriaDiff = {
  scheme: string;
  from: string;
  to: string;
  added: LocatedCriterion[];
  changed: CriterionChange[];
  retired: RetiredCriterion[];
  unchanged: number;
  /** Top-level settings (decision policy, visit team, validity...) that differ. */
  settingsChanged: Setting[];
};

const COMPARED_FIELDS = ['principle', 'text', 'level', 'sectors', 'verification', 'evidence', 'requiredFrom'] as const;
const SETTINGS = [
  'name',
  'issuingBody',
  'sectors',
  'sealLevels',
  'certificateValidityMonths',
  'decisionPolicy',
  'visitTeam',
  'conflictOfInterest',
  'commission',
  'appeals',
] as const;
type ComparedField = (typeof COMPARED_FIELDS)[number];
type Setting = (typeof SETTINGS)[number];

/** What changed in a criterion, as the administration's pages say it. */
export const CHANGED_FIELD_LABEL: Record<ComparedField, string> = {
  principle: 'principio',
  text: 'texto',
  level: 'nivel',
  sectors: 'sectores',
  verification: 'cómo se verifica',
  evidence: 'evidencias',
  requiredFrom: 'año desde el que se exige',
};

/** The scheme's settings, as the administration's pages say them. */
export const SETTING_LABEL: Record<Setting, string> = {
  name: 'Nombre del sello',
  issuingBody: 'Quién certifica',
  sectors: 'Sectores',
  sealLevels: 'Niveles del sello y lo que exige cada uno',
  certificateValidityMonths: 'Meses de vigencia del certificado',
  decisionPolicy: 'Qué significa no cumplir cada nivel de criterio',
  visitTeam: 'Reglas del equipo de visita',
  conflictOfInterest: 'Reglas de conflicto de interés',
  commission: 'Quórum de la comisión y plazo máximo de suspensión',
  appeals: 'Plazos para apelar',
};

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

export function diffVersions(from: CriteriaFile, to: CriteriaFile): CriteriaDiff {
  const before = new Map(allCriteria(from).map((c) => [c.code, c]));
  const after = new Map(allCriteria(to).map((c) => [c.code, c]));
  const reasons = new Map((to.retired ?? []).map((r) => [r.code, r.reason]));

  const added: LocatedCriterion[] = [];
  const changed: CriterionChange[] = [];
  let unchanged = 0;
  for (const [code, next] of after) {
    const prev = before.get(code);
    if (!prev) {
      added.push(next);
      continue;
    }
    const fields = COMPARED_FIELDS.filter((f) => !same(prev[f], next[f]));
    if (fields.length > 0) changed.push({ code, fields, from: prev, to: next });
    else unchanged += 1;
  }
  const retired: RetiredCriterion[] = [...before.values()]
    .filter((c) => !after.has(c.code))
    .map((c) => {
      const reason = reasons.get(c.code);
      return reason ? { ...c, reason } : c;
    });

  return {
    scheme: to.scheme,
    from: from.version,
    to: to.version,
    added,
    changed,
    retired,
    unchanged,
    settingsChanged: SETTINGS.filter((key) => !same(from[key], to[key])),
  };
}
