/** Maps a page of the public registry's organisations, and the query that asked for it, to the registry page's view model. */
import { DEPARTMENTS } from '../domain/bolivia.js';
import type { RegistryOrganization, RegistryQuery as RegistryApiQuery } from '../modules/public/public-schemas.js';
import type { RegistryEntry, RegistryView } from './page-types.js';

const DEPARTMENT_OPTIONS = Object.entries(DEPARTMENTS).map(([code, name]) => ({ code, name }));

export function registryEntry(o: RegistryOrganization): RegistryEntry {
  return {
    organization: o.name,
    kind: o.kindLabel,
    department: o.department,
    municipality: o.municipality,
    certifiedUnits: o.certifiedUnits,
    namedUnits: o.namedUnits,
    products: o.products,
    certificates: o.certificates.map((c) => ({
      code: c.code,
      status: c.status,
      verifyUrl: c.verificationUrl,
      producer: c.producer,
      activeMembers: c.scope === 'group' ? (c.activeMembers ?? 0) : null,
      expiresOn: c.expiresOn,
    })),
  };
}

export function registryView(
  request: RegistryApiQuery,
  result: { items: RegistryOrganization[]; total: number; pageSize: number },
  { sectors, publicBaseUrl }: { sectors: { code: string; name: string }[]; publicBaseUrl: string },
): RegistryView {
  const { lang: _lang, pageSize: _size, ...query } = request;
  // The export links keep the filters but not the page: they export every match.
  const filters = new URLSearchParams(
    Object.entries(query).flatMap(([k, v]): [string, string][] => (k !== 'page' && v !== undefined ? [[k, String(v)]] : [])),
  );
  const suffix = filters.size > 0 ? `?${filters.toString()}` : '';
  return {
    query,
    entries: result.items.map(registryEntry),
    total: result.total,
    pageSize: result.pageSize,
    departments: DEPARTMENT_OPTIONS,
    sectors,
    csvUrl: `/api/v1/public/registry.csv${suffix}`,
    jsonUrl: `/api/v1/public/registry${suffix}`,
    organizationsJsonUrl: `/api/v1/public/registry/organizations${suffix}`,
    publicBaseUrl,
  };
}
