/**
 * What the committee's registry pages (productores, personas, CSV import) do, on top of the
 * registry services the API uses: the same per-record access rules and audit entries. Access is
 * checked before a form is read, so another organisation's records answer 403 whatever is sent.
 */
import type { Db } from '../../db/client.js';
import { type Actor, authorize, canAccessRegistry, canCreateIn, canExportProducers, canManageOrganizations } from '../../domain/access.js';
import { AppError } from '../../errors.js';
import { createOrganizationsService } from '../registry/organizations-service.js';
import { createPersonTiesService } from '../registry/person-ties-service.js';
import { createPersonsService } from '../registry/persons-service.js';
import { createProducersCsvService } from '../registry/producers-csv-service.js';
import { createProducersService } from '../registry/producers-service.js';
import { CSV_COLUMNS } from '../registry/producers-csv.js';
import { organizationField, parseForm, PersonFormSchema, PersonTieFormSchema, ProducerFormSchema } from './registry-forms.js';

export const REGISTRY_PAGE_SIZE = 20;

export type SectorName = { code: string; name: string };
export type Choice = { value: string; label: string };
export type CsvProblem = { line: number | null; column: string | null; message: string };
export type ImportOutcome = { imported: number } | { message: string; problems: CsvProblem[] };

const CREATE_REFUSED = 'Solo el comité de la organización o la administración registran productores y personas';

export function createRegistryPagesService({ db, now, sectors }: { db: Db; now: () => Date; sectors: SectorName[] }) {
  const producers = createProducersService(
    db,
    sectors.map((s) => s.code),
    now,
  );
  const persons = createPersonsService(db, now);
  const csv = createProducersCsvService(db, producers, now);
  const organizations = createOrganizationsService(db, now);
  const ties = createPersonTiesService(db, now);

  /** The organisations the actor may add records to: their own, or every one for the administration. */
  const writableOrganizations = (actor: Actor): Choice[] => {
    const own = actor.organizationId;
    if (own && canCreateIn(actor, own)) return [{ value: own, label: organizations.get(actor, own).name }];
    if (!canManageOrganizations(actor)) return [];
    return organizations.list(actor, { page: 1, pageSize: 100 }).items.map((o) => ({ value: o.id, label: o.name }));
  };

  /** The organisation a new record goes to (the one chosen in the form, else the actor's own), checked before anything else. */
  const targetOrganization = (actor: Actor, form: unknown): string => {
    const chosen = parseForm(organizationField, (form as Record<string, unknown> | undefined)?.organizationId);
    const organizationId = chosen ?? actor.organizationId ?? writableOrganizations(actor)[0]?.value;
    authorize(organizationId !== undefined && canCreateIn(actor, organizationId), CREATE_REFUSED);
    return organizationId!;
  };

  /** Every producer the actor may read in an organisation, by name (for the person form's select). */
  const producerChoices = (actor: Actor, organizationId?: string): Choice[] => {
    const choices: Choice[] = [];
    for (let page = 1; ; page += 1) {
      const { items, total } = producers.list(actor, { page, pageSize: 100, ...(organizationId ? { organizationId } : {}) });
      choices.push(...items.map((p) => ({ value: p.id, label: p.name })));
      if (page * 100 >= total) return choices;
    }
  };

  const producerForEdit = (actor: Actor, id: string) => {
    const producer = producers.get(actor, id);
    authorize(
      canAccessRegistry(actor, 'write', { organizationId: producer.organizationId, producerId: producer.id }),
      'No puede modificar esta unidad productiva',
    );
    return producer;
  };

  const personForEdit = (actor: Actor, id: string) => {
    const person = persons.get(actor, id);
    authorize(
      canAccessRegistry(actor, 'write', { organizationId: person.organizationId, producerId: person.producerId }),
      'No puede modificar esta persona',
    );
    return person;
  };

  return {
    sectors,
    writableOrganizations,
    producerChoices,
    /** May the actor add records to some organisation (the pages show "Registrar" only then)? */
    mayCreate: (actor: Actor) => writableOrganizations(actor).length > 0,
    /** The new-record forms: refused (403) to whoever may not create. */
    newForm(actor: Actor): { organizations: Choice[] } {
      const choices = writableOrganizations(actor);
      authorize(choices.length > 0, CREATE_REFUSED);
      return { organizations: choices };
    },

    listProducers: (actor: Actor, query: { q?: string | undefined; pagina: number }) =>
      producers.list(actor, { page: query.pagina, pageSize: REGISTRY_PAGE_SIZE, ...(query.q ? { q: query.q } : {}) }),
    producerForEdit,
    createProducer(actor: Actor, form: unknown) {
      const organizationId = targetOrganization(actor, form);
      return producers.create(actor, { organizationId, ...parseForm(ProducerFormSchema, form) });
    },
    updateProducer(actor: Actor, id: string, form: unknown) {
      producerForEdit(actor, id);
      return producers.update(actor, id, parseForm(ProducerFormSchema, form));
    },

    listPersons: (actor: Actor, query: { q?: string | undefined; pagina: number }) =>
      persons.list(actor, { page: query.pagina, pageSize: REGISTRY_PAGE_SIZE, ...(query.q ? { q: query.q } : {}) }),
    personForEdit,
    createPerson(actor: Actor, form: unknown) {
      const organizationId = targetOrganization(actor, form);
      return persons.create(actor, { organizationId, ...parseForm(PersonFormSchema, form) });
    },
    updatePerson(actor: Actor, id: string, form: unknown) {
      personForEdit(actor, id);
      return persons.update(actor, id, parseForm(PersonFormSchema, form));
    },

    /**
     * A person's ties, and what a new one may be to: the units and organisations the actor sees
     * (`producer:<id>` or `organization:<id>`, the tie form's single select).
     */
    personTies(actor: Actor, personId: string) {
      const targets: Choice[] = [
        ...producerChoices(actor).map((p) => ({ value: `producer:${p.value}`, label: `Unidad productiva: ${p.label}` })),
        ...organizations
          .list(actor, { page: 1, pageSize: 100 })
          .items.map((o) => ({ value: `organization:${o.id}`, label: `Organización: ${o.name}` })),
      ];
      return { items: ties.list(actor, personId), targets };
    },
    addTie(actor: Actor, personId: string, form: unknown) {
      personForEdit(actor, personId);
      return ties.add(actor, personId, parseForm(PersonTieFormSchema, form));
    },
    removeTie: (actor: Actor, personId: string, tieId: string) => ties.remove(actor, personId, tieId),

    /** The address of the organisation's current producers CSV (the API's export), if the actor may download it. */
    exportHref(actor: Actor, organizationId: string | undefined): string | null {
      if (!organizationId || !canExportProducers(actor, organizationId)) return null;
      return `/api/v1/organizations/${organizationId}/producers.csv`;
    },

    /** The import form: refused to whoever may not create. */
    importTarget: (actor: Actor, form: unknown) => targetOrganization(actor, form),

    /** Imports all rows or none (the CSV service's rule); a refused file comes back as its problems, by line. */
    importProducers(actor: Actor, organizationId: string, text: string): ImportOutcome {
      try {
        return csv.importCsv(actor, organizationId, text);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'CSV_INVALID') throw error;
        return {
          message: error.message,
          problems: error.issues.map((issue) => {
            const [, line, column] = /^line\.(\d+)(?:\.(.+))?$/.exec(issue.path) ?? [];
            return { line: line ? Number(line) : null, column: column ?? null, message: issue.message };
          }),
        };
      }
    },
  };
}
export type RegistryPagesService = ReturnType<typeof createRegistryPagesService>;

/** The CSV's header and one example line, shown on the import page and served as a template file. */
export function producersCsvTemplate(sectors: SectorName[]): { header: string; sample: string; text: string } {
  const header = CSV_COLUMNS.join(',');
  const sector = sectors[0]?.code ?? 'agricola';
  const sample = `Familia Mamani Quispe,${sector},café pergamino|miel,La Paz,Caranavi,Villa Bolinda,Familia Mamani,2025-03-01,sí`;
  return { header, sample, text: `\uFEFF${header}\r\n${sample}\r\n` };
}
