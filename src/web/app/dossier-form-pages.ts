/**
 * The committee's dossier forms (open, self-assessment, plan or cancel a visit, corrective actions,
 * recommendation): view models in, HTML out. Each form re-renders with what was typed and its
 * errors next to the field (or the person, or the criterion) they are about.
 */
import { ANSWER_LABEL, ANSWER_VALUES, LEVEL_LABEL } from '../../domain/non-conformities.js';
import { MEMBER_KIND_LABEL, MEMBER_KINDS } from '../../domain/visit-team.js';
import type { Dossier } from '../../modules/dossiers/dossier-schemas.js';
import type { PersonChoice } from '../../modules/pages/dossier-pages-service.js';
import { formatDay } from '../format.js';
import { layoutData, type AppPerson } from './app-layout.js';
import { renderAppTemplate } from './app-views.js';
import type { Flash } from './components.js';
import { RECOMMENDATION_LABEL } from './dossier-page.js';
import { answerField, noteField, teamField, type FormValues } from './dossier-forms.js';

export type FormState = { values?: FormValues; errors?: Record<string, string>; flash?: Flash | undefined };

const errorFlash = (errors: Record<string, string> | undefined, message?: string): Flash | null =>
  message
    ? { kind: 'error', text: message }
    : errors && Object.keys(errors).length > 0
      ? { kind: 'error', text: 'Revise los datos marcados.' }
      : null;

const page = (name: Parameters<typeof renderAppTemplate>[0], title: string, person: AppPerson, data: object) =>
  renderAppTemplate(name, { ...layoutData(title, person), heading: title, ...data });

const back = (dossier: Pick<Dossier, 'id'>) => `/app/expedientes/${dossier.id}`;

export function renderNewDossierPage(
  producers: { id: string; name: string; community: string }[],
  currentYear: number,
  person: AppPerson,
  state: FormState & { message?: string } = {},
): string {
  return page('dossier-new', 'Abrir un expediente', person, {
    flash: errorFlash(state.errors, state.message),
    errors: state.errors ?? {},
    scope: {
      name: 'scope',
      label: 'Qué se certifica',
      options: [
        { value: 'unit', label: 'La unidad productiva, sola' },
        { value: 'member', label: 'La unidad productiva, como socia en la certificación en grupo de la organización' },
        { value: 'organization', label: 'La organización misma, en la certificación en grupo' },
      ],
      hint: 'En la certificación en grupo, la organización tiene su propio expediente (sus criterios de organización se evalúan una vez por ciclo) y cada socia el suyo.',
      value: state.values?.scope ?? 'unit',
      error: state.errors?.scope,
    },
    producer: {
      name: 'producerId',
      label: 'Unidad productiva',
      hint: 'No hace falta para el expediente de la organización.',
      placeholder: 'Elija…',
      options: producers.map((p) => ({ value: p.id, label: `${p.name} (${p.community})` })),
      value: state.values?.producerId,
      error: state.errors?.producerId,
    },
    cycle: {
      name: 'cycle',
      label: 'Ciclo (año)',
      type: 'number',
      inputmode: 'numeric',
      value: state.values?.cycle ?? String(currentYear),
      error: state.errors?.cycle,
      required: true,
      min: '2000',
      max: '2100',
    },
  });
}

export function renderSelfAssessmentPage(dossier: Dossier, person: AppPerson, state: FormState & { message?: string } = {}): string {
  const previous = new Map((dossier.selfAssessment ?? []).map((a) => [a.criterionCode, a]));
  const values = state.values;
  return page('self-assessment', 'Autoevaluación', person, {
    lead: `${dossier.holderName} · ciclo ${dossier.cycle}. Responda cada criterio; las notas son opcionales.`,
    flash: errorFlash(state.errors, state.message),
    back: back(dossier),
    criteria: dossier.applicableCriteria.map((c) => ({
      code: c.code,
      text: c.text,
      level: LEVEL_LABEL[c.level as keyof typeof LEVEL_LABEL] ?? c.level,
      field: answerField(c.code),
      noteField: noteField(c.code),
      value: values ? (values[answerField(c.code)] ?? '') : (previous.get(c.code)?.value ?? ''),
      note: values ? (values[noteField(c.code)] ?? '') : (previous.get(c.code)?.notes ?? ''),
      error: state.errors?.[c.code],
    })),
    answers: ANSWER_VALUES.map((value) => ({ value, label: ANSWER_LABEL[value] })),
  });
}

export type PlanState = FormState & {
  teamErrors?: string[];
  personErrors?: Record<string, string[]>;
  message?: string;
  followUp?: boolean;
  /** The commission's visit without notice: it chooses the purpose, and comes back to its own dossier page. */
  unannounced?: boolean;
};

/** What a visit without notice may be for, in the commission's words. */
const UNANNOUNCED_PURPOSES = [
  { value: 'surveillance', label: 'Vigilancia de una unidad certificada' },
  { value: 'regular', label: 'Visita de pares del ciclo' },
  { value: 'follow_up', label: 'Seguimiento de no conformidades' },
];

export function renderPlanVisitPage(dossier: Dossier, people: PersonChoice[], person: AppPerson, state: PlanState = {}): string {
  const values = state.values ?? {};
  const refused = (state.teamErrors?.length ?? 0) > 0 || Object.keys(state.personErrors ?? {}).length > 0;
  const followUp = state.followUp === true;
  const unannounced = state.unannounced === true;
  const heading = unannounced
    ? 'Planificar una visita sin aviso'
    : followUp
      ? 'Planificar una visita de seguimiento'
      : 'Planificar una visita';
  return page('visit-plan', heading, person, {
    lead: unannounced
      ? `Visita sin aviso a ${dossier.holderName} (ciclo ${dossier.cycle}): ni la unidad ni su organización ni su comité la ven hasta que la comisión registre sus respuestas. Las reglas de conflicto de interés del equipo son las mismas.`
      : followUp
        ? `Visita de seguimiento a ${dossier.holderName} (ciclo ${dossier.cycle}): verifica las no conformidades que no cierra el comité. Nadie del equipo de la primera visita ni del comité puede ir.`
        : `Visita de pares a ${dossier.holderName} (ciclo ${dossier.cycle}).`,
    purpose: unannounced ? null : followUp ? 'follow_up' : null,
    purposeSelect: unannounced
      ? {
          name: 'purpose',
          label: 'Para qué es la visita',
          value: values.purpose ?? (dossier.state === 'decided' ? 'surveillance' : 'regular'),
          options: UNANNOUNCED_PURPOSES,
          error: state.errors?.purpose,
        }
      : null,
    flash: refused
      ? { kind: 'error', text: 'El equipo no cumple las reglas de conflicto de interés. Vea los motivos junto a cada persona.' }
      : errorFlash(state.errors, state.message),
    back: unannounced ? `/app/comision/expedientes/${dossier.id}` : back(dossier),
    date: {
      name: 'plannedOn',
      label: 'Fecha de la visita',
      type: 'date',
      value: values.plannedOn ?? '',
      error: state.errors?.plannedOn,
      required: true,
    },
    teamErrors: state.teamErrors ?? [],
    people: people.map((p) => ({
      name: p.name,
      field: teamField(p.id),
      value: values[teamField(p.id)] ?? '',
      errors: state.personErrors?.[p.id] ?? [],
    })),
    kinds: [{ value: '', label: 'No va' }, ...MEMBER_KINDS.map((k) => ({ value: k, label: MEMBER_KIND_LABEL[k] }))],
  });
}

export type NonConformityChoice = { criterionCode: string; text: string; level: string; maxDays: number | null };

export function renderCorrectiveActionPage(
  dossier: Dossier,
  nc: NonConformityChoice,
  people: PersonChoice[],
  today: string,
  person: AppPerson,
  state: FormState & { message?: string } = {},
): string {
  const values = state.values ?? {};
  const limit = nc.maxDays === null ? null : new Date(Date.parse(today) + nc.maxDays * 86_400_000).toISOString().slice(0, 10);
  const level = LEVEL_LABEL[nc.level as keyof typeof LEVEL_LABEL] ?? nc.level;
  return page('corrective-action', 'Acordar una acción correctiva', person, {
    lead: `${dossier.holderName} · ${nc.criterionCode}: ${nc.text}`,
    flash: errorFlash(state.errors, state.message),
    back: back(dossier),
    errors: state.errors ?? {},
    description: values.description ?? '',
    responsible: {
      name: 'responsiblePersonId',
      label: 'Persona responsable',
      placeholder: 'Elija…',
      options: people.map((p) => ({ value: p.id, label: p.name })),
      value: values.responsiblePersonId,
      error: state.errors?.responsiblePersonId,
      required: true,
    },
    deadline: {
      name: 'deadline',
      label: 'Plazo',
      type: 'date',
      value: values.deadline ?? '',
      error: state.errors?.deadline,
      required: true,
      min: today,
      ...(limit ? { max: limit } : {}),
      hint: limit
        ? `Para un criterio de nivel ${level}, el plazo máximo es de ${nc.maxDays} días: hasta el ${formatDay(limit, 'es')}.`
        : `Para un criterio de nivel ${level}, no hay un plazo máximo.`,
    },
  });
}

export function renderCloseActionPage(
  dossier: Dossier,
  action: { description: string; deadline: string },
  person: AppPerson,
  state: FormState & { message?: string } = {},
): string {
  return page('action-close', 'Cerrar una acción correctiva', person, {
    lead: `${dossier.holderName} · ${action.description} (plazo: ${formatDay(action.deadline, 'es')})`,
    flash: errorFlash(state.errors, state.message),
    back: back(dossier),
    errors: state.errors ?? {},
    notes: state.values?.notes ?? '',
  });
}

export function renderRecommendationPage(dossier: Dossier, person: AppPerson, state: FormState & { message?: string } = {}): string {
  const values = state.values ?? {};
  const open = dossier.nonConformities.filter((nc) => nc.correctiveActions.every((a) => a.closedAt === null)).length;
  return page('recommendation', 'Recomendación del comité', person, {
    lead: `${dossier.holderName} · ciclo ${dossier.cycle}. No conformidades sin cerrar: ${open}.`,
    flash: errorFlash(state.errors, state.message),
    back: back(dossier),
    errors: state.errors ?? {},
    outcome: values.outcome ?? '',
    rationale: values.rationale ?? '',
    outcomes: Object.entries(RECOMMENDATION_LABEL).map(([value, label]) => ({ value, label })),
  });
}

export function renderCancelVisitPage(
  dossier: Dossier,
  visit: { plannedOn: string; team: { fullName: string }[] },
  person: AppPerson,
  state: FormState & { message?: string } = {},
): string {
  return page('visit-cancel', `Cancelar la visita del ${formatDay(visit.plannedOn, 'es')}`, person, {
    lead: `${dossier.holderName} · equipo: ${visit.team.map((m) => m.fullName).join(', ')}`,
    flash: errorFlash(state.errors, state.message),
    back: back(dossier),
    errors: state.errors ?? {},
    reason: state.values?.reason ?? '',
  });
}
