/**
 * The producer's or committee's appeal (GET /app/expedientes/:id/apelar): which decision,
 * suspension or revocation of the dossier is appealed, chosen by its words (resolution number and
 * date, or the certificate and the day it was suspended or revoked), and why. Acts with an appeal
 * already waiting, and revocations whose appeal deadline has passed, are listed apart, not offered.
 */
import type { Lodging } from '../../modules/pages/appeal-pages-service.js';
import { layoutData, type AppPerson } from './app-layout.js';
import { renderAppTemplate } from './app-views.js';
import { dayInWords } from '../../domain/text.js';
import { decisionWords, numbered, revocationWords, suspensionWords } from './commission-acts-words.js';
import type { Flash } from './components.js';
import type { FormValues } from './dossier-forms.js';

export type AppealLodgingState = { values?: FormValues; errors?: Record<string, string>; message?: string | undefined };

/** The form's value for an act: `decision:<id>`, `suspension:<event number>` or `revocation:<event number>`. */
export const decisionChoice = (id: string) => `decision:${id}`;
export const suspensionChoice = (seq: number) => `suspension:${seq}`;
export const revocationChoice = (seq: number) => `revocation:${seq}`;

export const appealFormHref = (dossierId: string) => `/app/expedientes/${dossierId}/apelar`;

export function renderAppealFormPage(
  lodging: Lodging,
  person: AppPerson,
  state: AppealLodgingState & { preselect?: 'suspension' | 'revocation' } = {},
) {
  const { dossier, appealable } = lodging;
  const decisions = appealable.decisions.map((d) => ({
    value: decisionChoice(d.id),
    label: decisionWords({ ...d, number: numbered(d), session: { ...d.session, number: numbered(d.session) } }),
    pending: d.pending,
  }));
  const suspensions = appealable.suspensions.map((s) => ({
    value: suspensionChoice(s.seq),
    label: `${suspensionWords(s)}${s.reason ? `. Motivo: ${s.reason}` : ''}`,
    pending: s.pending,
  }));
  const revocations = appealable.revocations.map((r) => ({
    value: revocationChoice(r.seq),
    label: `${revocationWords(r)}${r.reason ? `. Motivo: ${r.reason}` : ''}`,
    deadline: r.late
      ? `el plazo para apelarla venció el ${dayInWords(r.lastDay)}`
      : `se puede apelar hasta el ${dayInWords(r.lastDay)}, inclusive`,
    pending: r.pending,
    late: r.late,
  }));
  const options = [
    ...revocations
      .filter((r) => !r.late)
      .map(({ value, label, deadline, pending }) => ({ value, label: `${label} (${deadline})`, pending })),
    ...suspensions,
    ...decisions,
  ].filter((o) => !o.pending);
  const preselectable: Record<'suspension' | 'revocation', { value: string; pending: boolean }[]> = {
    suspension: suspensions,
    revocation: revocations.filter((r) => !r.late),
  };
  const preselected =
    state.values?.acto ??
    (state.preselect
      ? preselectable[state.preselect].find((s) => !s.pending)?.value
      : options.length === 1
        ? options[0]!.value
        : undefined);
  const errors = state.errors ?? {};
  const flash: Flash | null = state.message
    ? { kind: 'error', text: state.message }
    : Object.keys(errors).length > 0
      ? { kind: 'error', text: 'Revise los datos marcados: no se presentó la apelación.' }
      : null;
  const heading = 'Apelar';
  return renderAppTemplate('appeal-form', {
    ...layoutData(heading, person),
    heading,
    lead: `Expediente de ${dossier.producer}, ciclo ${dossier.cycle}. La comisión resolverá la apelación en una sesión, sin quienes tomaron el acto apelado.`,
    flash,
    options: options.map((o) => ({ ...o, checked: o.value === preselected })),
    pending: [...revocations, ...suspensions, ...decisions].filter((o) => o.pending).map((o) => o.label),
    lapsed: revocations.filter((r) => r.late && !r.pending).map((r) => `${r.label}: ${r.deadline}`),
    errors,
    reason: state.values?.motivo ?? '',
    back: `/app/expedientes/${dossier.id}`,
  });
}
