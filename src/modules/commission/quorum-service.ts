/**
 * Quorum for one dossier in a session: who must step aside and why, who votes (titulares and the
 * suplentes who take empty seats), which suplentes could be called in; and, when none is
 * available, deferring the dossier without a vote, as a numbered resolution with its reason.
 */
import { randomUUID } from 'node:crypto';
import { immediate, type Db } from '../../db/client.js';
import { type Actor, authorize, canActAsCommission } from '../../domain/access.js';
import { automaticRecusals, votersPhrase, votingMembers, type CommissionMember } from '../../domain/commission.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit-log.js';
import type { DossierService } from '../dossiers/dossier-service.js';
import { createCommissionRepository } from './commission-repository.js';
import type { Ballot, DecisionView, Deferral, VoluntaryRecusal } from './commission-schemas.js';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import { createDecisionRecords } from './decision-records.js';
import { createSessionRepository } from './session-repository.js';
import { COMMISSION_ONLY } from './session-service.js';
import { createVoting } from './voting.js';

export function createQuorumService({
  db,
  catalog,
  now,
  dossiers: dossierService,
}: {
  db: Db;
  catalog: CriteriaCatalog;
  now: () => Date;
  dossiers: DossierService;
}) {
  const repo = createCommissionRepository(db);
  const voting = createVoting(repo, createSessionRepository(db));
  const { readyDossier, numbered, snapshotOf, loadDecision, decisionView } = createDecisionRecords(db, dossierService, catalog);

  return {
    /** Who votes on a dossier in the session: recusals with their reasons, voters, and the suplentes who could be called in. */
    ballot(actor: Actor, sessionId: string, dossierId: string, voluntary: VoluntaryRecusal[] = []): Ballot {
      authorize(canActAsCommission(actor), COMMISSION_ONLY);
      const session = voting.session(sessionId);
      const dossier = dossierService.get(actor, dossierId);
      const { present, recused } = voting.standingAside(sessionId, dossier.id, voluntary);
      const involvement = repo.involvement(dossier.id);
      const voters = votingMembers(present, recused, session.seats ?? undefined);
      const presentIds = new Set(present.map((m) => m.userId));
      const absent = repo.members().filter((m) => !presentIds.has(m.userId) && m.seat === 'suplente');
      const names = new Map(present.map((m) => [m.userId, m.name]));
      const brief = (m: CommissionMember) => ({ userId: m.userId, name: m.name, seat: m.seat });
      return {
        dossierId: dossier.id,
        quorum: session.quorum,
        present: present.map(brief),
        recusals: recused.map((r) => ({
          userId: r.userId,
          name: names.get(r.userId) ?? '',
          kind: r.kind,
          rule: r.rule ?? null,
          reason: r.reason,
        })),
        voting: voters.map(brief),
        missing: Math.max(0, session.quorum - voters.length),
        availableSuplentes: absent.filter((m) => automaticRecusals([m], involvement).length === 0).map(brief),
      };
    },

    /**
     * Defers a dossier without a vote because too few members can vote on it once the recused stand
     * aside and no suplente is available: recorded as a numbered resolution with the reason, for the acta.
     */
    defer(actor: Actor, sessionId: string, input: Deferral): DecisionView {
      authorize(canActAsCommission(actor), COMMISSION_ONLY);
      const at = now();
      const id = randomUUID();
      immediate(db, () => {
        const session = voting.openSession(sessionId);
        const dossier = readyDossier(actor, input.dossierId);
        const { present, recused } = voting.standingAside(sessionId, dossier.id, input.recusals);
        const voters = votingMembers(present, recused, session.seats ?? undefined).length;
        if (voters >= session.quorum)
          throw new AppError(
            'conflict',
            'QUORUM_AVAILABLE',
            `Hay quórum para decidir este expediente (${votersPhrase(voters)}; se necesitan ${session.quorum}): sométalo a votación`,
          );
        const row = {
          ...numbered(session),
          id,
          sessionId,
          dossierId: dossier.id,
          proposedOutcome: 'deferred' as const,
          outcome: 'deferred' as const,
          rationale: input.reason,
          sealLevel: null,
          sanctionCode: null,
          sanctionVersion: null,
          deferredForQuorum: true,
          ...snapshotOf(dossier),
          recordedBy: actor.userId,
          decidedAt: at.toISOString(),
        };
        repo.insertDecision(row);
        voting.record('decision', id, [], recused);
        const { dossierSnapshot: _s, ...audited } = row;
        appendAudit(
          db,
          actor,
          { entity: 'decision', entityId: id, action: 'defer', change: { ...audited, recusals: recused, voters } },
          at,
        );
      });
      return decisionView(loadDecision(id));
    },
  };
}
export type QuorumService = ReturnType<typeof createQuorumService>;
