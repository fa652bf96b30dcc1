/**
 * The committee's producer pages: the list with search and pages (GET /app/productores) and the
 * form to register or edit a producer unit (/app/productores/nuevo, /app/productores/:id).
 */
import { DEPARTMENTS } from '../../domain/bolivia.js';
import type { Producer } from '../../modules/registry/registry-schemas.js';
import { layoutData, type AppPerson } from './app-layout.js';
import { renderAppTemplate } from './app-views.js';
import { pagination, type CardTable, type Flash } from './components.js';
import { doneFlash, formChecked, formList, formText, rawForm } from './registry-form-values.js';

type Choice = { value: string; label: string };
type Sector = { code: string; name: string };
export type ListPage<T> = { items: T[]; page: number; pageSize: number; total: number };

export const producerHref = (id: string) => `/app/productores/${id}`;

/** The list's address for a search and a page. */
export function listHref(base: string, q: string | undefined, page: number): string {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (page > 1) params.set('pagina', String(page));
  const query = params.toString();
  return query ? `${base}?${query}` : base;
}

const counted = (total: number, one: string, many: string, q: string | undefined) =>
  `${total === 1 ? `1 ${one}` : `${total} ${many}`}${q ? ` con «${q}»` : ''}.`;

export function renderProducerListPage(
  view: { list: ListPage<Producer>; q: string | undefined; sectors: Sector[]; mayCreate: boolean; mayImport: boolean },
  person: AppPerson,
): string {
  const { list, q } = view;
  const sectorName = new Map(view.sectors.map((s) => [s.code, s.name]));
  const table: CardTable = {
    caption: 'Unidades productivas',
    columns: [
      { key: 'name', label: 'Nombre' },
      { key: 'place', label: 'Lugar' },
      { key: 'products', label: 'Productos' },
      { key: 'sectors', label: 'Sectores' },
    ],
    rows: list.items.map((p) => ({
      ...(view.mayCreate ? { href: producerHref(p.id) } : {}),
      cells: {
        name: p.name,
        place: `${p.community}, ${p.municipality}`,
        products: p.products.join(', '),
        sectors: p.sectors.map((s) => sectorName.get(s) ?? s).join(', '),
      },
    })),
  };
  const actions = [
    ...(view.mayCreate ? [{ href: '/app/productores/nuevo', text: 'Registrar una unidad productiva' }] : []),
    ...(view.mayImport ? [{ href: '/app/productores/importar', text: 'Importar productores desde una planilla (CSV)' }] : []),
  ];
  return renderAppTemplate('registry-list', {
    ...layoutData('Productores', person),
    heading: 'Productores',
    lead: person.organization ? `Unidades productivas de ${person.organization}.` : 'Unidades productivas.',
    flash: null,
    actions,
    action: '/app/productores',
    searchLabel: 'Buscar',
    searchHint: 'Nombre, comunidad, municipio o producto; con o sin tildes',
    q: q ?? '',
    count: counted(list.total, 'unidad productiva', 'unidades productivas', q),
    table,
    empty: q ? { text: `No encontramos unidades productivas con «${q}».` } : { text: 'Todavía no hay unidades productivas registradas.' },
    pagination: pagination(list.page, list.total, list.pageSize, (n) => listHref('/app/productores', q, n)),
  });
}

export type ProducerFormView = {
  /** Absent for a new producer. */
  producer?: Producer;
  /** The values to show: the record's, or what was sent. */
  values: Record<string, unknown>;
  errors?: Record<string, string>;
  flash?: Flash | null;
  sectors: Sector[];
  /** The organisations a new producer may go to (none when editing). */
  organizations: Choice[];
  today: string;
};

/** A producer's values as the form holds them. */
export const producerValues = (p: Producer): Record<string, unknown> => ({ ...p });

export function renderProducerFormPage(view: ProducerFormView, person: AppPerson, done?: string): string {
  const values = rawForm(view.values);
  const existing = view.producer;
  const heading = existing ? existing.name : 'Registrar una unidad productiva';
  return renderAppTemplate('producer-form', {
    ...layoutData(heading, person),
    heading,
    lead: existing ? 'Corrija los datos y guarde.' : 'Llene los datos de la familia o del taller.',
    flash: view.flash ?? (existing ? doneFlash(done, existing.name) : null),
    action: existing ? producerHref(existing.id) : '/app/productores/nuevo',
    submit: existing ? 'Guardar cambios' : 'Registrar',
    organizations: existing ? [] : view.organizations,
    errors: view.errors ?? {},
    sectors: view.sectors.map((s) => ({ value: s.code, label: s.name })),
    departments: Object.entries(DEPARTMENTS).map(([value, label]) => ({ value, label })),
    today: view.today,
    values: {
      organizationId: formText(values.organizationId),
      name: formText(values.name),
      sectors: formList(values.sectors),
      products: formText(values.products),
      department: formText(values.department),
      municipality: formText(values.municipality),
      community: formText(values.community),
      household: formText(values.household),
      pledgeSignedOn: formText(values.pledgeSignedOn),
      publicNameConsent: formChecked(values.publicNameConsent),
    },
  });
}
