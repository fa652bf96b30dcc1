/** Maps a page of the public registry, and the query that asked for it, to the registry page's view model. */
import { DEPARTMENTS } from '../domain/bolivia.js';
import type { PublicCertificate, RegistryQuery as RegistryApiQuery } from '../modules/public/public-schemas.js';
import type { RegistryEntry, RegistryView } from './page-types.js';

const DEPARTMENT_OPTIONS = Object.entries(DEPARTMENTS).map(([code, name]) => ({ code, name }));

export function registryEntry(c: PublicCertificate): RegistryEntry {
  return {
    code: c.code,
    status: c.status,
    organization: c.organization.name,
    department: c.region.department,
    municipality: c.region.municipality,
    producer: c.producer,
    products: c.products,
    sectors: c.sectors,
    sealLevel: c.sealLevel,
    issuedOn: c.issuedOn,
    expiresOn: c.expiresOn,
    statusSince: c.statusSince,
    verifyUrl: c.verificationUrl,
    activeMembers: c.scope === 'group' ? (c.activeMembers ?? 0) : null,
  };
}

export function registryView(
  request: RegistryApiQuery,
  result: { items: PublicCertificate[]; total: number; pageSize: number },
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
    publicBaseUrl,
  };
}
