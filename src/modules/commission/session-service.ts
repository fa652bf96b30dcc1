/**
 * Commission sessions: opened with a number per year, place, start time and agenda; attendance
 * recorded (titulares and suplentes, each with the seat they hold); closed with the end time.
 * One immediate transaction and one audit entry per write.
 */
import { randomUUID } from 'node:crypto';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import { immediate, type Db } from '../../db/client.js';
import { type Actor, authorize, canActAsCommission } from '../../domain/access.js';
import { laPazTime } from '../../domain/certificate-state.js';
import { votingMembers, type CommissionMember } from '../../domain/commission.js';
import { AppError, type FieldIssue } from '../../errors.js';
import { appendAudit } from '../audit/audit-log.js';
import { createCommissionRepository } from './commission-repository.js';
import type { AgendaItemInput, AttendanceInput, CloseSession, NewSession, SessionPageSchema, SessionView } from './commission-schemas.js';
import type { z } from 'zod';
import { humanNumber } from './numbers.js';
import { createAgenda } from './session-agenda.js';
import { createSessionRepository } from './session-repository.js';
import { createVoting } from './voting.js';

export const COMMISSION_ONLY = 'Solo la comisión de certificación registra sesiones y decisiones';

export type SessionDeps = { db: Db; catalog: CriteriaCatalog; now: () => Date; view: (actor: Actor, id: string) => SessionView };

export function createSessionService({ db, catalog, now, view }: SessionDeps) {
  const repo = createCommissionRepository(db);
  const sessions = createSessionRepository(db);
  const voting = createVoting(repo, sessions);
  const agenda = createAgenda(db);

  /** Refuses a list of people who are not enabled members, or who appear twice. */
  const checkMembers = (ids: string[], members: CommissionMember[], path: string): void => {
    const known = new Set(members.map((m) => m.userId));
    const issues: FieldIssue[] = [];
    ids.forEach((userId, i) => {
      if (!known.has(userId))
        issues.push({ path: `${path}.${i}`, message: 'No es un miembro habilitado de la comisión', code: 'NOT_A_MEMBER' });
      else if (ids.indexOf(userId) !== i) issues.push({ path: `${path}.${i}`, message: 'Está repetido en la lista', code: 'DUPLICATE' });
    });
    if (issues.length > 0)
      throw new AppError(
        'unprocessable',
        'SESSION_REFUSED',
        'La lista de asistencia tiene personas que no son miembros de la comisión',
        issues,
      );
  };

  return {
    /** Enabled commission members with their seat: whom a session can list as present. */
    members(actor: Actor): { userId: string; name: string; seat: CommissionMember['seat'] }[] {
      authorize(canActAsCommission(actor), COMMISSION_ONLY);
      return repo.members().map(({ userId, name, seat }) => ({ userId, name, seat }));
    },

    list(actor: Actor, paging: { page: number; pageSize: number }): z.infer<typeof SessionPageSchema> {
      authorize(canActAsCommission(actor), COMMISSION_ONLY);
      const { rows, total } = sessions.list(paging);
      return {
        items: rows.map((s) => ({
          id: s.id,
          number: humanNumber(s),
          heldOn: s.heldOn,
          place: s.place,
          startsAt: s.startsAt,
          endsAt: s.endsAt,
          status: s.status,
          decided: s.decided,
        })),
        ...paging,
        total,
      };
    },

    create(actor: Actor, input: NewSession): SessionView {
      authorize(canActAsCommission(actor), COMMISSION_ONLY);
      const at = now();
      const id = randomUUID();
      immediate(db, () => {
        const scheme = catalog.scheme(input.scheme);
        if (!scheme.currentVersion)
          throw new AppError('conflict', 'NO_PUBLISHED_CRITERIA', `El esquema ${input.scheme} no tiene ninguna versión publicada`);
        const rules = catalog.version(input.scheme, scheme.currentVersion).commission;
        const members = repo.members();
        const presentIds = input.presentUserIds ?? [];
        checkMembers(presentIds, members, 'body.presentUserIds');
        const seatOf = (m: CommissionMember) => (rules.titulares === undefined ? null : (m.seat ?? 'titular'));
        const present = members.filter((m) => presentIds.includes(m.userId)).map((m) => ({ ...m, seat: seatOf(m) }));
        if (input.presentUserIds) {
          const voters = votingMembers(present, [], rules.titulares).length;
          if (voters < rules.quorum)
            throw new AppError(
              'unprocessable',
              'NO_QUORUM',
              `Sin quórum: con los presentes votan ${voters} y el esquema exige ${rules.quorum}`,
              [{ path: 'body.presentUserIds', message: `Se necesitan al menos ${rules.quorum} miembros que voten`, code: 'NO_QUORUM' }],
            );
        }
        const items = agenda.check(input.agenda, 'body.agenda');
        const year = Number(input.heldOn.slice(0, 4));
        const row = {
          id,
          year,
          number: sessions.nextSessionNumber(year),
          scheme: input.scheme,
          criteriaVersion: scheme.currentVersion,
          quorum: rules.quorum,
          seats: rules.titulares ?? null,
          heldOn: input.heldOn,
          place: input.place,
          startsAt: input.startsAt ?? null,
          status: 'open' as const,
          createdBy: actor.userId,
          createdAt: at.toISOString(),
        };
        const attendance = members.map((m) => {
          const here = presentIds.includes(m.userId);
          return { userId: m.userId, present: here, seat: seatOf(m), presentSince: here ? at.toISOString() : null };
        });
        sessions.insertSession(row, attendance, items);
        appendAudit(
          db,
          actor,
          { entity: 'commission_session', entityId: id, action: 'create', change: { ...row, presentIds, agenda: items } },
          at,
        );
      });
      return view(actor, id);
    },

    /** Records who is present now; those who join (a suplente called in) take empty seats in that order. */
    setAttendance(actor: Actor, id: string, input: AttendanceInput): SessionView {
      authorize(canActAsCommission(actor), COMMISSION_ONLY);
      const at = now();
      immediate(db, () => {
        const session = voting.openSession(id);
        const members = repo.members();
        checkMembers(input.presentUserIds, members, 'body.presentUserIds');
        const listed = new Map(sessions.attendance(id).map((a) => [a.userId, a]));
        for (const m of members) {
          const before = listed.get(m.userId);
          const here = input.presentUserIds.includes(m.userId);
          if (before?.present === here) continue;
          const seat = before ? before.seat : session.seats === null ? null : (m.seat ?? 'titular');
          sessions.setAttendance(id, { userId: m.userId, present: here, seat, presentSince: here ? at.toISOString() : null });
        }
        appendAudit(db, actor, { entity: 'commission_session', entityId: id, action: 'attendance', change: input }, at);
      });
      return view(actor, id);
    },

    addAgendaItem(actor: Actor, id: string, input: AgendaItemInput): SessionView {
      authorize(canActAsCommission(actor), COMMISSION_ONLY);
      const at = now();
      immediate(db, () => {
        voting.openSession(id);
        const [item] = agenda.check([input], 'body');
        const { position: _p, ...rest } = item!;
        sessions.addAgendaItem(id, rest);
        appendAudit(db, actor, { entity: 'commission_session', entityId: id, action: 'agenda', change: rest }, at);
      });
      return view(actor, id);
    },

    close(actor: Actor, id: string, input: CloseSession): SessionView {
      authorize(canActAsCommission(actor), COMMISSION_ONLY);
      const at = now();
      immediate(db, () => {
        const session = voting.openSession(id);
        const endsAt = input.endsAt ?? laPazTime(at);
        if (session.startsAt && endsAt < session.startsAt)
          throw new AppError(
            'invalid',
            'ENDS_BEFORE_START',
            `La sesión empezó a las ${session.startsAt}: la hora de cierre no puede ser anterior`,
            [{ path: 'body.endsAt', message: `Una hora igual o posterior a ${session.startsAt}` }],
          );
        sessions.close(id, at.toISOString(), endsAt);
        appendAudit(
          db,
          actor,
          { entity: 'commission_session', entityId: id, action: 'close', change: { closedAt: at.toISOString(), endsAt } },
          at,
        );
      });
      return view(actor, id);
    },
  };
}
export type SessionService = ReturnType<typeof createSessionService>;
