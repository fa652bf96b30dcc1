/**
 * What the commission's deciding pages read around a vote: the open sessions a decision can be taken
 * in; for a dossier, the outcomes its open non-conformities rule out, the conditions an «aprobado con
 * condiciones» would set (its open corrective actions with their deadlines, as `checkOutcome` derives
 * them) and its seal levels; and a decision with its session, subject and certificate. Reads only:
 * deciding is commission-service.ts, deferring quorum-service.ts.
 */
import type { Db } from '../../db/client.js';
import { type Actor, authorize, canActAsCommission } from '../../domain/access.js';
import { laPazDate } from '../../domain/certificate-state.js';
import { checkOutcome, type Outcome } from '../../domain/commission.js';
import { levelAllowed, levelRefusal } from '../../domain/seal-levels.js';
import type { CertificateService } from '../certificates/certificate-service.js';
import type { CertificateView } from '../certificates/certificate-schemas.js';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import type { DossierService } from '../dossiers/dossier-service.js';
import { createCommissionRepository } from './commission-repository.js';
import { DECISION_SANCTIONS } from '../../domain/decision-sanctions.js';
import { sanctionChoices, type SanctionChoice } from '../criteria/sanction-citation.js';
import type { DecisionView, SessionView } from './commission-schemas.js';
import type { CommissionService } from './commission-service.js';
import { humanNumber } from './numbers.js';
import { createSessionRepository } from './session-repository.js';
import { COMMISSION_ONLY } from './session-service.js';

export type OpenSession = { id: string; number: string | null; heldOn: string; place: string | null; startsAt: string | null };

export type DecisionOutlook = {
  /** The seal levels some possible approval allows (all when no approval is possible), by name. */
  sealLevels: { code: string; name: string }[];
  /** Why a level cannot go with «aprobado con condiciones», by level code (the level's rule in the criteria). */
  sealLevelRefusals: Record<string, string>;
  /** The certificate's conditions if the commission approves with conditions today. */
  conditions: { criterionCode: string; description: string; deadline: string }[];
  /** Why an approval is not possible now, by outcome (the scheme's decision policy). */
  refusals: Partial<Record<Outcome, string>>;
  /** Open improvement goals (criterion codes): followed at the next visit, never conditions. */
  improvementGoals: string[];
  /** The sanctions a decision may cite, from the catalogue in force (none without a catalogue). */
  sanctions: { criteriaVersion: string | null; choices: SanctionChoice[] };
};

export type DecisionRecord = {
  decision: DecisionView;
  session: Pick<SessionView, 'id' | 'number' | 'heldOn' | 'place' | 'status'>;
  /** «Expediente de Ana Quispe (Asociación X), ciclo 2026». */
  subject: string;
  sealLevel: string | null;
  certificate: CertificateView | null;
};

export type DecidingDeps = {
  db: Db;
  catalog: CriteriaCatalog;
  now: () => Date;
  dossiers: DossierService;
  commission: CommissionService;
  certificates: CertificateService;
};

export function createDecidingService({ db, catalog, now, dossiers, commission, certificates }: DecidingDeps) {
  const repo = createCommissionRepository(db);
  const sessions = createSessionRepository(db);

  /** «Expediente de Ana Quispe (Asociación X), ciclo 2026». */
  const subjectOf = (dossierId: string) => {
    const holder = sessions.dossierForAgenda(dossierId);
    return holder ? `Expediente de ${holder.producer} (${holder.organization}), ciclo ${holder.cycle}` : 'Expediente';
  };
  const sealLevelsOf = (scheme: string, version: string) =>
    catalog.version(scheme, version).sealLevels.map((l) => ({ code: l.code, name: l.name.es }));

  return {
    openSessions(actor: Actor): OpenSession[] {
      authorize(canActAsCommission(actor), COMMISSION_ONLY);
      return sessions
        .openSessions()
        .map((s) => ({ id: s.id, number: humanNumber(s), heldOn: s.heldOn, place: s.place, startsAt: s.startsAt }));
    },

    outlook(actor: Actor, dossierId: string): DecisionOutlook {
      authorize(canActAsCommission(actor), COMMISSION_ONLY);
      const dossier = dossiers.get(actor, dossierId);
      const open = repo.openNonConformities(
        dossier.id,
        dossier.nonConformities.map((nc) => nc.id),
        catalog.version(dossier.scheme, dossier.criteriaVersion).decisionPolicy,
      );
      const today = laPazDate(now());
      const codeOf = new Map(open.map((nc) => [nc.id, nc.criterionCode]));
      const refusal = (outcome: Outcome) => {
        const { violations } = checkOutcome(outcome, open, today);
        return violations.length > 0 ? violations.map((v) => v.message).join('; ') : undefined;
      };
      const withConditions = checkOutcome('approved_with_conditions', open, today);
      const refusals: Partial<Record<Outcome, string>> = {};
      for (const outcome of ['approved', 'approved_with_conditions'] as const) {
        const text = refusal(outcome);
        if (text) refusals[outcome] = text;
      }
      const version = catalog.version(dossier.scheme, dossier.criteriaVersion);
      const withConditionsCount = { pendingConditions: withConditions.conditions.length };
      // Conditions pending under each approval still possible: none for «aprobado», the conditions for the other.
      const possible = (['approved', 'approved_with_conditions'] as const)
        .filter((o) => !refusals[o])
        .map((o) => (o === 'approved' ? { pendingConditions: 0 } : withConditionsCount));
      const offered =
        possible.length === 0 ? version.sealLevels : version.sealLevels.filter((l) => possible.some((p) => levelAllowed(l, p)));
      return {
        sealLevels: offered.map((l) => ({ code: l.code, name: l.name.es })),
        sealLevelRefusals: Object.fromEntries(
          version.sealLevels.flatMap((l) => {
            const text = levelRefusal(l, withConditionsCount, version.version);
            return text ? [[l.code, text] as const] : [];
          }),
        ),
        conditions: withConditions.conditions.map((c) => ({
          criterionCode: codeOf.get(c.nonConformityId) ?? '',
          description: c.description,
          deadline: c.deadline,
        })),
        refusals,
        improvementGoals: withConditions.improvementGoals.map((g) => g.criterionCode),
        sanctions: sanctionChoices(catalog, dossier.scheme, DECISION_SANCTIONS.approved_with_conditions.effects),
      };
    },

    /** The dossier the deciding page is about: names a person reads, and whether it waits for the commission. */
    dossier(actor: Actor, dossierId: string) {
      authorize(canActAsCommission(actor), COMMISSION_ONLY);
      const dossier = dossiers.get(actor, dossierId);
      const holder = sessions.dossierForAgenda(dossier.id);
      return {
        id: dossier.id,
        producer: dossier.holderName,
        organization: holder?.organization ?? '',
        cycle: dossier.cycle,
        recommendation: dossier.recommendation?.outcome ?? null,
        ready: dossier.state === 'ready_for_commission',
      };
    },

    /** What each dossier is about, in words, by id. */
    subjects(actor: Actor, dossierIds: string[]): Record<string, string> {
      authorize(canActAsCommission(actor), COMMISSION_ONLY);
      return Object.fromEntries(dossierIds.map((id) => [id, subjectOf(id)]));
    },

    decision(actor: Actor, decisionId: string): DecisionRecord {
      authorize(canActAsCommission(actor), COMMISSION_ONLY);
      const decision = commission.getDecision(actor, decisionId);
      const { id, number, heldOn, place, status } = commission.getSession(actor, decision.sessionId);
      const { scheme, criteriaVersion } = dossiers.get(actor, decision.dossierId);
      const level = decision.sealLevel;
      return {
        decision,
        session: { id, number, heldOn, place, status },
        subject: subjectOf(decision.dossierId),
        sealLevel: level ? (sealLevelsOf(scheme, criteriaVersion).find((l) => l.code === level)?.name ?? level) : null,
        certificate: decision.certificateId ? certificates.get(actor, decision.certificateId) : null,
      };
    },
  };
}
export type DecidingService = ReturnType<typeof createDecidingService>;
