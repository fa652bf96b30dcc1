/**
 * Public verification: the status is computed at the
 * moment of the check, and only allow-listed fields leave. Before a status is shown
 * and signed, the certificate row is checked against its own events and their
 * transparency leaves: a row altered outside the application is never vouched for.
 */
import type { Db } from '../../db/client.js';
import { DEPARTMENTS, type Department } from '../../domain/bolivia.js';
import { codeForUrl, parseCertificateCode } from '../../domain/certificate-code.js';
import { servedRecordProblems } from '../../domain/certificate-record.js';
import { CERTIFICATE_STATUS_LABEL, effectiveStatus, type EffectiveStatus } from '../../domain/certificate-state.js';
import type { KeyStore } from '../../signing/key-store.js';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import { type PublicCertificate, type Verification } from './public-schemas.js';
import { createVerificationRepository, type PublicCertificateRow } from './verification-repository.js';

export type VerificationResult =
  | { found: true; confirmed: true; verification: Verification; status: EffectiveStatus }
  /** The row does not agree with its own history: its status is not shown, let alone signed. */
  | { found: true; confirmed: false; code: string; problems: string[]; checkedAt: string }
  | { found: false; reason: 'unknown' | 'bad_check' | 'malformed'; input: string; checkedAt: string };

export function createVerificationService({
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
  const repo = createVerificationRepository(db);
  const issuer = new URL(publicBaseUrl).host;

  const label = (scheme: string, version: string) => {
    const v = catalog.find(scheme, version);
    return {
      name: v?.name.es ?? scheme,
      sector: (code: string) => v?.sectors.find((s) => s.code === code)?.name.es ?? code,
      sealLevel: (code: string) => v?.sealLevels.find((l) => l.code === code)?.name.es ?? code,
    };
  };

  const toPublic = (row: PublicCertificateRow, at: Date): PublicCertificate => {
    const status = effectiveStatus(
      {
        stored: row.status,
        storedSince: row.statusSince,
        storedReason: row.statusReason,
        expiresOn: row.expiresOn,
        conditions: repo.conditionsOf(row.id),
      },
      at,
    );
    const names = label(row.scheme, row.criteriaVersion);
    const departmentName = (code: string) => DEPARTMENTS[code as Department] ?? code;
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
      sectors: (JSON.parse(row.sectors) as string[]).map(names.sector),
      sealLevel: names.sealLevel(row.sealLevel),
      scheme: { id: row.scheme, name: names.name, version: row.criteriaVersion, contentHash: row.criteriaHash },
      issuedOn: row.issuedOn,
      expiresOn: row.expiresOn,
      verificationUrl: `${publicBaseUrl}/c/${codeForUrl(row.code)}`,
    };
  };

  return {
    issuer,

    verify(input: string): VerificationResult {
      const parsed = parseCertificateCode(input);
      if (!parsed.ok) return { found: false, reason: parsed.reason, input, checkedAt: now().toISOString() };
      const row = repo.byCode(parsed.code);
      if (!row) return { found: false, reason: 'unknown', input, checkedAt: now().toISOString() };
      const at = now();
      const stored = { status: row.status, since: row.statusSince, reason: row.statusReason };
      const issuedFields = { products: JSON.parse(row.products) as string[], sectors: JSON.parse(row.sectors) as string[] };
      const history = repo.historyOf(row.id);
      const problems = servedRecordProblems({ ...row, ...stored, ...issuedFields }, history.events, history.issued);
      if (problems.length > 0) return { found: true, confirmed: false, code: row.code, problems, checkedAt: at.toISOString() };
      const certificate = toPublic(row, at);
      const unsigned = {
        certificate,
        checkedAt: at.toISOString(),
        issuer,
        transparency: { issuanceLogIndex: repo.issuanceLogIndex(row.id), treeSize: repo.treeSize() },
      };
      return {
        found: true,
        confirmed: true,
        status: certificate.status,
        verification: { ...unsigned, signature: keys.signSync(unsigned, 'sello-verificacion+jws') },
      };
    },
  };
}
export type VerificationService = ReturnType<typeof createVerificationService>;
