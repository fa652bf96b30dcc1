/**
 * A certificate as the public sees it (verification and registry alike): only allow-listed
 * fields, with the names of its criteria version's sectors and seal level, looked up once
 * per version (a loaded version never changes).
 */
import { DEPARTMENTS, type Department } from '../../domain/bolivia.js';
import { codeForUrl } from '../../domain/certificate-code.js';
import { CERTIFICATE_STATUS_LABEL, type EffectiveStatus } from '../../domain/certificate-state.js';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import type { PublicCertificate, PublicMember } from './public-schemas.js';

/**
 * What both public reads select of a certificate, its organisation and its producer. A group
 * certificate has no producer: its region is the organisation's (see PUBLIC_HOLDER_COLUMNS).
 */
export type PublicCertificateFields = {
  code: string;
  scope: 'unit' | 'group';
  /** Members certified today (0 for a unit's certificate). */
  activeMembers: number;
  scheme: string;
  criteriaVersion: string;
  criteriaHash: string;
  sealLevel: string;
  /** JSON array. */
  products: string;
  /** JSON array of sector codes. */
  sectors: string;
  issuedOn: string;
  expiresOn: string;
  orgName: string;
  orgDepartment: string;
  orgMunicipality: string;
  producerName: string | null;
  producerConsent: number | null;
  department: string;
  municipality: string;
};

export type PublicStatus = { status: EffectiveStatus; since: string; reason: string | null };

/**
 * The SQL columns of who holds a certificate `c` (organisation `o`, producer `p` LEFT JOINed: null for
 * a group), shared by verification and the registry so that both read a holder the same way.
 */
export const PUBLIC_HOLDER_COLUMNS = `c.scope, o.name AS orgName, o.department AS orgDepartment, o.municipality AS orgMunicipality,
  p.name AS producerName, p.public_name_consent AS producerConsent,
  coalesce(p.department, o.department) AS department, coalesce(p.municipality, o.municipality) AS municipality,
  (SELECT count(*) FROM certificate_members m WHERE m.certificate_id = c.id AND m.status = 'active') AS activeMembers`;

type Labels = { name: string; sectors: Map<string, string>; sealLevels: Map<string, string> };

const departmentName = (code: string) => DEPARTMENTS[code as Department] ?? code;

export function createPublicCertificateMapper(catalog: CriteriaCatalog, publicBaseUrl: string) {
  const labelsByVersion = new Map<string, Labels>();
  const labelsOf = (scheme: string, version: string): Labels => {
    const key = `${scheme}\u0000${version}`;
    let labels = labelsByVersion.get(key);
    if (!labels) {
      const v = catalog.find(scheme, version);
      labels = {
        name: v?.name.es ?? scheme,
        sectors: new Map(v?.sectors.map((s) => [s.code, s.name.es])),
        sealLevels: new Map(v?.sealLevels.map((l) => [l.code, l.name.es])),
      };
      labelsByVersion.set(key, labels);
    }
    return labels;
  };

  /** `members` only where the whole list is shown (verification); the registry gives the count. */
  return (row: PublicCertificateFields, status: PublicStatus, members?: PublicMember[]): PublicCertificate => {
    const labels = labelsOf(row.scheme, row.criteriaVersion);
    const group = row.scope === 'group';
    return {
      code: row.code,
      scope: row.scope,
      ...(group ? { activeMembers: row.activeMembers } : {}),
      ...(group && members ? { members } : {}),
      status: status.status,
      statusLabel: CERTIFICATE_STATUS_LABEL[status.status],
      statusSince: status.since,
      statusReason: status.status === 'active' ? null : status.reason,
      organization: { name: row.orgName, department: departmentName(row.orgDepartment), municipality: row.orgMunicipality },
      producer: row.producerConsent && row.producerName !== null ? row.producerName : null,
      region: { department: departmentName(row.department), municipality: row.municipality },
      products: JSON.parse(row.products) as string[],
      sectors: (JSON.parse(row.sectors) as string[]).map((code) => labels.sectors.get(code) ?? code),
      sealLevel: labels.sealLevels.get(row.sealLevel) ?? row.sealLevel,
      scheme: { id: row.scheme, name: labels.name, version: row.criteriaVersion, contentHash: row.criteriaHash },
      issuedOn: row.issuedOn,
      expiresOn: row.expiresOn,
      verificationUrl: `${publicBaseUrl}/c/${codeForUrl(row.code)}`,
    };
  };
}
