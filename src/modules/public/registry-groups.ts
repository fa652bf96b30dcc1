/**
 * The registry's page of organisations: the certificates of a page, read in the registry's order,
 * gathered under their organisation with the units they certify today and the union of their products.
 */
import { ORGANIZATION_KIND_NAME, type OrganizationKind } from '../../domain/registry.js';
import { fold } from '../../domain/text.js';
import type { PublicCertificate, RegistryOrganization } from './public-schemas.js';
import type { RegistryGroupRow, RegistryRow } from './registry-repository.js';

const byName = new Intl.Collator('es');

type Gathering = {
  first: RegistryGroupRow;
  certificates: PublicCertificate[];
  /** Units certified today by an active certificate, by producer id: the name only with consent. */
  units: Map<string, string | null>;
  /** Products by their folded form, so that «Miel» and «miel» count once; the first spelling is kept. */
  products: Map<string, string>;
};

/** Rows of consecutive organisations (the query's order) as one entry each; ids only count units and never leave. */
export function groupByOrganization(rows: RegistryGroupRow[], toPublic: (row: RegistryRow) => PublicCertificate): RegistryOrganization[] {
  const groups = new Map<string, Gathering>();
  for (const row of rows) {
    let g = groups.get(row.orgName);
    if (!g) groups.set(row.orgName, (g = { first: row, certificates: [], units: new Map(), products: new Map() }));
    const certificate = toPublic(row);
    g.certificates.push(certificate);
    for (const product of certificate.products) if (!g.products.has(fold(product))) g.products.set(fold(product), product);
    if (row.publicStatus !== 'active') continue;
    if (row.scope === 'group') {
      for (const [id, name] of JSON.parse(row.memberList ?? '[]') as [string, string | null][]) g.units.set(id, name);
    } else if (row.producerId !== null) g.units.set(row.producerId, certificate.producer);
  }
  return [...groups.values()].map(({ first, certificates, units, products }) => ({
    name: first.orgName,
    kind: first.orgKind,
    kindLabel: ORGANIZATION_KIND_NAME[first.orgKind as OrganizationKind] ?? first.orgKind,
    department: certificates[0]!.organization.department,
    municipality: first.orgMunicipality,
    certifiedUnits: units.size,
    namedUnits: [...units.values()].filter((name): name is string => name !== null).sort(byName.compare),
    products: [...products.values()],
    certificates,
  }));
}
