/**
 * Criteria data in plain words: whom a criterion is about, how a non-conformity of a level is verified
 * before it is closed, and what changed between two versions, said once for the command line and the pages.
 */
import type { ChangeReason, CriteriaDiff, CriterionChange, PolicyChange } from './criteria-diff.js';
import type { Criterion, CriterionLevel, NonComplianceEffectSchema } from './criteria-schema.js';
import type { FollowUpMeans } from './follow-up.js';
import type { CriterionScope } from './group-scope.js';
import { LEVEL_LABEL } from './non-conformities.js';
import { count, listInWords } from './text.js';
import type { z } from 'zod';

/** Whom a criterion is about, as a person evaluating it needs to know. */
export const CRITERION_SCOPE_PLAIN: Record<CriterionScope, string> = {
  organization: 'Se evalúa una vez para la organización',
  unit: 'Se evalúa en cada unidad productiva',
};

const SCOPE_NAME: Record<CriterionScope, string> = { organization: 'la organización', unit: 'cada unidad productiva familiar' };

/** A criterion's scope (with how it is evaluated when `explained`), or its absence in versions written before groups. */
export const scopeInWords = (scope: CriterionScope | undefined, explained = false): string =>
  scope ? `${SCOPE_NAME[scope]}${explained ? ` (${CRITERION_SCOPE_PLAIN[scope].toLowerCase()})` : ''}` : 'sin indicar';

const FOLLOW_UP_MEANS_PLAIN: Record<FollowUpMeans, string> = {
  visit: 'una visita de seguimiento de un equipo independiente del comité local',
  commission_review: 'la revisión de la evidencia por la comisión',
};

/** How a non-conformity is closed under a level's rule: by the local committee, or only by a follow-up verification. */
export const followUpInWords = (means: readonly FollowUpMeans[] | undefined): string =>
  means && means.length > 0
    ? `se cierra solo con ${listInWords(
        means.map((m) => FOLLOW_UP_MEANS_PLAIN[m]),
        'o',
      )}`
    : 'la puede cerrar el comité local';

const LEVEL_PLURAL: Record<CriterionLevel, string> = {
  critical: 'Criterios críticos',
  major: 'Criterios mayores',
  minor: 'Criterios menores',
  progressive: 'Criterios progresivos',
};

const EFFECT_PLAIN: Record<z.infer<typeof NonComplianceEffectSchema>, string> = {
  blocks_approval: 'impide aprobar',
  requires_conditions: 'permite aprobar solo con condiciones',
  improvement_goal: 'se registra como meta de mejora',
  none: 'no cambia la decisión',
};

/** Each change of a level's decision rule, one sentence per field. */
export function policyChangeLines(change: PolicyChange): string[] {
  const { from, to } = change;
  const level = LEVEL_PLURAL[change.level];
  return change.fields.map((field) => {
    switch (field) {
      case 'followUp':
        return `${level}: una no conformidad ${followUpInWords(to.followUp)} (antes: ${followUpInWords(from.followUp)}).`;
      case 'noCumple':
        return `${level}: no cumplir ${EFFECT_PLAIN[to.noCumple]} (antes: ${EFFECT_PLAIN[from.noCumple]}).`;
      case 'parcial':
        return `${level}: cumplir solo en parte ${EFFECT_PLAIN[to.parcial]} (antes: ${EFFECT_PLAIN[from.parcial]}).`;
      case 'correctiveActionMaxDays': {
        const days = (n: number | undefined) => (n === undefined ? 'sin plazo máximo' : count(n, 'día', 'días'));
        return `${level}: plazo máximo de una acción correctiva, ${days(to.correctiveActionMaxDays)} (antes: ${days(from.correctiveActionMaxDays)}).`;
      }
      case 'description':
        return `${level}: la regla ahora dice «${to.description.es}».`;
    }
  });
}

type SectorName = (code: string) => string;

const sectorsAddedTo = (c: CriterionChange) => c.to.sectors.filter((s) => !c.from.sectors.includes(s));
const sectorsRemovedFrom = (c: CriterionChange) => c.from.sectors.filter((s) => !c.to.sectors.includes(s));

/** One changed criterion, field by field, in words. */
export function criterionChangeLines(change: CriterionChange, sectorName: SectorName): string[] {
  const { from, to } = change;
  const names = (codes: string[]) => codes.map(sectorName).join(', ');
  return change.fields.flatMap((field) => {
    switch (field) {
      case 'text':
        return [`texto antes: ${from.text.es}`, `texto ahora: ${to.text.es}`];
      case 'level':
        return [`nivel: ${LEVEL_LABEL[from.level]} → ${LEVEL_LABEL[to.level]}`];
      case 'sectors': {
        const [added, removed] = [sectorsAddedTo(change), sectorsRemovedFrom(change)];
        return [
          ...(added.length > 0 ? [`sectores: se agrega ${names(added)}`] : []),
          ...(removed.length > 0 ? [`sectores: se quita ${names(removed)}`] : []),
        ];
      }
      case 'scope':
        return [`a quién se refiere: ${scopeInWords(from.scope)} → ${scopeInWords(to.scope)}`];
      case 'principle':
        return [`principio: ${from.principle} → ${to.principle}`];
      case 'requiredFrom':
        return [`se exige desde: ${from.requiredFrom ?? 'el inicio'} → ${to.requiredFrom ?? 'el inicio'}`];
      case 'verification':
        return [`cómo se verifica, ahora: ${to.verification.es}`];
      case 'evidence':
        return [`evidencias, ahora: ${to.evidence.map((e) => e.es).join('; ')}`];
      case 'localProposals':
        return (to.localProposals ?? []).length > 0 ? proposalLines(to.localProposals) : ['ya no tiene propuestas locales'];
    }
  });
}

/** Each local proposal of a criterion: the figure or rule, and what its note says. */
export const proposalLines = (proposals: Criterion['localProposals'] = []): string[] =>
  proposals.map((p) => `Propuesta local: ${p.figure} (${p.note.es})`);

/** Each reason a version gives for a change, with the version that gives it. */
export const reasonLines = (reasons: readonly ChangeReason[]): string[] =>
  reasons.map((r) => `Motivo: ${r.reason.es} (versión ${r.version})`);

/** Criterion codes grouped under the same sentence, in the order first seen. */
function grouped(entries: [sentence: string, code: string][]): string[] {
  const groups = new Map<string, string[]>();
  for (const [sentence, code] of entries) groups.set(sentence, [...(groups.get(sentence) ?? []), code]);
  return [...groups].map(([sentence, codes]) => `${sentence} ${count(codes.length, 'criterio', 'criterios')}: ${codes.join(', ')}.`);
}

/**
 * What changed, in a few sentences: sectors added or removed, the sectors and scope of criteria grouped by
 * the same change, the decision rule of each level, and each retired criterion with its reason when the data give one.
 */
export function diffSummary(diff: CriteriaDiff, sectorName: SectorName): string[] {
  const applyingTo = (code: string) =>
    [...diff.added.filter((c) => c.sectors.includes(code)), ...diff.changed.filter((c) => c.to.sectors.includes(code))].length;
  return [
    ...diff.sectorsAdded.map(
      (s) => `Sector nuevo: ${s.name.es} («${s.code}»), que se aplica a ${count(applyingTo(s.code), 'criterio', 'criterios')}.`,
    ),
    ...diff.sectorsRemoved.map((s) => `Sector que ya no está: ${s.name.es} («${s.code}»).`),
    ...grouped(
      diff.changed.flatMap((c) => sectorsAddedTo(c).map((s): [string, string] => [`Se agrega el sector ${sectorName(s)} a`, c.code])),
    ),
    ...grouped(
      diff.changed.flatMap((c) => sectorsRemovedFrom(c).map((s): [string, string] => [`Se quita el sector ${sectorName(s)} de`, c.code])),
    ),
    ...grouped(
      diff.changed
        .filter((c) => c.fields.includes('scope'))
        .map((c): [string, string] => [
          `A quién se refiere: ${scopeInWords(c.from.scope)} → ${scopeInWords(c.to.scope, true)}, en`,
          c.code,
        ]),
    ),
    ...diff.policyChanged.flatMap(policyChangeLines),
    ...diff.retired.map((c) => `Se retira ${c.code} (${c.reason ? `motivo: ${c.reason.es}` : 'la versión no dice por qué'}).`),
  ];
}
