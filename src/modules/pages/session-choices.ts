/**
 * The open commission sessions a form offers («Sesión N° 07/2026 del …»), the checks on the one
 * chosen, and putting what was agreed on that session's agenda (orden del día) when it is not there
 * yet: the reads and writes the certificate and appeal pages share. Runs inside the caller's transaction.
 */
import type { Db } from '../../db/client.js';
import { canRecordForSession, type Actor } from '../../domain/access.js';
import { AppError } from '../../errors.js';
import type { AgendaItemInput } from '../commission/commission-schemas.js';
import { humanNumber, sessionLabel } from '../commission/numbers.js';
import { createSessionRepository } from '../commission/session-repository.js';
import type { SessionService } from '../commission/session-service.js';

/** An open session as a form offers it; `recordable`: the person attended it, or records for the commission. */
export type SessionChoice = { id: string; number: string | null; heldOn: string; recordable: boolean };

/** A session by its human number and day, for the words around an act. */
export type SessionName = { number: string | null; heldOn: string };

export function createSessionChoices(db: Db, sessions: SessionService) {
  const repo = createSessionRepository(db);
  const field = (message: string) => [{ path: 'body.sesion', message }];

  return {
    /** Open sessions, latest first, with whether the person may record the session's acts. */
    open: (actor: Actor): SessionChoice[] =>
      repo.openSessions().map((s) => ({
        id: s.id,
        number: humanNumber(s),
        heldOn: s.heldOn,
        recordable: canRecordForSession(actor, repo.attended(s.id, actor.userId)),
      })),

    /** A session's number and day, or undefined if it does not exist. */
    name(id: string): SessionName | undefined {
      const s = repo.session(id);
      return s && { number: humanNumber(s), heldOn: s.heldOn };
    },

    /** Refuses, next to the session field, a session that does not exist, is closed, or (when `attended`) the person did not attend. */
    requireOpen(actor: Actor, id: string, { attended }: { attended: boolean }): void {
      const s = repo.session(id);
      if (!s) throw new AppError('invalid', 'SESSION_NOT_FOUND', 'Elija una sesión de la lista', field('Elija una sesión de la lista'));
      if (s.status !== 'open') {
        const text = `La sesión ${sessionLabel(s)} ya fue cerrada: elija una sesión abierta`;
        throw new AppError('conflict', 'SESSION_CLOSED', text, field(text));
      }
      if (attended && !canRecordForSession(actor, repo.attended(id, actor.userId))) {
        const text = `Usted no figura como presente en la sesión ${sessionLabel(s)}: solo quien asistió registra sus acuerdos`;
        throw new AppError('unprocessable', 'NOT_IN_SESSION', text, field(text));
      }
    },

    /** Adds the certificate or appeal to the session's agenda, unless it is already on it. */
    ensureOnAgenda(actor: Actor, id: string, item: AgendaItemInput): void {
      const listed = repo
        .agenda(id)
        .some(
          (a) =>
            (item.certificateId !== undefined && a.certificateId === item.certificateId) ||
            (item.appealId !== undefined && a.appealId === item.appealId),
        );
      if (!listed) sessions.addAgendaItem(actor, id, item);
    },
  };
}
export type SessionChoices = ReturnType<typeof createSessionChoices>;
