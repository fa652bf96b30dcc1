/** Reads and writes of complaints as the public files and follows them; no rules here. */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { certificates, complaints, organizations } from '../../db/schema.js';

/** The certificate a code names, with its holder: what a complaint about it is tied to. */
export type CertificateHolder = { certificateId: string; organizationId: string; organizationName: string };

export function createComplaintFilingRepository(db: Db) {
  return {
    certificateByCode: (code: string): CertificateHolder | undefined =>
      db
        .select({ certificateId: certificates.id, organizationId: certificates.organizationId, organizationName: organizations.name })
        .from(certificates)
        .innerJoin(organizations, eq(organizations.id, certificates.organizationId))
        .where(eq(certificates.code, code))
        .get(),
    trackingNumberTaken: (trackingNumber: string) =>
      db.select({ id: complaints.id }).from(complaints).where(eq(complaints.trackingNumber, trackingNumber)).get() !== undefined,
    insert: (row: typeof complaints.$inferInsert) => void db.insert(complaints).values(row).run(),
    /** Only the columns the public may read: the contact, the handling and the photo are not even selected. */
    publicByTrackingNumber: (trackingNumber: string) =>
      db
        .select({
          trackingNumber: complaints.trackingNumber,
          subject: complaints.subject,
          status: complaints.status,
          filedAt: complaints.createdAt,
          updatedAt: complaints.updatedAt,
          closedAt: complaints.closedAt,
          outcome: complaints.outcome,
          publicSummary: complaints.publicSummary,
        })
        .from(complaints)
        .where(eq(complaints.trackingNumber, trackingNumber))
        .get(),
  };
}
export type ComplaintFilingRepository = ReturnType<typeof createComplaintFilingRepository>;
