/**
 * What a surveillance visit needs: the visited unit is certified. A dossier's unit is certified when
 * a certificate issued on that dossier, or a group certificate it is still a member of through that
 * dossier, is in force or suspended today (expired and revoked certificates are not watched over).
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { certificateMembers } from '../../db/schema.js';
import { effectiveStatus, stateOfRow, type EffectiveStatus } from '../../domain/certificate-state.js';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import { createCertificateRepository, type CertificateRow } from '../certificates/certificate-repository.js';

const WATCHED: readonly EffectiveStatus[] = ['active', 'suspended'];

export function createSurveillanceCheck(db: Db, catalog: CriteriaCatalog) {
  const certificates = createCertificateRepository(db);
  const groupCertificatesOf = (dossierId: string): CertificateRow[] =>
    db
      .select({ certificateId: certificateMembers.certificateId })
      .from(certificateMembers)
      .where(and(eq(certificateMembers.dossierId, dossierId), eq(certificateMembers.status, 'active')))
      .all()
      .flatMap(({ certificateId }) => certificates.find(certificateId) ?? []);

  /** The status of the dossier's certificate in force or suspended at `at`, or null if it has none. */
  return (dossierId: string, at: Date): EffectiveStatus | null => {
    for (const row of [...certificates.ofDossier(dossierId), ...groupCertificatesOf(dossierId)]) {
      const limit = catalog.suspensionLimit(row.scheme, row.criteriaVersion);
      const { status } = effectiveStatus(stateOfRow(row, certificates.conditions(row.id), limit), at);
      if (WATCHED.includes(status)) return status;
    }
    return null;
  };
}
