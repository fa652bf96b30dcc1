/**
 * Suppliers for public purchases: the organisations holding at least one valid (VIGENTE) certificate,
 * one entry each with what their valid certificates cover, found by department, municipality and product
 * (ignoring accents and case). Pure: the caller reads the valid certificates and says what to look for.
 */
import { parseDepartment } from './bolivia.js';
import { fold } from './text.js';

/** Where certified units are: a department as people read it («La Paz») and a municipality. */
export type Place = { department: string; municipality: string };

/** A valid certificate as the suppliers' list reads it, with its organisation. */
export type ValidCertificate = {
  organization: { key: string; name: string; kind: string; department: string; municipality: string; contact: SupplierContact | null };
  code: string;
  scope: 'unit' | 'group';
  /** Units it certifies: 1 for a unit's certificate, its certified members for a group's. */
  units: number;
  /** Where its certified units are (a group's: its members' places, or its organisation's when it has none). */
  places: Place[];
  products: string[];
  sectors: string[];
  sealLevel: string;
  expiresOn: string;
  verificationUrl: string;
};

export type SupplierContact = { name: string | null; phone: string | null; email: string | null };

export type SupplierFilter = {
  /** A department code (see bolivia.ts), or text that is not one, which then matches nothing. */
  department?: string | undefined;
  /** Exact, ignoring accents and case: the organisation's municipality or one of its certified units'. */
  municipality?: string | undefined;
  /** Part of a product's name, ignoring accents and case. */
  product?: string | undefined;
};

export type Supplier = {
  name: string;
  kind: string;
  department: string;
  municipality: string;
  certifiedUnits: number;
  places: Place[];
  products: string[];
  sectors: string[];
  certificates: {
    code: string;
    scope: 'unit' | 'group';
    certifiedUnits: number;
    sealLevel: string;
    expiresOn: string;
    verificationUrl: string;
  }[];
  contact: SupplierContact | null;
};

const byName = (a: string, b: string) => a.localeCompare(b, 'es', { sensitivity: 'base' });

/** The items without repeats (two spellings that fold the same are one: the first is kept), in alphabetical order. */
function distinct(items: Iterable<string>): string[] {
  const seen = new Map<string, string>();
  for (const item of items) if (!seen.has(fold(item))) seen.set(fold(item), item);
  return [...seen.values()].sort(byName);
}

function distinctPlaces(places: Iterable<Place>): Place[] {
  const seen = new Map<string, Place>();
  for (const p of places) {
    const key = `${fold(p.department)}\u0000${fold(p.municipality)}`;
    if (!seen.has(key)) seen.set(key, p);
  }
  return [...seen.values()].sort((a, b) => byName(a.department, b.department) || byName(a.municipality, b.municipality));
}

/** Whether a certificate meets every filter given (empty filters are no filter). */
export function certificateMatches(c: ValidCertificate, filter: SupplierFilter): boolean {
  const places = [{ department: c.organization.department, municipality: c.organization.municipality }, ...c.places];
  if (filter.department) {
    const wanted = filter.department;
    if (!places.some((p) => parseDepartment(p.department) === wanted)) return false;
  }
  if (filter.municipality) {
    const wanted = fold(filter.municipality.trim());
    if (!places.some((p) => fold(p.municipality) === wanted)) return false;
  }
  if (filter.product) {
    const wanted = fold(filter.product.trim());
    if (!c.products.some((p) => fold(p).includes(wanted))) return false;
  }
  return true;
}

/**
 * One entry per organisation with a valid certificate meeting the filters, by name. The entry shows
 * all its valid certificates (a buyer looking for honey in Caranavi also learns that it sells coffee).
 */
export function listSuppliers(certificates: readonly ValidCertificate[], filter: SupplierFilter): Supplier[] {
  const byOrganization = new Map<string, ValidCertificate[]>();
  for (const c of certificates) {
    const list = byOrganization.get(c.organization.key);
    if (list) list.push(c);
    else byOrganization.set(c.organization.key, [c]);
  }
  const suppliers: Supplier[] = [];
  for (const list of byOrganization.values()) {
    if (!list.some((c) => certificateMatches(c, filter))) continue;
    const org = list[0]!.organization;
    const sorted = [...list].sort((a, b) => a.code.localeCompare(b.code));
    suppliers.push({
      name: org.name,
      kind: org.kind,
      department: org.department,
      municipality: org.municipality,
      certifiedUnits: list.reduce((n, c) => n + c.units, 0),
      places: distinctPlaces(list.flatMap((c) => c.places)),
      products: distinct(list.flatMap((c) => c.products)),
      sectors: distinct(list.flatMap((c) => c.sectors)),
      certificates: sorted.map((c) => ({
        code: c.code,
        scope: c.scope,
        certifiedUnits: c.units,
        sealLevel: c.sealLevel,
        expiresOn: c.expiresOn,
        verificationUrl: c.verificationUrl,
      })),
      contact: org.contact,
    });
  }
  return suppliers.sort((a, b) => byName(a.name, b.name) || a.certificates[0]!.code.localeCompare(b.certificates[0]!.code));
}
