/**
 * The commission's certificates (GET /app/comision/certificados): every certificate with its code,
 * holder, status today and validity, searched by code or name (a GET form), a page at a time; and
 * one certificate (…/:id) with its history in words, a link to what buyers see at /c/<code>, and
 * the forms to suspend, reinstate or revoke it, each re-rendered with its own errors.
 */
import { allowedCertificateEvents, CERTIFICATE_STATUS_LABEL, type CertificateAct } from '../../domain/certificate-state.js';
import { DEPARTMENTS, type Department } from '../../domain/bolivia.js';
import type { CertificateView } from '../../modules/certificates/certificate-schemas.js';
import type { CertificatePage } from '../../modules/pages/certificate-pages-service.js';
import { layoutData, type AppPerson } from './app-layout.js';
import { renderAppTemplate } from './app-views.js';
import {
  capitalize,
  certificateHref,
  COMMISSION_CERTIFICATES_HREF,
  day,
  instantDay,
  instantWhen,
  resolutionName,
  sessionName,
} from './commission-acts-words.js';
import { actForm, type CertificateFormState } from './commission-certificate-acts.js';
import { membersSection, type MemberFormState } from './commission-certificate-members.js';
import { pagination, type CardTable, type Flash } from './components.js';

export { ACT_PATH, type CertificateFormState } from './commission-certificate-acts.js';

export type CertificateListView = {
  list: { items: CertificateView[]; page: number; pageSize: number; total: number };
  q?: string | undefined;
};

/** What the page says after an act was done (`?hecho=`): fixed texts, never taken from the address. */
export const CERTIFICATE_DONE = {
  suspendido: 'Certificado suspendido. La verificación pública ya lo muestra SUSPENDIDO.',
  rehabilitado: 'Certificado rehabilitado. La verificación pública ya lo muestra VIGENTE.',
  revocado: 'Certificado revocado. La verificación pública ya lo muestra REVOCADO.',
  excluido: 'Unidad productiva excluida del grupo. La verificación pública ya la muestra excluida.',
} as const;
export type CertificateDone = keyof typeof CERTIFICATE_DONE;
export const CERTIFICATE_DONE_BY_ACT: Record<CertificateAct, CertificateDone> = {
  suspend: 'suspendido',
  reinstate: 'rehabilitado',
  revoke: 'revocado',
};
export const certificateDoneFlash = (done: string | undefined): Flash | undefined =>
  done && done in CERTIFICATE_DONE ? { kind: 'success', text: CERTIFICATE_DONE[done as CertificateDone] } : undefined;

const departmentName = (code: string) => DEPARTMENTS[code as Department] ?? code;
const publicHref = (c: Pick<CertificateView, 'verificationUrl'>) => new URL(c.verificationUrl).pathname;

export function certificatesHref(q: string | undefined, page = 1): string {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (page > 1) params.set('pagina', String(page));
  const query = params.toString();
  return query ? `${COMMISSION_CERTIFICATES_HREF}?${query}` : COMMISSION_CERTIFICATES_HREF;
}

/** «Certificación en grupo: 3 unidades productivas», counting those certified today. */
function groupWords(c: Pick<CertificateView, 'members'>): string {
  const n = c.members.filter((m) => m.status === 'active').length;
  return `Certificación en grupo: ${n === 1 ? '1 unidad productiva' : `${n} unidades productivas`}`;
}

const certificates = (n: number) => (n === 1 ? '1 certificado' : `${n} certificados`);

export function renderCommissionCertificatesPage({ list, q }: CertificateListView, person: AppPerson): string {
  const heading = 'Certificados';
  const table: CardTable = {
    caption: 'Certificados, los más recientes primero',
    columns: [
      { key: 'code', label: 'Código' },
      { key: 'producer', label: 'Unidad productiva' },
      { key: 'organization', label: 'Organización' },
      { key: 'status', label: 'Estado' },
      { key: 'until', label: 'Válido hasta' },
    ],
    rows: list.items.map((c) => ({
      href: certificateHref(c.id),
      cells: {
        code: c.code,
        producer: c.producer?.name ?? groupWords(c),
        organization: c.organization.name,
        status: CERTIFICATE_STATUS_LABEL[c.status],
        until: day(c.expiresOn),
      },
    })),
  };
  return renderAppTemplate('commission-certificates', {
    ...layoutData(heading, person),
    heading,
    lead: 'Todos los certificados emitidos, con su estado de hoy. Abra uno para suspenderlo, rehabilitarlo o revocarlo.',
    action: COMMISSION_CERTIFICATES_HREF,
    search: {
      name: 'q',
      label: 'Buscar',
      type: 'search',
      hint: 'Código del certificado o nombre de la unidad productiva o de la organización; no importan las tildes',
      value: q ?? '',
      maxlength: 100,
    },
    clearHref: q ? COMMISSION_CERTIFICATES_HREF : null,
    count: q ? `${certificates(list.total)} con «${q}».` : `${certificates(list.total)} en total.`,
    table,
    empty: q
      ? { text: `Ningún certificado coincide con «${q}».`, action: { href: COMMISSION_CERTIFICATES_HREF, text: 'Ver todos' } }
      : { text: 'Todavía no se emitió ningún certificado.' },
    pagination: pagination(list.page, list.total, list.pageSize, (n) => certificatesHref(q, n)),
  });
}

/** One event of the certificate in words: when, and what with who, why and in which session. */
function eventWords(page: CertificatePage, e: CertificateView['events'][number]): { when: string; what: string } {
  const session = e.sessionId && page.sessions[e.sessionId] ? sessionName(page.sessions[e.sessionId]!) : null;
  const who = page.recordedBy[e.seq];
  const by = [who ? ` por ${who}` : '', session ? `, por acuerdo de la ${session}` : ''].join('');
  const because = `${e.reason ? `. Motivo: ${e.reason}` : ''}${e.sanction ? `. Sanción: ${e.sanction.name}` : ''}`;
  const member = page.certificate.members.find((m) => m.producerId === e.producerId)?.name ?? 'un socio';
  const what = {
    issued: `Emitido por la ${resolutionName(page.resolution.number)}${page.resolution.session ? `, ${sessionName(page.resolution.session)}` : ''}`,
    suspended: e.automatic ? `Suspendido automáticamente. ${e.reason ?? ''}`.trim() : `Suspendido${by}${because}`,
    reinstated: e.automatic ? `Rehabilitado automáticamente. ${e.reason ?? ''}`.trim() : `Rehabilitado${by}${because}`,
    // The system's revocation words itself: «Revocado por el sistema: la suspensión del … superó el máximo …».
    revoked: e.automatic ? (e.reason ?? 'Revocado por el sistema') : `Revocado de forma definitiva${by}${because}`,
    expired: e.reason ?? 'Vencido',
    member_added: `Se incorporó al grupo ${member}, por la aprobación de su expediente`,
    member_excluded: `Se excluyó del grupo a ${member}${by}${because}`,
  }[e.event];
  return { when: instantWhen(e.at), what };
}

export function renderCommissionCertificatePage(
  page: CertificatePage,
  person: AppPerson,
  state: { flash?: Flash | undefined; form?: CertificateFormState; memberForm?: MemberFormState } = {},
): string {
  const c = page.certificate;
  const heading = `Certificado ${c.code}`;
  const acts = c.status === 'expired' ? [] : allowedCertificateEvents(page.stored);
  const statusLine = [
    `Estado: ${CERTIFICATE_STATUS_LABEL[c.status]} desde el ${instantDay(c.statusSince)}`,
    c.statusReason && c.status !== 'active' ? `Motivo: ${c.statusReason}` : '',
  ].filter(Boolean);
  return renderAppTemplate('commission-certificate', {
    ...layoutData(heading, person),
    heading,
    lead: c.producer ? `${c.producer.name} · ${c.organization.name}` : `${c.organization.name} · ${groupWords(c)}`,
    // A refusal of an act whose form is not shown (the status changed meanwhile) is said at the top.
    flash: state.flash ?? (state.form?.message && !acts.includes(state.form.act) ? { kind: 'error', text: state.form.message } : null),
    status: statusLine.join('. '),
    overdue: c.suspensionOverdue
      ? 'La suspensión pasó el plazo máximo que fija el esquema: la comisión debe rehabilitarlo o revocarlo.'
      : null,
    publicHref: publicHref(c),
    facts: [
      ...(c.producer ? [{ label: 'Unidad productiva', value: `${c.producer.name} (${c.producer.community})` }] : []),
      {
        label: 'Organización',
        value: `${c.organization.name} (${c.organization.municipality}, ${departmentName(c.organization.department)})`,
      },
      { label: 'Productos', value: c.products.join(', ') },
      { label: 'Nivel del sello', value: capitalize(c.sealLevel) },
      { label: 'Criterios', value: `${c.scheme} versión ${c.criteriaVersion}` },
      { label: 'Emitido', value: `El ${day(c.issuedOn)}, por la ${resolutionName(page.resolution.number)}` },
      { label: 'Válido hasta', value: day(c.expiresOn) },
    ],
    conditions: c.conditions.map(
      (k) =>
        `${k.description} (plazo: ${day(k.deadline)}; ${k.closedAt ? `cumplida el ${instantDay(k.closedAt)}` : k.overdue ? 'vencida' : 'pendiente'})`,
    ),
    history: {
      caption: 'Historial del certificado, del más antiguo al más reciente',
      columns: [
        { key: 'when', label: 'Cuándo' },
        { key: 'what', label: 'Qué' },
      ],
      rows: c.events.map((e) => ({ cells: eventWords(page, e) })),
    } satisfies CardTable,
    members: membersSection(page, state.memberForm),
    forms: acts.map((act) => actForm(page, act, state.form)),
    finalText:
      c.status === 'revoked'
        ? 'El certificado está revocado: la revocación es definitiva y no admite más cambios.'
        : c.status === 'expired'
          ? 'El certificado venció: ya no se puede suspender, rehabilitar ni revocar. La renovación es un nuevo ciclo.'
          : null,
    listHref: COMMISSION_CERTIFICATES_HREF,
  });
}
