/** The SQL of the commission's handling of complaints: rows in and out, no rules. */
import { and, asc, count, desc, eq, gte, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client.js';
import {
  certificateEvents,
  certificateMembers,
  certificates,
  complaints,
  complaintSteps,
  dossiers,
  organizations,
  persons,
  producers,
  users,
  visits,
} from '../../db/schema.js';
import type { ComplaintStatus, ComplaintStepKind } from '../../domain/complaints.js';
import type { CertificateEventKind } from '../../domain/certificate-state.js';

export type ComplaintRow = typeof complaints.$inferSelect;

const assignee = alias(users, 'assignee');
const closer = alias(users, 'closer');

const listColumns = {
  id: complaints.id,
  trackingNumber: complaints.trackingNumber,
  subject: complaints.subject,
  what: complaints.what,
  organizationId: complaints.organizationId,
  organizationName: organizations.name,
  certificateCode: certificates.code,
  status: complaints.status,
  assignedTo: complaints.assignedTo,
  assigneeName: assignee.displayName,
  createdAt: complaints.createdAt,
};
export type ComplaintListRow = {
  id: string;
  trackingNumber: string;
  subject: ComplaintRow['subject'];
  what: string;
  organizationId: string | null;
  organizationName: string | null;
  certificateCode: string | null;
  status: ComplaintStatus;
  assignedTo: string | null;
  assigneeName: string | null;
  createdAt: string;
};

export function createComplaintHandlingRepository(db: Db) {
  const listed = () =>
    db
      .select(listColumns)
      .from(complaints)
      .leftJoin(organizations, eq(organizations.id, complaints.organizationId))
      .leftJoin(certificates, eq(certificates.id, complaints.certificateId))
      .leftJoin(assignee, eq(assignee.id, complaints.assignedTo));

  return {
    /** A page of complaints, newest first. */
    page(status: ComplaintStatus | undefined, { page, pageSize }: { page: number; pageSize: number }) {
      const where = status ? eq(complaints.status, status) : undefined;
      const rows = listed()
        .where(where)
        .orderBy(desc(complaints.createdAt), desc(complaints.trackingNumber))
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .all() as ComplaintListRow[];
      const total = db.select({ n: count() }).from(complaints).where(where).get()?.n ?? 0;
      return { rows, total };
    },

    /** How many complaints are not closed yet. */
    openCount(): number {
      return db.select({ n: count() }).from(complaints).where(ne(complaints.status, 'closed')).get()?.n ?? 0;
    },

    complaint(id: string): ComplaintRow | undefined {
      return db.select().from(complaints).where(eq(complaints.id, id)).get();
    },

    listRow(id: string): ComplaintListRow | undefined {
      return listed().where(eq(complaints.id, id)).get();
    },

    names(id: string) {
      return db
        .select({ closedBy: closer.displayName })
        .from(complaints)
        .leftJoin(closer, eq(closer.id, complaints.closedBy))
        .where(eq(complaints.id, id))
        .get();
    },

    steps(complaintId: string) {
      return db
        .select({ kind: complaintSteps.kind, notes: complaintSteps.notes, by: users.displayName, at: complaintSteps.at })
        .from(complaintSteps)
        .innerJoin(users, eq(users.id, complaintSteps.byUserId))
        .where(eq(complaintSteps.complaintId, complaintId))
        .orderBy(asc(complaintSteps.at), asc(sql`complaint_steps.rowid`))
        .all();
    },

    certificate(id: string) {
      return db
        .select({
          id: certificates.id,
          code: certificates.code,
          scope: certificates.scope,
          scheme: certificates.scheme,
          status: certificates.status,
          organizationId: certificates.organizationId,
          producerId: certificates.producerId,
          dossierId: certificates.dossierId,
          holder: sql<string>`coalesce(${producers.name}, ${organizations.name})`,
        })
        .from(certificates)
        .innerJoin(organizations, eq(organizations.id, certificates.organizationId))
        .leftJoin(producers, eq(producers.id, certificates.producerId))
        .where(eq(certificates.id, id))
        .get();
    },

    certificateIdByCode(code: string): string | undefined {
      return db.select({ id: certificates.id }).from(certificates).where(eq(certificates.code, code)).get()?.id;
    },

    /** A group certificate's members with their dossiers (to choose which unit an unannounced visit goes to). */
    members(certificateId: string) {
      return db
        .select({
          producerId: certificateMembers.producerId,
          dossierId: certificateMembers.dossierId,
          name: producers.name,
          status: certificateMembers.status,
        })
        .from(certificateMembers)
        .innerJoin(producers, eq(producers.id, certificateMembers.producerId))
        .where(eq(certificateMembers.certificateId, certificateId))
        .orderBy(asc(producers.name))
        .all();
    },

    dossierOwner(dossierId: string) {
      return db
        .select({ id: dossiers.id, organizationId: dossiers.organizationId, producerId: dossiers.producerId })
        .from(dossiers)
        .where(eq(dossiers.id, dossierId))
        .get();
    },

    visit(id: string) {
      return db
        .select({ id: visits.id, dossierId: visits.dossierId, plannedOn: visits.plannedOn, status: visits.status })
        .from(visits)
        .where(eq(visits.id, id))
        .get();
    },

    /** An active commission account, by id. */
    commissionMember(userId: string) {
      return db
        .select({ id: users.id, name: users.displayName })
        .from(users)
        .where(and(eq(users.id, userId), eq(users.role, 'commission'), sql`${users.disabledAt} IS NULL`))
        .get();
    },

    /** The active commission accounts, by name (whom a complaint may be assigned to). */
    commissionMembers() {
      return db
        .select({ id: users.id, name: users.displayName })
        .from(users)
        .where(and(eq(users.role, 'commission'), sql`${users.disabledAt} IS NULL`))
        .orderBy(asc(users.displayName))
        .all();
    },

    /** Every person of the registry with their organisation (who may go on a visit), by name. */
    persons() {
      return db
        .select({ id: persons.id, name: persons.fullName, organization: organizations.name })
        .from(persons)
        .innerJoin(organizations, eq(organizations.id, persons.organizationId))
        .orderBy(asc(persons.fullName))
        .all();
    },

    /** Whether the certificate carries an event of this kind since `since` citing the sanction. */
    sanctionActRecorded(certificateId: string, event: CertificateEventKind, sanctionCode: string, since: string): boolean {
      return (
        db
          .select({ seq: certificateEvents.seq })
          .from(certificateEvents)
          .where(
            and(
              eq(certificateEvents.certificateId, certificateId),
              eq(certificateEvents.event, event),
              eq(certificateEvents.sanctionCode, sanctionCode),
              gte(certificateEvents.at, since),
            ),
          )
          .get() !== undefined
      );
    },

    update(id: string, change: Partial<ComplaintRow>) {
      db.update(complaints).set(change).where(eq(complaints.id, id)).run();
    },

    insertStep(row: { id: string; complaintId: string; kind: ComplaintStepKind; notes: string | null; byUserId: string; at: string }) {
      db.insert(complaintSteps).values(row).run();
    },
  };
}
export type ComplaintHandlingRepository = ReturnType<typeof createComplaintHandlingRepository>;
