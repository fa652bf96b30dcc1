/**
 * The certification commission: sessions with their attendance and quorum, and
 * decisions on dossiers with every present member's vote, automatic and
 * voluntary recusals, the scheme's decision policy, a snapshot of the dossier
 * as decided, and the certificate issued on approval. One transaction each.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import { immediate, type Db } from '../../db/client.js';
import { type Actor, authorize, canActAsCommission } from '../../domain/access.js';
import { automaticRecusals, checkOutcome, checkVotes, decidedOutcome, tally } from '../../domain/commission.js';
import { laPazDate } from '../../domain/certificate-state.js';
import { canonicalJson } from '../../domain/content-hash.js';
import { AppError, type FieldIssue } from '../../errors.js';
import { appendAudit } from '../audit/audit-log.js';
import type { CertificateService } from '../certificates/certificate-service.js';
import type { DossierService } from '../dossiers/dossier-service.js';
import type { AppealService } from './appeal-service.js';
import { createCommissionRepository, type DecisionRow } from './commission-repository.js';
import type { DecisionView, NewDecision, NewSession, SessionView } from './commission-schemas.js';
import { createVoting } from './voting.js';

const COMMISSION_ONLY = 'Solo la comisión de certificación registra sesiones y decisiones';

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
  const voting = createVoting(repo);

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
      sessionId: row.sessionId,
      dossierId: row.dossierId,
      proposedOutcome: row.proposedOutcome,
      outcome: row.outcome,
      carried: t.carried,
      tally: { for: t.for, against: t.against, abstain: t.abstain },
      rationale: row.rationale,
      sealLevel: row.sealLevel,
      snapshotHash: row.snapshotHash,
      votes: cast,
      recusals: repo.recusalsOn('decision', row.id),
      certificateId: repo.certificateIdOf(row.id),
      decidedAt: row.decidedAt,
    };
  };

  return {
    createSession(actor: Actor, input: NewSession): SessionView {
      authorize(canActAsCommission(actor), COMMISSION_ONLY);
      const at = now();
      const id = randomUUID();
      immediate(db, () => {
        const scheme = catalog.scheme(input.scheme);
        if (!scheme.currentVersion)
          throw new AppError('conflict', 'NO_PUBLISHED_CRITERIA', `El esquema ${input.scheme} no tiene ninguna versión publicada`);
        const quorum = catalog.version(input.scheme, scheme.currentVersion).commission.quorum;
        const memberIds = repo.enabledCommissionIds();
        const issues: FieldIssue[] = [];
        input.presentUserIds.forEach((userId, i) => {
          if (!memberIds.includes(userId))
            issues.push({ path: `body.presentUserIds.${i}`, message: 'No es un miembro habilitado de la comisión', code: 'NOT_A_MEMBER' });
          else if (input.presentUserIds.indexOf(userId) !== i)
            issues.push({ path: `body.presentUserIds.${i}`, message: 'Repetido', code: 'DUPLICATE' });
        });
        if (issues.length > 0)
          throw new AppError(
            'unprocessable',
            'SESSION_REFUSED',
            'La lista de asistencia tiene personas que no son miembros de la comisión',
            issues,
          );
        if (input.presentUserIds.length < quorum) {
          throw new AppError(
            'unprocessable',
            'NO_QUORUM',
            `Sin quórum: hay ${input.presentUserIds.length} miembro(s) presente(s) y el esquema exige ${quorum}`,
            [{ path: 'body.presentUserIds', message: `Se necesitan al menos ${quorum}`, code: 'NO_QUORUM' }],
          );
        }
        const row = {
          id,
          scheme: input.scheme,
          criteriaVersion: scheme.currentVersion,
          quorum,
          heldOn: input.heldOn,
          place: input.place ?? null,
          status: 'open' as const,
          createdBy: actor.userId,
          createdAt: at.toISOString(),
        };
        repo.insertSession(
          row,
          memberIds.map((userId) => ({ userId, present: input.presentUserIds.includes(userId) })),
        );
        appendAudit(
          db,
          actor,
          { entity: 'commission_session', entityId: id, action: 'create', change: { ...row, presentUserIds: input.presentUserIds } },
          at,
        );
      });
      return this.getSession(actor, id);
    },

    closeSession(actor: Actor, id: string): SessionView {
      authorize(canActAsCommission(actor), COMMISSION_ONLY);
      const at = now();
      immediate(db, () => {
        voting.openSession(id);
        repo.closeSession(id, at.toISOString());
        appendAudit(db, actor, { entity: 'commission_session', entityId: id, action: 'close', change: { closedAt: at.toISOString() } }, at);
      });
      return this.getSession(actor, id);
    },

    /** The session with its attendance, its decisions and the appeals decided in it. */
    getSession(actor: Actor, id: string): SessionView {
      authorize(canActAsCommission(actor), COMMISSION_ONLY);
      const s = voting.session(id);
      return {
        ...s,
        attendance: repo.attendance(id),
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
        const dossier = dossierService.get(actor, input.dossierId);
        if (dossier.state !== 'ready_for_commission') {
          throw new AppError('conflict', 'DOSSIER_STATE', `El expediente no está listo para la comisión (está «${dossier.state}»)`, [
            { path: 'state', message: dossier.state },
          ]);
        }
        const present = voting.presentMembers(sessionId);
        const recused = voting.withVoluntary(present, automaticRecusals(present, repo.involvement(dossier.id)), input.recusals);
        voting.refuseViolations(checkVotes({ quorum: session.quorum, present, recusals: recused, votes: input.votes }), input.votes);

        const approving = input.proposedOutcome === 'approved' || input.proposedOutcome === 'approved_with_conditions';
        const version = catalog.version(dossier.scheme, dossier.criteriaVersion);
        const open = repo.openNonConformities(
          dossier.id,
          dossier.nonConformities.map((nc) => nc.id),
        );
        const policy = checkOutcome(input.proposedOutcome, open, laPazDate(at));
        if (policy.violations.length > 0) {
          throw new AppError(
            'unprocessable',
            policy.violations[0]!.rule,
            policy.violations.map((v) => v.message).join('; '),
            policy.violations.flatMap((v) =>
              v.nonConformityIds.map((ncId) => ({ path: 'body.proposedOutcome', message: `${v.message} (${ncId})`, code: v.rule })),
            ),
          );
        }
        if (approving && !input.sealLevel) {
          throw new AppError('invalid', 'SEAL_LEVEL_REQUIRED', 'Al aprobar indique el nivel del sello', [
            { path: 'body.sealLevel', message: `Uno de: ${version.sealLevels.map((l) => l.code).join(', ')}` },
          ]);
        }
        if (input.sealLevel && !version.sealLevels.some((l) => l.code === input.sealLevel)) {
          throw new AppError('invalid', 'UNKNOWN_SEAL_LEVEL', `Nivel de sello desconocido: ${input.sealLevel}`, [
            { path: 'body.sealLevel', message: `Uno de: ${version.sealLevels.map((l) => l.code).join(', ')}` },
          ]);
        }
        const allProducts = repo.declaredProducts(dossier.producer.id);
        const products = input.products ?? allProducts;
        const outside = products.filter((p) => !allProducts.includes(p));
        if (outside.length > 0) {
          throw new AppError('invalid', 'PRODUCT_OUT_OF_SCOPE', `Productos que la unidad no declara: ${outside.join(', ')}`, [
            { path: 'body.products', message: `Productos de la unidad: ${allProducts.join(', ')}` },
          ]);
        }

        const t = tally(input.votes);
        const outcome = decidedOutcome(input.proposedOutcome, input.votes);
        const snapshot = canonicalJson(dossier);
        const row = {
          id,
          sessionId,
          dossierId: dossier.id,
          proposedOutcome: input.proposedOutcome,
          outcome,
          rationale: input.rationale,
          sealLevel: input.sealLevel ?? null,
          dossierSnapshot: snapshot,
          snapshotHash: `sha256:${createHash('sha256').update(snapshot, 'utf8').digest('hex')}`,
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
        if (outcome === 'approved' || outcome === 'approved_with_conditions') {
          certificates.issue(
            actor,
            {
              dossier: {
                id: dossier.id,
                organizationId: dossier.producer.organizationId,
                producerId: dossier.producer.id,
                scheme: dossier.scheme,
                criteriaVersion: dossier.criteriaVersion,
                criteriaHash: dossier.criteriaHash,
              },
              decisionId: id,
              sessionId,
              sealLevel: input.sealLevel!,
              products,
              sectors: dossier.producer.sectors,
              conditions:
                outcome === 'approved_with_conditions'
                  ? policy.conditions.map(({ correctiveActionId, description, deadline }) => ({
                      correctiveActionId,
                      description,
                      deadline,
                    }))
                  : [],
            },
            at,
          );
        }
      });
      return decisionView(loadDecision(id));
    },
  };
}
export type CommissionService = ReturnType<typeof createCommissionService>;
