/**
 * The agenda (orden del día) of a session: each item points at one dossier ready for the
 * commission, one certificate or one filed appeal, and is described in words for pages and the acta.
 */
import type { Db } from '../../db/client.js';
import { AppError, type FieldIssue } from '../../errors.js';
import type { AgendaItemInput } from './commission-schemas.js';
import { createSessionRepository, type AgendaRow } from './session-repository.js';

export function createAgenda(db: Db) {
  const sessions = createSessionRepository(db);

  return {
    /** The items as stored, numbered from 1; refuses items that point at nothing the commission can treat. */
    check(items: AgendaItemInput[], path: string): AgendaRow[] {
      const issues: FieldIssue[] = [];
      const rows = items.map((item, i): AgendaRow => {
        const at = path === 'body' ? 'body' : `${path}.${i}`;
        if (item.dossierId !== undefined) {
          const dossier = sessions.dossierForAgenda(item.dossierId);
          if (!dossier) issues.push({ path: `${at}.dossierId`, message: 'No existe ese expediente', code: 'NOT_FOUND' });
          else if (dossier.state !== 'ready_for_commission')
            issues.push({ path: `${at}.dossierId`, message: 'El expediente no está listo para la comisión', code: 'DOSSIER_STATE' });
        } else if (item.certificateId !== undefined) {
          if (!sessions.certificateForAgenda(item.certificateId))
            issues.push({ path: `${at}.certificateId`, message: 'No existe ese certificado', code: 'NOT_FOUND' });
        } else if (item.appealId !== undefined) {
          const appeal = sessions.appealForAgenda(item.appealId);
          if (!appeal) issues.push({ path: `${at}.appealId`, message: 'No existe esa apelación', code: 'NOT_FOUND' });
          else if (appeal.status !== 'filed')
            issues.push({ path: `${at}.appealId`, message: 'La apelación ya fue resuelta', code: 'APPEAL_STATE' });
        }
        return {
          position: i + 1,
          kind: item.dossierId !== undefined ? 'dossier' : item.certificateId !== undefined ? 'certificate' : 'appeal',
          dossierId: item.dossierId ?? null,
          certificateId: item.certificateId ?? null,
          appealId: item.appealId ?? null,
          note: item.note ?? null,
        };
      });
      if (issues.length > 0)
        throw new AppError('unprocessable', 'AGENDA_REFUSED', 'El orden del día tiene puntos que la comisión no puede tratar', issues);
      return rows;
    },

    /** What the item is about, in words: «Expediente de Ana Quispe (Asociación X), ciclo 2026». */
    subject(item: AgendaRow): string {
      if (item.dossierId) {
        const d = sessions.dossierForAgenda(item.dossierId);
        return d ? `Expediente de ${d.producer} (${d.organization}), ciclo ${d.cycle}` : 'Expediente';
      }
      if (item.certificateId) {
        const c = sessions.certificateForAgenda(item.certificateId);
        return c ? `Certificado ${c.code} de ${c.producer} (${c.organization})` : 'Certificado';
      }
      const a = item.appealId ? sessions.appealForAgenda(item.appealId) : undefined;
      return a ? `Apelación de ${a.producer} (${a.organization})` : 'Apelación';
    },
  };
}
