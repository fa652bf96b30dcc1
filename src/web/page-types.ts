/** View models of the public pages: what a route hands to a renderer. */
import { EFFECTIVE_STATUSES, type EffectiveStatus } from '../domain/certificate-state.js';
import type { Locale } from './locale.js';

export type { Locale };

/** What the public pages show: the effective status, expiry counted. */
export const CERTIFICATE_STATUSES = EFFECTIVE_STATUSES;
export type CertificateStatus = EffectiveStatus;

/** A member of a group certificate: a name only with its consent, else only its community. */
export type MemberView = {
  name: string | null;
  community: string;
  status: 'active' | 'excluded';
  /** ISO instant since which it holds that status. */
  since: string;
  /** Why it was excluded. */
  reason: string | null;
};

/** A group certificate: the organisation with its member units, each with its own status. */
export type GroupView = {
  /** Members certified today. */
  activeMembers: number;
  members: MemberView[];
};

export type VerificationView = {
  /** Canonical grouped code, e.g. "7K3M-9QXA-2F4P". */
  code: string;
  status: CertificateStatus;
  /** ISO instant since which the status holds. */
  statusSince: string;
  /** Public reason of a suspension or revocation, if any. */
  statusReason: string | null;
  organization: { name: string; department: string; municipality: string };
  /** Only when the producer consented to appear by name. */
  producer: string | null;
  products: string[];
  /** Display names. */
  sectors: string[];
  /** Display name, e.g. "Pleno". */
  sealLevel: string;
  scheme: { name: string; version: string; contentHash: string };
  /** YYYY-MM-DD. */
  issuedOn: string;
  expiresOn: string;
  /** ISO instant the status was checked: when the statement the page shows was produced. */
  checkedAt: string;
  /** The configured public base URL (scheme, host and port), written out so people can compare it with the address bar. */
  publicBaseUrl: string;
  /** The same certificate for machines (Accept: application/json). */
  jsonUrl: string;
  /** Only for a group certificate. */
  group?: GroupView | null;
};

export type NotFoundView = {
  /** What was asked for, as typed (shown clipped). */
  input: string;
  reason: 'unknown' | 'bad_check' | 'malformed';
  checkedAt: string;
  publicBaseUrl: string;
  /**
   * Optional: where a plain GET form with a `codigo` field (and `lang` in English) may be
   * sent to try again, e.g. "/verificar" answering with a redirect to /c/<code>. No form without it.
   */
  retryAction?: string;
};

/** A certificate of an organisation in the registry: its code, its status and whom it certifies. */
export type RegistryCertificate = {
  code: string;
  status: CertificateStatus;
  verifyUrl: string;
  /** The unit's name, with its consent; null without it, and for a group certificate. */
  producer: string | null;
  /** Only for a group certificate: how many member units are certified today. */
  activeMembers: number | null;
  expiresOn: string;
};

/** One organisation of the registry, with its certificates that meet the search. */
export type RegistryEntry = {
  organization: string;
  /** Its kind in words («Cooperativa»). */
  kind: string;
  department: string;
  municipality: string;
  /** Units its active certificates certify today, each counted once. */
  certifiedUnits: number;
  /** The names of those units that consented to be named. */
  namedUnits: string[];
  /** The products of its certificates, without repeats. */
  products: string[];
  certificates: RegistryCertificate[];
};

export type RegistryQuery = {
  q?: string;
  product?: string;
  /** The production unit's municipality: `municipio` on the page, `municipality` in the API. */
  municipio?: string;
  municipality?: string;
  department?: string;
  sector?: string;
  status?: CertificateStatus;
  /** One organisation, by its exact name: all its certificates are listed. */
  organization?: string;
  page: number;
  /** The `lang` asked for in the query string, if any: kept in the page's links. */
  lang?: Locale;
};

export type RegistryView = {
  query: RegistryQuery;
  /** One per organisation. */
  entries: RegistryEntry[];
  /** Organisations that meet the search. */
  total: number;
  pageSize: number;
  departments: { code: string; name: string }[];
  sectors: { code: string; name: string }[];
  /** Export links, used as given: include the current filters in them if the export honours them. */
  csvUrl: string;
  jsonUrl: string;
  /** The same organisations as JSON, grouped as on the page. */
  organizationsJsonUrl: string;
  publicBaseUrl: string;
};

/** The home page: empty, or again after a code that cannot be one, with what was typed. */
export type HomeView = {
  publicBaseUrl: string;
  /** What was typed in the code field, shown again in it. */
  code?: string;
  /** Why the typed code was not looked up. */
  problem?: 'empty' | 'malformed' | 'bad_check';
};
