/**
 * Public verification and the public registry. Reads go through prepared
 * statements (this is the hot path: every scan of a seal), the status is
 * computed at the moment of the check, and only allow-listed fields leave.
 */
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import type { Db } from '../../db/client.js';
import { DEPARTMENTS, parseDepartment, type Department } from '../../domain/bolivia.js';
import { codeForUrl, parseCertificateCode } from '../../domain/certificate-code.js';
import { CERTIFICATE_STATUS_LABEL, effectiveStatus, type EffectiveStatus, type StoredStatus } from '../../domain/certificate-state.js';
import { canonicalJson } from '../../domain/content-hash.js';
import { fold } from '../../domain/text.js';
import type { KeyStore } from '../../signing/key-store.js';
import { type PublicCertificate, type RegistryQuery, type Verification } from './public-schemas.js';

type Row = {
  id: string;
  code: string;
  scheme: string;
  criteriaVersion: string;
  criteriaHash: string;
  sealLevel: string;
  products: string;
  sectors: string;
  issuedOn: string;
  expiresOn: string;
  status: StoredStatus;
  statusSince: string;
  statusReason: string | null;
  orgName: string;
  orgDepartment: string;
  orgMunicipality: string;
  producerName: string;
  producerConsent: number;
  department: string;
  municipality: string;
};

const SELECT = `
  SELECT c.id, c.code, c.scheme, c.criteria_version AS criteriaVersion, c.criteria_hash AS criteriaHash,
         c.seal_level AS sealLevel, c.products, c.sectors, c.issued_on AS issuedOn, c.expires_on AS expiresOn,
         c.status, c.status_since AS statusSince, c.status_reason AS statusReason,
         o.name AS orgName, o.department AS orgDepartment, o.municipality AS orgMunicipality,
         p.name AS producerName, p.public_name_consent AS producerConsent, p.department, p.municipality
    FROM certificates c
    JOIN organizations o ON o.id = c.organization_id
    JOIN producers p ON p.id = c.producer_id`;

/** Certificates lost (revoked, expired) stay in the public registry this long. */
const LOST_VISIBLE_YEARS = 5;

export type VerificationResult =
  | { found: true; verification: Verification; status: EffectiveStatus }
  | { found: false; reason: 'unknown' | 'bad_check' | 'malformed'; input: string };

export function createVerificationService({ db, catalog, keys, now, publicBaseUrl }: { db: Db; catalog: CriteriaCatalog; keys: KeyStore; now: () => Date; publicBaseUrl: string }) {
  const byCode = db.$client.prepare(`${SELECT} WHERE c.code = ?`);
  const conditions = db.$client.prepare(
    `SELECT cc.id, cc.deadline, cc.description, ca.closed_at AS closedAt
       FROM certificate_conditions cc JOIN corrective_actions ca ON ca.id = cc.corrective_action_id
      WHERE cc.certificate_id = ?`,
  );
  const issuance = db.$client.prepare(`SELECT log_index AS logIndex FROM certificate_events WHERE certificate_id = ? AND event = 'issued'`);
  const treeSize = db.$client.prepare('SELECT coalesce(max(leaf_index) + 1, 0) AS n FROM transparency_log');
  const allRows = db.$client.prepare(`${SELECT} ORDER BY o.name, c.issued_on DESC, c.code`);
  const issuer = new URL(publicBaseUrl).host;

  const label = (scheme: string, version: string) => {
    const v = catalog.find(scheme, version);
    return {
      name: v?.name.es ?? scheme,
      sector: (code: string) => v?.sectors.find((s) => s.code === code)?.name.es ?? code,
      sealLevel: (code: string) => v?.sealLevels.find((l) => l.code === code)?.name.es ?? code,
    };
  };

  const toPublic = (row: Row, at: Date): PublicCertificate => {
    const status = effectiveStatus(
      {
        stored: row.status,
        storedSince: row.statusSince,
        storedReason: row.statusReason,
        expiresOn: row.expiresOn,
        conditions: conditions.all(row.id) as { id: string; deadline: string; description: string; closedAt: string | null }[],
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

    /** The certificate's row and conditions by canonical code, through the prepared statements (measured in bench/). */
    lookup: (code: string) => {
      const row = byCode.get(code) as Row | undefined;
      return row ? { row, conditions: conditions.all(row.id) } : undefined;
    },

    verify(input: string): VerificationResult {
      const parsed = parseCertificateCode(input);
      if (!parsed.ok) return { found: false, reason: parsed.reason, input };
      const row = byCode.get(parsed.code) as Row | undefined;
      if (!row) return { found: false, reason: 'unknown', input };
      const at = now();
      const certificate = toPublic(row, at);
      const unsigned = {
        certificate,
        checkedAt: at.toISOString(),
        issuer,
        transparency: { issuanceLogIndex: (issuance.get(row.id) as { logIndex: number }).logIndex, treeSize: (treeSize.get() as { n: number }).n },
      };
      return { found: true, status: certificate.status, verification: { ...unsigned, signature: keys.signSync(unsigned, 'sello-verificacion+jws') } };
    },

    /** Certified, suspended, and lost in the last five years; filtered as asked. */
    registry(query: RegistryQuery): { items: PublicCertificate[]; page: number; pageSize: number; total: number; generatedAt: string } {
      const at = now();
      const horizon = new Date(at);
      horizon.setUTCFullYear(horizon.getUTCFullYear() - LOST_VISIBLE_YEARS);
      const department = query.department ? (parseDepartment(query.department) ?? query.department) : undefined;
      const matches = (row: Row) =>
        (!query.q || fold(row.orgName).includes(fold(query.q)) || (row.producerConsent === 1 && fold(row.producerName).includes(fold(query.q)))) &&
        (!query.product || (JSON.parse(row.products) as string[]).some((p) => fold(p).includes(fold(query.product!)))) &&
        (!department || row.department === department || row.orgDepartment === department) &&
        (!query.sector || (JSON.parse(row.sectors) as string[]).includes(query.sector));
      const visible = (allRows.all() as Row[])
        .filter(matches)
        .map((row) => toPublic(row, at))
        .filter((c) => (c.status === 'active' || c.status === 'suspended' || Date.parse(c.statusSince) >= horizon.getTime()) && (!query.status || c.status === query.status));
      const start = (query.page - 1) * query.pageSize;
      return { items: visible.slice(start, start + query.pageSize), page: query.page, pageSize: query.pageSize, total: visible.length, generatedAt: at.toISOString() };
    },

    /** The canonical JSON a verifier recomputes from a verification response (everything but the signature). */
    signedContent: (verification: Verification) => {
      const { signature: _signature, ...content } = verification;
      return canonicalJson(content);
    },
  };
}
export type VerificationService = ReturnType<typeof createVerificationService>;
