/**
 * The certification commission: sessions with their attendance and quorum, and
 * decisions on dossiers with every present member's vote, automatic and
 * voluntary recusals, the scheme's decision policy, a snapshot of the dossier
 * as decided, and the certificate issued on approval. One transaction each.
 */
import { createHash, randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import { immediate, type Db } from '../../db/client.js';
import { commissionSessions, decisions, producers, recusals, sessionAttendance, votes } from '../../db/schema.js';
import { type Actor, authorize } from '../../domain/access.js';
import { automaticRecusals, checkOutcome, checkVotes, decidedOutcome, tally, type CommissionMember, type Recusal } from '../../domain/commission.js';
import { laPazDate } from '../../domain/certificate-state.js';
import { canonicalJson } from '../../domain/content-hash.js';
import { AppError, type FieldIssue } from '../../errors.js';
import { appendAudit } from '../audit/audit-log.js';
import type { CertificateService } from '../certificates/certificate-service.js';
import type { DossierService } from '../dossiers/dossier-service.js';
import { createCommissionRepository } from './commission-repository.js';
import type { DecisionView, NewDecision, SessionView } from './commission-schemas.js';
import type { z } from 'zod';
import type { NewSessionSchema, VoluntaryRecusalSchema, VoteInputSchema } from './commission-schemas.js';
import type { VoteSubject } from '../../domain/commission.js';

type Subject = VoteSubject;
type VoteInput = z.infer<typeof VoteInputSchema>;
type VoluntaryRecusal = z.infer<typeof VoluntaryRecusalSchema>;

export const requireCommission = (actor: Actor) =>
  authorize(actor.role === 'commission' || actor.role === 'admin', 'Solo la comisión de certificación registra sesiones y decisiones');

export type CommissionDeps = { db: Db; catalog: CriteriaCatalog; now: () => Date; dossiers: DossierService; certificates: CertificateService };

export function createCommissionService({ db, catalog, now, dossiers: dossierService, certificates }: CommissionDeps) {
  const repo = createCommissionRepository(db);

  const loadSession = (id: string) => {
    const session = db.select().from(commissionSessions).where(eq(commissionSessions.id, id)).get();
    if (!session) throw new AppError('not_found', 'SESSION_NOT_FOUND', 'No existe esa sesión de la comisión');
    return session;
  };

  const openSession = (id: string) => {
    const session = loadSession(id);
    if (session.status !== 'open') throw new AppError('conflict', 'SESSION_CLOSED', `La sesión del ${session.heldOn} ya fue cerrada`);
    return session;
  };

  const presentMembers = (sessionId: string): CommissionMember[] =>
    repo.members(repo.attendance(sessionId).filter((a) => a.present).map((a) => a.userId));

  /** Voluntary recusals must come from present members; they join the automatic ones. */
  const withVoluntary = (present: CommissionMember[], automatic: Recusal[], voluntary: VoluntaryRecusal[]): Recusal[] => {
    const issues: FieldIssue[] = [];
    const all = [...automatic];
    voluntary.forEach((r, i) => {
      if (!present.some((m) => m.userId === r.userId)) issues.push({ path: `body.recusals.${i}.userId`, message: 'No es un miembro presente en la sesión', code: 'NOT_PRESENT' });
      else if (!all.some((a) => a.userId === r.userId)) all.push({ userId: r.userId, reason: r.reason, kind: 'voluntary' });
    });
    if (issues.length > 0) throw new AppError('unprocessable', 'DECISION_REFUSED', 'Excusa de alguien que no está presente', issues);
    return all;
  };

  /** Refuses a vote that breaks quorum, recusal or presence rules, naming each rule and person. */
  const refuseViolations = (violations: { rule: string; userId?: string | undefined; message: string }[], given: VoteInput[]) => {
    if (violations.length === 0) return;
    const index = new Map(given.map((v, i) => [v.userId, i]));
    throw new AppError(
      'unprocessable',
      'DECISION_REFUSED',
      `La votación no es válida: ${violations.map((v) => v.message).join('; ')}`,
      violations.map((v) => ({
        path: v.userId !== undefined && index.has(v.userId) ? `body.votes.${index.get(v.userId)}.userId` : 'body.votes',
        message: v.message,
        code: v.rule,
      })),
    );
  };

  const recordVotes = (subject: Subject, subjectId: string, given: VoteInput[], recused: Recusal[]) => {
    db.insert(votes)
      .values(given.map((v) => ({ subject, subjectId, userId: v.userId, vote: v.vote, rationale: v.rationale ?? null })))
      .run();
    if (recused.length > 0) {
      db.insert(recusals)
        .values(recused.map((r) => ({ subject, subjectId, userId: r.userId, kind: r.kind, rule: r.rule ?? null, reason: r.reason })))
        .run();
    }
  };

  const decisionView = (row: typeof decisions.$inferSelect): DecisionView => {
    const cast = repo.votesOn('decision', row.id);
    const t = tally(cast);
    const certificate = db.$client.prepare('SELECT id FROM certificates WHERE decision_id = ?').get(row.id) as { id: string } | undefined;
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
      certificateId: certificate?.id ?? null,
      decidedAt: row.decidedAt,
    };
  };

  return {
    repo,
    presentMembers,
    withVoluntary,
    refuseViolations,
    recordVotes,
    loadSession,
    openSession,

    createSession(actor: Actor, input: z.infer<typeof NewSessionSchema>): SessionView {
      requireCommission(actor);
      const at = now();
      const id = randomUUID();
      immediate(db, () => {
        const scheme = catalog.scheme(input.scheme);
        if (!scheme.currentVersion) throw new AppError('conflict', 'NO_PUBLISHED_CRITERIA', `El esquema ${input.scheme} no tiene ninguna versión publicada`);
        const quorum = catalog.version(input.scheme, scheme.currentVersion).commission.quorum;
        const memberIds = repo.enabledCommissionIds();
        const issues: FieldIssue[] = [];
        input.presentUserIds.forEach((userId, i) => {
          if (!memberIds.includes(userId)) issues.push({ path: `body.presentUserIds.${i}`, message: 'No es un miembro habilitado de la comisión', code: 'NOT_A_MEMBER' });
          else if (input.presentUserIds.indexOf(userId) !== i) issues.push({ path: `body.presentUserIds.${i}`, message: 'Repetido', code: 'DUPLICATE' });
        });
        if (issues.length > 0) throw new AppError('unprocessable', 'SESSION_REFUSED', 'La lista de asistencia tiene personas que no son miembros de la comisión', issues);
        if (input.presentUserIds.length < quorum) {
          throw new AppError('unprocessable', 'NO_QUORUM', `Sin quórum: hay ${input.presentUserIds.length} miembro(s) presente(s) y el esquema exige ${quorum}`, [
            { path: 'body.presentUserIds', message: `Se necesitan al menos ${quorum}`, code: 'NO_QUORUM' },
          ]);
        }
        const row = { id, scheme: input.scheme, criteriaVersion: scheme.currentVersion, quorum, heldOn: input.heldOn, place: input.place ?? null, status: 'open' as const, createdBy: actor.userId, createdAt: at.toISOString() };
        db.insert(commissionSessions).values(row).run();
        db.insert(sessionAttendance)
          .values(memberIds.map((userId) => ({ sessionId: id, userId, present: input.presentUserIds.includes(userId) })))
          .run();
        appendAudit(db, actor, { entity: 'commission_session', entityId: id, action: 'create', change: { ...row, presentUserIds: input.presentUserIds } }, at);
      });
      return this.getSession(actor, id);
    },

    closeSession(actor: Actor, id: string): SessionView {
      requireCommission(actor);
      const at = now();
      immediate(db, () => {
        openSession(id);
        db.update(commissionSessions).set({ status: 'closed', closedAt: at.toISOString() }).where(eq(commissionSessions.id, id)).run();
        appendAudit(db, actor, { entity: 'commission_session', entityId: id, action: 'close', change: { closedAt: at.toISOString() } }, at);
      });
      return this.getSession(actor, id);
    },

    getSession(actor: Actor, id: string, appeals: SessionView['appeals'] = []): SessionView {
      requireCommission(actor);
      const s = loadSession(id);
      return {
        ...s,
        attendance: repo.attendance(id),
        decisions: db.select().from(decisions).where(eq(decisions.sessionId, id)).orderBy(asc(decisions.decidedAt), asc(decisions.id)).all().map(decisionView),
        appeals,
      };
    },

    getDecision(actor: Actor, id: string): DecisionView {
      const row = db.select().from(decisions).where(eq(decisions.id, id)).get();
      if (!row) throw new AppError('not_found', 'DECISION_NOT_FOUND', 'No existe esa decisión');
      // Whoever may read the dossier may read what was decided on it.
      dossierService.get(actor, row.dossierId);
      return decisionView(row);
    },

    /** The dossier exactly as it was decided, as stored. */
    snapshot(actor: Actor, decisionId: string): { snapshotHash: string; dossier: unknown } {
      const row = db.select().from(decisions).where(eq(decisions.id, decisionId)).get();
      if (!row) throw new AppError('not_found', 'DECISION_NOT_FOUND', 'No existe esa decisión');
      dossierService.get(actor, row.dossierId);
      return { snapshotHash: row.snapshotHash, dossier: JSON.parse(row.dossierSnapshot) as unknown };
    },

    decide(actor: Actor, sessionId: string, input: NewDecision): DecisionView {
      requireCommission(actor);
      const at = now();
      const id = randomUUID();
      immediate(db, () => {
        const session = openSession(sessionId);
        const dossier = dossierService.get(actor, input.dossierId);
        if (dossier.state !== 'ready_for_commission') {
          throw new AppError('conflict', 'DOSSIER_STATE', `El expediente no está listo para la comisión (está «${dossier.state}»)`, [{ path: 'state', message: dossier.state }]);
        }
        const present = presentMembers(sessionId);
        const recused = withVoluntary(present, automaticRecusals(present, repo.involvement(dossier.id)), input.recusals);
        refuseViolations(checkVotes({ quorum: session.quorum, present, recusals: recused, votes: input.votes }), input.votes);

        const approving = input.proposedOutcome === 'approved' || input.proposedOutcome === 'approved_with_conditions';
        const version = catalog.version(dossier.scheme, dossier.criteriaVersion);
        const open = repo.openNonConformities(dossier.id, dossier.nonConformities.map((nc) => nc.id));
        const policy = checkOutcome(input.proposedOutcome, open, laPazDate(at));
        if (policy.violations.length > 0) {
          throw new AppError(
            'unprocessable',
            policy.violations[0]!.rule,
            policy.violations.map((v) => v.message).join('; '),
            policy.violations.flatMap((v) => v.nonConformityIds.map((ncId) => ({ path: 'body.proposedOutcome', message: `${v.message} (${ncId})`, code: v.rule }))),
          );
        }
        if (approving && !input.sealLevel) {
          throw new AppError('invalid', 'SEAL_LEVEL_REQUIRED', 'Al aprobar indique el nivel del sello', [{ path: 'body.sealLevel', message: `Uno de: ${version.sealLevels.map((l) => l.code).join(', ')}` }]);
        }
        if (input.sealLevel && !version.sealLevels.some((l) => l.code === input.sealLevel)) {
          throw new AppError('invalid', 'UNKNOWN_SEAL_LEVEL', `Nivel de sello desconocido: ${input.sealLevel}`, [{ path: 'body.sealLevel', message: `Uno de: ${version.sealLevels.map((l) => l.code).join(', ')}` }]);
        }
        const allProducts = db.select({ products: producers.products }).from(producers).where(eq(producers.id, dossier.producer.id)).get()!.products;
        const products = input.products ?? allProducts;
        const outside = products.filter((p) => !allProducts.includes(p));
        if (outside.length > 0) {
          throw new AppError('invalid', 'PRODUCT_OUT_OF_SCOPE', `Productos que la unidad no declara: ${outside.join(', ')}`, [{ path: 'body.products', message: `Productos de la unidad: ${allProducts.join(', ')}` }]);
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
        db.insert(decisions).values(row).run();
        recordVotes('decision', id, input.votes, recused);
        const { dossierSnapshot: _s, ...audited } = row;
        appendAudit(db, actor, { entity: 'decision', entityId: id, action: 'create', change: { ...audited, votes: input.votes, recusals: recused, tally: t } }, at);
        if (outcome !== 'deferred') dossierService.transitionWithin(actor, dossier, 'decide', at);
        if (outcome === 'approved' || outcome === 'approved_with_conditions') {
          certificates.issue(
            actor,
            {
              dossier: { id: dossier.id, organizationId: dossier.producer.organizationId, producerId: dossier.producer.id, scheme: dossier.scheme, criteriaVersion: dossier.criteriaVersion, criteriaHash: dossier.criteriaHash },
              decisionId: id,
              sessionId,
              sealLevel: input.sealLevel!,
              products,
              sectors: dossier.producer.sectors,
              conditions: outcome === 'approved_with_conditions' ? policy.conditions.map(({ correctiveActionId, description, deadline }) => ({ correctiveActionId, description, deadline })) : [],
            },
            at,
          );
        }
      });
      return decisionView(db.select().from(decisions).where(eq(decisions.id, id)).get()!);
    },
  };
}
export type CommissionService = ReturnType<typeof createCommissionService>;
