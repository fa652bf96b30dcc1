/**
 * Suppliers for public purchases: the organisations with a valid certificate (src/domain/suppliers.ts),
 * as a signed list that anyone can check later without the service. Each list (one per filter) is made
 * and signed once and served as the same bytes until the registry data changes: every certificate event
 * and every registry edit is audited, so the audit trail's length (dataVersion) names the data it was made from.
 */
import { LRUCache } from 'lru-cache';
import type { Db } from '../../db/client.js';
import { DEPARTMENTS, parseDepartment, type Department } from '../../domain/bolivia.js';
import { publicContact } from '../../domain/organization-contact.js';
import { ORGANIZATION_KIND_NAME, type OrganizationKind } from '../../domain/registry.js';
import { listSuppliers, type Place, type ValidCertificate } from '../../domain/suppliers.js';
import type { KeyStore } from '../../signing/key-store.js';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import { createPublicCertificateMapper } from './public-certificate.js';
import { createRegistryRepository } from './registry-repository.js';
import { encodeBody, type EncodedBody } from './statement-cache.js';
import { createSuppliersRepository, type MemberPlaceRow } from './suppliers-repository.js';
import { SUPPLIERS_JWS_TYPE, SuppliersSchema, type Suppliers, type SuppliersFilters, type SuppliersQuery } from './suppliers-schemas.js';

/** A signed list, as an object (for the page and the CSV) and as the exact JSON bytes served. */
export type SignedSuppliers = { list: Suppliers; json: EncodedBody };

const departmentName = (code: string) => DEPARTMENTS[code as Department] ?? code;

/** The filters as the list states them: a department as its code when it is one, absent ones as null. */
export function suppliersFilters(query: Omit<SuppliersQuery, 'lang'>): SuppliersFilters {
  const department = query.department || undefined;
  return {
    department: department ? (parseDepartment(department) ?? department) : null,
    municipality: query.municipality || query.municipio || null,
    product: query.product || null,
  };
}

export function createSuppliersService({
  db,
  catalog,
  keys,
  now,
  publicBaseUrl,
}: {
  db: Db;
  catalog: CriteriaCatalog;
  keys: KeyStore;
  now: () => Date;
  publicBaseUrl: string;
}) {
  const repo = createSuppliersRepository(db);
  const registry = createRegistryRepository(db);
  const publicCertificate = createPublicCertificateMapper(catalog, publicBaseUrl);
  const issuer = new URL(publicBaseUrl).host;
  // The valid certificates, read once per data version for every filter.
  let read: { version: number; certificates: ValidCertificate[] } | undefined;
  const lists = new LRUCache<string, SignedSuppliers>({
    max: 500,
    maxSize: 32 * 1024 * 1024,
    sizeCalculation: (s) => 4 * s.json.identity.length,
  });

  function validCertificates(version: number): ValidCertificate[] {
    if (read?.version === version) return read.certificates;
    const members = new Map<string, MemberPlaceRow[]>();
    for (const m of repo.memberPlaces()) {
      const list = members.get(m.certificateId);
      if (list) list.push(m);
      else members.set(m.certificateId, [m]);
    }
    const certificates = repo.validCertificates().map((row): ValidCertificate => {
      const c = publicCertificate(row, { status: 'active', since: row.publicSince, reason: null });
      const group = row.scope === 'group';
      const memberPlaces = (members.get(row.id) ?? []).map((m): Place => ({
        department: departmentName(m.department),
        municipality: m.municipality,
      }));
      return {
        organization: {
          key: row.orgId,
          name: c.organization.name,
          kind: row.orgKind,
          department: c.organization.department,
          municipality: c.organization.municipality,
          contact: publicContact({
            contactName: row.contactName,
            contactPhone: row.contactPhone,
            contactEmail: row.contactEmail,
            contactPublic: row.contactPublic === 1,
          }),
        },
        code: c.code,
        scope: c.scope,
        units: group ? row.activeMembers : 1,
        places: group ? (memberPlaces.length > 0 ? memberPlaces : [c.organization]) : [c.region],
        products: c.products,
        sectors: c.sectors,
        sealLevel: c.sealLevel,
        expiresOn: c.expiresOn,
        verificationUrl: c.verificationUrl,
      };
    });
    read = { version, certificates };
    return certificates;
  }

  function produce(version: number, filters: SuppliersFilters): SignedSuppliers {
    const items = listSuppliers(validCertificates(version), {
      department: filters.department ?? undefined,
      municipality: filters.municipality ?? undefined,
      product: filters.product ?? undefined,
    }).map((s) => ({ ...s, kind: s.kind as OrganizationKind, kindName: ORGANIZATION_KIND_NAME[s.kind as OrganizationKind] ?? s.kind }));
    const unsigned = { producedAt: now().toISOString(), issuer, filters, total: items.length, items };
    // Parsed against the public schema: only allow-listed fields are ever served; the signature covers exactly them.
    const list = SuppliersSchema.parse({ ...unsigned, signature: keys.signSync(unsigned, SUPPLIERS_JWS_TYPE) });
    return { list, json: encodeBody(JSON.stringify(list)) };
  }

  return {
    /** The configured public base URL, which the page shows as the place to check a code. */
    publicBaseUrl,
    /** The signed list for these filters: the one already made while the registry data is unchanged, else a new one. */
    list(query: Omit<SuppliersQuery, 'lang'>): SignedSuppliers {
      const filters = suppliersFilters(query);
      const version = registry.dataVersion();
      const key = `${version}:${JSON.stringify(filters)}`;
      let signed = lists.get(key);
      if (!signed) lists.set(key, (signed = produce(version, filters)));
      return signed;
    },
  };
}
export type SuppliersService = ReturnType<typeof createSuppliersService>;
