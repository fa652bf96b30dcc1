/**
 * The producer's or committee's appeal (GET /app/expedientes/:id/apelar): which decision or
 * suspension of the dossier is appealed, chosen by its words (resolution number and date, or the
 * certificate and the day it was suspended), and why. Acts with an appeal already waiting are
 * listed apart, not offered.
 */
import type { Lodging } from '../../modules/pages/appeal-pages-service.js';
import { layoutData, type AppPerson } from './app-layout.js';
import { renderAppTemplate } from './app-views.js';
import { decisionWords, numbered, suspensionWords } from './commission-acts-words.js';
import type { Flash } from './components.js';
import type { FormValues } from './dossier-forms.js';

export type AppealLodgingState = { values?: FormValues; errors?: Record<string, string>; message?: string | undefined };

/** The form's value for an act: `decision:<id>` or `suspension:<event number>`. */
export const decisionChoice = (id: string) => `decision:${id}`;
export const suspensionChoice = (seq: number) => `suspension:${seq}`;

export const appealFormHref = (dossierId: string) => `/app/expedientes/${dossierId}/apelar`;

export function renderAppealFormPage(lodging: Lodging, person: AppPerson, state: AppealLodgingState & { preselect?: 'suspension' } = {}) {
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
  const options = [...suspensions, ...decisions].filter((o) => !o.pending);
  const preselected =
    state.values?.acto ??
    (state.preselect === 'suspension' ? suspensions.find((s) => !s.pending)?.value : options.length === 1 ? options[0]!.value : undefined);
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
    pending: [...suspensions, ...decisions].filter((o) => o.pending).map((o) => o.label),
    errors,
    reason: state.values?.motivo ?? '',
    back: `/app/expedientes/${dossier.id}`,
  });
}
