/**
 * What the people's pages read, scoped to the person: who they are, and what is theirs to do now
 * (their home). Every list is confined by `listScope(actor)` and every row checked with
 * `canReadDossier`, like the API, so a page never shows more than the API would.
 */
import type { Db } from '../../db/client.js';
import { canReadDossier, hidesUnannounced, listScope, type Actor } from '../../domain/access.js';
import type { EffectiveStatus } from '../../domain/certificate-state.js';
import type { CertificateService } from '../certificates/certificate-service.js';
import { createQueueService, type QueueSummary } from '../commission/queue-service.js';
import type { ComplaintHandlingService } from '../complaints/complaint-handling-service.js';
import { createPagesRepository, type DossierSummary, type PersonRow, type VisitSummary } from './pages-repository.js';

export type { DossierSummary, VisitSummary };

export type CertificateSummary = { code: string; status: EffectiveStatus; sealLevel: string; expiresOn: string; verificationUrl: string };

export type Home =
  | { kind: 'committee'; dossiers: DossierSummary[] }
  | { kind: 'reviewer'; visits: (VisitSummary & { team: string[] })[] }
  | { kind: 'producer'; dossiers: DossierSummary[]; certificates: CertificateSummary[] }
  /** The administration: links to its pages (/app/admin). */
  | { kind: 'admin' }
  /** The commission: how many dossiers wait for its decision, and why. */
  | { kind: 'commission'; waiting: QueueSummary; openComplaints: number };

export function createPagesService({
  db,
  certificates,
  complaints,
}: {
  db: Db;
  certificates: CertificateService;
  complaints: Pick<ComplaintHandlingService, 'openCount'>;
}) {
  const repo = createPagesRepository(db);
  const queue = createQueueService(db);

  /** Whether unannounced visits not yet recorded stay out of what the actor is shown (the visited organisation's accounts). */
  const hiding = (actor: Actor) => hidesUnannounced(actor, { unannounced: true, status: 'planned' });

  const dossiersOf = (actor: Actor): DossierSummary[] => {
    const scope = listScope(actor);
    if (scope === 'none') return [];
    return repo.dossiers(scope, hiding(actor)).filter((d) => canReadDossier(actor, d));
  };

  return {
    /** The signed-in person as pages show them; undefined if the user no longer exists. */
    person(actor: Actor): PersonRow | undefined {
      return repo.person(actor.userId);
    },

    home(actor: Actor): Home {
      switch (actor.role) {
        case 'committee':
          return { kind: 'committee', dossiers: dossiersOf(actor) };
        case 'reviewer': {
          const personId = repo.person(actor.userId)?.personId;
          const scope = listScope(actor);
          if (!personId || scope === 'none') return { kind: 'reviewer', visits: [] };
          const visits = repo
            .plannedVisitsOf(personId, scope.organizationId, hiding(actor))
            .filter((v) => canReadDossier(actor, v))
            .map((v) => ({ ...v, team: repo.teamNames(v.visitId) }));
          return { kind: 'reviewer', visits };
        }
        case 'producer': {
          const { items } = certificates.list(actor, { page: 1, pageSize: 50 });
          return {
            kind: 'producer',
            dossiers: dossiersOf(actor),
            certificates: items.map(({ code, status, sealLevel, expiresOn, verificationUrl }) => ({
              code,
              status,
              sealLevel,
              expiresOn,
              verificationUrl,
            })),
          };
        }
        case 'commission':
          return { kind: 'commission', waiting: queue.summary(actor), openComplaints: complaints.openCount(actor) };
        case 'admin':
          return { kind: 'admin' };
      }
    },
  };
}
export type PagesService = ReturnType<typeof createPagesService>;
