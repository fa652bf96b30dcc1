/**
 * Deciding a dossier (GET /app/comision/expedientes/:id/decidir): first the open session it is
 * decided in; then, before any vote, who steps aside and why, who votes and whether there is quorum
 * — with a button per available suplente to call in, or the deferral for lack of quorum when none
 * is left; and with quorum, the vote as the secretary records it read aloud: each voting member's
 * vote (a vote against with its reason), voluntary recusals, the proposal, the seal level, the
 * conditions it would set, and the rationale.
 */
import { OUTCOME_LABEL, DECISION_OUTCOMES } from '../../domain/commission.js';
import type { Ballot } from '../../modules/commission/commission-schemas.js';
import type { DecisionOutlook, OpenSession } from '../../modules/commission/deciding-service.js';
import { layoutData, type AppPerson } from './app-layout.js';
import { renderAppTemplate } from './app-views.js';
import type { Flash } from './components.js';
import { commissionDossierHref } from './commission-queue-page.js';
import { day, decideInSessionHref, NEW_SESSION_HREF, seatWord, sessionHref, sessionTitle, VOTE_LABEL } from './commission-session-words.js';
import { problemFlash, type SessionFormState } from './commission-sessions-page.js';
import { recusalField, recusalReasonField, recusalValues, voteField, voteReasonField } from './deciding-form.js';

export type DecidingDossier = { id: string; producer: string; organization: string; cycle: number; recommendation: string | null };

export type DecidingPageView = {
  dossier: DecidingDossier;
  /** Whether the dossier waits for the commission's decision now. */
  ready: boolean;
  sessions: OpenSession[];
  /** The session the decision is taken in: the one named in the address, or the only one open. */
  session: OpenSession | null;
  /** A session was named that is not open (closed since, or unknown). */
  sessionGone: boolean;
  ballot: Ballot | null;
  outlook: DecisionOutlook | null;
};

export const decideAction = (dossierId: string, step = '') => `/app/comision/expedientes/${dossierId}/decidir${step}`;

const sessionWords = (s: OpenSession) => `${sessionTitle(s.number)} del ${day(s.heldOn)}${s.place ? `, ${s.place}` : ''}`;
const members = (n: number) => (n === 1 ? '1 miembro' : `${n} miembros`);

/** «Faltan 2 miembros con derecho a voto para el quórum». */
export const missingWords = (n: number) =>
  n === 1 ? 'Falta 1 miembro con derecho a voto para el quórum' : `Faltan ${n} miembros con derecho a voto para el quórum`;

/** The deferral's reason as the page proposes it: who stepped aside and why, and that no suplente is left. */
export function deferralReason(ballot: Ballot): string {
  const aside = ballot.recusals.map((r) => r.reason.replace(/\.$/, '')).join('; ');
  const voters = ballot.voting.length;
  return (
    `Sin quórum para decidir este expediente${aside ? `: ${aside}` : ''}. ` +
    `${voters === 1 ? 'Votaría 1 miembro' : `Votarían ${voters} miembros`} y el quórum es de ${ballot.quorum}; no hay suplente disponible.`
  );
}

function ballotView(view: DecidingPageView, ballot: Ballot, state: SessionFormState) {
  const values = state.values ?? {};
  const errors = state.errors ?? {};
  const voting = new Set(ballot.voting.map((m) => m.userId));
  const recused = new Set(ballot.recusals.map((r) => r.userId));
  const automatic = new Set(ballot.recusals.filter((r) => r.kind === 'automatic').map((r) => r.userId));
  const titulares = ballot.voting.filter((m) => m.seat !== 'suplente').length;
  const carried = recusalValues(values).map(([name, value]) => ({ name, value }));
  const outlook = view.outlook!;
  return {
    recusals: ballot.recusals.map((r) => ({
      text: r.reason,
      kind: r.kind === 'automatic' ? 'se excusa por regla' : 'excusa voluntaria',
    })),
    voters: ballot.voting.map((m) => ({
      text: m.seat === 'suplente' ? `${m.name} (suplente, ocupa un lugar vacante)` : `${m.name} (${seatWord(m.seat)})`,
    })),
    waitingSuplentes: ballot.present
      .filter((m) => !voting.has(m.userId) && !recused.has(m.userId))
      .map((m) => `${m.name} (${seatWord(m.seat)})`),
    quorumText:
      ballot.missing === 0
        ? `Hay quórum: ${ballot.voting.length === 1 ? 'vota 1 miembro' : `votan ${members(ballot.voting.length)}`} y el quórum es de ${ballot.quorum}.`
        : `${missingWords(ballot.missing)}.`,
    quorumDetail: `Con los presentes y las excusas, ${ballot.voting.length === 1 ? 'vota 1 miembro' : `votan ${members(ballot.voting.length)}`} (${titulares} ${titulares === 1 ? 'titular' : 'titulares'}); el quórum es de ${ballot.quorum}.`,
    missing: ballot.missing,
    carried,
    callAction: decideAction(view.dossier.id, '/convocar'),
    suplentes: ballot.availableSuplentes.map((m) => ({ userId: m.userId, text: `Convocar a ${m.name} (suplente)` })),
    deferral: {
      action: decideAction(view.dossier.id, '/diferir'),
      reason: values.reason ?? deferralReason(ballot),
      error: errors.reason,
    },
    withoutVoluntary: ballot.recusals.some((r) => r.kind === 'voluntary') ? decideInSessionHref(view.dossier.id, view.session!.id) : null,
    form: {
      action: decideAction(view.dossier.id),
      votesError: errors.votes,
      voters: ballot.voting.map((m) => ({
        legend: `${m.name} (${seatWord(m.seat)})`,
        field: voteField(m.userId),
        value: values[voteField(m.userId)] ?? '',
        error: errors[voteField(m.userId)],
        reason: {
          name: voteReasonField(m.userId),
          label: `Motivo del voto de ${m.name}`,
          hint: 'Obligatorio si vota en contra: queda en el acta.',
          value: values[voteReasonField(m.userId)] ?? '',
          error: errors[voteReasonField(m.userId)],
          maxlength: 4000,
        },
      })),
      votes: Object.entries(VOTE_LABEL).map(([value, label]) => ({ value, label })),
      recusable: ballot.present
        .filter((m) => !automatic.has(m.userId))
        .map((m) => ({
          name: m.name,
          field: recusalField(m.userId),
          checked: values[recusalField(m.userId)] !== undefined,
          error: errors[recusalField(m.userId)],
          reason: {
            name: recusalReasonField(m.userId),
            label: `Motivo de la excusa de ${m.name}`,
            value: values[recusalReasonField(m.userId)] ?? '',
            error: errors[recusalReasonField(m.userId)],
            maxlength: 2000,
          },
        })),
      recusalsOpen: ballot.recusals.some((r) => r.kind === 'voluntary') || Object.keys(errors).some((k) => k.includes('excusa-')),
      outcome: values.proposedOutcome ?? '',
      outcomeError: errors.proposedOutcome,
      outcomes: DECISION_OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABEL[o], note: outlook.refusals[o] ?? null })),
      conditions: outlook.conditions.map((c) => `${c.criterionCode}: ${c.description} (plazo hasta el ${day(c.deadline)})`),
      improvementGoals: outlook.improvementGoals,
      sealLevel: {
        name: 'sealLevel',
        label: 'Nivel del sello',
        hint: ['Solo al aprobar.', ...Object.values(outlook.sealLevelRefusals).map((r) => `Al aprobar con condiciones: ${r}.`)].join(' '),
        placeholder: 'Elija…',
        options: outlook.sealLevels.map((l) => ({ value: l.code, label: l.name })),
        value: values.sealLevel,
        error: errors.sealLevel,
      },
      sanction:
        outlook.sanctions.choices.length === 0
          ? null
          : {
              name: 'sanctionCode',
              label: 'Sanción que se aplica',
              hint: `Del catálogo de sanciones de los criterios ${outlook.sanctions.criteriaVersion ?? ''}: obligatoria al aprobar con condiciones, optativa al denegar (solo una que queda registrada), ninguna al aprobar o diferir.`,
              placeholder: 'Ninguna',
              options: outlook.sanctions.choices.map((c) => ({ value: c.code, label: `${c.name} (${c.effectLabel})` })),
              value: values.sanctionCode,
              error: errors.sanctionCode,
            },
      rationale: values.rationale ?? '',
      rationaleError: errors.rationale,
    },
  };
}

export function renderDecidingPage(view: DecidingPageView, person: AppPerson, state: SessionFormState = {}, flash?: Flash): string {
  const { dossier, session, ballot } = view;
  const heading = `Decidir sobre el expediente de ${dossier.producer}`;
  return renderAppTemplate('commission-decide', {
    ...layoutData(heading, person),
    heading,
    lead: `${dossier.organization} · ciclo ${dossier.cycle}${dossier.recommendation ? ` · el comité recomienda: ${dossier.recommendation}` : ''}`,
    flash: problemFlash(state) ?? flash ?? null,
    ready: view.ready,
    dossierHref: commissionDossierHref(dossier.id),
    newSessionHref: `${NEW_SESSION_HREF}?expediente=${dossier.id}`,
    noSession: view.sessions.length === 0,
    sessionGone: view.sessionGone,
    chooser:
      view.sessions.length > 1
        ? {
            action: decideAction(dossier.id),
            select: {
              name: 'sesion',
              label: 'Sesión abierta',
              placeholder: session ? undefined : 'Elija…',
              options: view.sessions.map((s) => ({ value: s.id, label: sessionWords(s) })),
              value: session?.id,
              required: true,
            },
          }
        : null,
    session: session ? { id: session.id, text: sessionWords(session), href: sessionHref(session.id) } : null,
    ballot: ballot && view.outlook ? ballotView(view, ballot, state) : null,
  });
}
