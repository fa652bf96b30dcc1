/**
 * The committee's person pages: the list with search and pages (GET /app/personas) and the form to
 * register or edit a person (/app/personas/nueva, /app/personas/:id), the producer unit chosen by name.
 */
import { TIE_KIND_LABEL, TIE_KINDS, tieInWords } from '../../domain/former-ties.js';
import { GENDER_LABEL, GENDERS, PERSON_ROLE_LABEL, PERSON_ROLES, type PersonRole } from '../../domain/registry.js';
import type { PersonSchema, PersonTieSchema } from '../../modules/registry/registry-schemas.js';
import type { z } from 'zod';
import { layoutData, type AppPerson } from './app-layout.js';
import { renderAppTemplate } from './app-views.js';
import { pagination, type CardTable, type Flash } from './components.js';
import { listHref, type ListPage } from './producer-pages.js';
import { doneFlash, formChecked, formList, formText, rawForm } from './registry-form-values.js';

type Person = z.infer<typeof PersonSchema>;
type PersonTie = z.infer<typeof PersonTieSchema>;
type Choice = { value: string; label: string };

export const personHref = (id: string) => `/app/personas/${id}`;

/** Short role names for the list; the form says them in full. */
const ROLE_SHORT: Record<PersonRole, string> = {
  member: 'socio/a',
  reviewer: 'revisor par',
  committee_member: 'comité local',
  commission_member: 'comisión',
  consumer: 'consumidor/a',
  technician: 'técnico/a',
};
const roleNames = (roles: string[]) => roles.map((r) => ROLE_SHORT[r as PersonRole] ?? r).join(', ');

export function renderPersonListPage(
  view: { list: ListPage<Person>; q: string | undefined; producers: Choice[]; mayCreate: boolean },
  person: AppPerson,
): string {
  const { list, q } = view;
  const producerName = new Map(view.producers.map((p) => [p.value, p.label]));
  const table: CardTable = {
    caption: 'Personas',
    columns: [
      { key: 'name', label: 'Nombre' },
      { key: 'roles', label: 'Qué hace' },
      { key: 'unit', label: 'Unidad productiva' },
    ],
    rows: list.items.map((p) => ({
      ...(view.mayCreate ? { href: personHref(p.id) } : {}),
      cells: {
        name: p.fullName,
        roles: roleNames(p.roles),
        unit: p.producerId ? (producerName.get(p.producerId) ?? '') : 'Ninguna',
      },
    })),
  };
  return renderAppTemplate('registry-list', {
    ...layoutData('Personas', person),
    heading: 'Personas',
    lead: person.organization
      ? `Socios, revisores, miembros del comité y otras personas de ${person.organization}.`
      : 'Socios, revisores, miembros del comité y otras personas.',
    flash: null,
    actions: view.mayCreate ? [{ href: '/app/personas/nueva', text: 'Registrar una persona' }] : [],
    action: '/app/personas',
    searchLabel: 'Buscar por nombre',
    searchHint: 'Con o sin tildes',
    q: q ?? '',
    count: `${list.total === 1 ? '1 persona' : `${list.total} personas`}${q ? ` con «${q}»` : ''}.`,
    table,
    empty: q ? { text: `No encontramos personas con «${q}».` } : { text: 'Todavía no hay personas registradas.' },
    pagination: pagination(list.page, list.total, list.pageSize, (n) => listHref('/app/personas', q, n)),
  });
}

export type PersonFormView = {
  person?: Person;
  values: Record<string, unknown>;
  errors?: Record<string, string>;
  flash?: Flash | null;
  producers: Choice[];
  organizations: Choice[];
  /** An existing person's ties, with what a new one may be to, and the tie form as sent when it was refused. */
  ties?: { items: PersonTie[]; targets: Choice[]; values?: Record<string, unknown>; errors?: Record<string, string> };
};

const TIE_DONE: Record<string, string> = { vinculo: 'Listo: se registró el vínculo.', 'vinculo-quitado': 'Listo: se quitó el vínculo.' };

/** The ties section of a person's page: the list, each with its remove button, and the form to add one. */
function tiesSection(personId: string, ties: NonNullable<PersonFormView['ties']>) {
  const values = rawForm(ties.values ?? {});
  const errors = ties.errors ?? {};
  return {
    items: ties.items.map((t) => ({ text: tieInWords(t), removeAction: `${personHref(personId)}/vinculos/${t.id}/quitar` })),
    action: `${personHref(personId)}/vinculos`,
    kinds: TIE_KINDS.map((k) => ({ value: k, label: `${TIE_KIND_LABEL[k].charAt(0).toUpperCase()}${TIE_KIND_LABEL[k].slice(1)}` })),
    targets: ties.targets,
    values: {
      kind: formText(values.kind),
      target: formText(values.target),
      startedOn: formText(values.startedOn),
      endedOn: formText(values.endedOn),
    },
    errors: { ...errors, target: errors.target ?? errors.producerId ?? errors.organizationId },
  };
}

export function renderPersonFormPage(view: PersonFormView, signedIn: AppPerson, done?: string): string {
  const values = rawForm(view.values);
  const existing = view.person;
  const heading = existing ? existing.fullName : 'Registrar una persona';
  const tieDone = done === undefined ? undefined : TIE_DONE[done];
  return renderAppTemplate('person-form', {
    ...layoutData(heading, signedIn),
    heading,
    lead: existing ? 'Corrija los datos y guarde.' : 'Socios, revisores, miembros del comité, consumidores o técnicos.',
    flash: view.flash ?? (existing ? (tieDone ? { kind: 'success' as const, text: tieDone } : doneFlash(done, existing.fullName)) : null),
    ties: existing && view.ties ? tiesSection(existing.id, view.ties) : null,
    action: existing ? personHref(existing.id) : '/app/personas/nueva',
    submit: existing ? 'Guardar cambios' : 'Registrar',
    organizations: existing ? [] : view.organizations,
    errors: view.errors ?? {},
    roles: PERSON_ROLES.map((r) => ({ value: r, label: PERSON_ROLE_LABEL[r] })),
    producers: view.producers,
    genders: GENDERS.map((g) => ({ value: g, label: GENDER_LABEL[g] })),
    values: {
      organizationId: formText(values.organizationId),
      fullName: formText(values.fullName),
      roles: formList(values.roles),
      producerId: formText(values.producerId),
      household: formText(values.household),
      gender: formText(values.gender),
      publicNameConsent: formChecked(values.publicNameConsent),
    },
  });
}
