/** The agenda of a commission session: what it is to treat, in order. */
import { primaryKey, sqliteTable, text, integer } from 'drizzle-orm/sqlite-core';
import { AGENDA_KINDS } from '../../domain/commission.js';
import { appeals } from './appeals.js';
import { certificates } from './certificates.js';
import { commissionSessions } from './commission.js';
import { dossiers } from './dossiers.js';

/** The agenda of a session: the dossiers, certificates and appeals it is to treat, in order. */
export const sessionAgendaItems = sqliteTable(
  'session_agenda_items',
  {
    sessionId: text('session_id')
      .notNull()
      .references(() => commissionSessions.id),
    position: integer('position').notNull(),
    kind: text('kind', { enum: AGENDA_KINDS }).notNull(),
    dossierId: text('dossier_id').references(() => dossiers.id),
    certificateId: text('certificate_id').references(() => certificates.id),
    appealId: text('appeal_id').references(() => appeals.id),
    /** What is to be treated, in the secretary's words (e.g. «Revocación por venta de producto ajeno»). */
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.position] })],
);
