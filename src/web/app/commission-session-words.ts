/**
 * What the commission's session and deciding pages share: their addresses, the messages after a form
 * (`?hecho=`, fixed texts), and how a session, a vote and a decision are said in words.
 */
import { OUTCOME_LABEL } from '../../domain/commission.js';
import type { DecisionView } from '../../modules/commission/commission-schemas.js';
import { formatDay } from '../format.js';
import type { Flash } from './components.js';

export const SESSIONS_HREF = '/app/comision/sesiones';
export const NEW_SESSION_HREF = `${SESSIONS_HREF}/nueva`;
export const sessionHref = (id: string) => `${SESSIONS_HREF}/${id}`;
export const decisionHref = (id: string) => `/app/comision/decisiones/${id}`;
/** The acta is served by the API; a signed-in person's cookie opens it. */
export const actaHref = (sessionId: string) => `/api/v1/commission/sessions/${sessionId}/acta.pdf`;
export const certificatePdfHref = (certificateId: string) => `/api/v1/certificates/${certificateId}/certificate.pdf`;

/** The deciding page of a dossier, in a given session if named. */
export const decideInSessionHref = (dossierId: string, sessionId?: string) =>
  `/app/comision/expedientes/${dossierId}/decidir${sessionId ? `?sesion=${sessionId}` : ''}`;

export const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
export const day = (date: string) => formatDay(date, 'es');

/** «Sesión N° 07/2026». */
export const sessionTitle = (number: string | null) => (number ? `Sesión N° ${number}` : 'Sesión sin número');
/** «Resolución N° 12/2026». */
export const resolutionTitle = (number: string | null) => (number ? `Resolución N° ${number}` : 'Resolución sin número');

/** «De 09:00 a 11:30», «Desde las 09:00», or that no time was recorded. */
export function hours(startsAt: string | null, endsAt: string | null): string {
  if (startsAt && endsAt) return `De ${startsAt} a ${endsAt}`;
  if (startsAt) return `Desde las ${startsAt}`;
  if (endsAt) return `Hasta las ${endsAt}`;
  return 'Sin hora registrada';
}

export const SEAT_LABEL = { titular: 'titular', suplente: 'suplente' } as const;
export const seatWord = (seat: 'titular' | 'suplente' | null) => (seat ? SEAT_LABEL[seat] : 'miembro');

export const VOTE_LABEL = { for: 'A favor', against: 'En contra', abstain: 'Abstención' } as const;

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** «3 a favor, 1 en contra y 1 abstención». */
export function tallyWords(tally: DecisionView['tally']): string {
  return `${tally.for} a favor, ${tally.against} en contra y ${count(tally.abstain, 'abstención', 'abstenciones')}`;
}

/** The outcome in words: «Aprobado con condiciones», or why the dossier was deferred. */
export function outcomeWords(d: Pick<DecisionView, 'outcome' | 'proposedOutcome' | 'deferredForQuorum'>): string {
  if (d.deferredForQuorum) return 'Diferido por falta de quórum, sin votación';
  if (d.outcome === 'deferred' && d.proposedOutcome !== 'deferred')
    return `Diferido: la propuesta de «${OUTCOME_LABEL[d.proposedOutcome]}» no obtuvo mayoría`;
  return capitalize(OUTCOME_LABEL[d.outcome]);
}

/** What the commission decided, in one sentence with the tally (without the resolution number). */
export function decisionWords(d: Pick<DecisionView, 'outcome' | 'proposedOutcome' | 'deferredForQuorum' | 'tally'>): string {
  return d.deferredForQuorum ? outcomeWords(d) : `${outcomeWords(d)} (${tallyWords(d.tally)})`;
}

/** The messages after a session or deciding form was done. */
export const SESSION_DONE = {
  creada: 'Sesión abierta. Registre la asistencia y decida los expedientes del orden del día.',
  asistencia: 'Asistencia guardada.',
  orden: 'Expediente añadido al orden del día.',
  cerrada: 'Sesión cerrada: ya no admite decisiones. El acta está lista para descargar.',
  diferido: 'Expediente diferido por falta de quórum. El motivo queda en el acta.',
  decidida: 'Decisión registrada.',
} as const;
export type SessionDone = keyof typeof SESSION_DONE;

export const sessionDone = (done: string | undefined): Flash | undefined =>
  done && done in SESSION_DONE ? { kind: 'success', text: SESSION_DONE[done as SessionDone] } : undefined;

/** Members who vote with this attendance when nobody steps aside: present titulares, and suplentes in the empty seats. */
export function votersWithoutRecusals(present: { seat: 'titular' | 'suplente' | null }[], seats: number | null): number {
  if (seats === null) return present.length;
  const titulares = present.filter((m) => m.seat !== 'suplente').length;
  const suplentes = present.length - titulares;
  return titulares + Math.min(suplentes, Math.max(0, seats - titulares));
}
