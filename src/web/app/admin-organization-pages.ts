/**
 * The administration's organisation pages: the list with their committees
 * (GET /app/admin/organizaciones), registering one (/app/admin/organizaciones/nueva), and an
 * organisation's page with its committees and the form to create one (/app/admin/organizaciones/:id).
 */
import { DEPARTMENTS, type Department } from '../../domain/bolivia.js';
import { ORGANIZATION_KIND_NAME, ORGANIZATION_KINDS, type OrganizationKind } from '../../domain/registry.js';
import { formatBoliviaDay } from '../format.js';
import { layoutData, type AppPerson } from './app-layout.js';
import { renderAppTemplate } from './app-views.js';
import { pagination, type CardTable, type Flash } from './components.js';
import { listHref, type ListPage } from './producer-pages.js';
import { formChecked, formText, rawForm } from './registry-form-values.js';

export const ORGANIZATIONS_HREF = '/app/admin/organizaciones';
export const NEW_ORGANIZATION_HREF = '/app/admin/organizaciones/nueva';
export const organizationHref = (id: string) => `${ORGANIZATIONS_HREF}/${id}`;

type Organization = {
  id: string;
  name: string;
  kind: OrganizationKind;
  department: string;
  municipality: string;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  contactPublic: boolean;
  createdAt: string;
};

/** The contact for buyers as the organisation's page says it, and whether it is published. */
function contactText(o: Organization): string {
  const parts = [o.contactName, o.contactPhone, o.contactEmail].filter((p): p is string => p !== null);
  if (parts.length === 0) return 'Sin contacto registrado';
  return `${parts.join(' · ')} (${o.contactPublic ? 'publicado para compradores' : 'no se publica'})`;
}

const departmentName = (code: string) => DEPARTMENTS[code as Department] ?? code;

export function renderOrganizationListPage(view: { list: ListPage<Organization & { committees: string[] }> }, person: AppPerson): string {
  const { list } = view;
  const table: CardTable = {
    caption: 'Organizaciones',
    columns: [
      { key: 'name', label: 'Nombre' },
      { key: 'kind', label: 'Tipo' },
      { key: 'department', label: 'Departamento' },
      { key: 'municipality', label: 'Municipio' },
      { key: 'committees', label: 'Comités' },
    ],
    rows: list.items.map((o) => ({
      href: organizationHref(o.id),
      cells: {
        name: o.name,
        kind: ORGANIZATION_KIND_NAME[o.kind],
        department: departmentName(o.department),
        municipality: o.municipality,
        committees: o.committees.length > 0 ? o.committees.join(', ') : 'Ninguno todavía',
      },
    })),
  };
  return renderAppTemplate('admin-list', {
    ...layoutData('Organizaciones y comités', person),
    heading: 'Organizaciones y comités',
    lead: 'Las organizaciones del sello y sus comités locales de garantía.',
    flash: null,
    actions: [{ href: NEW_ORGANIZATION_HREF, text: 'Registrar una organización' }],
    search: null,
    count: list.total === 1 ? '1 organización.' : `${list.total} organizaciones.`,
    sections: [{ id: 'organizaciones', title: null, lead: null, table, empty: 'Todavía no hay organizaciones registradas.' }],
    pagination: pagination(list.page, list.total, list.pageSize, (n) => listHref(ORGANIZATIONS_HREF, undefined, n)),
    back: [{ href: '/app', text: 'Volver al inicio' }],
  });
}

export type RegistryFormState = { values?: Record<string, unknown>; errors?: Record<string, string>; message?: string | undefined };

const problemFlash = (state: RegistryFormState): Flash | null =>
  state.message
    ? { kind: 'error', text: state.message }
    : state.errors && Object.keys(state.errors).length > 0
      ? { kind: 'error', text: 'Revise los datos marcados: no se guardó nada.' }
      : null;

export const editOrganizationHref = (id: string) => `${organizationHref(id)}/editar`;

/**
 * The organisation's form: empty to register one, or filled with `editing` (an organisation, or what was
 * typed after an error) to change its data and its contact for buyers.
 */
export function renderOrganizationFormPage(person: AppPerson, state: RegistryFormState = {}, editing?: Organization): string {
  const values = rawForm(state.values ?? editing);
  const errors = state.errors ?? {};
  const heading = editing ? `Modificar «${editing.name}»` : 'Registrar una organización';
  return renderAppTemplate('admin-organization-form', {
    ...layoutData(heading, person),
    heading,
    lead: editing
      ? 'Sus datos y el contacto para compradores. Los cambios quedan en el historial.'
      : 'Una asociación, cooperativa, OECA, grupo artesanal o empresa de economía solidaria que pide el sello.',
    flash: problemFlash(state),
    action: editing ? editOrganizationHref(editing.id) : NEW_ORGANIZATION_HREF,
    submit: editing ? 'Guardar los cambios' : 'Registrar',
    back: editing
      ? { href: organizationHref(editing.id), text: 'Volver a la organización' }
      : { href: ORGANIZATIONS_HREF, text: 'Volver a las organizaciones' },
    name: {
      name: 'name',
      label: 'Nombre de la organización',
      value: formText(values.name),
      error: errors.name,
      required: true,
      maxlength: 200,
      autocapitalize: 'words',
    },
    kind: {
      name: 'kind',
      label: 'Tipo de organización',
      options: ORGANIZATION_KINDS.map((k) => ({ value: k, label: ORGANIZATION_KIND_NAME[k] })),
      value: formText(values.kind),
      placeholder: 'Elija el tipo',
      error: errors.kind,
      required: true,
    },
    department: {
      name: 'department',
      label: 'Departamento',
      options: Object.entries(DEPARTMENTS).map(([value, label]) => ({ value, label })),
      value: formText(values.department),
      placeholder: 'Elija el departamento',
      error: errors.department,
      required: true,
    },
    municipality: {
      name: 'municipality',
      label: 'Municipio',
      value: formText(values.municipality),
      error: errors.municipality,
      required: true,
      maxlength: 200,
      autocapitalize: 'words',
    },
    contactName: {
      name: 'contactName',
      label: 'Persona de contacto',
      value: formText(values.contactName),
      error: errors.contactName,
      maxlength: 120,
      autocomplete: 'off',
      autocapitalize: 'words',
      hint: 'Quién atiende a compradores, por ejemplo a un municipio que compra para la alimentación escolar',
    },
    contactPhone: {
      name: 'contactPhone',
      label: 'Teléfono',
      type: 'tel',
      value: formText(values.contactPhone),
      error: errors.contactPhone,
      maxlength: 40,
      autocomplete: 'off',
      inputmode: 'tel',
    },
    contactEmail: {
      name: 'contactEmail',
      label: 'Correo',
      type: 'email',
      value: formText(values.contactEmail),
      error: errors.contactEmail,
      maxlength: 200,
      autocomplete: 'off',
      inputmode: 'email',
    },
    contactPublic: {
      name: 'contactPublic',
      legend: 'Publicación del contacto',
      options: [{ value: 'si', label: 'La organización acepta publicar este contacto para compradores' }],
      values: formChecked(values.contactPublic) ? ['si'] : [],
      error: errors.contactPublic,
      hint: 'Se muestra en la página pública de proveedores solo si la organización lo aceptó',
    },
  });
}

const DONE: Record<string, (name: string) => string> = {
  registrada: (name) => `Listo: se registró «${name}». Ahora puede crear su comité local y sus cuentas.`,
  comite: () => 'Listo: se creó el comité.',
  guardada: (name) => `Listo: se guardaron los cambios de «${name}».`,
};

export function renderOrganizationPage(
  organization: Organization & { committees: { name: string; createdAt: string }[] },
  person: AppPerson,
  state: RegistryFormState & { done?: string | undefined } = {},
): string {
  const values = rawForm(state.values);
  const done = state.done ? DONE[state.done] : undefined;
  const href = organizationHref(organization.id);
  return renderAppTemplate('admin-organization', {
    ...layoutData(organization.name, person),
    heading: organization.name,
    lead: `${ORGANIZATION_KIND_NAME[organization.kind]} de ${organization.municipality}, ${departmentName(organization.department)}.`,
    flash: problemFlash(state) ?? (done ? { kind: 'success', text: done(organization.name) } : null),
    facts: [
      { label: 'Tipo', value: ORGANIZATION_KIND_NAME[organization.kind] },
      { label: 'Departamento', value: departmentName(organization.department) },
      { label: 'Municipio', value: organization.municipality },
      { label: 'Contacto para compradores', value: contactText(organization) },
      { label: 'Registrada el', value: formatBoliviaDay(organization.createdAt, 'es') },
    ],
    committees: organization.committees.map((c) => ({ name: c.name, since: `desde el ${formatBoliviaDay(c.createdAt, 'es')}` })),
    committeeAction: `${href}/comites`,
    committeeName: {
      name: 'name',
      label: 'Nombre del comité',
      value: formText(values.name),
      error: state.errors?.name,
      required: true,
      maxlength: 200,
      autocapitalize: 'sentences',
      hint: 'Por ejemplo: Comité local de garantía de Caranavi',
    },
    links: [
      { href: editOrganizationHref(organization.id), text: 'Modificar sus datos y el contacto para compradores' },
      { href: `/app/admin/cuentas/nueva?organizacion=${organization.id}`, text: 'Crear una cuenta en esta organización' },
      { href: ORGANIZATIONS_HREF, text: 'Volver a las organizaciones' },
    ],
  });
}
