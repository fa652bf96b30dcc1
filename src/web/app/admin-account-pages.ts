/**
 * The administration's account pages: the list (GET /app/admin/cuentas), a new account
 * (/app/admin/cuentas/nueva: first the organisation, then the account), an account's page with
 * its changes, password and access (/app/admin/cuentas/:id), and the page that shows a new
 * password once. Visible text names people and organisations, never ids.
 */
import { ORGANIZATION_ROLES, ROLE_LABEL, ROLES, roleNeedsOrganization, type Role } from '../../domain/access.js';
import type { Account, AccountChoices, AccountDetail, HandedPassword } from '../../modules/pages/admin-accounts-service.js';
import { formatBoliviaDay } from '../format.js';
import { layoutData, type AppPerson } from './app-layout.js';
import { renderAppTemplate } from './app-views.js';
import { pagination, type CardTable, type Flash } from './components.js';
import { listHref, type ListPage } from './producer-pages.js';
import { formText, rawForm } from './registry-form-values.js';

export const ACCOUNTS_HREF = '/app/admin/cuentas';
export const NEW_ACCOUNT_HREF = '/app/admin/cuentas/nueva';
export const accountHref = (id: string) => `${ACCOUNTS_HREF}/${id}`;
/** The value of the organisation chooser for accounts of the administration or the commission. */
const NONE = 'ninguna';

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
export const roleName = (role: Role) => capitalize(ROLE_LABEL[role]);
/** «Comisión de certificación (suplente)». */
const roleWithSeat = (a: { role: Role; commissionSeat: string | null }) =>
  a.commissionSeat ? `${roleName(a.role)} (${a.commissionSeat})` : roleName(a.role);
const SEAT_OPTIONS = [
  { value: 'titular', label: 'Titular' },
  { value: 'suplente', label: 'Suplente' },
];
const statusOf = (account: Pick<Account, 'disabledAt'>) => (account.disabledAt ? 'Deshabilitada' : 'Habilitada');

/** What each role may do, in a line, for the role select's hint. */
const ROLE_HINT: Record<'inside' | 'across', string> = {
  inside:
    'Comité local: lleva productores, personas y expedientes de la organización. Revisor par: registra sus visitas. Productor: ve su propio expediente.',
  across:
    'Administración: cuentas, organizaciones y criterios. Comisión de certificación: decide sobre los expedientes de todas las organizaciones.',
};

export function renderAccountListPage(view: { list: ListPage<Account>; q: string | undefined }, person: AppPerson): string {
  const { list, q } = view;
  const table: CardTable = {
    caption: 'Cuentas',
    columns: [
      { key: 'name', label: 'Nombre' },
      { key: 'username', label: 'Usuario' },
      { key: 'role', label: 'Rol' },
      { key: 'organization', label: 'Organización' },
      { key: 'status', label: 'Estado' },
    ],
    rows: list.items.map((a) => ({
      href: accountHref(a.id),
      cells: {
        name: a.displayName,
        username: a.username,
        role: roleWithSeat(a),
        organization: a.organization ?? 'Ninguna',
        status: statusOf(a),
      },
    })),
  };
  const count = `${list.total === 1 ? '1 cuenta' : `${list.total} cuentas`}${q ? ` con «${q}»` : ''}.`;
  return renderAppTemplate('admin-list', {
    ...layoutData('Cuentas', person),
    heading: 'Cuentas',
    lead: 'Quién puede entrar a Sello y qué puede hacer.',
    flash: null,
    actions: [{ href: NEW_ACCOUNT_HREF, text: 'Crear una cuenta' }],
    search: { action: ACCOUNTS_HREF, label: 'Buscar por nombre o usuario', hint: 'Con o sin tildes', q: q ?? '' },
    count,
    sections: [
      { id: 'cuentas', title: null, lead: null, table, empty: q ? `No encontramos cuentas con «${q}».` : 'Todavía no hay cuentas.' },
    ],
    pagination: pagination(list.page, list.total, list.pageSize, (n) => listHref(ACCOUNTS_HREF, q, n)),
    back: [{ href: '/app', text: 'Volver al inicio' }],
  });
}

export type AccountFormState = { values?: Record<string, unknown>; errors?: Record<string, string>; flash?: Flash | null };

/** The organisation chooser (a GET form) and the account fields for the organisation chosen. */
function accountForm(choices: AccountChoices, chosen: string | undefined, state: AccountFormState, defaults: Record<string, unknown>) {
  const values = { ...defaults, ...rawForm(state.values) };
  const errors = state.errors ?? {};
  const inside = choices.organization !== null;
  const roles = (inside ? [...ORGANIZATION_ROLES] : ROLES.filter((r) => !roleNeedsOrganization(r))).map((r) => ({
    value: r,
    label: roleName(r),
  }));
  const offered = (options: { value: string }[], value: unknown) => {
    const text = formText(value);
    return options.some((o) => o.value === text) ? text : '';
  };
  return {
    errors,
    chooser: {
      name: 'organizacion',
      label: 'Organización de la cuenta',
      options: [{ value: NONE, label: 'Ninguna: administración o comisión de certificación' }, ...choices.organizations],
      value: chosen,
      placeholder: chosen === undefined ? 'Elija la organización' : undefined,
      hint: 'Comités, revisores y productores son de una organización; la administración y la comisión, de ninguna.',
      error: errors.organizationId,
    },
    organizationId: choices.organization?.value ?? '',
    // Not `person` or `title`: those are the layout's (who is signed in, the page title).
    fields: {
      displayName: {
        name: 'displayName',
        label: 'Nombre de la persona',
        value: formText(values.displayName),
        error: errors.displayName,
        required: true,
        maxlength: 120,
        autocapitalize: 'words',
        autocomplete: 'off',
      },
      role: {
        name: 'role',
        label: 'Rol',
        options: roles,
        value: offered(roles, values.role),
        placeholder: 'Elija el rol',
        hint: ROLE_HINT[inside ? 'inside' : 'across'],
        error: errors.role,
        required: true,
      },
      producer: inside
        ? {
            name: 'producerId',
            label: 'Unidad productiva',
            options: choices.producers,
            value: offered(choices.producers, values.producerId),
            placeholder: 'Ninguna',
            hint: 'Solo para una cuenta de productor: la unidad productiva que verá',
            error: errors.producerId,
          }
        : null,
      // Titulares vote; suplentes take the seat of an absent or recused titular (the criteria fix how many).
      seat: inside
        ? null
        : {
            name: 'commissionSeat',
            label: 'Lugar en la comisión',
            options: SEAT_OPTIONS,
            value: offered(SEAT_OPTIONS, values.commissionSeat),
            placeholder: 'No es de la comisión',
            hint: 'Solo para la comisión: los titulares votan; un suplente ocupa el lugar de un titular ausente o que se excusa',
            error: errors.commissionSeat,
          },
      person: {
        name: 'personId',
        label: 'Persona del registro',
        options: choices.persons,
        value: offered(choices.persons, values.personId),
        placeholder: 'Ninguna',
        hint: inside
          ? 'Quien usa la cuenta, si está registrada: así Sello sabe en qué visitas participa'
          : 'Para la comisión: el miembro registrado, para saber de qué decisiones debe excusarse',
        error: errors.personId,
      },
    },
  };
}

const formFlash = (state: AccountFormState): Flash | null =>
  state.flash ??
  (state.errors && Object.keys(state.errors).length > 0 ? { kind: 'error', text: 'Revise los datos marcados: no se guardó nada.' } : null);

export function renderNewAccountPage(
  choices: AccountChoices,
  chosen: string | undefined,
  person: AppPerson,
  state: AccountFormState = {},
): string {
  const values = rawForm(state.values);
  const errors = state.errors ?? {};
  return renderAppTemplate('admin-account-new', {
    ...layoutData('Crear una cuenta', person),
    heading: 'Crear una cuenta',
    lead:
      chosen === undefined
        ? 'Primero elija la organización: de ella dependen los roles, las unidades productivas y las personas que se pueden elegir.'
        : 'Sello genera una contraseña y la muestra una sola vez, para que usted la entregue.',
    flash: formFlash(state),
    chosen: chosen !== undefined,
    action: NEW_ACCOUNT_HREF,
    ...accountForm(choices, chosen, state, {}),
    username: {
      name: 'username',
      label: 'Nombre de usuario',
      value: formText(values.username),
      error: errors.username,
      required: true,
      maxlength: 40,
      autocapitalize: 'none',
      autocomplete: 'off',
      hint: 'Con el que entra: letras sin tildes, números, «.», «_» o «-». Por ejemplo: ana.quispe',
    },
  });
}

const facts = (account: AccountDetail) => [
  { label: 'Usuario', value: account.username },
  { label: 'Rol', value: roleWithSeat(account) },
  { label: 'Organización', value: account.organization ?? 'Ninguna' },
  ...(account.producer ? [{ label: 'Unidad productiva', value: account.producer }] : []),
  { label: 'Persona del registro', value: account.person ?? 'Ninguna' },
  { label: 'Estado', value: statusOf(account) },
  { label: 'Creada el', value: formatBoliviaDay(account.createdAt, 'es') },
];

const DONE: Record<string, string> = {
  guardada: 'Listo: se guardaron los cambios de la cuenta.',
  deshabilitada:
    'Listo: la cuenta quedó deshabilitada. Ya no puede entrar; sus sesiones se cerraron y sus tokens de API dejaron de servir.',
  habilitada: 'Listo: la cuenta quedó habilitada y puede volver a entrar con su contraseña.',
};

export function renderAccountPage(
  account: AccountDetail,
  choices: AccountChoices,
  chosen: string | undefined,
  person: AppPerson,
  state: AccountFormState & { done?: string | undefined } = {},
): string {
  const done = state.done ? DONE[state.done] : undefined;
  const defaults = {
    displayName: account.displayName,
    role: account.role,
    producerId: account.producerId,
    personId: account.personId,
    commissionSeat: account.commissionSeat,
  };
  const href = accountHref(account.id);
  return renderAppTemplate('admin-account', {
    ...layoutData(account.displayName, person),
    heading: account.displayName,
    lead: `Cuenta de ${roleName(account.role).toLowerCase()}${account.organization ? ` en ${account.organization}` : ''}.`,
    flash: formFlash(state) ?? (done ? { kind: 'success', text: done } : null),
    facts: facts(account),
    action: href,
    ...accountForm(choices, chosen, state, defaults),
    passwordAction: `${href}/contrasena`,
    enabled: account.disabledAt === null,
    accessAction: `${href}/${account.disabledAt === null ? 'deshabilitar' : 'habilitar'}`,
  });
}

/** The one time a password is shown: after creating the account, or after generating a new one. */
export function renderPasswordPage(handed: HandedPassword, created: boolean, person: AppPerson): string {
  const { account, password } = handed;
  const heading = created ? 'Cuenta creada' : 'Contraseña nueva';
  return renderAppTemplate('admin-password', {
    ...layoutData(heading, person),
    heading,
    lead: created
      ? `La cuenta de ${account.displayName} ya puede entrar.`
      : `La cuenta de ${account.displayName} tiene una contraseña nueva.`,
    flash: { kind: 'success', text: created ? `Listo: se creó la cuenta de «${account.displayName}».` : 'Listo: se cambió la contraseña.' },
    facts: [
      { label: 'Nombre', value: account.displayName },
      { label: 'Usuario', value: account.username },
      { label: 'Rol', value: roleWithSeat(account) },
      { label: 'Organización', value: account.organization ?? 'Ninguna' },
    ],
    password,
    advice: [
      `Entréguela a ${account.displayName} en persona o por un medio que solo esa persona vea, junto con su usuario.`,
      'Esta es la única vez que se muestra: Sello no la guarda de forma legible. Si se pierde, genere otra desde la página de la cuenta.',
      'La persona debe cambiarla por una propia.',
      ...(created ? [] : ['La contraseña anterior ya no sirve y las sesiones abiertas de la cuenta se cerraron.']),
    ],
    links: [
      { href: accountHref(account.id), text: 'Ver la cuenta' },
      { href: ACCOUNTS_HREF, text: 'Volver a las cuentas' },
    ],
  });
}
