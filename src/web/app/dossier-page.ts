/**
 * One dossier as its committee, its reviewers or its producer see it (GET /app/expedientes/:id):
 * state and next step, self-assessment, visits, non-conformities with their corrective actions,
 * evidence, the committee's recommendation, and the actions the person may take now.
 */
import { DOSSIER_STATE_FOR_PRODUCER, DOSSIER_STATE_LABEL } from '../../domain/dossier-state.js';
import type { CriterionLevel } from '../../domain/criteria-schema.js';
import { followUpRequiredMessage, type ClosureKind } from '../../domain/follow-up.js';
import { ANSWER_LABEL, EFFECT_LABEL, LEVEL_LABEL, type AnswerValue } from '../../domain/non-conformities.js';
import { MEMBER_KIND_LABEL, type MemberKind } from '../../domain/visit-team.js';
import type { Dossier } from '../../modules/dossiers/dossier-schemas.js';
import type { DossierPermissions, PersonChoice } from '../../modules/pages/dossier-pages-service.js';
import { formatBoliviaDay, formatDay } from '../format.js';
import { layoutData, type AppPerson } from './app-layout.js';
import { renderAppTemplate } from './app-views.js';
import type { CardTable, Flash } from './components.js';
import { nextStep } from './home-page.js';

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const day = (iso: string) => formatDay(iso, 'es');
const VISIT_STATUS = { planned: 'Planificada', submitted: 'Registrada', cancelled: 'Cancelada' } as const;
const CLOSED_BY: Record<ClosureKind, string> = {
  committee: ' por el comité',
  follow_up_visit: ' por la visita de seguimiento',
  commission_review: ' por la comisión, tras revisar la evidencia',
};

/** What a non-conformity that needs follow-up still asks for, in plain words; the committee does not close it. */
function followUpFact(nc: Dossier['nonConformities'][number], version: string): string {
  if (!nc.followUp) return '';
  if (nc.followUp.verified) return 'Verificada por seguimiento: queda cerrada';
  const rule = followUpRequiredMessage(nc.level as CriterionLevel, nc.followUp.means, version);
  return `${rule}. El comité no la cierra por su cuenta`;
}

export const RECOMMENDATION_LABEL: Record<string, string> = {
  approve: 'Aprobar',
  approve_with_conditions: 'Aprobar con condiciones',
  deny: 'Denegar',
};

/** The messages a page shows after a form was done (`?hecho=`): fixed texts, never taken from the address. */
export const DONE_MESSAGES = {
  abierto: 'Expediente abierto.',
  autoevaluacion: 'Autoevaluación guardada.',
  visita: 'Visita planificada. El equipo la verá en su inicio.',
  'visita-cancelada': 'Visita cancelada. El equipo ya no la tiene pendiente; puede planificar otra.',
  accion: 'Acción correctiva acordada.',
  cierre: 'Acción correctiva cerrada.',
  recomendacion: 'Recomendación del comité guardada.',
  enviado: 'Expediente enviado a la comisión de certificación.',
  apelacion: 'Apelación presentada; la comisión la resolverá en una sesión.',
} as const;
export type Done = keyof typeof DONE_MESSAGES;

/** The address of a dossier, with the message of what was just done. */
export const dossierDone = (id: string, done: Done) => `/app/expedientes/${id}?hecho=${done}`;

export const doneFlash = (done: string | undefined): Flash | undefined =>
  done && done in DONE_MESSAGES ? { kind: 'success', text: DONE_MESSAGES[done as Done] } : undefined;

export type DossierPageData = { dossier: Dossier; can: DossierPermissions; people: PersonChoice[] };

const BYTES_KB = 1024;
const MEDIA_LABEL: Record<string, string> = {
  'application/pdf': 'Documento PDF',
  'image/jpeg': 'Foto',
  'image/png': 'Foto',
  'image/webp': 'Foto',
};

export function renderDossierPage({ dossier, can, people }: DossierPageData, person: AppPerson, flash?: Flash): string {
  const base = `/app/expedientes/${dossier.id}`;
  const names = new Map(people.map((p) => [p.id, p.name]));
  const planned =
    dossier.visits
      .filter((v) => v.status === 'planned')
      .map((v) => v.plannedOn)
      .sort()[0] ?? null;
  const heading = dossier.producer
    ? `Expediente de ${dossier.producer.name}`
    : `Expediente de la organización ${dossier.organization.name}`;
  const step =
    person.role === 'producer' ? DOSSIER_STATE_FOR_PRODUCER[dossier.state] : nextStep({ state: dossier.state, plannedVisitOn: planned });
  const criteria = new Map(dossier.applicableCriteria.map((c) => [c.code, c]));
  const open = dossier.nonConformities.filter((nc) => nc.correctiveActions.every((a) => a.closedAt === null)).length;
  const answered = dossier.selfAssessment?.length ?? 0;
  const decided = dossier.state === 'decided';

  const visits: CardTable = {
    caption: 'Visitas de pares de este expediente',
    columns: [
      { key: 'date', label: 'Fecha' },
      { key: 'status', label: 'Estado' },
      { key: 'team', label: 'Equipo' },
    ],
    rows: dossier.visits
      .filter((v) => v.correctedByVisitId === null)
      .map((v) => ({
        cells: {
          date: day(v.plannedOn),
          status: v.unannounced ? `${VISIT_STATUS[v.status]}, sin aviso` : VISIT_STATUS[v.status],
          team: [
            v.team.map((m) => `${m.fullName} (${MEMBER_KIND_LABEL[m.kind as MemberKind] ?? m.kind})`).join(', '),
            // Planned where the scheme allows it with a warning (visit-training.ts).
            ...v.trainingWarnings.map(
              (w) =>
                `Advertencia: al planificarla, ${w.fullName} no tenía ${w.topics.length === 1 ? 'una capacitación' : `${w.topics.length} capacitaciones`} que piden los criterios`,
            ),
          ].join('. '),
        },
      })),
  };

  // One planned visit at a time: it is recorded or cancelled before another is planned.
  const plannedVisits = dossier.visits.filter((v) => v.status === 'planned');
  const cancelVisits = can.manage
    ? plannedVisits.map((v) => ({ href: `${base}/visitas/${v.id}/cancelar`, text: `Cancelar la visita del ${day(v.plannedOn)}` }))
    : [];

  const actions: { href: string; text: string }[] = [];
  if (dossier.state === 'open' && can.manage && plannedVisits.length === 0)
    actions.push({ href: `${base}/planificar-visita`, text: 'Planificar una visita' });
  const awaitingVisit = dossier.nonConformities.some((nc) => nc.followUp && !nc.followUp.verified && nc.followUp.means.includes('visit'));
  if (awaitingVisit && can.manage && plannedVisits.length === 0)
    actions.push({ href: `${base}/planificar-visita?seguimiento=1`, text: 'Planificar una visita de seguimiento' });
  if (!decided && can.selfAssess)
    actions.push({ href: `${base}/autoevaluacion`, text: answered > 0 ? 'Corregir la autoevaluación' : 'Registrar la autoevaluación' });
  if (dossier.state === 'visit_done' && can.recommend)
    actions.push({ href: `${base}/recomendacion`, text: 'Dar la recomendación del comité' });
  if (can.appealDecision) actions.push({ href: `${base}/apelar`, text: 'Apelar la decisión' });
  if (can.appealSuspension) actions.push({ href: `${base}/apelar?que=suspension`, text: 'Apelar la suspensión' });
  if (can.appealRevocation) actions.push({ href: `${base}/apelar?que=revocation`, text: 'Apelar la revocación' });

  const nonConformities = dossier.nonConformities.map((nc) => {
    const criterion = criteria.get(nc.criterionCode);
    return {
      title: `${nc.criterionCode}: ${criterion?.text ?? ''}`,
      facts: [
        `Nivel ${LEVEL_LABEL[nc.level as keyof typeof LEVEL_LABEL] ?? nc.level}`,
        `Respuesta de la visita: ${ANSWER_LABEL[nc.answer as AnswerValue] ?? nc.answer}`,
        capitalize(EFFECT_LABEL[nc.effect as keyof typeof EFFECT_LABEL] ?? nc.effect),
        nc.correctiveActionMaxDays !== null ? `Plazo máximo de la acción correctiva: ${nc.correctiveActionMaxDays} días` : '',
        followUpFact(nc, dossier.criteriaVersion),
      ].filter(Boolean),
      actions: nc.correctiveActions.map((a) => ({
        description: a.description,
        responsible: names.get(a.responsiblePersonId) ?? 'una persona de la organización',
        deadline: day(a.deadline),
        closed: a.closedAt
          ? `Cerrada el ${formatBoliviaDay(a.closedAt, 'es')}${a.closedBy ? CLOSED_BY[a.closedBy] : ''}: ${a.closingNotes ?? ''}`
          : null,
        closeHref: !a.closedAt && can.manage && !nc.followUp ? `${base}/acciones/${a.id}/cerrar` : null,
      })),
      agreeHref: can.manage && !decided ? `${base}/no-conformidades/${nc.id}/accion` : null,
    };
  });

  const photos = dossier.evidence
    .filter((e) => e.mediaType.startsWith('image/'))
    .map((e) => ({
      src: `/api/v1/evidence/${e.id}`,
      alt: e.criterionCode ? `Foto del criterio ${e.criterionCode}` : 'Foto del expediente',
    }));
  const documents = dossier.evidence
    .filter((e) => !e.mediaType.startsWith('image/'))
    .map((e) => ({
      href: `/api/v1/evidence/${e.id}`,
      text: `${MEDIA_LABEL[e.mediaType] ?? 'Archivo'}${e.criterionCode ? ` del criterio ${e.criterionCode}` : ''} (${Math.max(1, Math.round(e.size / BYTES_KB))} KB)`,
    }));

  const recommendation = dossier.recommendation
    ? {
        outcome: RECOMMENDATION_LABEL[dossier.recommendation.outcome] ?? dossier.recommendation.outcome,
        rationale: dossier.recommendation.rationale,
        on: formatBoliviaDay(dossier.recommendation.at, 'es'),
      }
    : null;

  return renderAppTemplate('dossier', {
    ...layoutData(heading, person),
    heading,
    flash: flash ?? null,
    lead: `Ciclo ${dossier.cycle} · criterios ${dossier.scheme} versión ${dossier.criteriaVersion}`,
    nextStep: step,
    facts: [
      { label: 'Estado', value: capitalize(DOSSIER_STATE_LABEL[dossier.state]) },
      { label: 'Criterios que se evalúan', value: String(dossier.applicableCriteria.length) },
      {
        label: 'Autoevaluación',
        value: answered > 0 ? `Registrada (${answered} de ${dossier.applicableCriteria.length} criterios)` : 'Todavía no registrada',
      },
      { label: 'No conformidades sin cerrar', value: String(open) },
    ],
    actions,
    sendHref: dossier.state === 'committee_reviewed' && can.manage ? `${base}/enviar` : null,
    visits,
    cancelVisits,
    nonConformities,
    photos,
    documents,
    recommendation,
  });
}
