/**
 * The life of a dossier (expediente) in one certification cycle, as a state
 * machine: each event is allowed from exactly the states listed, nothing is skipped.
 */

import { eventsFrom, step, type Transition as GenericTransition } from './state-machine.js';

export const DOSSIER_STATES = ['open', 'visit_done', 'committee_reviewed', 'ready_for_commission', 'decided'] as const;
export type DossierState = (typeof DOSSIER_STATES)[number];

export const DOSSIER_STATE_LABEL: Record<DossierState, string> = {
  open: 'abierto',
  visit_done: 'visita realizada',
  committee_reviewed: 'revisado por el comité',
  ready_for_commission: 'listo para la comisión',
  decided: 'decidido',
};

/** What the local committee does next with a dossier in each state, in plain words (the people's pages show it). */
export const DOSSIER_NEXT_STEP: Record<DossierState, string> = {
  open: 'Planificar la visita de pares',
  visit_done: 'Revisar el informe de la visita y dar la recomendación del comité',
  committee_reviewed: 'Enviar el expediente a la comisión de certificación',
  ready_for_commission: 'Nada por ahora: la comisión de certificación lo está revisando',
  decided: 'Nada por ahora: la comisión ya decidió',
};

/** The same states explained to the producer whose dossier it is. */
export const DOSSIER_STATE_FOR_PRODUCER: Record<DossierState, string> = {
  open: 'Su comité está preparando la visita de pares',
  visit_done: 'La visita ya se hizo; su comité está revisando el informe',
  committee_reviewed: 'Su comité ya revisó la visita y enviará el expediente a la comisión',
  ready_for_commission: 'La comisión de certificación está revisando su expediente',
  decided: 'La comisión de certificación ya decidió',
};

export const DOSSIER_EVENTS = {
  /** The peer visit was submitted. */
  record_visit: { from: ['open'], to: 'visit_done' },
  /** The local committee recorded its review and recommendation. */
  committee_review: { from: ['visit_done'], to: 'committee_reviewed' },
  send_to_commission: { from: ['committee_reviewed'], to: 'ready_for_commission' },
  /** The commission asks the committee to complete the file. */
  return_to_committee: { from: ['ready_for_commission'], to: 'visit_done' },
  decide: { from: ['ready_for_commission'], to: 'decided' },
  /** An upheld appeal sends the dossier back to the commission for a new decision. */
  reopen_on_appeal: { from: ['decided'], to: 'ready_for_commission' },
} as const satisfies Record<string, { from: readonly DossierState[]; to: DossierState }>;

export type DossierEvent = keyof typeof DOSSIER_EVENTS;

/** Each step in plain words, for messages that name it. */
export const DOSSIER_EVENT_LABEL: Record<DossierEvent, string> = {
  record_visit: 'registrar la visita',
  committee_review: 'revisión del comité',
  send_to_commission: 'enviar a la comisión',
  return_to_committee: 'devolver al comité',
  decide: 'decisión de la comisión',
  reopen_on_appeal: 'reabrir por una apelación acogida',
};

/** What the local committee may recommend to the commission. */
export const RECOMMENDATION_OUTCOMES = ['approve', 'approve_with_conditions', 'deny'] as const;
export const RECOMMENDATION_LABEL: Record<(typeof RECOMMENDATION_OUTCOMES)[number], string> = {
  approve: 'aprobar',
  approve_with_conditions: 'aprobar con condiciones',
  deny: 'denegar',
};

export type Transition = GenericTransition<DossierState>;

export function transition(state: DossierState, event: DossierEvent): Transition {
  return step(DOSSIER_EVENTS, state, event, (from) => {
    const allowed = from.map((s) => DOSSIER_STATE_LABEL[s]).join(' o ');
    return `El expediente está «${DOSSIER_STATE_LABEL[state]}»; esta acción solo es posible cuando está «${allowed}»`;
  });
}

/** Events allowed from `state`, for clients that show the next steps. */
export function allowedEvents(state: DossierState): DossierEvent[] {
  return eventsFrom(DOSSIER_EVENTS, state);
}
