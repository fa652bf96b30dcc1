/** View models for the public pages, shared by the page unit tests and the browser tests. */
import type { NotFoundView, RegistryCertificate, RegistryEntry, RegistryView, VerificationView } from '../../src/web/pages.js';

export const HOSTILE = '<script>alert(1)</script> & "Señor"';

export function verificationView(overrides: Partial<VerificationView> = {}): VerificationView {
  return {
    code: '7K3M-9QXA-2F4P',
    status: 'active',
    statusSince: '2026-03-12T14:00:00Z',
    statusReason: null,
    organization: { name: 'Asociación de Productores de Quinua Real', department: 'Potosí', municipality: 'Uyuni' },
    producer: 'María Quispe Mamani',
    products: ['Quinua real blanca', 'Harina de quinua'],
    sectors: ['Granos andinos'],
    sealLevel: 'Pleno',
    scheme: {
      name: 'Sello ES/CJ',
      version: '1.0.0',
      contentHash: 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    },
    issuedOn: '2026-03-12',
    expiresOn: '2027-03-12',
    checkedAt: '2026-11-23T18:05:00Z',
    publicBaseUrl: 'https://sello.example.bo',
    jsonUrl: '/c/7K3M-9QXA-2F4P?format=json',
    ...overrides,
  };
}

export function notFoundView(overrides: Partial<NotFoundView> = {}): NotFoundView {
  return {
    input: '7K3M-9QXA-2F4X',
    reason: 'unknown',
    checkedAt: '2026-11-23T18:05:00Z',
    publicBaseUrl: 'https://sello.example.bo',
    ...overrides,
  };
}

export function registryCertificate(overrides: Partial<RegistryCertificate> = {}): RegistryCertificate {
  return {
    code: '7K3M-9QXA-2F4P',
    status: 'active',
    verifyUrl: '/c/7K3M-9QXA-2F4P',
    producer: null,
    activeMembers: null,
    expiresOn: '2027-01-10',
    ...overrides,
  };
}

/** An organisation of the registry; `certificate` overrides its one certificate. */
export function registryEntry(overrides: Partial<RegistryEntry> & { certificate?: Partial<RegistryCertificate> } = {}): RegistryEntry {
  const { certificate, ...entry } = overrides;
  return {
    organization: 'Cooperativa Cafetalera Los Yungas',
    kind: 'Cooperativa',
    department: 'La Paz',
    municipality: 'Caranavi',
    certifiedUnits: 1,
    namedUnits: [],
    products: ['Café verde', 'Café tostado'],
    certificates: [registryCertificate(certificate)],
    ...entry,
  };
}

export function registryView(overrides: Partial<RegistryView> = {}): RegistryView {
  return {
    query: { page: 1 },
    entries: [registryEntry()],
    total: 1,
    pageSize: 20,
    departments: [
      { code: 'la-paz', name: 'La Paz' },
      { code: 'potosi', name: 'Potosí' },
    ],
    sectors: [
      { code: 'cafe', name: 'Café' },
      { code: 'granos-andinos', name: 'Granos andinos' },
    ],
    csvUrl: '/api/v1/public/certificates.csv',
    jsonUrl: '/api/v1/public/certificates',
    organizationsJsonUrl: '/api/v1/public/registry/organizations',
    publicBaseUrl: 'https://sello.example.bo',
    ...overrides,
  };
}

/** The official address the fixtures' pages name in their footer: the site itself, not elsewhere. */
export const OFFICIAL_URL = 'https://sello.example.bo/';

/**
 * Every address the page points to (src, href, action) that is not on its own origin (or the
 * site's own official address), plus any script, CSS import or CSS url(): what a page that loads
 * nothing else must not have.
 */
export function externalReferences(html: string, officialUrl = OFFICIAL_URL): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/\s(?:src|href|action|srcset|poster|data)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
    const value = match[2] ?? match[3] ?? match[4] ?? '';
    const sameOrigin = /^(\/(?!\/)|\?|#)/.test(value) || value === 'data:,' || value === officialUrl;
    if (!sameOrigin) found.push(value);
  }
  for (const pattern of [/<script/gi, /@import/gi, /url\(/gi, /<link[^>]+rel="?stylesheet/gi, /<iframe/gi, /<img/gi]) {
    for (const match of html.matchAll(pattern)) found.push(match[0]);
  }
  return found;
}
