/**
 * How a commission decision is read and written: the dossier it is about (which must be waiting
 * for the commission), its number in the year, the snapshot of the dossier, and its view.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../domain/access.js';
import { tally } from '../../domain/commission.js';
import { canonicalJson } from '../../domain/content-hash.js';
import { DOSSIER_STATE_LABEL } from '../../domain/dossier-state.js';
import { AppError } from '../../errors.js';
import type { DossierService } from '../dossiers/dossier-service.js';
import { createCommissionRepository, type DecisionRow } from './commission-repository.js';
import type { DecisionView } from './commission-schemas.js';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import { citedSanction } from '../criteria/sanction-citation.js';
import { humanNumber } from './numbers.js';
import { createSessionRepository, type SessionRow } from './session-repository.js';

export function createDecisionRecords(db: Db, dossierService: DossierService, catalog: CriteriaCatalog) {
  const repo = createCommissionRepository(db);
  const sessions = createSessionRepository(db);

  /** The dossier, which must be waiting for the commission. */
  const readyDossier = (actor: Actor, dossierId: string) => {
    const dossier = dossierService.get(actor, dossierId);
    if (dossier.state !== 'ready_for_commission') {
      throw new AppError(
        'conflict',
        'DOSSIER_STATE',
        `El expediente no está listo para la comisión (está «${DOSSIER_STATE_LABEL[dossier.state]}»)`,
        [{ path: 'state', message: dossier.state }],
      );
    }
    return dossier;
  };
  /** The resolution's number: the next of the session's year. */
  const numbered = (session: SessionRow) => {
    const year = session.year ?? Number(session.heldOn.slice(0, 4));
    return { year, number: sessions.nextDecisionNumber(year) };
  };
  const snapshotOf = (dossier: unknown) => {
    const snapshot = canonicalJson(dossier);
    return { dossierSnapshot: snapshot, snapshotHash: `sha256:${createHash('sha256').update(snapshot, 'utf8').digest('hex')}` };
  };

  const loadDecision = (id: string): DecisionRow => {
    const row = repo.decision(id);
    if (!row) throw new AppError('not_found', 'DECISION_NOT_FOUND', 'No existe esa decisión');
    return row;
  };

  const decisionView = (row: DecisionRow): DecisionView => {
    const cast = repo.votesOn('decision', row.id);
    const t = tally(cast);
    return {
      id: row.id,
      number: humanNumber(row),
      sessionId: row.sessionId,
      dossierId: row.dossierId,
      proposedOutcome: row.proposedOutcome,
      outcome: row.outcome,
      carried: t.carried,
      tally: { for: t.for, against: t.against, abstain: t.abstain },
      rationale: row.rationale,
      sealLevel: row.sealLevel,
      sanction: row.sanctionCode ? citedSanction(catalog, repo.schemeOfDossier(row.dossierId) ?? '', row) : null,
      deferredForQuorum: row.deferredForQuorum,
      snapshotHash: row.snapshotHash,
      votes: cast,
      recusals: repo.recusalsOn('decision', row.id),
      certificateId: repo.certificateIdOf(row.id),
      decidedAt: row.decidedAt,
    };
  };

  return { readyDossier, numbered, snapshotOf, loadDecision, decisionView };
}
