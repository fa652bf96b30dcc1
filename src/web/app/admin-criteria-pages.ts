/**
 * The criteria versions, read-only, for the administration: every version of each scheme
 * (GET /app/admin/criterios), one version with its principles and criteria
 * (/app/admin/criterios/:esquema/:version) and what changed from the version it replaces
 * (/app/admin/criterios/:esquema/:version/cambios).
 */
import { CHANGED_FIELD_LABEL, SETTING_LABEL, type CriteriaDiff, type CriterionChange } from '../../domain/criteria-diff.js';
import type { CriteriaVersion, LocatedCriterion } from '../../domain/criteria.js';
import {
  CRITERION_SCOPE_PLAIN,
  diffSummary,
  followUpInWords,
  proposalLines,
  reasonLines,
  scopeInWords,
} from '../../domain/criteria-words.js';
import { CRITERION_LEVELS } from '../../domain/criteria-schema.js';
import { LEVEL_LABEL } from '../../domain/non-conformities.js';
import type { SchemeSummary, VersionSummary } from '../../modules/criteria/criteria-catalog.js';
import { formatDay } from '../format.js';
import { layoutData, type AppPerson } from './app-layout.js';
import { renderAppTemplate } from './app-views.js';
import type { CardTable } from './components.js';

export const CRITERIA_HREF = '/app/admin/criterios';
export const versionHref = (scheme: string, version: string) => `${CRITERIA_HREF}/${scheme}/${version}`;
export const changesHref = (scheme: string, version: string) => `${versionHref(scheme, version)}/cambios`;

const day = (iso: string | null | undefined) => (iso ? formatDay(iso, 'es') : 'Sin fecha');

function statusLabel(version: Pick<VersionSummary, 'status' | 'version'>, current: string | null): string {
  if (version.status === 'draft') return 'Borrador: todavía no se usa';
  return version.version === current ? 'Publicada, vigente' : 'Publicada';
}

export function renderCriteriaListPage(schemes: SchemeSummary[], person: AppPerson): string {
  const sections = schemes.map((scheme) => {
    const table: CardTable = {
      caption: `Versiones de ${scheme.name.es}`,
      columns: [
        { key: 'version', label: 'Versión' },
        { key: 'status', label: 'Estado' },
        { key: 'published', label: 'Publicada el' },
        { key: 'approved', label: 'Aprobada por' },
        { key: 'criteria', label: 'Criterios' },
      ],
      rows: [...scheme.versions].reverse().map((v) => ({
        href: versionHref(scheme.scheme, v.version),
        cells: {
          version: v.version,
          status: statusLabel(v, scheme.currentVersion),
          published: v.status === 'published' ? day(v.publishedOn) : 'No publicada',
          approved: v.approvedBy ?? 'Sin acta todavía',
          criteria: `${v.criteria} en ${v.principles} principios`,
        },
      })),
    };
    return {
      id: `esquema-${scheme.scheme}`,
      title: scheme.name.es,
      lead: `Certifica: ${scheme.issuingBody}. ${scheme.currentVersion ? `Los ciclos nuevos usan la versión ${scheme.currentVersion}.` : 'Todavía no hay una versión publicada.'}`,
      table,
      empty: 'Este esquema no tiene versiones.',
    };
  });
  return renderAppTemplate('admin-list', {
    ...layoutData('Versiones de los criterios', person),
    heading: 'Versiones de los criterios',
    lead: 'Los criterios no se editan aquí: cada cambio es una versión nueva, aprobada y publicada. Una versión publicada ya no cambia, y cada expediente guarda la versión que usó.',
    flash: null,
    actions: [],
    search: null,
    count: null,
    sections,
    pagination: null,
    back: [{ href: '/app', text: 'Volver al inicio' }],
  });
}

const sectorNames = (...versions: CriteriaVersion[]) => {
  const names = new Map<string, string>();
  for (const v of versions) for (const s of v.sectors) names.set(s.code, s.name.es);
  return (codes: string[]) => codes.map((c) => names.get(c) ?? c).join(', ');
};

/** The follow-up rule of each level that has one: how its non-conformities are closed. */
const followUpFacts = (version: CriteriaVersion) =>
  CRITERION_LEVELS.filter((level) => version.decisionPolicy[level].followUp).map((level) => ({
    label: `No conformidad de un criterio ${LEVEL_LABEL[level]}`,
    value: `${followUpInWords(version.decisionPolicy[level].followUp)}.`.replace(/^./, (c) => c.toUpperCase()),
  }));

const requiredFrom = (year: number | undefined) => (year ? `Se exige desde ${year}` : 'Se exige desde que la versión rige');

export function renderCriteriaVersionPage(scheme: SchemeSummary, version: CriteriaVersion, person: AppPerson): string {
  const sectors = sectorNames(version);
  const titles = new Map((version.documents ?? []).map((d) => [d.code, d.title]));
  const documentTitle = (code: string) => titles.get(code) ?? code;
  const heading = `Criterios ${version.version}`;
  return renderAppTemplate('admin-criteria-version', {
    ...layoutData(heading, person),
    heading,
    lead: version.name.es,
    facts: [
      { label: 'Estado', value: statusLabel(version, scheme.currentVersion) },
      { label: 'Publicada el', value: version.status === 'published' ? day(version.publishedOn) : 'No publicada' },
      { label: 'Aprobada por', value: version.approvedBy ?? 'Sin acta todavía' },
      { label: 'Reemplaza a', value: version.previousVersion ? `la versión ${version.previousVersion}` : 'Ninguna: es la primera' },
      { label: 'Vigencia de un certificado', value: `${version.certificateValidityMonths} meses` },
      { label: 'Sectores', value: version.sectors.map((s) => s.name.es).join(', ') },
      ...followUpFacts(version),
    ],
    changes: version.previousVersion
      ? { href: changesHref(version.scheme, version.version), text: `Qué cambió respecto de la versión ${version.previousVersion}` }
      : null,
    principles: version.principles.map((p) => ({
      id: `principio-${p.code}`,
      title: `${p.code}. ${p.title.es}`,
      description: p.description.es,
      criteria: p.criteria.map((c) => ({
        title: `${c.code} · ${LEVEL_LABEL[c.level]}`,
        text: c.text.es,
        lines: [
          `Sectores: ${sectors(c.sectors)}`,
          ...(c.scope ? [`${CRITERION_SCOPE_PLAIN[c.scope]}.`] : []),
          `Cómo se verifica: ${c.verification.es}`,
          requiredFrom(c.requiredFrom),
          ...(c.sources ?? []).map((s) => `Fuente: «${s.passage}» (${documentTitle(s.document)})`),
          ...proposalLines(c.localProposals),
        ],
      })),
    })),
    back: [{ href: CRITERIA_HREF, text: 'Volver a las versiones' }],
  });
}

/** Before and after of each changed field, in words; verification and evidence only say that they changed. */
function changeLines(change: CriterionChange, sectors: (codes: string[]) => string): string[] {
  const { from, to } = change;
  return change.fields.flatMap((field) => {
    switch (field) {
      case 'text':
        return [`Texto antes: ${from.text.es}`, `Texto ahora: ${to.text.es}`];
      case 'level':
        return `Nivel: ${LEVEL_LABEL[from.level]} → ${LEVEL_LABEL[to.level]}`;
      case 'sectors':
        return `Sectores: ${sectors(from.sectors)} → ${sectors(to.sectors)}`;
      case 'scope':
        return `A quién se refiere: ${scopeInWords(from.scope)} → ${scopeInWords(to.scope, true)}`;
      case 'principle':
        return `Principio: ${from.principle} → ${to.principle}`;
      case 'requiredFrom':
        return `Año desde el que se exige: ${from.requiredFrom ?? 'desde el inicio'} → ${to.requiredFrom ?? 'desde el inicio'}`;
      case 'verification':
        return `Cómo se verifica, ahora: ${to.verification.es}`;
      case 'evidence':
        return `Evidencias, ahora: ${to.evidence.map((e) => e.es).join('; ')}`;
      case 'localProposals':
        return (to.localProposals ?? []).length > 0 ? proposalLines(to.localProposals) : 'Ya no tiene propuestas locales';
    }
  });
}

const counted = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);

export function renderCriteriaChangesPage(
  view: { version: CriteriaVersion; previous: CriteriaVersion; diff: CriteriaDiff },
  person: AppPerson,
): string {
  const { version, previous, diff } = view;
  const sectors = sectorNames(previous, version);
  const criterion = (c: LocatedCriterion) => ({ title: `${c.code} · ${LEVEL_LABEL[c.level]}`, text: c.text.es });
  const heading = `Cambios de ${previous.version} a ${version.version}`;
  return renderAppTemplate('admin-criteria-changes', {
    ...layoutData(heading, person),
    heading,
    lead: version.name.es,
    overview: diffSummary(diff, (code) => sectors([code])),
    summary: `${counted(diff.added.length, 'criterio nuevo', 'criterios nuevos')}, ${counted(diff.changed.length, 'modificado', 'modificados')}, ${counted(diff.retired.length, 'retirado', 'retirados')} y ${counted(diff.unchanged, 'sin cambios', 'sin cambios')}.`,
    sections: [
      {
        id: 'nuevos',
        title: `Criterios nuevos (${diff.added.length})`,
        empty: 'Ninguno.',
        items: diff.added.map((c) => ({
          ...criterion(c),
          lines: [
            `Sectores: ${sectors(c.sectors)}`,
            ...(c.scope ? [`${CRITERION_SCOPE_PLAIN[c.scope]}.`] : []),
            requiredFrom(c.requiredFrom),
            ...proposalLines(c.localProposals),
            ...reasonLines(c.reasons),
          ],
        })),
      },
      {
        id: 'modificados',
        title: `Criterios modificados (${diff.changed.length})`,
        empty: 'Ninguno.',
        items: diff.changed.map((c) => ({
          title: `${c.code} · ${LEVEL_LABEL[c.to.level]}`,
          text: `Cambió: ${c.fields.map((f) => CHANGED_FIELD_LABEL[f]).join(', ')}.`,
          lines: [...changeLines(c, sectors), ...reasonLines(c.reasons)],
        })),
      },
      {
        id: 'retirados',
        title: `Criterios retirados (${diff.retired.length})`,
        empty: 'Ninguno.',
        items: diff.retired.map((c) => ({
          ...criterion(c),
          lines: [c.reason ? `Motivo: ${c.reason.es}` : 'La versión no dice por qué se retiró.', ...reasonLines(c.reasons)],
        })),
      },
    ],
    settings: diff.settingReasons.map((s) => ({ label: SETTING_LABEL[s.setting], reasons: reasonLines(s.reasons) })),
    proposals: diff.localProposals.map((p) => `${p.code}: ${p.figure} (${p.note.es})`),
    back: [
      { href: versionHref(version.scheme, version.version), text: `Ver la versión ${version.version}` },
      { href: versionHref(previous.scheme, previous.version), text: `Ver la versión ${previous.version}` },
      { href: CRITERIA_HREF, text: 'Volver a las versiones' },
    ],
  });
}
