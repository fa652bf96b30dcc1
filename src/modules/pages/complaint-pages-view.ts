/**
 * The commission's complaint pages as view models: the list (/app/comision/denuncias) and one complaint
 * with everything about it (the contact, the photo, the steps, the visit, the outcome) and the forms that
 * work on it (assign, inquiry notes, tie to a certificate, unannounced visit, close). No ids on screen.
 */
import { COMPLAINT_OUTCOME_LABEL, COMPLAINT_OUTCOMES, COMPLAINT_STATUSES, type ComplaintStepKind } from '../../domain/complaints.js';
import type { Sanction } from '../../domain/criteria-schema.js';
import { SANCTION_EFFECT_LABEL } from '../../domain/sanctions.js';
import { dayInWords } from '../../domain/text.js';
import { MEMBER_KIND_LABEL, MEMBER_KINDS } from '../../domain/visit-team.js';
import { layoutData, pagination, type AppPerson, type CardTable, type Flash, type FormValues } from '../../web/app/app-pages.js';
import { renderAppTemplate } from '../../web/app/app-views.js';
import { laPazDate } from '../../domain/certificate-state.js';
import type { Complaint, ComplaintPage } from '../complaints/complaint-handling-schemas.js';

export const COMPLAINTS_HREF = '/app/comision/denuncias';
export const complaintHref = (id: string) => `${COMPLAINTS_HREF}/${id}`;

/** The forms of a complaint's page, by the last part of the address they post to. */
export const COMPLAINT_FORMS = ['asignar', 'investigacion', 'vincular', 'visita', 'cerrar'] as const;
export type ComplaintForm = (typeof COMPLAINT_FORMS)[number];

export const COMPLAINT_DONE: Record<ComplaintForm, string> = {
  asignar: 'Denuncia asignada.',
  investigacion: 'Notas de la investigación registradas.',
  vincular: 'Denuncia vinculada al certificado.',
  visita: 'Visita sin aviso planificada.',
  cerrar: 'Denuncia cerrada: quien denunció verá el resultado y el resumen público.',
};

const STATUS_FILTER_LABEL = { received: 'Sin asignar', in_inquiry: 'En investigación', closed: 'Cerradas' } as const;
const STEP_LABEL: Record<ComplaintStepKind, string> = {
  assigned: 'Asignada',
  inquiry: 'Investigación',
  visit_ordered: 'Visita sin aviso ordenada',
  closed: 'Cerrada',
};
const VISIT_STATUS_LABEL: Record<string, string> = { planned: 'planificada', submitted: 'registrada', cancelled: 'cancelada' };

const when = (iso: string) => dayInWords(laPazDate(new Date(iso)));
const short = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function renderComplaintsPage(page: ComplaintPage, status: string | undefined, openCount: number, person: AppPerson): string {
  const heading = 'Denuncias';
  const table: CardTable = {
    caption: 'Denuncias, la más reciente primero',
    columns: [
      { key: 'number', label: 'Número' },
      { key: 'what', label: 'Lo denunciado' },
      { key: 'about', label: 'Sobre' },
      { key: 'state', label: 'Estado' },
      { key: 'assignee', label: 'A cargo' },
      { key: 'filed', label: 'Presentada' },
    ],
    rows: page.items.map((c) => ({
      href: complaintHref(c.id),
      cells: {
        number: c.trackingNumber,
        what: short(c.what),
        about: c.organization?.name ?? c.subjectLabel,
        state: c.statusLabel,
        assignee: c.assignee?.name ?? 'Nadie todavía',
        filed: when(c.createdAt),
      },
    })),
  };
  const href = (n: number) => {
    const q = new URLSearchParams({ ...(status ? { estado: status } : {}), ...(n > 1 ? { pagina: String(n) } : {}) }).toString();
    return q ? `${COMPLAINTS_HREF}?${q}` : COMPLAINTS_HREF;
  };
  return renderAppTemplate('complaint-list', {
    ...layoutData(heading, person),
    heading,
    lead: 'Lo que el público denuncia sobre organizaciones certificadas o el uso del sello. La comisión asigna cada una, investiga y la cierra con un resumen público.',
    count: openCount === 1 ? '1 denuncia abierta.' : `${openCount} denuncias abiertas.`,
    filter: {
      name: 'estado',
      label: 'Estado',
      placeholder: 'Todas',
      options: COMPLAINT_STATUSES.map((s) => ({ value: s, label: STATUS_FILTER_LABEL[s] })),
      value: status,
    },
    table,
    empty: { text: status ? 'No hay denuncias en este estado.' : 'Todavía no llegó ninguna denuncia.' },
    pagination: pagination(page.page, page.total, page.pageSize, href),
  });
}

export type ComplaintPageView = {
  complaint: Complaint;
  members: { id: string; name: string }[];
  persons: { id: string; name: string; organization: string }[];
  units: { producerId: string; name: string }[];
  catalogue: { version: string | null; sanctions: Sanction[] };
  today: string;
};

export type ComplaintFormState = {
  form?: ComplaintForm;
  values?: FormValues;
  errors?: Record<string, string>;
  message?: string;
  done?: ComplaintForm;
};

export const teamField = (personId: string) => `equipo-${personId}`;

export function renderComplaintPage(view: ComplaintPageView, person: AppPerson, state: ComplaintFormState = {}): string {
  const c = view.complaint;
  const heading = `Denuncia ${c.trackingNumber}`;
  const values = state.values ?? {};
  const errorsOf = (form: ComplaintForm) => (state.form === form ? (state.errors ?? {}) : {});
  const messageOf = (form: ComplaintForm) => (state.form === form ? (state.message ?? null) : null);
  const flash: Flash | null = state.done
    ? { kind: 'success', text: COMPLAINT_DONE[state.done] }
    : state.form
      ? { kind: 'error', text: state.message ?? 'Revise los datos marcados.' }
      : null;
  const open = c.status !== 'closed';
  const inquiring = c.status === 'in_inquiry';
  const facts = [
    { label: 'Sobre', value: c.subjectLabel },
    { label: 'Dónde', value: c.place ?? 'No lo dijo' },
    { label: 'Cuándo', value: c.happenedOn ? dayInWords(c.happenedOn) : 'No lo dijo' },
    { label: 'Código que dio', value: c.codeGiven ?? 'Ninguno' },
    { label: 'Organización', value: c.organization?.name ?? 'Sin identificar' },
    { label: 'Certificado', value: c.certificate ? `${c.certificate.code} · ${c.certificate.holder}` : 'Sin vincular' },
    {
      label: 'Contacto de quien denunció',
      value: c.contact ?? (c.contactGiven ? 'Lo dejó; solo lo ve la comisión' : 'No dejó contacto (denuncia anónima)'),
    },
    { label: 'Presentada', value: when(c.createdAt) },
    { label: 'A cargo', value: c.assignee?.name ?? 'Nadie todavía' },
  ];
  return renderAppTemplate('complaint', {
    ...layoutData(heading, person),
    heading,
    lead: c.statusLabel,
    flash,
    what: c.what,
    facts,
    photo: c.photo ? { src: c.photo.url } : null,
    steps: c.steps.map((s) => ({ title: `${STEP_LABEL[s.kind]} · ${s.by} · ${when(s.at)}`, notes: s.notes })),
    visit: c.visit
      ? `Visita sin aviso para el ${dayInWords(c.visit.plannedOn)}: ${VISIT_STATUS_LABEL[c.visit.status] ?? c.visit.status}.`
      : null,
    outcome: c.outcome
      ? {
          facts: [
            { label: 'Resultado', value: COMPLAINT_OUTCOME_LABEL[c.outcome] },
            {
              label: 'Sanción',
              value: c.sanction ? `${c.sanction.name} (${c.sanction.effectLabel}; criterios ${c.sanction.criteriaVersion})` : 'Ninguna',
            },
            { label: 'Cerrada', value: c.closedAt ? `${when(c.closedAt)}${c.closedBy ? ` por ${c.closedBy}` : ''}` : '' },
          ],
          summary: c.publicSummary,
        }
      : null,
    assign: open
      ? {
          message: messageOf('asignar'),
          select: {
            name: 'userId',
            label: c.assignee ? 'Reasignar a' : 'Asignar a',
            placeholder: 'Elija un miembro de la comisión',
            options: view.members.map((m) => ({ value: m.id, label: m.name })),
            value: state.form === 'asignar' ? values.userId : (c.assignee?.id ?? undefined),
            error: errorsOf('asignar').userId,
            required: true,
          },
        }
      : null,
    inquiry: inquiring
      ? { notes: state.form === 'investigacion' ? (values.notes ?? '') : '', error: errorsOf('investigacion').notes }
      : null,
    link:
      open && !c.certificate
        ? {
            field: {
              name: 'certificateCode',
              label: 'Código del certificado',
              hint: 'El código impreso en el certificado o en la etiqueta, si la comisión identificó a quién se refiere.',
              value: state.form === 'vincular' ? (values.certificateCode ?? '') : '',
              error: errorsOf('vincular').certificateCode,
              autocapitalize: 'characters',
              maxlength: 40,
            },
          }
        : null,
    visit_form:
      inquiring && c.certificate
        ? {
            message: messageOf('visita'),
            date: {
              name: 'plannedOn',
              label: 'Fecha de la visita',
              type: 'date',
              min: view.today,
              value: state.form === 'visita' ? (values.plannedOn ?? '') : '',
              error: errorsOf('visita').plannedOn,
              required: true,
            },
            unit:
              view.units.length > 0
                ? {
                    name: 'producerId',
                    label: 'Unidad a visitar',
                    placeholder: 'La organización (su expediente de grupo)',
                    options: view.units.map((u) => ({ value: u.producerId, label: u.name })),
                    value: state.form === 'visita' ? values.producerId : undefined,
                    error: errorsOf('visita').producerId,
                  }
                : null,
            people: view.persons.map((p) => ({
              name: `${p.name} · ${p.organization}`,
              field: teamField(p.id),
              value: state.form === 'visita' ? (values[teamField(p.id)] ?? '') : '',
            })),
            teamError: errorsOf('visita').team ?? null,
            kinds: [{ value: '', label: 'No va' }, ...MEMBER_KINDS.map((k) => ({ value: k, label: MEMBER_KIND_LABEL[k] }))],
          }
        : null,
    close: inquiring
      ? {
          outcome: {
            name: 'outcome',
            label: 'Resultado',
            placeholder: 'Elija el resultado',
            options: COMPLAINT_OUTCOMES.map((o) => ({ value: o, label: COMPLAINT_OUTCOME_LABEL[o] })),
            value: state.form === 'cerrar' ? values.outcome : undefined,
            error: errorsOf('cerrar').outcome,
            required: true,
          },
          summary: state.form === 'cerrar' ? (values.publicSummary ?? '') : '',
          summaryError: errorsOf('cerrar').publicSummary,
          sanction:
            view.catalogue.sanctions.length > 0
              ? {
                  name: 'sanctionCode',
                  label: 'Sanción aplicada',
                  hint: `Del catálogo de los criterios ${view.catalogue.version ?? ''} vigentes. Obligatoria si la denuncia es fundada; ninguna si no lo es. Una suspensión, exclusión o revocación se registra antes en la página del certificado.`,
                  placeholder: 'Sin sanción',
                  options: view.catalogue.sanctions.map((s) => ({
                    value: s.code,
                    label: `${s.name.es} (${SANCTION_EFFECT_LABEL[s.effect]})`,
                  })),
                  value: state.form === 'cerrar' ? values.sanctionCode : undefined,
                  error: errorsOf('cerrar').sanctionCode,
                }
              : null,
        }
      : null,
    self: complaintHref(c.id),
    back: COMPLAINTS_HREF,
  });
}
