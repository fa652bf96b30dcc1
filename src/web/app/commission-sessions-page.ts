/**
 * The commission's sessions (GET /app/comision/sesiones): number, date in words, place, hours,
 * open or closed and decisions taken, the latest first; and the form that opens a session
 * (/app/comision/sesiones/nueva): date, place, start time, the agenda chosen among the dossiers
 * waiting in the queue, and optionally who is present.
 */
import type { SessionPageSchema } from '../../modules/commission/commission-schemas.js';
import type { QueueItem } from '../../modules/commission/queue-schemas.js';
import type { z } from 'zod';
import { layoutData, type AppPerson } from './app-layout.js';
import { renderAppTemplate } from './app-views.js';
import { pagination, type CardTable, type Flash } from './components.js';
import { day, hours, NEW_SESSION_HREF, seatWord, sessionHref, sessionTitle, SESSIONS_HREF } from './commission-session-words.js';
import type { FormValues } from './dossier-forms.js';

type SessionPage = z.infer<typeof SessionPageSchema>;

export type CommissionMemberChoice = { userId: string; name: string; seat: 'titular' | 'suplente' | null };

const decided = (n: number) => (n === 0 ? 'Ninguna' : n === 1 ? '1 decisión' : `${n} decisiones`);

export function renderSessionsPage(sessions: SessionPage, person: AppPerson): string {
  const heading = 'Sesiones de la comisión';
  const table: CardTable = {
    caption: 'Sesiones de la comisión, la más reciente primero',
    columns: [
      { key: 'number', label: 'Sesión' },
      { key: 'date', label: 'Fecha' },
      { key: 'place', label: 'Lugar' },
      { key: 'hours', label: 'Horario' },
      { key: 'state', label: 'Estado' },
      { key: 'decided', label: 'Decisiones tomadas' },
    ],
    rows: sessions.items.map((s) => ({
      href: sessionHref(s.id),
      cells: {
        number: sessionTitle(s.number),
        date: day(s.heldOn),
        place: s.place ?? 'Sin lugar registrado',
        hours: hours(s.startsAt, s.endsAt),
        state: s.status === 'open' ? 'Abierta' : 'Cerrada',
        decided: decided(s.decided),
      },
    })),
  };
  return renderAppTemplate('commission-sessions', {
    ...layoutData(heading, person),
    heading,
    lead: 'La comisión decide en sesión: con lugar, hora, orden del día y la asistencia de sus miembros. Cada sesión tiene su acta.',
    newHref: NEW_SESSION_HREF,
    count: sessions.total === 1 ? '1 sesión registrada.' : `${sessions.total} sesiones registradas.`,
    table,
    empty: { text: 'Todavía no hay sesiones registradas.', action: { href: NEW_SESSION_HREF, text: 'Abrir la primera sesión' } },
    pagination: pagination(sessions.page, sessions.total, sessions.pageSize, (n) =>
      n > 1 ? `${SESSIONS_HREF}?pagina=${n}` : SESSIONS_HREF,
    ),
  });
}

export type NewSessionView = {
  /** Dossiers waiting for the commission, oldest first. */
  waiting: QueueItem[];
  /** How many wait in all (the form lists a page of them). */
  waitingTotal: number;
  members: CommissionMemberChoice[];
  /** Today in Bolivia (YYYY-MM-DD), the date offered. */
  today: string;
  /** Dossiers to tick from the start (`?expediente=`). */
  preselected: string[];
};

export type SessionFormState = { values?: FormValues; lists?: Record<string, string[]>; errors?: Record<string, string>; message?: string };

/** The flash of a form sent back with problems. */
export const problemFlash = (state: SessionFormState): Flash | null =>
  state.message
    ? { kind: 'error', text: state.message }
    : state.errors && Object.keys(state.errors).length > 0
      ? { kind: 'error', text: 'Revise los datos marcados.' }
      : null;

/** «Familia Choque Quispe · Cooperativa Señor de Mayo · ciclo 2026». */
export const waitingLabel = (item: QueueItem) => `${item.producer.name} · ${item.organization.name} · ciclo ${item.cycle}`;
export const memberLabel = (m: CommissionMemberChoice) => `${m.name} (${seatWord(m.seat)})`;

export function renderNewSessionPage(view: NewSessionView, person: AppPerson, state: SessionFormState = {}): string {
  const heading = 'Nueva sesión';
  const values = state.values ?? {};
  const errors = state.errors ?? {};
  const shown = view.waiting.length;
  return renderAppTemplate('commission-session-new', {
    ...layoutData(heading, person),
    heading,
    lead: 'Abra la sesión con su fecha, lugar, hora de inicio y los expedientes que tratará. La asistencia también se puede registrar después.',
    flash: problemFlash(state),
    heldOn: {
      name: 'heldOn',
      label: 'Fecha',
      type: 'date',
      value: values.heldOn ?? view.today,
      error: errors.heldOn,
      required: true,
    },
    place: {
      name: 'place',
      label: 'Lugar',
      hint: 'Como lo dirá el acta, por ejemplo «Sede de la Plataforma, La Paz».',
      value: values.place ?? '',
      error: errors.place,
      required: true,
      maxlength: 200,
    },
    startsAt: {
      name: 'startsAt',
      label: 'Hora de inicio',
      type: 'time',
      hint: 'Hora de Bolivia, por ejemplo 09:30.',
      value: values.startsAt ?? '',
      error: errors.startsAt,
      required: true,
    },
    agenda: {
      name: 'agenda',
      legend: 'Orden del día',
      hint:
        shown < view.waitingTotal
          ? `Los ${shown} expedientes que esperan hace más tiempo, de ${view.waitingTotal}. Puede añadir otros desde la página de la sesión.`
          : 'Los expedientes que esperan la decisión de la comisión, los más antiguos primero.',
      options: view.waiting.map((item) => ({ value: item.dossierId, label: waitingLabel(item) })),
      values: state.values ? (state.lists?.agenda ?? []) : view.preselected,
      error: errors.agenda,
    },
    presentUserIds: {
      name: 'presentUserIds',
      legend: 'Presentes (opcional)',
      hint: 'Si marca la asistencia ahora, debe haber quórum. También puede registrarla después, en la página de la sesión.',
      options: [...view.members]
        .sort((a, b) => Number(a.seat === 'suplente') - Number(b.seat === 'suplente'))
        .map((m) => ({ value: m.userId, label: memberLabel(m) })),
      values: state.lists?.presentUserIds ?? [],
      error: errors.presentUserIds,
    },
    noWaiting: view.waiting.length === 0,
    back: SESSIONS_HREF,
  });
}
