/**
 * A dossier as the certification commission reviews it before deciding: the dossier itself (read
 * through the dossier service, so access is checked per record as everywhere), where the producer
 * is, why it waits, its decisions, appeals and history, the producer's other cycles with their
 * decisions, and every certificate of the unit with its status now.
 */
import type { Db } from '../../db/client.js';
import { type Actor, authorize, canActAsCommission } from '../../domain/access.js';
import type { EffectiveStatus } from '../../domain/certificate-state.js';
import type { CertificateService } from '../certificates/certificate-service.js';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import type { Dossier } from '../dossiers/dossier-schemas.js';
import type { DossierService } from '../dossiers/dossier-service.js';
import {
  createDossierReviewRepository,
  type AppealRow,
  type CycleRow,
  type DecisionRow,
  type HistoryRow,
  type PlaceRow,
} from './dossier-review-repository.js';
import type { QueueItem } from './queue-schemas.js';
import type { QueueService } from './queue-service.js';

export type CertificateSummary = {
  id: string;
  code: string;
  status: EffectiveStatus;
  sealLevel: string;
  issuedOn: string;
  expiresOn: string;
  /** The cycle of the dossier it was issued from. */
  cycle: number | null;
  conditions: number;
};

export type DossierReview = {
  dossier: Dossier;
  place: PlaceRow;
  /** The producer's sectors by name. */
  sectors: string[];
  /** Its place in the queue; null when it is not waiting for the commission. */
  waiting: QueueItem | null;
  decisions: DecisionRow[];
  appeals: AppealRow[];
  history: HistoryRow[];
  otherCycles: (CycleRow & { decisions: DecisionRow[] })[];
  certificates: CertificateSummary[];
  /** Names of the persons responsible for corrective actions, by person id. */
  personNames: Record<string, string>;
  /** Who wrote the committee's recommendation. */
  recommendedBy: string | null;
  /** Seal level names of the dossier's criteria version, by code. */
  sealLevels: Record<string, string>;
};

export type DossierReviewDeps = {
  db: Db;
  catalog: CriteriaCatalog;
  dossiers: DossierService;
  certificates: CertificateService;
  queue: QueueService;
};

/** A unit's certificates over the years: a few, never a page's worth. */
const MAX_CERTIFICATES = 100;

export function createDossierReviewService({ db, catalog, dossiers, certificates, queue }: DossierReviewDeps) {
  const repo = createDossierReviewRepository(db);

  const sealLevelNames = (scheme: string, version: string): Record<string, string> => {
    try {
      return Object.fromEntries(catalog.version(scheme, version).sealLevels.map((l) => [l.code, l.name.es]));
    } catch {
      return {};
    }
  };

  return {
    review(actor: Actor, dossierId: string): DossierReview {
      authorize(canActAsCommission(actor), 'Solo la comisión de certificación revisa los expedientes para decidir');
      const dossier = dossiers.get(actor, dossierId);
      const place = repo.place(dossier.id)!;
      const version = catalog.version(dossier.scheme, dossier.criteriaVersion);
      const sectorName = new Map(version.sectors.map((s) => [s.code, s.name.es]));

      const otherCycles = dossier.producer ? repo.otherCycles(dossier.producer.id, dossier.id) : [];
      const decisions = repo.decisionsOf([dossier.id, ...otherCycles.map((c) => c.id)]);
      const decisionsOf = (id: string) => decisions.filter((d) => d.dossierId === id);
      const cycleOf = new Map([[dossier.id, dossier.cycle], ...otherCycles.map((c) => [c.id, c.cycle] as const)]);

      const { items } = certificates.list(actor, {
        ...(dossier.producer ? { producerId: dossier.producer.id } : { organizationId: dossier.organization.id }),
        page: 1,
        pageSize: MAX_CERTIFICATES,
      });
      const responsible = dossier.nonConformities.flatMap((nc) => nc.correctiveActions.map((a) => a.responsiblePersonId));
      const recommender = dossier.recommendation?.byUserId;

      return {
        dossier,
        place,
        sectors: dossier.sectors.map((s) => sectorName.get(s) ?? s),
        waiting: queue.entry(actor, dossier.id) ?? null,
        decisions: decisionsOf(dossier.id),
        appeals: repo.appealsOf(dossier.id),
        history: repo.history(dossier.id),
        otherCycles: otherCycles.map((c) => ({ ...c, decisions: decisionsOf(c.id) })),
        certificates: items.map((c) => ({
          id: c.id,
          code: c.code,
          status: c.status,
          sealLevel: sealLevelNames(c.scheme, c.criteriaVersion)[c.sealLevel] ?? c.sealLevel,
          issuedOn: c.issuedOn,
          expiresOn: c.expiresOn,
          cycle: cycleOf.get(c.dossierId) ?? null,
          conditions: c.conditions.length,
        })),
        personNames: Object.fromEntries(repo.personNames([...new Set(responsible)])),
        recommendedBy: recommender ? (repo.userNames([recommender]).get(recommender) ?? null) : null,
        sealLevels: sealLevelNames(dossier.scheme, dossier.criteriaVersion),
      };
    },
  };
}
export type DossierReviewService = ReturnType<typeof createDossierReviewService>;
