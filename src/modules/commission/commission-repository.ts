/**
 * Reads and writes of the commission: sessions and attendance, decisions, votes
 * and recusals, members, and what a dossier's evaluation involved.
 */
import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  auditLog,
  certificates,
  correctiveActions,
  decisions,
  dossiers,
  nonConformities,
  organizations,
  persons,
  producers,
  recusals,
  users,
  visitMembers,
  visits,
  votes,
} from '../../db/schema.js';
import { holderName } from './holder-name.js';
import type { CommissionMember, DossierInvolvement, OpenNonConformity, Recusal, Vote, VoteSubject } from '../../domain/commission.js';
import { followUpMeans, nonConformityClosed, type FollowUpPolicy } from '../../domain/follow-up.js';
import { followUpVerifications } from '../dossiers/follow-up-repository.js';

type Subject = VoteSubject;

export type DecisionRow = typeof decisions.$inferSelect;

/** Audit actions that are part of evaluating a dossier (not of deciding on it). */
const EVALUATION_ACTIONS = [
  'create',
  'plan',
  'submit',
  'correct',
  'self_assessment',
  'recommend',
  'record_visit',
  'committee_review',
  'send_to_commission',
  'close',
];

export function createCommissionRepository(db: Db) {
  const memberColumns = {
    userId: users.id,
    name: users.displayName,
    personId: users.personId,
    household: persons.household,
    organizationId: persons.organizationId,
    userOrganizationId: users.organizationId,
    seat: users.commissionSeat,
  };
  const toMember = ({
    userOrganizationId,
    ...m
  }: {
    userId: string;
    name: string;
    personId: string | null;
    household: string | null;
    organizationId: string | null;
    userOrganizationId: string | null;
    seat: CommissionMember['seat'];
  }): CommissionMember => ({
    ...m,
    organizationId: m.organizationId ?? userOrganizationId,
  });

  return {
    decision: (id: string): DecisionRow | undefined => db.select().from(decisions).where(eq(decisions.id, id)).get(),

    /** The scheme of the dossier a decision is about. */
    schemeOfDossier: (dossierId: string): string | undefined =>
      db.select({ scheme: dossiers.scheme }).from(dossiers).where(eq(dossiers.id, dossierId)).get()?.scheme,

    decisionsOf: (sessionId: string): DecisionRow[] =>
      db.select().from(decisions).where(eq(decisions.sessionId, sessionId)).orderBy(asc(decisions.decidedAt), asc(decisions.id)).all(),

    insertDecision(row: DecisionRow): void {
      db.insert(decisions).values(row).run();
    },

    /** The certificate issued by the decision, if it approved. */
    certificateIdOf: (decisionId: string): string | null =>
      db.select({ id: certificates.id }).from(certificates).where(eq(certificates.decisionId, decisionId)).get()?.id ?? null,

    /** Names of the producer and organisation a dossier is about, as the acta shows them. */
    holder: (dossierId: string): { producer: string; organization: string } =>
      db
        .select({ producer: holderName, organization: organizations.name })
        .from(dossiers)
        .leftJoin(producers, eq(producers.id, dossiers.producerId))
        .innerJoin(organizations, eq(organizations.id, dossiers.organizationId))
        .where(eq(dossiers.id, dossierId))
        .get()!,

    /** Every product the production unit declares: the widest scope a certificate may have. */
    declaredProducts: (producerId: string): string[] =>
      db.select({ products: producers.products }).from(producers).where(eq(producers.id, producerId)).get()!.products,

    /** Commission accounts (enabled ones unless `userIds` names them) with the person they are, for the impartiality rules. */
    members(userIds?: string[]): CommissionMember[] {
      const conditions = [eq(users.role, 'commission'), userIds ? undefined : isNull(users.disabledAt)];
      if (userIds) conditions.push(inArray(users.id, userIds.length > 0 ? userIds : ['']));
      return db
        .select(memberColumns)
        .from(users)
        .leftJoin(persons, eq(persons.id, users.personId))
        .where(and(...conditions))
        .orderBy(asc(users.displayName))
        .all()
        .map(toMember);
    },

    votesOn: (subject: Subject, subjectId: string) =>
      db
        .select({ userId: votes.userId, name: users.displayName, vote: votes.vote, rationale: votes.rationale })
        .from(votes)
        .innerJoin(users, eq(users.id, votes.userId))
        .where(and(eq(votes.subject, subject), eq(votes.subjectId, subjectId)))
        .orderBy(asc(users.displayName))
        .all(),

    recusalsOn: (subject: Subject, subjectId: string) =>
      db
        .select({ userId: recusals.userId, name: users.displayName, kind: recusals.kind, rule: recusals.rule, reason: recusals.reason })
        .from(recusals)
        .innerJoin(users, eq(users.id, recusals.userId))
        .where(and(eq(recusals.subject, subject), eq(recusals.subjectId, subjectId)))
        .orderBy(asc(users.displayName))
        .all(),

    insertVotes(
      subject: Subject,
      subjectId: string,
      cast: { userId: string; vote: Vote; rationale?: string | undefined }[],
      recused: Recusal[],
    ): void {
      // A deferral for lack of quorum records recusals without any vote.
      if (cast.length > 0) {
        db.insert(votes)
          .values(cast.map((v) => ({ subject, subjectId, userId: v.userId, vote: v.vote, rationale: v.rationale ?? null })))
          .run();
      }
      if (recused.length > 0) {
        db.insert(recusals)
          .values(recused.map((r) => ({ subject, subjectId, userId: r.userId, kind: r.kind, rule: r.rule ?? null, reason: r.reason })))
          .run();
      }
    },

    /** Who took part in evaluating the dossier: its visit teams and everyone who wrote to it. */
    involvement(dossierId: string): DossierInvolvement {
      const d = db
        .select({ producerId: dossiers.producerId, organizationId: dossiers.organizationId, household: producers.household })
        .from(dossiers)
        .leftJoin(producers, eq(producers.id, dossiers.producerId))
        .where(eq(dossiers.id, dossierId))
        .get()!;
      const visitIds = db
        .select({ id: visits.id })
        .from(visits)
        .where(eq(visits.dossierId, dossierId))
        .all()
        .map((v) => v.id);
      const ncIds = db
        .select({ id: nonConformities.id })
        .from(nonConformities)
        .where(eq(nonConformities.dossierId, dossierId))
        .all()
        .map((n) => n.id);
      const actionIds =
        ncIds.length === 0
          ? []
          : db
              .select({ id: correctiveActions.id })
              .from(correctiveActions)
              .where(inArray(correctiveActions.nonConformityId, ncIds))
              .all()
              .map((a) => a.id);
      const team =
        visitIds.length === 0
          ? []
          : db.select({ personId: visitMembers.personId }).from(visitMembers).where(inArray(visitMembers.visitId, visitIds)).all();
      const touched = [
        ...db
          .select({ actorId: auditLog.actorId, action: auditLog.action })
          .from(auditLog)
          .where(and(eq(auditLog.entity, 'dossier'), eq(auditLog.entityId, dossierId), isNotNull(auditLog.actorId)))
          .all(),
        ...(visitIds.length === 0
          ? []
          : db
              .select({ actorId: auditLog.actorId, action: auditLog.action })
              .from(auditLog)
              .where(and(eq(auditLog.entity, 'visit'), inArray(auditLog.entityId, visitIds), isNotNull(auditLog.actorId)))
              .all()),
        ...(actionIds.length === 0
          ? []
          : db
              .select({ actorId: auditLog.actorId, action: auditLog.action })
              .from(auditLog)
              .where(and(eq(auditLog.entity, 'corrective_action'), inArray(auditLog.entityId, actionIds), isNotNull(auditLog.actorId)))
              .all()),
      ];
      return {
        producer: { id: d.producerId, organizationId: d.organizationId, household: d.household },
        visitTeamPersonIds: [...new Set(team.map((t) => t.personId))],
        evaluatorUserIds: [...new Set(touched.filter((t) => EVALUATION_ACTIONS.includes(t.action)).map((t) => t.actorId!))],
      };
    },

    /**
     * Non-conformities of the dossier's effective visits not yet closed, with their open actions. A level whose
     * policy asks for follow-up closes only by follow-up (follow-up.ts): a committee's closure does not count.
     */
    openNonConformities(dossierId: string, ncIds: string[], policy: FollowUpPolicy): OpenNonConformity[] {
      if (ncIds.length === 0) return [];
      const ncs = db
        .select()
        .from(nonConformities)
        .where(and(eq(nonConformities.dossierId, dossierId), inArray(nonConformities.id, ncIds)))
        .all();
      const actions = db
        .select()
        .from(correctiveActions)
        .where(inArray(correctiveActions.nonConformityId, ncIds))
        .orderBy(asc(correctiveActions.deadline))
        .all();
      const verified = followUpVerifications(db, dossierId);
      return ncs.flatMap((nc) => {
        const followUp = followUpMeans(nc.level, policy);
        const own = actions.filter((a) => a.nonConformityId === nc.id);
        const byVisit = verified.some((v) => v.criterionCode === nc.criterionCode && v.submittedAt > nc.createdAt);
        if (nonConformityClosed(followUp !== null, own, byVisit)) return [];
        const open = own.filter((a) => a.closedAt === null);
        return [
          {
            id: nc.id,
            criterionCode: nc.criterionCode,
            level: nc.level,
            effect: nc.effect,
            openActions: open.map((a) => ({ id: a.id, description: a.description, deadline: a.deadline })),
            followUp,
          },
        ];
      });
    },
  };
}
export type CommissionRepository = ReturnType<typeof createCommissionRepository>;
