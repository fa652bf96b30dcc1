/**
 * Reads and writes of commission sessions: numbering per year, attendance with seats, the agenda
 * and the list of sessions. Decisions, votes and recusals are in commission-repository.ts.
 */
import { and, asc, count, desc, eq, max } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { offsetOf, type Paging } from '../../db/list-query.js';
import {
  appeals,
  certificates,
  commissionSessions,
  decisions,
  dossiers,
  organizations,
  producers,
  sessionAgendaItems,
  sessionAttendance,
  users,
} from '../../db/schema.js';
import { holderName } from './holder-name.js';
import type { AgendaKind, CommissionSeat } from '../../domain/commission.js';

export type SessionRow = typeof commissionSessions.$inferSelect;
export type AttendanceRow = { userId: string; name: string; present: boolean; seat: CommissionSeat | null; presentSince: string | null };
export type AgendaRow = {
  position: number;
  kind: AgendaKind;
  dossierId: string | null;
  certificateId: string | null;
  appealId: string | null;
  note: string | null;
};

export function createSessionRepository(db: Db) {
  return {
    session: (id: string): SessionRow | undefined => db.select().from(commissionSessions).where(eq(commissionSessions.id, id)).get(),

    /** The next session number of the year: 1 for the first. */
    nextSessionNumber: (year: number): number =>
      (db
        .select({ last: max(commissionSessions.number) })
        .from(commissionSessions)
        .where(eq(commissionSessions.year, year))
        .get()?.last ?? 0) + 1,

    /** The next resolution (decision) number of the year. */
    nextDecisionNumber: (year: number): number =>
      (db
        .select({ last: max(decisions.number) })
        .from(decisions)
        .where(eq(decisions.year, year))
        .get()?.last ?? 0) + 1,

    insertSession(row: typeof commissionSessions.$inferInsert, attendance: Omit<AttendanceRow, 'name'>[], agenda: AgendaRow[]): void {
      db.insert(commissionSessions).values(row).run();
      if (attendance.length > 0)
        db.insert(sessionAttendance)
          .values(attendance.map((a) => ({ sessionId: row.id, ...a })))
          .run();
      if (agenda.length > 0)
        db.insert(sessionAgendaItems)
          .values(agenda.map((a) => ({ sessionId: row.id, ...a })))
          .run();
    },

    /** Sets one member's attendance, adding them to the list if the account is newer than the session. */
    setAttendance(sessionId: string, row: Omit<AttendanceRow, 'name'>): void {
      db.insert(sessionAttendance)
        .values({ sessionId, ...row })
        .onConflictDoUpdate({
          target: [sessionAttendance.sessionId, sessionAttendance.userId],
          set: { present: row.present, presentSince: row.presentSince },
        })
        .run();
    },

    /** Every member on the attendance list: titulares first, then suplentes, each by name. */
    attendance: (sessionId: string): AttendanceRow[] =>
      db
        .select({
          userId: sessionAttendance.userId,
          name: users.displayName,
          present: sessionAttendance.present,
          seat: sessionAttendance.seat,
          presentSince: sessionAttendance.presentSince,
        })
        .from(sessionAttendance)
        .innerJoin(users, eq(users.id, sessionAttendance.userId))
        .where(eq(sessionAttendance.sessionId, sessionId))
        .orderBy(asc(users.displayName))
        .all()
        .sort((a, b) => Number(a.seat === 'suplente') - Number(b.seat === 'suplente')),

    /** Whether the user was present at the session (false when not on its attendance list). */
    attended: (sessionId: string, userId: string): boolean =>
      db
        .select({ present: sessionAttendance.present })
        .from(sessionAttendance)
        .where(and(eq(sessionAttendance.sessionId, sessionId), eq(sessionAttendance.userId, userId)))
        .get()?.present ?? false,

    agenda: (sessionId: string): AgendaRow[] =>
      db
        .select({
          position: sessionAgendaItems.position,
          kind: sessionAgendaItems.kind,
          dossierId: sessionAgendaItems.dossierId,
          certificateId: sessionAgendaItems.certificateId,
          appealId: sessionAgendaItems.appealId,
          note: sessionAgendaItems.note,
        })
        .from(sessionAgendaItems)
        .where(eq(sessionAgendaItems.sessionId, sessionId))
        .orderBy(asc(sessionAgendaItems.position))
        .all(),

    addAgendaItem(sessionId: string, item: Omit<AgendaRow, 'position'>): void {
      const last = db
        .select({ last: max(sessionAgendaItems.position) })
        .from(sessionAgendaItems)
        .where(eq(sessionAgendaItems.sessionId, sessionId))
        .get()?.last;
      db.insert(sessionAgendaItems)
        .values({ sessionId, position: (last ?? 0) + 1, ...item })
        .run();
    },

    /** What an agenda item may point at, with the names a person reads. */
    dossierForAgenda: (id: string) =>
      db
        .select({ state: dossiers.state, producer: holderName, organization: organizations.name, cycle: dossiers.cycle })
        .from(dossiers)
        .leftJoin(producers, eq(producers.id, dossiers.producerId))
        .innerJoin(organizations, eq(organizations.id, dossiers.organizationId))
        .where(eq(dossiers.id, id))
        .get(),
    certificateForAgenda: (id: string) =>
      db
        .select({ code: certificates.code, producer: holderName, organization: organizations.name })
        .from(certificates)
        .leftJoin(producers, eq(producers.id, certificates.producerId))
        .innerJoin(organizations, eq(organizations.id, certificates.organizationId))
        .where(eq(certificates.id, id))
        .get(),
    appealForAgenda: (id: string) =>
      db
        .select({ status: appeals.status, producer: holderName, organization: organizations.name })
        .from(appeals)
        .innerJoin(dossiers, eq(dossiers.id, appeals.dossierId))
        .leftJoin(producers, eq(producers.id, dossiers.producerId))
        .innerJoin(organizations, eq(organizations.id, dossiers.organizationId))
        .where(eq(appeals.id, id))
        .get(),

    close(id: string, closedAt: string, endsAt: string): void {
      db.update(commissionSessions).set({ status: 'closed', closedAt, endsAt }).where(eq(commissionSessions.id, id)).run();
    },

    /** Sessions still open, where acts can be agreed: the latest first. */
    openSessions: (): SessionRow[] =>
      db
        .select()
        .from(commissionSessions)
        .where(eq(commissionSessions.status, 'open'))
        .orderBy(desc(commissionSessions.heldOn), desc(commissionSessions.number))
        .all(),

    /** Sessions, the latest first, with how many decisions each took. */
    list(paging: Paging): { rows: (SessionRow & { decided: number })[]; total: number } {
      const decided = db
        .select({ sessionId: decisions.sessionId, n: count().as('n') })
        .from(decisions)
        .groupBy(decisions.sessionId)
        .as('decided');
      const rows = db
        .select({ session: commissionSessions, decided: decided.n })
        .from(commissionSessions)
        .leftJoin(decided, eq(decided.sessionId, commissionSessions.id))
        .orderBy(desc(commissionSessions.heldOn), desc(commissionSessions.number))
        .limit(paging.pageSize)
        .offset(offsetOf(paging))
        .all()
        .map((r) => ({ ...r.session, decided: r.decided ?? 0 }));
      const total = db.select({ n: count() }).from(commissionSessions).get()?.n ?? 0;
      return { rows, total };
    },
  };
}
export type SessionRepository = ReturnType<typeof createSessionRepository>;
