/**
 * The history of a dossier in plain Spanish: each audit entry of the dossier and of its records
 * (visits, corrective actions, evidence, decisions, appeals, certificates) as who did what, when.
 * Only a few plain fields of an entry's change are read; raw JSON and ids are never shown.
 */
import { ROLE_LABEL, type Role } from '../../domain/access.js';
import { APPEAL_STATE_LABEL, type AppealState } from '../../domain/appeals.js';
import { OUTCOME_LABEL, type Outcome } from '../../domain/commission.js';
import { clip, formatBoliviaDay, formatBoliviaTime, formatDay } from '../format.js';
import { RECOMMENDATION_LABEL } from './dossier-page.js';

export type HistoryEntry = {
  at: string;
  actorLabel: string;
  actorName: string | null;
  actorRole: Role | null;
  entity: string;
  action: string;
  change: unknown;
};

/** A text field of the change, if it has one. */
function text(change: unknown, key: string): string | undefined {
  if (typeof change !== 'object' || change === null) return undefined;
  const value = (change as Record<string, unknown>)[key];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A count field of the change, or how many items its list field holds. */
function count(change: unknown, key: string): number | undefined {
  if (typeof change !== 'object' || change === null) return undefined;
  const value = (change as Record<string, unknown>)[key];
  if (Array.isArray(value)) return value.length;
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

const day = (date: string | undefined) => (date ? formatDay(date, 'es') : '');
const quoted = (label: string | undefined) => (label ? `«${label}»` : '');
const FREE_TEXT_MAX = 160;

const DOSSIER_ACTIONS: Record<string, (change: unknown) => string> = {
  create: (c) =>
    `Abrió el expediente${typeof (c as { cycle?: unknown })?.cycle === 'number' ? ` del ciclo ${(c as { cycle: number }).cycle}` : ''}`,
  self_assessment: (c) => {
    const n = count(c, 'answers');
    return `Registró la autoevaluación${n ? ` (${n} ${n === 1 ? 'respuesta' : 'respuestas'})` : ''}`;
  },
  recommend: (c) => `Dio la recomendación del comité: ${quoted(RECOMMENDATION_LABEL[text(c, 'outcome') ?? ''])}`,
  record_visit: () => 'El expediente pasó a «visita realizada»',
  committee_review: () => 'El expediente pasó a «revisado por el comité»',
  send_to_commission: () => 'Envió el expediente a la comisión de certificación',
  return_to_committee: () => 'Devolvió el expediente al comité local para que lo complete',
  decide: () => 'El expediente quedó decidido',
  reopen_on_appeal: () => 'El expediente volvió a la comisión por una apelación aceptada',
};

const ENTITY_ACTIONS: Record<string, Record<string, (change: unknown) => string>> = {
  dossier: DOSSIER_ACTIONS,
  visit: {
    plan: (c) => {
      const kind =
        text(c, 'purpose') === 'surveillance' ? 'de vigilancia' : text(c, 'purpose') === 'follow_up' ? 'de seguimiento' : 'de pares';
      const unannounced = (c as { unannounced?: unknown } | null)?.unannounced === true ? ' sin aviso' : '';
      return `Planificó una visita ${kind}${unannounced} para el ${day(text(c, 'plannedOn'))}`;
    },
    submit: (c) => {
      const n = count(c, 'nonConformities');
      const found =
        n === undefined ? '' : n === 0 ? ', sin no conformidades' : n === 1 ? ', con 1 no conformidad' : `, con ${n} no conformidades`;
      return `Registró la visita de pares del ${day(text(c, 'visitedOn'))}${found}`;
    },
    correct: (c) => {
      const reason = text(c, 'reason') ?? text(c, 'correctionReason');
      return `Corrigió el registro de la visita de pares${reason ? `: ${clip(reason, FREE_TEXT_MAX)}` : ''}`;
    },
  },
  corrective_action: {
    create: (c) => {
      const description = text(c, 'description');
      return `Acordó una acción correctiva con plazo hasta el ${day(text(c, 'deadline'))}${description ? `: ${clip(description, FREE_TEXT_MAX)}` : ''}`;
    },
    close: () => 'Cerró una acción correctiva',
  },
  evidence: {
    create: (c) => {
      const what = text(c, 'mediaType') === 'application/pdf' ? 'un documento PDF' : 'una foto';
      const criterion = text(c, 'criterionCode');
      return `Subió ${what}${criterion ? ` del criterio ${criterion}` : ''}`;
    },
  },
  decision: {
    create: (c) => {
      const outcome = text(c, 'outcome') as Outcome | undefined;
      const proposed = text(c, 'proposedOutcome') as Outcome | undefined;
      const notCarried =
        outcome === 'deferred' && proposed && proposed !== 'deferred'
          ? ` (la propuesta de ${quoted(OUTCOME_LABEL[proposed])} no obtuvo mayoría)`
          : '';
      return `Registró la decisión de la comisión: ${quoted(outcome ? OUTCOME_LABEL[outcome] : undefined)}${notCarried}`;
    },
  },
  appeal: {
    file: () => 'Presentó una apelación',
    decide: (c) => `Resolvió la apelación: ${quoted(APPEAL_STATE_LABEL[text(c, 'status') as AppealState])}`,
  },
  certificate: {
    create: (c) => `Emitió el certificado ${text(c, 'code') ?? ''}`.trim(),
    issued: () => 'El certificado quedó vigente',
    suspended: (c) => `Suspendió el certificado${text(c, 'reason') ? `: ${clip(text(c, 'reason')!, FREE_TEXT_MAX)}` : ''}`,
    reinstated: () => 'Rehabilitó el certificado',
    revoked: () => 'Revocó el certificado',
    expired: () => 'El certificado venció',
    member_added: () => 'Incorporó un socio al certificado del grupo',
    member_excluded: (c) =>
      `Excluyó un socio del certificado del grupo${text(c, 'reason') ? `: ${clip(text(c, 'reason')!, FREE_TEXT_MAX)}` : ''}`,
  },
};

/** What the entry records, as a sentence. */
export function historyWhat(entry: Pick<HistoryEntry, 'entity' | 'action' | 'change'>): string {
  const describe = ENTITY_ACTIONS[entry.entity]?.[entry.action];
  return describe ? describe(entry.change) : 'Hizo un cambio en un registro del expediente';
}

/** Who did it: the person and their role, or Sello itself for what time and processes record. */
export function historyWho(entry: Pick<HistoryEntry, 'actorLabel' | 'actorName' | 'actorRole'>): string {
  if (entry.actorName) return entry.actorRole ? `${entry.actorName} (${ROLE_LABEL[entry.actorRole]})` : entry.actorName;
  if (entry.actorLabel.startsWith('sistema:')) return 'Sello, automáticamente';
  return 'Una cuenta que ya no existe';
}

/** "12 de mayo de 2026, 14:05" (Bolivia). */
export const historyWhen = (at: string) => `${formatBoliviaDay(at, 'es')}, ${formatBoliviaTime(at)}`;
