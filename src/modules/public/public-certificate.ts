/**
 * A certificate as the public sees it (verification and registry alike): only allow-listed
 * fields, with the names of its criteria version's sectors and seal level, looked up once
 * per version (a loaded version never changes).
 */
import { DEPARTMENTS, type Department } from '../../domain/bolivia.js';
import { codeForUrl } from '../../domain/certificate-code.js';
import { CERTIFICATE_STATUS_LABEL, type EffectiveStatus } from '../../domain/certificate-state.js';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import type { PublicCertificate } from './public-schemas.js';

/** What both public reads select of a certificate, its organisation and its producer. */
export type PublicCertificateFields = {
  code: string;
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
  producerName: string;
  producerConsent: number;
  department: string;
  municipality: string;
};

export type PublicStatus = { status: EffectiveStatus; since: string; reason: string | null };

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

  return (row: PublicCertificateFields, status: PublicStatus): PublicCertificate => {
    const labels = labelsOf(row.scheme, row.criteriaVersion);
    return {
      code: row.code,
      status: status.status,
      statusLabel: CERTIFICATE_STATUS_LABEL[status.status],
      statusSince: status.since,
      statusReason: status.status === 'active' ? null : status.reason,
      organization: { name: row.orgName, department: departmentName(row.orgDepartment), municipality: row.orgMunicipality },
      producer: row.producerConsent ? row.producerName : null,
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
