/** Reads and writes of certificates, their conditions and status events; rows come back as plain objects. */
import { and, asc, count, desc, eq, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { containsFolded, offsetOf, type Paging } from '../../db/list-query.js';
import {
  certificateConditions,
  certificateEvents,
  certificateMembers,
  certificates,
  commissionSessions,
  correctiveActions,
  decisions,
  organizations,
  producers,
  users,
} from '../../db/schema.js';
import type { CertificateEventKind, StoredStatus } from '../../domain/certificate-state.js';
import type { Member } from '../../domain/group-membership.js';

export type CertificateRow = typeof certificates.$inferSelect;
export type ConditionRow = typeof certificateConditions.$inferSelect;
export type CertificateEventRow = typeof certificateEvents.$inferInsert;
export type CertificateMemberRow = typeof certificateMembers.$inferSelect;

export function createCertificateRepository(db: Db) {
  return {
    find: (id: string): CertificateRow | undefined => db.select().from(certificates).where(eq(certificates.id, id)).get(),

    codeTaken: (code: string) =>
      db.select({ id: certificates.id }).from(certificates).where(eq(certificates.code, code)).get() !== undefined,

    insert(row: typeof certificates.$inferInsert, conditions: ConditionRow[]): void {
      db.insert(certificates).values(row).run();
      if (conditions.length > 0) db.insert(certificateConditions).values(conditions).run();
    },

    /** Newest first; `filter` narrows to an organisation and/or a producer (its own certificates and the groups it was added to). */
    list(filter: { organizationId?: string | undefined; producerId?: string | undefined }): CertificateRow[] {
      const where: SQL[] = [];
      if (filter.organizationId) where.push(eq(certificates.organizationId, filter.organizationId));
      if (filter.producerId) {
        const member = sql`EXISTS (SELECT 1 FROM certificate_members m WHERE m.certificate_id = ${certificates.id} AND m.producer_id = ${filter.producerId})`;
        where.push(or(eq(certificates.producerId, filter.producerId), member)!);
      }
      return db
        .select()
        .from(certificates)
        .where(and(...where))
        .orderBy(desc(certificates.issuedOn), asc(certificates.code))
        .all();
    },

    /**
     * A page of certificates whose code (with or without its dashes), producer or organisation
     * contains `q`, ignoring case and accents; every certificate without `q`. Newest first.
     */
    search(q: string | undefined, paging: Paging): { rows: CertificateRow[]; total: number } {
      const compact = q?.replace(/[-\s.]/g, '') ?? '';
      const where = q
        ? or(
            containsFolded(certificates.code, q),
            compact ? containsFolded(sql`replace(${certificates.code}, '-', '')`, compact) : undefined,
            containsFolded(producers.name, q),
            containsFolded(organizations.name, q),
          )
        : undefined;
      const rows = db
        .select({ certificate: certificates })
        .from(certificates)
        // A group certificate has no unit of its own: found by its code or its organisation.
        .leftJoin(producers, eq(producers.id, certificates.producerId))
        .innerJoin(organizations, eq(organizations.id, certificates.organizationId))
        .where(where)
        .orderBy(desc(certificates.issuedOn), asc(certificates.code))
        .limit(paging.pageSize)
        .offset(offsetOf(paging))
        .all()
        .map((r) => r.certificate);
      const total =
        db
          .select({ n: count() })
          .from(certificates)
          .leftJoin(producers, eq(producers.id, certificates.producerId))
          .innerJoin(organizations, eq(organizations.id, certificates.organizationId))
          .where(where)
          .get()?.n ?? 0;
      return { rows, total };
    },

    /** The display name of whoever recorded each of the certificate's events, by event number (none for time's events). */
    eventActors: (certificateId: string): Map<number, string> =>
      new Map(
        db
          .select({ seq: certificateEvents.seq, name: users.displayName })
          .from(certificateEvents)
          .innerJoin(users, eq(users.id, certificateEvents.actorId))
          .where(eq(certificateEvents.certificateId, certificateId))
          .all()
          .map((r) => [r.seq, r.name]),
      ),

    /** Up to `limit` certificates that time may have changed by `at` (their `due_at` has come), soonest first. */
    dueBy: (at: string, limit: number): CertificateRow[] =>
      db.select().from(certificates).where(lte(certificates.dueAt, at)).orderBy(asc(certificates.dueAt)).limit(limit).all(),

    /** The certificates whose condition is this corrective action. */
    withConditionOn: (correctiveActionId: string): CertificateRow[] =>
      db
        .select({ certificate: certificates })
        .from(certificateConditions)
        .innerJoin(certificates, eq(certificates.id, certificateConditions.certificateId))
        .where(eq(certificateConditions.correctiveActionId, correctiveActionId))
        .all()
        .map((r) => r.certificate),

    /** Who holds the certificate, as shown on it: the organisation and, unless the certificate is a group's, its production unit. */
    holder(row: Pick<CertificateRow, 'organizationId' | 'producerId'>) {
      const org = db.select().from(organizations).where(eq(organizations.id, row.organizationId)).get()!;
      const producer = row.producerId === null ? undefined : db.select().from(producers).where(eq(producers.id, row.producerId)).get();
      return {
        organization: { id: org.id, name: org.name, department: org.department, municipality: org.municipality },
        producer: producer ? { id: producer.id, name: producer.name, community: producer.community } : null,
      };
    },

    /** The certificate's conditions with whether (and when) their corrective action was closed. */
    conditions: (certificateId: string) =>
      db
        .select({
          id: certificateConditions.id,
          correctiveActionId: certificateConditions.correctiveActionId,
          description: certificateConditions.description,
          deadline: certificateConditions.deadline,
          closedAt: correctiveActions.closedAt,
        })
        .from(certificateConditions)
        .innerJoin(correctiveActions, eq(correctiveActions.id, certificateConditions.correctiveActionId))
        .where(eq(certificateConditions.certificateId, certificateId))
        .orderBy(asc(certificateConditions.deadline), asc(certificateConditions.id))
        .all(),

    /** The conditions as set in the decision, for the acta. */
    conditionTerms: (certificateId: string) =>
      db
        .select({ description: certificateConditions.description, deadline: certificateConditions.deadline })
        .from(certificateConditions)
        .where(eq(certificateConditions.certificateId, certificateId))
        .all(),

    events: (certificateId: string) =>
      db
        .select({
          seq: certificateEvents.seq,
          event: certificateEvents.event,
          at: certificateEvents.at,
          actorLabel: certificateEvents.actorLabel,
          reason: certificateEvents.reason,
          sessionId: certificateEvents.sessionId,
          automatic: certificateEvents.automatic,
          producerId: certificateEvents.producerId,
          logIndex: certificateEvents.logIndex,
          sanctionCode: certificateEvents.sanctionCode,
          sanctionVersion: certificateEvents.sanctionVersion,
        })
        .from(certificateEvents)
        .where(eq(certificateEvents.certificateId, certificateId))
        .orderBy(asc(certificateEvents.seq))
        .all(),

    /**
     * The members of a group certificate as its events left them, with the unit's name and place and
     * whether its people agreed to be named in public, by name. Empty for a unit's certificate.
     */
    members: (certificateId: string) =>
      db
        .select({
          producerId: certificateMembers.producerId,
          dossierId: certificateMembers.dossierId,
          name: producers.name,
          community: producers.community,
          municipality: producers.municipality,
          publicNameConsent: producers.publicNameConsent,
          status: certificateMembers.status,
          since: certificateMembers.statusSince,
          reason: certificateMembers.statusReason,
        })
        .from(certificateMembers)
        .innerJoin(producers, eq(producers.id, certificateMembers.producerId))
        .where(eq(certificateMembers.certificateId, certificateId))
        .orderBy(asc(producers.name), asc(certificateMembers.producerId))
        .all(),

    /** The member rows as the domain reads them (group-membership.ts), by producer: what the membership rules check. */
    memberRecords: (certificateId: string): Member[] =>
      db
        .select({
          producerId: certificateMembers.producerId,
          status: certificateMembers.status,
          since: certificateMembers.statusSince,
          reason: certificateMembers.statusReason,
        })
        .from(certificateMembers)
        .where(eq(certificateMembers.certificateId, certificateId))
        .orderBy(asc(certificateMembers.producerId))
        .all(),

    member: (certificateId: string, producerId: string): CertificateMemberRow | undefined =>
      db
        .select()
        .from(certificateMembers)
        .where(and(eq(certificateMembers.certificateId, certificateId), eq(certificateMembers.producerId, producerId)))
        .get(),

    insertMember(row: CertificateMemberRow): void {
      db.insert(certificateMembers).values(row).run();
    },

    excludeMember(certificateId: string, producerId: string, since: string, reason: string): void {
      db.update(certificateMembers)
        .set({ status: 'excluded', statusSince: since, statusReason: reason })
        .where(and(eq(certificateMembers.certificateId, certificateId), eq(certificateMembers.producerId, producerId)))
        .run();
    },

    lastEventAt: (certificateId: string): string | undefined =>
      db
        .select({ at: certificateEvents.at })
        .from(certificateEvents)
        .where(eq(certificateEvents.certificateId, certificateId))
        .orderBy(desc(certificateEvents.seq))
        .limit(1)
        .get()?.at,

    /** Event numbers are global across certificates: appeals name a suspension by it. */
    nextEventSeq: (): number =>
      (db.$client.prepare('SELECT coalesce(max(seq), 0) AS max FROM certificate_events').get() as { max: number }).max + 1,

    /** An event with its certificate, by event number. */
    eventWithCertificate: (seq: number) =>
      db
        .select({ event: certificateEvents, certificate: certificates })
        .from(certificateEvents)
        .innerJoin(certificates, eq(certificates.id, certificateEvents.certificateId))
        .where(eq(certificateEvents.seq, seq))
        .get(),

    insertEvent(row: CertificateEventRow & { event: CertificateEventKind }): void {
      db.insert(certificateEvents).values(row).run();
    },

    setStatus(id: string, status: StoredStatus, since: string, reason: string | null): void {
      db.update(certificates).set({ status, statusSince: since, statusReason: reason }).where(eq(certificates.id, id)).run();
    },

    /** The certificate a decision issued, if any. */
    byDecision: (decisionId: string): CertificateRow | undefined =>
      db.select().from(certificates).where(eq(certificates.decisionId, decisionId)).get(),

    /** The certificates issued on a dossier, oldest first. */
    ofDossier: (dossierId: string): CertificateRow[] =>
      db.select().from(certificates).where(eq(certificates.dossierId, dossierId)).orderBy(asc(certificates.createdAt)).all(),

    /** How the certificate cites the decision that issued it: the resolution's number and its session's number and date. */
    decisionReference: (decisionId: string) =>
      db
        .select({
          decision: { number: decisions.number, year: decisions.year },
          session: { number: commissionSessions.number, year: commissionSessions.year, heldOn: commissionSessions.heldOn },
        })
        .from(decisions)
        .innerJoin(commissionSessions, eq(commissionSessions.id, decisions.sessionId))
        .where(eq(decisions.id, decisionId))
        .get()!,
  };
}
export type CertificateRepository = ReturnType<typeof createCertificateRepository>;
/** A condition with the closure of its corrective action. */
export type ConditionStatus = ReturnType<CertificateRepository['conditions']>[number];
/** A member of a group certificate, with its unit's name and place (the read contract of the public pages and the PDF). */
export type CertificateMember = ReturnType<CertificateRepository['members']>[number];
