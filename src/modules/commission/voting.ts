/**
 * Taking a vote in a commission session, shared by decisions and appeals: the
 * session must be open, voluntary recusals come from present members, invalid
 * votes are refused naming each rule, and votes are recorded with the recusals.
 * Runs inside the caller's transaction.
 */
import { automaticRecusals, type CommissionMember, type Recusal, type VoteSubject } from '../../domain/commission.js';
import { AppError, type FieldIssue } from '../../errors.js';
import { sessionLabel } from './numbers.js';
import type { CommissionRepository } from './commission-repository.js';
import type { VoluntaryRecusal, VoteInput } from './commission-schemas.js';
import type { SessionRepository, SessionRow } from './session-repository.js';

export function createVoting(repo: CommissionRepository, sessions: SessionRepository) {
  const session = (id: string): SessionRow => {
    const found = sessions.session(id);
    if (!found) throw new AppError('not_found', 'SESSION_NOT_FOUND', 'No existe esa sesión de la comisión');
    return found;
  };

  return {
    session,

    /** Votes are taken only while the session is open. */
    openSession(id: string): SessionRow {
      const found = session(id);
      if (found.status !== 'open')
        throw new AppError(
          'conflict',
          'SESSION_CLOSED',
          `La sesión ${sessionLabel(found)} ya fue cerrada; lo que quede por tratar va a una sesión nueva`,
        );
      return found;
    },

    /** Present members with the seat they held in the session, in the order they joined it (suplentes take seats in that order). */
    presentMembers(sessionId: string): CommissionMember[] {
      const present = sessions
        .attendance(sessionId)
        .filter((a) => a.present)
        .sort((a, b) => (a.presentSince ?? '').localeCompare(b.presentSince ?? '') || a.name.localeCompare(b.name, 'es'));
      const members = new Map(repo.members(present.map((a) => a.userId)).map((m) => [m.userId, m]));
      return present.flatMap((a) => {
        const member = members.get(a.userId);
        return member ? [{ ...member, seat: a.seat }] : [];
      });
    },

    /** The present members, and who of them stands aside on the dossier: the automatic recusals and the voluntary ones. */
    standingAside(
      sessionId: string,
      dossierId: string,
      voluntary: VoluntaryRecusal[],
    ): { present: CommissionMember[]; recused: Recusal[] } {
      const present = this.presentMembers(sessionId);
      return { present, recused: this.withVoluntary(present, automaticRecusals(present, repo.involvement(dossierId)), voluntary) };
    },

    /** Voluntary recusals must come from present members; they join the automatic ones. */
    withVoluntary(present: CommissionMember[], automatic: Recusal[], voluntary: VoluntaryRecusal[]): Recusal[] {
      const issues: FieldIssue[] = [];
      const all = [...automatic];
      voluntary.forEach((r, i) => {
        if (!present.some((m) => m.userId === r.userId))
          issues.push({ path: `body.recusals.${i}.userId`, message: 'No es un miembro presente en la sesión', code: 'NOT_PRESENT' });
        else if (!all.some((a) => a.userId === r.userId)) all.push({ userId: r.userId, reason: r.reason, kind: 'voluntary' });
      });
      if (issues.length > 0) throw new AppError('unprocessable', 'DECISION_REFUSED', 'Excusa de alguien que no está presente', issues);
      return all;
    },

    /** Refuses a vote that breaks quorum, recusal or presence rules, naming each rule and person. */
    refuseViolations(violations: { rule: string; userId?: string | undefined; message: string }[], given: VoteInput[]): void {
      if (violations.length === 0) return;
      const index = new Map(given.map((v, i) => [v.userId, i]));
      throw new AppError(
        'unprocessable',
        'DECISION_REFUSED',
        `La votación no es válida: ${violations.map((v) => v.message).join('; ')}`,
        violations.map((v) => ({
          path: v.userId !== undefined && index.has(v.userId) ? `body.votes.${index.get(v.userId)}.userId` : 'body.votes',
          message: v.message,
          code: v.rule,
        })),
      );
    },

    record: (subject: VoteSubject, subjectId: string, given: VoteInput[], recused: Recusal[]) =>
      repo.insertVotes(subject, subjectId, given, recused),
  };
}
export type Voting = ReturnType<typeof createVoting>;
