/**
 * The parts of the commission's dossier page that read the dossier itself: the self-assessment
 * beside the peers' answers (disagreements marked in words), the non-conformities with their
 * corrective actions and evidence, the visits with their team, and the photos and documents.
 */
import { CRITERION_LEVELS, type CriterionLevel } from '../../domain/criteria-schema.js';
import { ANSWER_LABEL, EFFECT_LABEL, LEVEL_LABEL, type AnswerValue, type Effect } from '../../domain/non-conformities.js';
import { MEMBER_KIND_LABEL, type MemberKind } from '../../domain/visit-team.js';
import type { Dossier } from '../../modules/dossiers/dossier-schemas.js';
import { formatBoliviaDay, formatDay } from '../format.js';

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const day = (date: string) => formatDay(date, 'es');
const levelLabel = (level: string) => LEVEL_LABEL[level as CriterionLevel] ?? level;
const answerLabel = (value: string) => ANSWER_LABEL[value as AnswerValue] ?? value;
const evidenceHref = (id: string) => `/api/v1/evidence/${id}`;

type Visit = Dossier['visits'][number];

/** The visit records that count: submitted regular visits not corrected by a later record (a follow-up visit only verifies). */
export const effectiveVisits = (dossier: Dossier): Visit[] =>
  dossier.visits.filter((v) => v.status === 'submitted' && v.correctedByVisitId === null && v.purpose === 'regular');

const visitDay = (v: Visit) => day(v.visitedOn ?? v.plannedOn);

export type ComparisonRow = {
  code: string;
  text: string;
  level: string;
  self: string;
  selfNotes: string | null;
  peers: string;
  peersNotes: string | null;
  differs: boolean;
  verdict: string;
};

/** Every applicable criterion with the producer's answer beside the peers' (the last visit that counts). */
export function comparison(dossier: Dossier): { summary: string; rows: ComparisonRow[] } {
  const self = new Map((dossier.selfAssessment ?? []).map((a) => [a.criterionCode, a]));
  const visit = effectiveVisits(dossier).at(-1);
  const peers = new Map((visit?.answers ?? []).map((a) => [a.criterionCode, a]));
  const differs = new Set(dossier.disagreements.map((d) => d.criterionCode));
  const rows = dossier.applicableCriteria.map((c) => {
    const mine = self.get(c.code);
    const theirs = peers.get(c.code);
    return {
      code: c.code,
      text: c.text,
      level: capitalize(levelLabel(c.level)),
      self: mine ? answerLabel(mine.value) : 'Sin respuesta',
      selfNotes: mine?.notes ?? null,
      peers: theirs ? answerLabel(theirs.value) : 'Sin respuesta',
      peersNotes: theirs?.notes ?? null,
      differs: differs.has(c.code),
      verdict: differs.has(c.code) ? 'No coinciden' : mine && theirs ? 'Coinciden' : 'Falta una respuesta',
    };
  });
  let summary: string;
  if (!dossier.selfAssessment) summary = 'El productor no registró la autoevaluación.';
  else if (!visit) summary = 'Todavía no hay una visita de pares registrada con la que comparar la autoevaluación.';
  else if (differs.size === 0) summary = `La autoevaluación y la visita de pares coinciden en los ${rows.length} criterios.`;
  else {
    const codes = rows.filter((r) => r.differs).map((r) => r.code);
    summary = `La autoevaluación y la visita de pares no coinciden en ${codes.length} de ${rows.length} criterios: ${codes.join(', ')}. Están marcados con «No coinciden».`;
  }
  return { summary, rows };
}

export type NonConformityView = {
  title: string;
  open: boolean;
  facts: string[];
  actions: { description: string; responsible: string; state: string; evidence: { href: string; text: string } | null }[];
};

/** The non-conformities, most serious level first, each with its corrective actions and their state on `today`. */
export function nonConformityViews(dossier: Dossier, personNames: Record<string, string>, today: string): NonConformityView[] {
  const criteria = new Map(dossier.applicableCriteria.map((c) => [c.code, c]));
  const files = new Map(dossier.evidence.map((e) => [e.id, e]));
  const rank = (level: string) => CRITERION_LEVELS.indexOf(level as CriterionLevel);
  return [...dossier.nonConformities]
    .sort((a, b) => rank(a.level) - rank(b.level) || a.criterionCode.localeCompare(b.criterionCode))
    .map((nc) => {
      const open = nc.correctiveActions.every((a) => a.closedAt === null);
      return {
        title: `${nc.criterionCode}: ${criteria.get(nc.criterionCode)?.text ?? ''}`,
        open,
        facts: [
          `Nivel ${levelLabel(nc.level)} · ${open ? 'abierta' : 'cerrada'}`,
          `Respuesta de la visita: ${answerLabel(nc.answer)}`,
          capitalize(EFFECT_LABEL[nc.effect as Effect] ?? nc.effect),
          nc.evidence.trim() ? `Lo que anotó el equipo de visita: ${nc.evidence.trim()}` : '',
          nc.correctiveActionMaxDays !== null ? `Plazo máximo de la acción correctiva: ${nc.correctiveActionMaxDays} días` : '',
        ].filter(Boolean),
        actions: nc.correctiveActions.map((a) => {
          const file = a.closingEvidenceId ? files.get(a.closingEvidenceId) : undefined;
          let state: string;
          if (a.closedAt) state = `Cerrada el ${formatBoliviaDay(a.closedAt, 'es')}${a.closingNotes ? `: ${a.closingNotes}` : ''}`;
          else if (a.deadline < today) state = `Abierta: el plazo venció el ${day(a.deadline)}`;
          else state = `Abierta, con plazo hasta el ${day(a.deadline)}`;
          return {
            description: a.description,
            responsible: personNames[a.responsiblePersonId] ?? 'una persona de la organización',
            state,
            evidence: file
              ? { href: evidenceHref(file.id), text: file.mediaType.startsWith('image/') ? 'Foto del cierre' : 'Documento del cierre' }
              : null,
          };
        }),
      };
    });
}

export type VisitView = { title: string; facts: string[]; record: string | null };

const PURPOSE_TITLE: Record<Dossier['visits'][number]['purpose'], string> = {
  regular: 'Visita',
  follow_up: 'Visita de seguimiento',
  surveillance: 'Visita de vigilancia',
};

/** The visits that count, those still planned and those cancelled; a corrected record gives way to its correction. */
export function visitViews(dossier: Dossier): VisitView[] {
  return dossier.visits
    .filter((v) => v.correctedByVisitId === null)
    .map((v) => ({
      title:
        (v.status === 'submitted'
          ? `${PURPOSE_TITLE[v.purpose]} del ${visitDay(v)}`
          : v.status === 'cancelled'
            ? `${PURPOSE_TITLE[v.purpose]} del ${day(v.plannedOn)}, cancelada`
            : `${PURPOSE_TITLE[v.purpose]} planificada para el ${day(v.plannedOn)}`) + (v.unannounced ? ' · Sin aviso' : ''),
      // The commission records an unannounced visit itself, on the visit page (also without signal).
      record: v.unannounced && v.status === 'planned' ? `/app/visitas/${v.id}` : null,
      facts: [
        v.unannounced
          ? v.status === 'submitted'
            ? 'Hecha sin aviso previo a la organización'
            : 'Sin aviso: la organización visitada no la ve hasta que se registre'
          : '',
        `Equipo: ${v.team.map((m) => `${m.fullName} (${MEMBER_KIND_LABEL[m.kind as MemberKind] ?? m.kind})`).join(', ')}`,
        v.present && v.present.length > 0 ? `Presentes: ${v.present.join(', ')}` : '',
        v.observations ? `Observaciones: ${v.observations}` : '',
        v.correctsVisitId ? `Corrige un registro anterior de la visita${v.correctionReason ? `: ${v.correctionReason}` : ''}` : '',
        v.status === 'submitted'
          ? `Respondida con los criterios versión ${v.criteriaVersion}`
          : v.status === 'cancelled'
            ? `${v.unannounced ? 'La comisión' : 'El comité'} la canceló antes de hacerla: no tiene respuestas`
            : 'Todavía no se registraron sus respuestas',
      ].filter(Boolean),
    }));
}

const BYTES_KB = 1024;

/** Photos as thumbnails with their alt text, other files as links. */
export function evidenceViews(dossier: Dossier) {
  const visits = new Map(dossier.visits.map((v) => [v.id, v]));
  const about = (e: Dossier['evidence'][number]) => {
    const visit = e.visitId ? visits.get(e.visitId) : undefined;
    return [e.criterionCode ? `del criterio ${e.criterionCode}` : 'del expediente', visit ? `(visita del ${visitDay(visit)})` : '']
      .filter(Boolean)
      .join(' ');
  };
  return {
    photos: dossier.evidence
      .filter((e) => e.mediaType.startsWith('image/'))
      .map((e) => ({ src: evidenceHref(e.id), alt: `Foto ${about(e)}`, caption: e.criterionCode ?? 'Expediente' })),
    documents: dossier.evidence
      .filter((e) => !e.mediaType.startsWith('image/'))
      .map((e) => ({
        href: evidenceHref(e.id),
        text: `${e.mediaType === 'application/pdf' ? 'Documento PDF' : 'Archivo'} ${about(e)} (${Math.max(1, Math.round(e.size / BYTES_KB))} KB)`,
      })),
  };
}
