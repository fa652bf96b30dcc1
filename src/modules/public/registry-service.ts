/**
 * The public registry: certified, suspended, and lost (revoked, expired) in the last five
 * years, filtered and paged in SQL on the public status that certificate events keep
 * (registry-index.ts). Time's changes reach it when the sweep records them, at most one sweep
 * interval (a minute) late; `/c/<code>` computes the status at the moment of the check.
 */
import { LRUCache } from 'lru-cache';
import type { Db } from '../../db/client.js';
import { parseDepartment } from '../../domain/bolivia.js';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import type { PublicCertificate, RegistryOrganization, RegistryQuery } from './public-schemas.js';
import { groupByOrganization } from './registry-groups.js';
import { backfillRegistryIndex } from './registry-index.js';
import { createPublicCertificateMapper } from './public-certificate.js';
import { createRegistryRepository, type RegistryFilter, type RegistryRow } from './registry-repository.js';
import { encodeBody, type EncodedBody } from './statement-cache.js';

/** Certificates lost (revoked, expired) stay in the public registry this long. */
export const LOST_VISIBLE_YEARS = 5;
/** How long a page may be served again (while nothing changed): bounds how far the five-year horizon lags. */
const CACHE_TTL_MS = 60_000;

export type RegistryPage = { items: PublicCertificate[]; page: number; pageSize: number; total: number; generatedAt: string };
/** A page of organisations (`total` counts organisations), as /registro shows it. */
export type RegistryOrganizationPage = {
  items: RegistryOrganization[];
  page: number;
  pageSize: number;
  total: number;
  generatedAt: string;
};

export function createRegistryService({
  db,
  catalog,
  now,
  publicBaseUrl,
}: {
  db: Db;
  catalog: CriteriaCatalog;
  now: () => Date;
  publicBaseUrl: string;
}) {
  // What certificates written before the index (or in bulk) lack is filled once, at start; idempotent.
  backfillRegistryIndex(db, (scheme, version) => catalog.suspensionLimit(scheme, version));
  const repo = createRegistryRepository(db);
  // Cache rule: a page is reused only while the audit trail has not grown (every certificate
  // event and registry edit appends to it in the same transaction) and for at most CACHE_TTL_MS (a minute),
  // which bounds how far the five-year horizon of lost certificates may lag.
  const pages = new LRUCache<string, RegistryPage | RegistryOrganizationPage>({ max: 500, ttl: CACHE_TTL_MS });
  // Rendered pages (HTML), under the same rule, kept as bytes with room for their compressed forms (made once each).
  const rendered = new LRUCache<string, EncodedBody>({
    max: 500,
    maxSize: 32 * 1024 * 1024,
    sizeCalculation: (body) => 2 * body.identity.length,
    ttl: CACHE_TTL_MS,
  });
  // The total of a filter, shared by its pages, under the same rule.
  const totals = new LRUCache<string, number>({ max: 500, ttl: CACHE_TTL_MS });

  const publicCertificate = createPublicCertificateMapper(catalog, publicBaseUrl);
  const toPublic = (row: RegistryRow): PublicCertificate =>
    publicCertificate(row, { status: row.publicStatus, since: row.publicSince, reason: row.publicReason });

  const filterOf = (query: Omit<RegistryQuery, 'page' | 'pageSize'>, at: Date): RegistryFilter => {
    const horizon = new Date(at);
    horizon.setUTCFullYear(horizon.getUTCFullYear() - LOST_VISIBLE_YEARS);
    return {
      q: query.q,
      product: query.product,
      department: query.department ? (parseDepartment(query.department) ?? query.department) : undefined,
      municipality: query.municipality || query.municipio,
      sector: query.sector,
      status: query.status,
      organization: query.organization,
      lostSince: horizon.toISOString(),
    };
  };

  const totalOf = (key: string, count: () => number): number => {
    let total = totals.get(key);
    if (total === undefined) totals.set(key, (total = count()));
    return total;
  };

  /**
   * A page of certificates or of organisations, reused while nothing changed (see the cache rule above).
   * Both read the same filter, so the open data and the page find the same things.
   */
  function cachedPage<T extends RegistryPage | RegistryOrganizationPage>(
    kind: 'certificates' | 'organizations',
    query: RegistryQuery,
    read: (filter: RegistryFilter, limit: number, offset: number) => T['items'],
    count: (filter: RegistryFilter) => number,
  ): T {
    const { lang: _lang, page: _page, pageSize: _size, municipio, ...asked } = query;
    const filtered = JSON.stringify({ ...asked, municipality: query.municipality || municipio });
    const version = repo.dataVersion();
    const key = `${kind}:${version}:${query.page}:${query.pageSize}:${filtered}`;
    const cached = pages.get(key);
    if (cached) return cached as T;
    const at = now();
    const filter = filterOf(query, at);
    const page = {
      items: read(filter, query.pageSize, (query.page - 1) * query.pageSize),
      page: query.page,
      pageSize: query.pageSize,
      total: totalOf(`${kind}:${version}:${filtered}`, () => count(filter)),
      generatedAt: at.toISOString(),
    } as T;
    pages.set(key, page);
    return page;
  }

  return {
    /** A page of the registry's certificates, filtered as asked. */
    page: (query: RegistryQuery): RegistryPage =>
      cachedPage<RegistryPage>(
        'certificates',
        query,
        (filter, limit, offset) => repo.page(filter, limit, offset).map(toPublic),
        (filter) => repo.count(filter),
      ),

    /** A page of organisations, each with its certificates that meet the filters. */
    organizations: (query: RegistryQuery): RegistryOrganizationPage =>
      cachedPage<RegistryOrganizationPage>(
        'organizations',
        query,
        (filter, limit, offset) => groupByOrganization(repo.organizationPage(filter, limit, offset), toPublic),
        (filter) => repo.organizationCount(filter),
      ),

    /**
     * The page of organisations rendered by `render`, reused under the cache rule above: `variant` must
     * name whatever else the rendering reads (the locale).
     */
    rendered(query: RegistryQuery, variant: string, render: (page: RegistryOrganizationPage) => string): EncodedBody {
      const key = `${repo.dataVersion()}:${variant}:${JSON.stringify(query)}`;
      let html = rendered.get(key);
      if (html === undefined) rendered.set(key, (html = encodeBody(render(this.organizations(query)))));
      return html;
    },

    /** Every entry that meets the filters, in order, read from the database as it is consumed. */
    *all(query: Omit<RegistryQuery, 'page' | 'pageSize'>): Generator<PublicCertificate> {
      for (const row of repo.each(filterOf(query, now()))) yield toPublic(row);
    },
  };
}
export type RegistryService = ReturnType<typeof createRegistryService>;
