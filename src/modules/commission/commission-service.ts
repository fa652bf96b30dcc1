/**
 * The certification commission: a session as a whole, and decisions on dossiers with every present member's vote, automatic and
 * voluntary recusals, the scheme's decision policy, a snapshot of the dossier
 * as decided, and the certificate issued on approval. One transaction each.
 */
import { randomUUID } from 'node:crypto';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import { immediate, type Db } from '../../db/client.js';
import { type Actor, authorize, canActAsCommission } from '../../domain/access.js';
import { checkOutcome, checkVotes, decidedOutcome, tally } from '../../domain/commission.js';
import { laPazDate } from '../../domain/certificate-state.js';
import { levelRefusal } from '../../domain/seal-levels.js';
import { listInWords } from '../../domain/text.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/audit-log.js';
import type { CertificateService } from '../certificates/certificate-service.js';
import type { DossierService } from '../dossiers/dossier-service.js';
import { createAppealCertificateEffect } from './appeal-certificate-effect.js';
import type { AppealService } from './appeal-service.js';
import { createCommissionRepository } from './commission-repository.js';
import type { DecisionView, NewDecision, SessionView } from './commission-schemas.js';
import { humanNumber } from './numbers.js';
import { createAgenda } from './session-agenda.js';
import { createSessionRepository } from './session-repository.js';
import { COMMISSION_ONLY } from './session-service.js';
import { createDecisionRecords } from './decision-records.js';
import { createVoting } from './voting.js';
import { DECISION_SANCTIONS } from '../../domain/decision-sanctions.js';
import { citeSanction } from '../criteria/sanction-citation.js';

export type CommissionDeps = {
  db: Db;
  catalog: CriteriaCatalog;
  now: () => Date;
  dossiers: DossierService;
  certificates: CertificateService;
  appeals: AppealService;
};

export function createCommissionService({ db, catalog, now, dossiers: dossierService, certificates, appeals }: CommissionDeps) {
  const repo = createCommissionRepository(db);
  const sessions = createSessionRepository(db);
  const voting = createVoting(repo, sessions);
  const agenda = createAgenda(db);
  const appealEffect = createAppealCertificateEffect(db, catalog);

  const { readyDossier, numbered, snapshotOf, loadDecision, decisionView } = createDecisionRecords(db, dossierService, catalog);

  return {
    /** The session with its attendance, its decisions and the appeals decided in it. */
    getSession(actor: Actor, id: string): SessionView {
      authorize(canActAsCommission(actor), COMMISSION_ONLY);
      const row = voting.session(id);
      const { year: _y, number: _n, createdBy: _c, ...s } = row;
      return {
        ...s,
        number: humanNumber(row),
        attendance: sessions.attendance(id).map(({ userId, name, present, seat }) => ({ userId, name, present, seat })),
        agenda: sessions.agenda(id).map((item) => ({ ...item, subject: agenda.subject(item) })),
        decisions: repo.decisionsOf(id).map(decisionView),
        appeals: appeals.ofSession(id),
      };
    },

    getDecision(actor: Actor, id: string): DecisionView {
      const row = loadDecision(id);
      // Whoever may read the dossier may read what was decided on it.
      dossierService.get(actor, row.dossierId);
      return decisionView(row);
    },

    /** The dossier exactly as it was decided, as stored. */
    snapshot(actor: Actor, decisionId: string): { snapshotHash: string; dossier: unknown } {
      const row = loadDecision(decisionId);
      dossierService.get(actor, row.dossierId);
      return { snapshotHash: row.snapshotHash, dossier: JSON.parse(row.dossierSnapshot) as unknown };
    },

    decide(actor: Actor, sessionId: string, input: NewDecision): DecisionView {
      authorize(canActAsCommission(actor), COMMISSION_ONLY);
      const at = now();
      const id = randomUUID();
      immediate(db, () => {
        const session = voting.openSession(sessionId);
        const dossier = readyDossier(actor, input.dossierId);
        const { present, recused } = voting.standingAside(sessionId, dossier.id, input.recusals);
        voting.refuseViolations(
          checkVotes({ quorum: session.quorum, present, recusals: recused, votes: input.votes, seats: session.seats ?? undefined }),
          input.votes,
        );

        const approving = input.proposedOutcome === 'approved' || input.proposedOutcome === 'approved_with_conditions';
        const version = catalog.version(dossier.scheme, dossier.criteriaVersion);
        const open = repo.openNonConformities(
          dossier.id,
          dossier.nonConformities.map((nc) => nc.id),
          version.decisionPolicy,
        );
        const policy = checkOutcome(input.proposedOutcome, open, laPazDate(at));
        if (policy.violations.length > 0) {
          throw new AppError(
            'unprocessable',
            policy.violations[0]!.rule,
            policy.violations.map((v) => v.message).join('; '),
            policy.violations.map((v) => ({ path: 'body.proposedOutcome', message: v.message, code: v.rule })),
          );
        }
        const levels = `Debe ser uno de: ${listInWords(
          version.sealLevels.map((l) => `${l.name.es.toLowerCase()} («${l.code}»)`),
          'o',
        )}`;
        if (approving && !input.sealLevel) {
          throw new AppError('invalid', 'SEAL_LEVEL_REQUIRED', 'Al aprobar, indique el nivel del sello', [
            { path: 'body.sealLevel', message: levels },
          ]);
        }
        if (input.sealLevel && !version.sealLevels.some((l) => l.code === input.sealLevel)) {
          throw new AppError('invalid', 'UNKNOWN_SEAL_LEVEL', `El esquema no tiene el nivel de sello «${input.sealLevel}»`, [
            { path: 'body.sealLevel', message: levels },
          ]);
        }
        const level = version.sealLevels.find((l) => l.code === input.sealLevel);
        const refusal = approving && level && levelRefusal(level, { pendingConditions: policy.conditions.length }, version.version);
        if (refusal) {
          throw new AppError('unprocessable', 'SEAL_LEVEL_NOT_ALLOWED', refusal, [
            { path: 'body.sealLevel', message: refusal, code: 'SEAL_LEVEL_NOT_ALLOWED' },
          ]);
        }
        const rule = DECISION_SANCTIONS[input.proposedOutcome];
        const sanction = citeSanction(catalog, dossier.scheme, input.sanctionCode, rule.effects, { required: rule.required });
        // Whose file it is: a unit certified on its own, the organisation's own (a group certificate) or a member's.
        const facts = certificates.dossierFacts(dossier.id);
        const allProducts = facts.scope === 'organization' ? certificates.groupProducts(facts) : repo.declaredProducts(facts.producerId!);
        const products = input.products ?? allProducts;
        const outside = products.filter((p) => !allProducts.includes(p));
        if (outside.length > 0) {
          const whose = facts.scope === 'organization' ? 'los socios aprobados' : 'la unidad';
          throw new AppError(
            'invalid',
            'PRODUCT_OUT_OF_SCOPE',
            `Productos que ${whose} no declara${facts.scope === 'organization' ? 'n' : ''}: ${outside.join(', ')}`,
            [{ path: 'body.products', message: `Productos de ${whose}: ${allProducts.join(', ') || 'ninguno'}` }],
          );
        }

        const t = tally(input.votes);
        const outcome = decidedOutcome(input.proposedOutcome, input.votes);
        const row = {
          ...numbered(session),
          id,
          sessionId,
          dossierId: dossier.id,
          proposedOutcome: input.proposedOutcome,
          outcome,
          rationale: input.rationale,
          sealLevel: input.sealLevel ?? null,
          // A proposal that is not carried defers the dossier: it applies nothing.
          ...(outcome === input.proposedOutcome ? sanction : { sanctionCode: null, sanctionVersion: null }),
          deferredForQuorum: false,
          ...snapshotOf(dossier),
          recordedBy: actor.userId,
          decidedAt: at.toISOString(),
        };
        repo.insertDecision(row);
        voting.record('decision', id, input.votes, recused);
        const { dossierSnapshot: _s, ...audited } = row;
        appendAudit(
          db,
          actor,
          { entity: 'decision', entityId: id, action: 'create', change: { ...audited, votes: input.votes, recusals: recused, tally: t } },
          at,
        );
        if (outcome !== 'deferred') dossierService.transitionWithin(actor, dossier, 'decide', at);
        let issued: string | null = null;
        if (outcome === 'approved' || outcome === 'approved_with_conditions') {
          const conditions =
            outcome === 'approved_with_conditions'
              ? policy.conditions.map(({ correctiveActionId, description, deadline }) => ({ correctiveActionId, description, deadline }))
              : [];
          const pinned = { criteriaVersion: dossier.criteriaVersion, criteriaHash: dossier.criteriaHash };
          if (facts.scope === 'organization') {
            // The organisation's conditions affect the whole group, as a unit's affect its certificate.
            issued = certificates.issueGroup(
              actor,
              { ...facts, ...pinned },
              { decisionId: id, sessionId, sealLevel: input.sealLevel!, products: input.products, conditions },
              at,
            );
          } else if (facts.scope === 'member') {
            // No certificate of its own: the unit joins its group's; its conditions stay corrective actions of its dossier.
            certificates.memberApproved(actor, facts, { id, outcome, sessionId }, at);
          } else {
            issued = certificates.issue(
              actor,
              {
                dossier: {
                  id: dossier.id,
                  organizationId: facts.organizationId,
                  producerId: facts.producerId,
                  scheme: dossier.scheme,
                  ...pinned,
                },
                decisionId: id,
                sessionId,
                sealLevel: input.sealLevel!,
                products,
                sectors: dossier.sectors,
                conditions,
              },
              at,
            );
          }
        }
        // A certificate kept after an upheld appeal against its decision gives way to this decision.
        if (outcome !== 'deferred') appealEffect.redecided(actor, dossier.id, { id, certificateId: issued }, sessionId, at);
      });
      return decisionView(loadDecision(id));
    },
  };
}
export type CommissionService = ReturnType<typeof createCommissionService>;
