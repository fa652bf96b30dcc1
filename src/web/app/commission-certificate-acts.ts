/**
 * The forms of the commission's acts on a certificate (suspend, reinstate, revoke) on its page: each
 * with its explanation, the session it needs and its own errors when it was sent and refused.
 */
import type { CertificateAct } from '../../domain/certificate-state.js';
import type { CertificatePage } from '../../modules/pages/certificate-pages-service.js';
import { certificateHref, NEW_SESSION_HREF, sessionName, sessionSelect, SESSIONS_HREF } from './commission-acts-words.js';
import type { Flash } from './components.js';
import type { SanctionChoice } from '../../modules/criteria/sanction-citation.js';

/** A form of the certificate page as sent, with its errors, to show again. */
export type CertificateFormState = {
  act: CertificateAct;
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string | undefined;
};

/** Where each act's form posts. */
export const ACT_PATH: Record<CertificateAct, string> = { suspend: 'suspender', reinstate: 'rehabilitar', revoke: 'revocar' };

/** The select of the sanctions an act may cite (null without a catalogue): name and what it does, in words. */
export function sanctionSelect(
  choices: readonly SanctionChoice[],
  id: string,
  state: { values: Record<string, string>; errors: Record<string, string> } | undefined,
) {
  if (choices.length === 0) return null;
  return {
    id,
    name: 'sancion',
    label: 'Sanción del catálogo que se aplica',
    hint: 'Del catálogo de sanciones de los criterios vigentes.',
    placeholder: 'Elija la sanción…',
    required: true,
    options: choices.map((c) => ({ value: c.code, label: `${c.name} (${c.effectLabel})` })),
    value: state?.values.sancion ?? (choices.length === 1 ? choices[0]!.code : undefined),
    error: state?.errors.sancion ?? state?.errors.sanctionCode,
  };
}

type ActForm = {
  kind: CertificateAct;
  id: string;
  title: string;
  explain: string;
  warning: string | null;
  action: string;
  flash: Flash | null;
  reason: { id: string; value: string; error: string | undefined };
  session: ReturnType<typeof sessionSelect> | null;
  sanction: ReturnType<typeof sanctionSelect>;
  blocked: { text: string; href: string; link: string } | null;
  confirm: {
    id: string;
    name: string;
    legend: string;
    options: { value: string; label: string }[];
    values: string[];
    error?: string;
  } | null;
  button: string;
  danger: boolean;
};

const ACT_TEXT: Record<CertificateAct, { title: string; explain: string; button: string }> = {
  suspend: {
    title: 'Suspender',
    explain:
      'La suspensión es reversible: el certificado deja de valer hasta que la comisión lo rehabilite o lo revoque. La sesión es opcional.',
    button: 'Suspender el certificado',
  },
  reinstate: {
    title: 'Rehabilitar',
    explain: 'Vuelve a estar vigente. Hace falta el acuerdo de una sesión abierta de la comisión a la que usted asistió.',
    button: 'Rehabilitar el certificado',
  },
  revoke: {
    title: 'Revocar',
    explain: 'Hace falta el acuerdo de una sesión abierta de la comisión a la que usted asistió.',
    button: 'Revocar el certificado',
  },
};

export function actForm(page: CertificatePage, kind: CertificateAct, state: CertificateFormState | undefined): ActForm {
  const mine = state?.act === kind ? state : undefined;
  const id = ACT_PATH[kind];
  const recordable = page.openSessions.filter((s) => s.recordable);
  const needsSession = kind !== 'suspend';
  const others = page.openSessions.filter((s) => !s.recordable).map(sessionName);
  const blocked =
    needsSession && recordable.length === 0
      ? others.length > 0
        ? {
            text: `Usted no figura como presente en la sesión abierta (${others.join('; ')}). Registre su asistencia en la sesión para ${ACT_TEXT[kind].title.toLowerCase()}.`,
            href: SESSIONS_HREF,
            link: 'Ir a las sesiones',
          }
        : {
            text: `No hay ninguna sesión abierta de la comisión: para ${ACT_TEXT[kind].title.toLowerCase()} el certificado hace falta el acuerdo de una sesión.`,
            href: NEW_SESSION_HREF,
            link: 'Abrir una sesión',
          }
      : null;
  return {
    kind,
    id,
    ...ACT_TEXT[kind],
    warning:
      kind === 'revoke'
        ? 'Esta acción es definitiva: un certificado revocado no se puede rehabilitar, salvo que la comisión acoja una apelación presentada en plazo.'
        : null,
    action: `${certificateHref(page.certificate.id)}/${id}`,
    flash: mine?.message
      ? { kind: 'error', text: mine.message }
      : mine && Object.keys(mine.errors).length > 0
        ? { kind: 'error', text: 'Revise los datos marcados: no se guardó nada.' }
        : null,
    reason: { id: `${id}-motivo`, value: mine?.values.motivo ?? '', error: mine?.errors.motivo },
    session:
      recordable.length > 0
        ? sessionSelect(recordable, {
            id: `${id}-sesion`,
            name: 'sesion',
            label: needsSession ? 'Sesión en que la comisión lo acordó' : 'Sesión en que la comisión lo acordó (opcional)',
            ...(needsSession
              ? { placeholder: 'Elija la sesión…', required: true }
              : { placeholder: 'Ninguna: se suspende ahora, sin sesión' }),
            value: mine?.values.sesion ?? (needsSession && recordable.length === 1 ? recordable[0]!.id : undefined),
            error: mine?.errors.sesion,
          })
        : null,
    sanction: sanctionSelect(page.sanctions?.[kind] ?? [], `${id}-sancion`, mine),
    blocked,
    confirm:
      kind === 'revoke'
        ? {
            id: 'revocar-confirmo',
            name: 'confirmo',
            legend: 'Confirmación',
            options: [{ value: 'si', label: 'Entiendo que la revocación es definitiva y no se puede deshacer' }],
            values: mine?.values.confirmo === 'si' ? ['si'] : [],
            ...(mine?.errors.confirmo ? { error: mine.errors.confirmo } : {}),
          }
        : null,
    button: ACT_TEXT[kind].button,
    danger: kind === 'revoke',
  };
}
