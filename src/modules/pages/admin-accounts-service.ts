/**
 * What the administration's account pages do, on top of the users service the API uses (so every
 * write is checked and audited the same way) and the registry services for the choices a form
 * offers. New accounts and password resets get a one-time password generated here, returned to be
 * shown once, and never stored in clear.
 */
import { randomInt } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { authorize, canAdminister, roleNeedsOrganization, type Actor } from '../../domain/access.js';
import { generateOneTimePassword } from '../../domain/one-time-password.js';
import { fold } from '../../domain/text.js';
import { createOrganizationsService } from '../registry/organizations-service.js';
import { createPersonsService } from '../registry/persons-service.js';
import { createProducersService } from '../registry/producers-service.js';
import type { User } from '../users/users-schemas.js';
import type { UsersService } from '../users/users-service.js';
import { AccountChangeFormSchema, AccountFormSchema, NO_ORGANIZATION, type AccountChangeForm } from './admin-forms.js';
import { parseForm } from './registry-forms.js';

export const ACCOUNTS_PAGE_SIZE = 20;
const ALL = 100;

export type Choice = { value: string; label: string };
export type Account = User & { organization: string | null };
/** An account with the names of what it is tied to, for its page. */
export type AccountDetail = Account & { producer: string | null; person: string | null };
/** What an account form offers: the organisation chosen (null: none) and its producer units and persons. */
export type AccountChoices = { organizations: Choice[]; organization: Choice | null; producers: Choice[]; persons: Choice[] };
/** A password to show once, with the account it was set on. */
export type HandedPassword = { account: Account; password: string };

export const ADMIN_REFUSED = 'Solo la administración usa estas páginas';

/** Every item of a paged list, page by page. */
function everything<T>(list: (page: number) => { items: T[]; total: number }): T[] {
  const all: T[] = [];
  for (let page = 1; ; page += 1) {
    const { items, total } = list(page);
    all.push(...items);
    if (items.length === 0 || all.length >= total) return all;
  }
}

export function createAdminAccountsService({
  db,
  now,
  users,
  sectors,
}: {
  db: Db;
  now: () => Date;
  users: UsersService;
  sectors: readonly string[];
}) {
  const organizations = createOrganizationsService(db, now);
  const producers = createProducersService(db, sectors, now);
  const persons = createPersonsService(db, now);
  const newPassword = () => generateOneTimePassword((n) => randomInt(n));

  const gate = (actor: Actor) => authorize(canAdminister(actor), ADMIN_REFUSED);
  const organizationChoices = (actor: Actor): Choice[] =>
    everything((page) => organizations.list(actor, { page, pageSize: ALL })).map((o) => ({ value: o.id, label: o.name }));
  const withOrganization = (user: User, names: Map<string, string>): Account => ({
    ...user,
    organization: user.organizationId ? (names.get(user.organizationId) ?? null) : null,
  });
  const account = (actor: Actor, user: User): Account => {
    const organization = user.organizationId ? organizations.get(actor, user.organizationId).name : null;
    return { ...user, organization };
  };

  /** Ties only the role can have: an organisation for those that act inside one, a producer unit for a producer. */
  const ties = (form: Omit<AccountChangeForm, 'displayName'>) => ({
    role: form.role,
    organizationId: roleNeedsOrganization(form.role) ? form.organizationId : null,
    producerId: form.role === 'producer' ? form.producerId : null,
    personId: form.personId,
    commissionSeat: form.role === 'commission' ? (form.commissionSeat ?? null) : null,
  });

  return {
    gate,

    /** Accounts by user name, `q` matching the name or the user name without accents. */
    list(actor: Actor, query: { q?: string | undefined; pagina: number }) {
      gate(actor);
      const names = new Map(organizationChoices(actor).map((o) => [o.value, o.label]));
      const q = query.q ? fold(query.q) : null;
      const all = users.list().filter((u) => !q || fold(`${u.displayName} ${u.username}`).includes(q));
      const start = (query.pagina - 1) * ACCOUNTS_PAGE_SIZE;
      return {
        items: all.slice(start, start + ACCOUNTS_PAGE_SIZE).map((u) => withOrganization(u, names)),
        page: query.pagina,
        pageSize: ACCOUNTS_PAGE_SIZE,
        total: all.length,
      };
    },

    /**
     * The choices of an account form for an organisation (`undefined`: none chosen yet, `ninguna`:
     * an account of the administration or the commission, whose persons are the commission's members).
     */
    choices(actor: Actor, organizacion: string | undefined): AccountChoices {
      gate(actor);
      const all = organizationChoices(actor);
      if (organizacion === undefined) return { organizations: all, organization: null, producers: [], persons: [] };
      if (organizacion === NO_ORGANIZATION) {
        const names = new Map(all.map((o) => [o.value, o.label]));
        const members = everything((page) => persons.list(actor, { page, pageSize: ALL }))
          .filter((p) => p.roles.includes('commission_member'))
          .map((p) => ({ value: p.id, label: `${p.fullName} (${names.get(p.organizationId) ?? ''})` }));
        return { organizations: all, organization: null, producers: [], persons: members };
      }
      const organization = organizations.get(actor, organizacion);
      const scope = { organizationId: organization.id, pageSize: ALL };
      return {
        organizations: all,
        organization: { value: organization.id, label: organization.name },
        producers: everything((page) => producers.list(actor, { ...scope, page })).map((p) => ({ value: p.id, label: p.name })),
        persons: everything((page) => persons.list(actor, { ...scope, page })).map((p) => ({ value: p.id, label: p.fullName })),
      };
    },

    /** One account, with the names of its organisation, producer unit and person. */
    detail(actor: Actor, id: string): AccountDetail {
      gate(actor);
      const user = users.get(id);
      return {
        ...account(actor, user),
        producer: user.producerId ? producers.get(actor, user.producerId).name : null,
        person: user.personId ? persons.get(actor, user.personId).fullName : null,
      };
    },

    /** Creates the account with a new one-time password, returned to be shown once. */
    async create(actor: Actor, form: unknown): Promise<HandedPassword> {
      gate(actor);
      const { username, displayName, ...rest } = parseForm(AccountFormSchema, form);
      const password = newPassword();
      const user = await users.create(actor, { username, displayName, password, ...ties(rest) });
      return { account: account(actor, user), password };
    },

    async change(actor: Actor, id: string, form: unknown): Promise<User> {
      gate(actor);
      const { displayName, ...rest } = parseForm(AccountChangeFormSchema, form);
      return users.update(actor, id, { displayName, ...ties(rest) });
    },

    async setEnabled(actor: Actor, id: string, enabled: boolean): Promise<User> {
      gate(actor);
      return users.update(actor, id, { disabled: !enabled });
    },

    /** Sets a new one-time password (ending the account's sessions) and returns it to be shown once. */
    async resetPassword(actor: Actor, id: string): Promise<HandedPassword> {
      gate(actor);
      const password = newPassword();
      const user = await users.update(actor, id, { password });
      return { account: account(actor, user), password };
    },
  };
}
export type AdminAccountsService = ReturnType<typeof createAdminAccountsService>;
