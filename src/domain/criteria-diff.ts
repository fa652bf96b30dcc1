/** Differences between two versions of a scheme: criteria added, changed and retired, sectors and decision rules. */
import type { z } from 'zod';
import type { CriteriaFile, CriterionLevel, RetiredCriterionSchema } from './criteria-schema.js';
import { CRITERION_LEVELS } from './criteria-schema.js';
import { canonicalJson } from './content-hash.js';
import { allCriteria, type LocatedCriterion } from './criteria.js';

export type CriterionChange = {
  code: string;
  /** Fields whose value differs (text, level, sectors, scope, verification, evidence, requiredFrom, principle). */
  fields: ComparedField[];
  from: LocatedCriterion;
  to: LocatedCriterion;
};

type RetiredEntry = z.infer<typeof RetiredCriterionSchema>;

export type RetiredCriterion = LocatedCriterion & { reason?: RetiredEntry['reason'] };

type Sector = CriteriaFile['sectors'][number];
type LevelPolicy = CriteriaFile['decisionPolicy'][CriterionLevel];

/** How the decision rule of one criterion level changed: which of its fields, before and after. */
export type PolicyChange = { level: CriterionLevel; fields: PolicyField[]; from: LevelPolicy; to: LevelPolicy };

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
  /** Sectors the new version adds, and those it no longer has (by code). */
  sectorsAdded: Sector[];
  sectorsRemoved: Sector[];
  /** The criterion levels whose decision rule changed (effects, deadline, follow-up, description). */
  policyChanged: PolicyChange[];
};

const COMPARED_FIELDS = ['principle', 'text', 'level', 'sectors', 'scope', 'verification', 'evidence', 'requiredFrom'] as const;
const POLICY_FIELDS = ['noCumple', 'parcial', 'correctiveActionMaxDays', 'followUp', 'description'] as const;
export type PolicyField = (typeof POLICY_FIELDS)[number];
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
export type ComparedField = (typeof COMPARED_FIELDS)[number];
type Setting = (typeof SETTINGS)[number];

/** What changed in a criterion, as the administration's pages say it. */
export const CHANGED_FIELD_LABEL: Record<ComparedField, string> = {
  principle: 'principio',
  text: 'texto',
  level: 'nivel',
  sectors: 'sectores',
  scope: 'a quién se refiere',
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

  const codesOf = (file: CriteriaFile) => new Set(file.sectors.map((x) => x.code));
  const [sectorsBefore, sectorsAfter] = [codesOf(from), codesOf(to)];
  const policyChanged: PolicyChange[] = CRITERION_LEVELS.flatMap((level) => {
    const [a, b] = [from.decisionPolicy[level], to.decisionPolicy[level]];
    const fields = POLICY_FIELDS.filter((f) => !same(a[f], b[f]));
    return fields.length > 0 ? [{ level, fields, from: a, to: b }] : [];
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
    sectorsAdded: to.sectors.filter((x) => !sectorsBefore.has(x.code)),
    sectorsRemoved: from.sectors.filter((x) => !sectorsAfter.has(x.code)),
    policyChanged,
  };
}
