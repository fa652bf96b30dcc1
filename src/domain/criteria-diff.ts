/** Differences between two versions of a scheme: criteria added, changed and retired, sectors and decision rules. */
import type { z } from 'zod';
import type { CriteriaFile, CriterionLevel, LocalizedTextSchema, RetiredCriterionSchema } from './criteria-schema.js';

type LocalizedText = z.infer<typeof LocalizedTextSchema>;
import { CRITERION_LEVELS } from './criteria-schema.js';
import { canonicalJson } from './content-hash.js';
import { allCriteria, type LocatedCriterion } from './criteria.js';
import { SETTINGS, type Setting } from './criteria-settings.js';

export { SETTING_LABEL, type Setting } from './criteria-settings.js';

/** Why a version changed something: the version that says it, and its words. */
export type ChangeReason = { version: string; reason: LocalizedText };
/** A criterion or setting of the diff with the reasons the versions give for changing it (oldest first). */
type WithReasons = { reasons: ChangeReason[] };
/** A figure or rule of a criterion of the newer version that awaits the assembly's decision. */
export type LocalProposalEntry = { code: string; figure: string; note: LocalizedText };

export type CriterionChange = WithReasons & {
  code: string;
  /** Fields whose value differs (text, level, sectors, scope, verification, evidence, requiredFrom, principle). */
  fields: ComparedField[];
  from: LocatedCriterion;
  to: LocatedCriterion;
};

type RetiredEntry = z.infer<typeof RetiredCriterionSchema>;

export type RetiredCriterion = LocatedCriterion & WithReasons & { reason?: RetiredEntry['reason'] };

type Sector = CriteriaFile['sectors'][number];
type LevelPolicy = CriteriaFile['decisionPolicy'][CriterionLevel];

/** How the decision rule of one criterion level changed: which of its fields, before and after. */
export type PolicyChange = { level: CriterionLevel; fields: PolicyField[]; from: LevelPolicy; to: LevelPolicy };

export type CriteriaDiff = {
  scheme: string;
  from: string;
  to: string;
  added: (LocatedCriterion & WithReasons)[];
  changed: CriterionChange[];
  retired: RetiredCriterion[];
  unchanged: number;
  /** Top-level settings (decision policy, visit team, validity...) that differ. */
  settingsChanged: Setting[];
  /** Why each changed setting changed, as the versions say it. */
  settingReasons: ({ setting: Setting } & WithReasons)[];
  /** The local proposals of the newer version's criteria, which its assembly decides. */
  localProposals: LocalProposalEntry[];
  /** Sectors the new version adds, and those it no longer has (by code). */
  sectorsAdded: Sector[];
  sectorsRemoved: Sector[];
  /** The criterion levels whose decision rule changed (effects, deadline, follow-up, description). */
  policyChanged: PolicyChange[];
};

const COMPARED_FIELDS = [
  'principle',
  'text',
  'level',
  'sectors',
  'scope',
  'verification',
  'evidence',
  'requiredFrom',
  'localProposals',
] as const;
const POLICY_FIELDS = ['noCumple', 'parcial', 'correctiveActionMaxDays', 'followUp', 'description'] as const;
export type PolicyField = (typeof POLICY_FIELDS)[number];
export type ComparedField = (typeof COMPARED_FIELDS)[number];

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
  localProposals: 'propuestas locales',
};

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

/** The reasons the versions give, by criterion code or setting key, oldest version first. */
function reasonsAlong(versions: readonly CriteriaFile[]): Map<string, ChangeReason[]> {
  const byAbout = new Map<string, ChangeReason[]>();
  for (const file of versions) {
    for (const change of file.changes ?? []) {
      byAbout.set(change.about, [...(byAbout.get(change.about) ?? []), { version: file.version, reason: change.reason }]);
    }
  }
  return byAbout;
}

/**
 * The differences from `from` to `to`. `between` are the versions after `from` up to `to` (its chain of
 * previous versions, oldest first): the reasons each gives for its changes and retirements are attached.
 */
export function diffVersions(from: CriteriaFile, to: CriteriaFile, between: readonly CriteriaFile[] = [to]): CriteriaDiff {
  const before = new Map(allCriteria(from).map((c) => [c.code, c]));
  const after = new Map(allCriteria(to).map((c) => [c.code, c]));
  const reasons = new Map(between.flatMap((v) => (v.retired ?? []).map((r) => [r.code, r.reason] as const)));
  const why = reasonsAlong(between);
  const reasonsOf = (about: string) => why.get(about) ?? [];

  const added: (LocatedCriterion & WithReasons)[] = [];
  const changed: CriterionChange[] = [];
  let unchanged = 0;
  for (const [code, next] of after) {
    const prev = before.get(code);
    if (!prev) {
      added.push({ ...next, reasons: reasonsOf(code) });
      continue;
    }
    const fields = COMPARED_FIELDS.filter((f) => !same(prev[f], next[f]));
    if (fields.length > 0) changed.push({ code, fields, from: prev, to: next, reasons: reasonsOf(code) });
    else unchanged += 1;
  }
  const retired: RetiredCriterion[] = [...before.values()]
    .filter((c) => !after.has(c.code))
    .map((c) => {
      const reason = reasons.get(c.code);
      return reason ? { ...c, reason, reasons: reasonsOf(c.code) } : { ...c, reasons: reasonsOf(c.code) };
    });

  const codesOf = (file: CriteriaFile) => new Set(file.sectors.map((x) => x.code));
  const [sectorsBefore, sectorsAfter] = [codesOf(from), codesOf(to)];
  const policyChanged: PolicyChange[] = CRITERION_LEVELS.flatMap((level) => {
    const [a, b] = [from.decisionPolicy[level], to.decisionPolicy[level]];
    const fields = POLICY_FIELDS.filter((f) => !same(a[f], b[f]));
    return fields.length > 0 ? [{ level, fields, from: a, to: b }] : [];
  });

  const settingsChanged = SETTINGS.filter((key) => !same(from[key], to[key]));
  return {
    scheme: to.scheme,
    from: from.version,
    to: to.version,
    added,
    changed,
    retired,
    unchanged,
    settingsChanged,
    settingReasons: settingsChanged.map((setting) => ({ setting, reasons: reasonsOf(setting) })),
    localProposals: allCriteria(to).flatMap((c) => (c.localProposals ?? []).map((p) => ({ code: c.code, ...p }))),
    sectorsAdded: to.sectors.filter((x) => !sectorsBefore.has(x.code)),
    sectorsRemoved: from.sectors.filter((x) => !sectorsAfter.has(x.code)),
    policyChanged,
  };
}
