/**
 * One session of the commission (GET /app/comision/sesiones/:id): date, place, hours and state;
 * the attendance form (titulares, then suplentes); the agenda with what happened to each item
 * (decided with its resolution, deferred, pending with a «Decidir» link); a form to add a dossier
 * to the agenda; the closing form while the session is open; and the acta as PDF.
 */
import { APPEAL_STATE_LABEL } from '../../domain/appeals.js';
import type { DecisionView, SessionView } from '../../modules/commission/commission-schemas.js';
import type { QueueItem } from '../../modules/commission/queue-schemas.js';
import { layoutData, type AppPerson } from './app-layout.js';
import { renderAppTemplate } from './app-views.js';
import type { Flash } from './components.js';
import {
  actaHref,
  capitalize,
  day,
  decideInSessionHref,
  decisionHref,
  decisionWords,
  resolutionTitle,
  sessionTitle,
  SESSIONS_HREF,
  votersWithoutRecusals,
} from './commission-session-words.js';
import { memberLabel, problemFlash, waitingLabel, type CommissionMemberChoice, type SessionFormState } from './commission-sessions-page.js';

export type SessionPageView = {
  session: SessionView;
  /** Enabled members of the commission, whom the attendance form lists. */
  members: CommissionMemberChoice[];
  /** Dossiers waiting for the commission now. */
  waiting: QueueItem[];
  /** The time now in Bolivia (HH:MM), offered as the closing time. */
  now: string;
  /** What each decided dossier is about, by dossier id (for decisions taken outside the agenda). */
  subjects: Record<string, string>;
};

type AgendaLine = {
  position: number;
  subject: string;
  note: string | null;
  state: string;
  decision: { href: string; text: string } | null;
  decideHref: string | null;
};

const lastDecisionOf = (decisions: DecisionView[], dossierId: string) => decisions.filter((d) => d.dossierId === dossierId).at(-1);

function decisionLine(d: DecisionView) {
  const reason = d.deferredForQuorum ? `. Motivo: ${d.rationale}` : '';
  return { state: `${decisionWords(d)}${reason}`, decision: { href: decisionHref(d.id), text: resolutionTitle(d.number) } };
}

/** The agenda with what happened to each item, and decisions on dossiers that were not on it. */
function agendaLines({ session, waiting, subjects }: SessionPageView): { items: AgendaLine[]; outside: AgendaLine[] } {
  const waitingIds = new Set(waiting.map((w) => w.dossierId));
  const open = session.status === 'open';
  const items = session.agenda.map((item): AgendaLine => {
    const base = { position: item.position, subject: item.subject, note: item.note, decision: null, decideHref: null };
    if (item.dossierId) {
      const decided = lastDecisionOf(session.decisions, item.dossierId);
      if (decided) return { ...base, ...decisionLine(decided) };
      const waits = waitingIds.has(item.dossierId);
      return {
        ...base,
        state: waits ? 'Pendiente' : 'Ya no espera la decisión de la comisión',
        decideHref: open && waits ? decideInSessionHref(item.dossierId, session.id) : null,
      };
    }
    if (item.appealId) {
      const appeal = session.appeals.find((a) => a.id === item.appealId);
      return { ...base, state: appeal ? `Apelación ${APPEAL_STATE_LABEL[appeal.status]}` : 'Pendiente' };
    }
    return { ...base, state: 'Se trata en la página del certificado' };
  });
  const onAgenda = new Set(session.agenda.map((i) => i.dossierId).filter(Boolean));
  const outside = session.decisions
    .filter((d) => !onAgenda.has(d.dossierId))
    .map((d, i): AgendaLine => ({
      position: i + 1,
      subject: subjects[d.dossierId] ?? 'Expediente',
      note: null,
      decideHref: null,
      ...decisionLine(d),
    }));
  return { items, outside };
}

function attendance({ session, members }: SessionPageView) {
  const listed = new Map(session.attendance.map((a) => [a.userId, a]));
  const everyone = members.map((m) => ({ ...m, seat: listed.get(m.userId)?.seat ?? m.seat ?? 'titular' }));
  const present = session.attendance.filter((a) => a.present);
  const voters = votersWithoutRecusals(present, session.seats);
  const titulares = present.filter((a) => a.seat !== 'suplente').length;
  const suplentes = present.length - titulares;
  const people = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  return {
    summary:
      present.length === 0
        ? `Todavía no hay nadie registrado como presente. El quórum es de ${session.quorum} miembros que voten.`
        : `Presentes: ${people(titulares, 'titular', 'titulares')} y ${people(suplentes, 'suplente', 'suplentes')}. ` +
          `Si nadie se excusa, votan ${voters}; el quórum es de ${session.quorum}.`,
    titulares: everyone.filter((m) => m.seat !== 'suplente'),
    suplentes: everyone.filter((m) => m.seat === 'suplente'),
    presentList: session.attendance.filter((a) => a.present).map((a) => memberLabel(a)),
    absentList: session.attendance.filter((a) => !a.present).map((a) => memberLabel(a)),
  };
}

export function renderSessionPage(view: SessionPageView, person: AppPerson, state: SessionFormState = {}, flash?: Flash): string {
  const { session } = view;
  const heading = sessionTitle(session.number);
  const open = session.status === 'open';
  const errors = state.errors ?? {};
  const { items, outside } = agendaLines(view);
  const people = attendance(view);
  const checked = state.lists?.presentUserIds ?? session.attendance.filter((a) => a.present).map((a) => a.userId);
  const onAgenda = new Set(session.agenda.map((i) => i.dossierId));
  const addable = view.waiting.filter((w) => !onAgenda.has(w.dossierId));
  const action = (path: string) => `${SESSIONS_HREF}/${session.id}/${path}`;
  return renderAppTemplate('commission-session', {
    ...layoutData(heading, person),
    heading,
    lead: `${capitalize(day(session.heldOn))} · ${session.place ?? 'sin lugar registrado'}`,
    flash: problemFlash(state) ?? flash ?? null,
    facts: [
      { label: 'Fecha', value: day(session.heldOn) },
      { label: 'Lugar', value: session.place ?? 'Sin lugar registrado' },
      { label: 'Inicio', value: session.startsAt ?? 'Sin hora registrada' },
      { label: 'Cierre', value: session.endsAt ?? (open ? 'Todavía abierta' : 'Sin hora registrada') },
      { label: 'Estado', value: open ? 'Abierta: se pueden tomar decisiones' : 'Cerrada' },
      { label: 'Quórum', value: `${session.quorum} miembros que voten${session.seats ? ` (${session.seats} titulares)` : ''}` },
      { label: 'Criterios', value: `${session.scheme} versión ${session.criteriaVersion}` },
    ],
    open,
    attendance: {
      action: action('asistencia'),
      summary: people.summary,
      titulares: {
        name: 'presentUserIds',
        id: 'campo-titulares',
        legend: 'Titulares presentes',
        options: people.titulares.map((m) => ({ value: m.userId, label: m.name })),
        values: checked,
        error: errors.presentUserIds,
      },
      suplentes: {
        name: 'presentUserIds',
        id: 'campo-suplentes',
        legend: 'Suplentes presentes',
        hint: 'Un suplente que se suma ocupa el lugar de un titular ausente o excusado, en el orden en que se suma.',
        options: people.suplentes.map((m) => ({ value: m.userId, label: m.name })),
        values: checked,
      },
      presentList: people.presentList,
      absentList: people.absentList,
    },
    agenda: items,
    outside,
    addAgenda: {
      action: action('orden-del-dia'),
      select: {
        name: 'dossierId',
        label: 'Expediente',
        placeholder: 'Elija…',
        options: addable.map((w) => ({ value: w.dossierId, label: waitingLabel(w) })),
        value: state.values?.dossierId,
        error: errors.dossierId,
        required: true,
      },
      none: addable.length === 0,
    },
    close: {
      action: action('cerrar'),
      field: {
        name: 'endsAt',
        label: 'Hora de cierre',
        type: 'time',
        hint: 'Hora de Bolivia. Después de cerrarla, la sesión ya no admite decisiones.',
        value: state.values?.endsAt ?? view.now,
        error: errors.endsAt,
        required: true,
      },
    },
    actaHref: actaHref(session.id),
    links: [
      { href: SESSIONS_HREF, text: 'Todas las sesiones' },
      { href: '/app/comision', text: 'Expedientes por decidir' },
    ],
  });
}
