/** What every people's page passes to templates/app/layout.eta: the title and who is signed in. */
import { ROLE_LABEL, type Role } from '../../domain/access.js';

/** The signed-in person as the header shows them. */
export type AppPerson = { name: string; role: Role; organization: string | null };

export type LayoutData = {
  title: string;
  /** Null on pages seen before signing in (or when the person is unknown): no name, no Salir. */
  person: { name: string; role: string } | null;
};

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "Comité local de garantía · Cooperativa Señor de Mayo". */
export function roleLine(person: AppPerson): string {
  const role = capitalize(ROLE_LABEL[person.role]);
  return person.organization ? `${role} · ${person.organization}` : role;
}

export function layoutData(title: string, person: AppPerson | null): LayoutData {
  return { title, person: person ? { name: person.name, role: roleLine(person) } : null };
}
