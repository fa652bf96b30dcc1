/**
 * The members of a group certificate on the commission's certificate page: each unit with its own
 * status in words, and for each certified one a form to exclude it from the group (a session of the
 * commission and a reason), re-rendered with its own errors when it was sent and refused.
 */
import { sanctionSelect } from './commission-certificate-acts.js';
import type { CertificatePage } from '../../modules/pages/certificate-pages-service.js';
import { certificateHref, instantDay, NEW_SESSION_HREF, sessionName, sessionSelect, SESSIONS_HREF } from './commission-acts-words.js';
import type { Flash } from './components.js';

/** The exclusion form of one member as sent, with its errors, to show again. */
export type MemberFormState = {
  producerId: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string | undefined;
};

/** Where the exclusion form of a member posts. */
export const memberExclusionHref = (certificateId: string, producerId: string) =>
  `${certificateHref(certificateId)}/socios/${producerId}/excluir`;

type Member = CertificatePage['certificate']['members'][number];

const units = (n: number) => (n === 1 ? '1 unidad productiva certificada' : `${n} unidades productivas certificadas`);

function statusText(m: Member): string {
  if (m.status === 'active') return `Certificada desde el ${instantDay(m.since)}`;
  return `Excluida desde el ${instantDay(m.since)}${m.reason ? `. Motivo: ${m.reason}` : ''}`;
}

/** Why no exclusion can be recorded now, when the person has no open session to record it in. */
function blockedBy(page: CertificatePage): { text: string; href: string; link: string } | null {
  if (page.openSessions.some((s) => s.recordable)) return null;
  const others = page.openSessions.filter((s) => !s.recordable).map(sessionName);
  return others.length > 0
    ? {
        text: `Usted no figura como presente en la sesión abierta (${others.join('; ')}). Registre su asistencia en la sesión para excluir a un socio.`,
        href: SESSIONS_HREF,
        link: 'Ir a las sesiones',
      }
    : {
        text: 'No hay ninguna sesión abierta de la comisión: para excluir a un socio del grupo hace falta el acuerdo de una sesión.',
        href: NEW_SESSION_HREF,
        link: 'Abrir una sesión',
      };
}

function exclusionForm(page: CertificatePage, m: Member, index: number, state: MemberFormState | undefined) {
  const mine = state?.producerId === m.producerId ? state : undefined;
  const recordable = page.openSessions.filter((s) => s.recordable);
  const id = `socio-${index + 1}`;
  return {
    action: memberExclusionHref(page.certificate.id, m.producerId),
    // A form sent back with errors stays open, so that its errors are seen.
    open: mine !== undefined,
    flash: mine?.message
      ? ({ kind: 'error', text: mine.message } satisfies Flash)
      : mine && Object.keys(mine.errors).length > 0
        ? ({ kind: 'error', text: 'Revise los datos marcados: no se guardó nada.' } satisfies Flash)
        : null,
    reason: { id: `${id}-motivo`, value: mine?.values.motivo ?? '', error: mine?.errors.motivo },
    session: sessionSelect(recordable, {
      id: `${id}-sesion`,
      name: 'sesion',
      label: 'Sesión en que la comisión lo acordó',
      placeholder: 'Elija la sesión…',
      required: true,
      value: mine?.values.sesion ?? (recordable.length === 1 ? recordable[0]!.id : undefined),
      error: mine?.errors.sesion,
    }),
    sanction: sanctionSelect(page.sanctions?.exclude ?? [], `${id}-sancion`, mine),
    button: `Excluir a ${m.name} del grupo`,
  };
}

/** The members section of a group certificate's page; null for a unit's certificate. */
export function membersSection(page: CertificatePage, state: MemberFormState | undefined) {
  const c = page.certificate;
  if (c.scope !== 'group') return null;
  // A revoked or expired certificate admits no more acts, exclusions included.
  const acts = c.status !== 'revoked' && c.status !== 'expired';
  const blocked = acts ? blockedBy(page) : null;
  const active = c.members.filter((m) => m.status === 'active').length;
  const excluded = c.members.length - active;
  return {
    count: `${units(active)}${excluded > 0 ? `; ${excluded === 1 ? '1 excluida' : `${excluded} excluidas`}` : ''}.`,
    explain:
      'Cada unidad productiva tiene su propio estado. Excluir a una es definitivo en este certificado y se ve de inmediato en la verificación pública; el certificado del grupo sigue con su estado.',
    // A refusal of a member no longer certified (excluded meanwhile) is said above the list.
    flash:
      state?.message && !c.members.some((m) => m.producerId === state.producerId && m.status === 'active')
        ? ({ kind: 'error', text: state.message } satisfies Flash)
        : null,
    blocked,
    empty: c.members.length === 0 ? 'Ninguna unidad productiva figura todavía en este certificado.' : null,
    items: c.members.map((m, i) => ({
      id: `socio-${i + 1}`,
      name: m.name,
      place: `${m.community}, ${m.municipality}`,
      // What buyers see of it: its name only with consent.
      publicName: m.publicNameConsent
        ? 'En la verificación pública figura con su nombre.'
        : `En la verificación pública figura como «Unidad productiva de ${m.community}».`,
      status: m.status,
      statusText: statusText(m),
      form: acts && blocked === null && m.status === 'active' ? exclusionForm(page, m, i, state) : null,
    })),
  };
}
