/**
 * The commission's appeals (GET /app/comision/apelaciones): those waiting for a session, and those
 * decided; one appeal (…/:id): what is appealed and why, who took the appealed act and so may not
 * vote, and, in the open session chosen (`?sesion=`, a GET form), who votes and who stands aside
 * and why, before the vote form; once decided, the resolution with each vote.
 */
import { APPEAL_STATE_LABEL } from '../../domain/appeals.js';
import type { DescribedAppeal } from '../../modules/commission/appeal-repository.js';
import type { AppealPage } from '../../modules/pages/appeal-pages-service.js';
import { clip } from '../format.js';
import { layoutData, type AppPerson } from './app-layout.js';
import { renderAppTemplate } from './app-views.js';
import {
  CERTIFICATE_CHOICES,
  certificateEffectWords,
  NO_VOTE,
  PROPOSALS,
  VOTE_CHOICES,
  voteField,
  voteReasonField,
} from './appeal-vote-form.js';
import {
  appealHref,
  capitalize,
  certificateHref,
  COMMISSION_APPEALS_HREF,
  decisionWords,
  instantDay,
  NEW_SESSION_HREF,
  numbered,
  revocationWords,
  sessionName,
  sessionSelect,
  suspensionWords,
} from './commission-acts-words.js';
import { commissionDossierHref } from './commission-queue-page.js';
import { pagination, type CardTable, type Flash } from './components.js';
import type { FormValues } from './dossier-forms.js';

export type AppealListView = {
  filed: DescribedAppeal[];
  decided: { items: DescribedAppeal[]; total: number; page: number; pageSize: number };
};

export type AppealFormState = { values: FormValues; errors: Record<string, string>; message?: string | undefined };

export const APPEAL_DONE = { resuelta: 'Apelación resuelta y registrada en la sesión.' } as const;
export const appealDoneFlash = (done: string | undefined): Flash | undefined =>
  done === 'resuelta' ? { kind: 'success', text: APPEAL_DONE.resuelta } : undefined;

const VOTE_LABEL = { for: 'A favor', against: 'En contra', abstain: 'Abstención' } as const;
const REASON_MAX = 160;

/** What is appealed, in words. */
export function appealedWords(a: Pick<DescribedAppeal, 'decision' | 'suspension' | 'revocation'>): string {
  if (a.decision)
    return decisionWords({
      ...a.decision,
      number: numbered(a.decision),
      session: { ...a.decision.session, number: numbered(a.decision.session) },
    });
  if (a.suspension) return suspensionWords(a.suspension);
  if (a.revocation) return revocationWords(a.revocation);
  return 'Acto sin registrar';
}

/** «Aceptada el 2 de noviembre de 2026, Sesión N° 02/2026 del …». */
function resolutionWords(a: DescribedAppeal): string {
  const state = capitalize(APPEAL_STATE_LABEL[a.status]);
  const session = a.decidedIn ? `, ${sessionName({ number: numbered(a.decidedIn), heldOn: a.decidedIn.heldOn })}` : '';
  return a.decidedAt ? `${state} el ${instantDay(a.decidedAt)}${session}` : state;
}

function appealsTable(caption: string, items: DescribedAppeal[], decided: boolean): CardTable {
  return {
    caption,
    columns: [
      { key: 'producer', label: 'Quién apela' },
      { key: 'organization', label: 'Organización' },
      { key: 'what', label: 'Qué se apela' },
      { key: 'filed', label: 'Presentada' },
      decided ? { key: 'result', label: 'Resolución' } : { key: 'reason', label: 'Motivo' },
    ],
    rows: items.map((a) => ({
      href: appealHref(a.id),
      cells: {
        producer: a.producer,
        organization: a.organization,
        what: appealedWords(a),
        filed: instantDay(a.filedAt),
        reason: clip(a.reason, REASON_MAX),
        result: resolutionWords(a),
      },
    })),
  };
}

export function renderCommissionAppealsPage(view: AppealListView, person: AppPerson): string {
  const heading = 'Apelaciones';
  const { decided } = view;
  return renderAppTemplate('commission-appeals', {
    ...layoutData(heading, person),
    heading,
    lead: 'Las apelaciones contra decisiones y suspensiones. Las resuelve la comisión en sesión, sin quienes tomaron el acto apelado.',
    filed: appealsTable('Apelaciones que esperan la resolución de la comisión, las más antiguas primero', view.filed, false),
    decided: appealsTable('Apelaciones resueltas, las más recientes primero', decided.items, true),
    pagination: pagination(decided.page, decided.total, decided.pageSize, (n) =>
      n > 1 ? `${COMMISSION_APPEALS_HREF}?pagina=${n}` : COMMISSION_APPEALS_HREF,
    ),
  });
}

/** Each present member who may vote, with the choices and what was sent. */
function ballotMembers(page: AppealPage, state: AppealFormState | undefined) {
  if (!page.chosen) return [];
  const members = [
    ...page.chosen.ballot.voting.map((m) => ({ ...m, standby: false })),
    ...page.chosen.ballot.standby.map((m) => ({ ...m, standby: true })),
  ];
  return members.map((m) => {
    const field = voteField(m.userId);
    const chosen = state?.values[field] ?? (m.standby ? NO_VOTE.value : '');
    return {
      name: m.name,
      seat: m.seat === 'suplente' ? 'suplente' : null,
      field,
      id: `voto-${m.userId}`,
      choices: [...VOTE_CHOICES, ...(m.standby ? [NO_VOTE] : [])].map((c) => ({ ...c, checked: c.value === chosen })),
      reason: { name: voteReasonField(m.userId), id: `motivo-${m.userId}`, value: state?.values[voteReasonField(m.userId)] ?? '' },
      error: state?.errors[field],
    };
  });
}

export function renderCommissionAppealPage(
  page: AppealPage,
  person: AppPerson,
  state: { flash?: Flash | undefined; form?: AppealFormState } = {},
): string {
  const { appeal, chosen } = page;
  const certificateAct = appeal.suspension ?? appeal.revocation;
  const heading = `Apelación de ${appeal.producer}`;
  const form = state.form;
  const formMessage =
    form?.message ??
    (form && Object.keys(form.errors).length > 0 ? (form.errors.votos ?? 'Revise los datos marcados: no se guardó nada.') : null);
  const ballot = chosen?.ballot;
  return renderAppTemplate('commission-appeal', {
    ...layoutData(heading, person),
    heading,
    lead: `${appeal.organization} · ciclo ${appeal.cycle} · presentada el ${instantDay(appeal.filedAt)} por ${appeal.filedBy}`,
    flash: state.flash ?? (formMessage ? { kind: 'error', text: formMessage } : null),
    facts: [
      { label: 'Qué se apela', value: appealedWords(appeal) },
      ...(appeal.suspension?.reason ? [{ label: 'Motivo de la suspensión', value: appeal.suspension.reason }] : []),
      ...(appeal.revocation?.reason ? [{ label: 'Motivo de la revocación', value: appeal.revocation.reason }] : []),
      { label: 'Estado', value: capitalize(APPEAL_STATE_LABEL[appeal.status]) },
    ],
    reason: appeal.reason,
    links: [
      { href: commissionDossierHref(appeal.dossierId), text: 'Ver el expediente' },
      ...(certificateAct
        ? [{ href: certificateHref(certificateAct.certificateId), text: `Ver el certificado ${certificateAct.certificateCode}` }]
        : []),
    ],
    actTakers: page.actTakers.map((m) =>
      appeal.decision ? `${m.name}: votó la resolución apelada` : `${m.name}: ${appeal.revocation ? 'revocó' : 'suspendió'} el certificado`,
    ),
    filed: appeal.status === 'filed',
    noSession: appeal.status === 'filed' && page.openSessions.length === 0 ? { href: NEW_SESSION_HREF, text: 'Abrir una sesión' } : null,
    sessionPicker:
      appeal.status === 'filed' && page.openSessions.length > 0
        ? {
            action: appealHref(appeal.id),
            select: sessionSelect(page.openSessions, {
              name: 'sesion',
              id: 'elegir-sesion',
              label: 'Sesión en que se vota',
              placeholder: 'Elija la sesión…',
              value: chosen?.session.id,
            }),
          }
        : null,
    chosen: chosen
      ? {
          session: sessionName(chosen.session),
          excluded: chosen.ballot.excluded.map((e) => e.reason),
          voting: chosen.ballot.voting.map((m) => m.name),
          standby: chosen.ballot.standby.map((m) => m.name),
          noQuorum:
            ballot && ballot.missing > 0
              ? `Sin quórum para esta apelación: pueden votar ${ballot.voting.length} y se necesitan ${ballot.quorum}. Registre en la sesión la asistencia de otros miembros (un suplente) que no tomaron el acto apelado.`
              : null,
        }
      : null,
    vote:
      chosen && ballot && ballot.missing === 0
        ? {
            action: appealHref(appeal.id),
            sessionId: chosen.session.id,
            proposals: PROPOSALS.map((p) => ({ ...p, checked: form?.values.propuesta === p.value })),
            proposalError: form?.errors.propuesta,
            certificate: page.issued
              ? {
                  legend: `Si se acoge: qué pasa con el certificado ${page.issued.code}`,
                  choices: CERTIFICATE_CHOICES.map((c) => ({ ...c, checked: form?.values.certificado === c.value })),
                  error: form?.errors.certificado,
                }
              : null,
            members: ballotMembers(page, form),
            rationale: { value: form?.values.fundamento ?? '', error: form?.errors.fundamento },
          }
        : null,
    decided:
      appeal.status === 'filed'
        ? null
        : {
            result: resolutionWords(appeal),
            rationale: appeal.rationale ?? '',
            certificate: page.issued?.effect ? certificateEffectWords(page.issued.effect, page.issued.code) : null,
            votes: {
              caption: 'Votos de la comisión',
              columns: [
                { key: 'name', label: 'Miembro' },
                { key: 'vote', label: 'Voto' },
                { key: 'why', label: 'Fundamento' },
              ],
              rows: page.votes.votes.map((v) => ({ cells: { name: v.name, vote: VOTE_LABEL[v.vote], why: v.rationale ?? '' } })),
            } satisfies CardTable,
            recusals: page.votes.recusals.map((r) => (r.kind === 'voluntary' ? `${r.name} se excusó: ${r.reason}` : r.reason)),
          },
    listHref: COMMISSION_APPEALS_HREF,
  });
}
