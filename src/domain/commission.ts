/**
 * Rules for a commission decision on a dossier: who must stand aside
 * (ISO/IEC 17065 impartiality), whether the votes make a valid decision, and
 * which outcomes the open non-conformities allow.
 */
import { openCriteriaInWords as codes, type FollowUpMeans } from './follow-up.js';

export const VOTES = ['for', 'against', 'abstain'] as const;
export type Vote = (typeof VOTES)[number];
export const DECISION_OUTCOMES = ['approved', 'approved_with_conditions', 'denied', 'deferred'] as const;
export type Outcome = (typeof DECISION_OUTCOMES)[number];
/** What a commission vote or recusal is about. */
export const VOTE_SUBJECTS = ['decision', 'appeal'] as const;
export type VoteSubject = (typeof VOTE_SUBJECTS)[number];
export const RECUSAL_KINDS = ['automatic', 'voluntary'] as const;
export const SESSION_STATUSES = ['open', 'closed'] as const;
/** A commission member's seat: titulares vote; suplentes take the seat of an absent or recused titular. */
export const COMMISSION_SEATS = ['titular', 'suplente'] as const;
export type CommissionSeat = (typeof COMMISSION_SEATS)[number];
/** What an agenda item of a session is about. */
export const AGENDA_KINDS = ['dossier', 'certificate', 'appeal'] as const;
export type AgendaKind = (typeof AGENDA_KINDS)[number];

export const OUTCOME_LABEL: Record<Outcome, string> = {
  approved: 'aprobado',
  approved_with_conditions: 'aprobado con condiciones',
  denied: 'denegado',
  deferred: 'diferido',
};

export type CommissionMember = {
  userId: string;
  name: string;
  personId: string | null;
  household: string | null;
  organizationId: string | null;
  /** Titular or suplente; null in schemes whose commission has no seats (every present member votes). */
  seat: CommissionSeat | null;
};

export type DossierInvolvement = {
  producer: { id: string | null; organizationId: string; household: string | null }; // null id: the organisation's own file
  /** Person ids of every visit team member of the dossier. */
  visitTeamPersonIds: string[];
  /** User ids who took part in the evaluation: submitted a visit, recorded the self-assessment, wrote the committee recommendation, created corrective actions. */
  evaluatorUserIds: string[];
};

export type RecusalRule = 'EVALUATED_DOSSIER' | 'VISIT_TEAM_MEMBER' | 'SAME_HOUSEHOLD' | 'SAME_ORGANIZATION';
/** A member standing aside. `rule` names the rule applied: a conflict of interest, or for an appeal having taken the appealed act. */
export type Recusal = { userId: string; reason: string; kind: (typeof RECUSAL_KINDS)[number]; rule?: RecusalRule | 'DECIDED_APPEALED_ACT' };

const sameHousehold = (a: string | null, b: string | null) =>
  a !== null && b !== null && a.trim() !== '' && a.trim().toLowerCase() === b.trim().toLowerCase();

/** Present members listed once each, first occurrence kept. */
function distinctMembers(members: readonly CommissionMember[]): CommissionMember[] {
  const byUser = new Map<string, CommissionMember>();
  for (const m of members) if (!byUser.has(m.userId)) byUser.set(m.userId, m);
  return [...byUser.values()];
}

/** The first rule that applies to `member`, in order of how directly they are involved. */
function recusalFor(member: CommissionMember, involvement: DossierInvolvement): { rule: RecusalRule; reason: string } | null {
  const { name } = member;
  if (involvement.evaluatorUserIds.includes(member.userId)) {
    return { rule: 'EVALUATED_DOSSIER', reason: `${name} participó en la evaluación de este expediente` };
  }
  if (member.personId !== null && involvement.visitTeamPersonIds.includes(member.personId)) {
    return { rule: 'VISIT_TEAM_MEMBER', reason: `${name} integró el equipo de visita de este expediente` };
  }
  if (sameHousehold(member.household, involvement.producer.household)) {
    return { rule: 'SAME_HOUSEHOLD', reason: `${name} es del mismo grupo familiar que el productor` };
  }
  if (member.organizationId !== null && member.organizationId === involvement.producer.organizationId) {
    return { rule: 'SAME_ORGANIZATION', reason: `${name} pertenece a la misma organización que el productor` };
  }
  return null;
}

/** Members who must stand aside, each with the reason (Spanish, naming the person). One recusal per member: the most direct rule. */
export function automaticRecusals(present: CommissionMember[], involvement: DossierInvolvement): Recusal[] {
  const recusals: Recusal[] = [];
  for (const member of distinctMembers(present)) {
    const found = recusalFor(member, involvement);
    if (found) recusals.push({ userId: member.userId, reason: found.reason, kind: 'automatic', rule: found.rule });
  }
  return recusals;
}

/** Automatic and voluntary recusals, one per member; the automatic one wins because it names the rule. */
export function combineRecusals(automatic: Recusal[], voluntary: Recusal[]): Recusal[] {
  const byUser = new Map<string, Recusal>();
  for (const r of [...automatic, ...voluntary]) if (!byUser.has(r.userId)) byUser.set(r.userId, r);
  return [...byUser.values()];
}

/**
 * Who votes on one matter. Without seats, every present member not recused. With seats, present
 * titulares not recused, and present suplentes not recused take the empty seats (of absent or
 * recused titulares) in the order they joined (`present` order); other suplentes do not vote.
 */
export function votingMembers(present: readonly CommissionMember[], recusals: readonly Recusal[], seats?: number): CommissionMember[] {
  const recused = new Set(recusals.map((r) => r.userId));
  const eligible = distinctMembers(present).filter((m) => !recused.has(m.userId));
  if (seats === undefined) return eligible;
  const titulares = eligible.filter((m) => m.seat !== 'suplente');
  const open = Math.max(0, seats - titulares.length);
  return [...titulares, ...eligible.filter((m) => m.seat === 'suplente').slice(0, open)];
}

export type DecisionRule = 'NO_QUORUM' | 'RECUSED_MEMBER_VOTED' | 'NOT_PRESENT' | 'NOT_SEATED' | 'MISSING_VOTE' | 'DUPLICATE_VOTE';
export type DecisionViolation = { rule: DecisionRule; userId?: string; message: string };

export type VoteCheck = {
  quorum: number;
  /** Present members, in the order they joined the session. */
  present: CommissionMember[];
  recusals: Recusal[];
  votes: { userId: string; vote: Vote }[];
  /** Seats of the commission (titulares) when the scheme defines them. */
  seats?: number | undefined;
};

/**
 * Checks the votes: quorum = members who vote on the matter (`votingMembers`)
 * >= quorum (from the scheme data), so a recused member never counts; each of
 * them votes exactly once (an abstention is a vote); no recused, absent or
 * unseated member votes. One violation per person and rule, in the order:
 * quorum, votes as cast, missing votes.
 */
export function checkVotes({ quorum, present, recusals, votes, seats }: VoteCheck): DecisionViolation[] {
  const members = distinctMembers(present);
  const byUser = new Map(members.map((m) => [m.userId, m]));
  const recusalOf = new Map(recusals.map((r) => [r.userId, r]));
  const eligible = votingMembers(members, recusals, seats);
  const seated = new Set(eligible.map((m) => m.userId));
  const violations: DecisionViolation[] = [];

  if (eligible.length < quorum) {
    violations.push({
      rule: 'NO_QUORUM',
      message: `Sin quórum: ${votersPhrase(eligible.length)} y se necesitan ${quorum}`,
    });
  }

  const counts = new Map<string, number>();
  for (const { userId } of votes) counts.set(userId, (counts.get(userId) ?? 0) + 1);
  for (const [userId, count] of counts) {
    const member = byUser.get(userId);
    const recusal = recusalOf.get(userId);
    if (!member) {
      violations.push({
        rule: 'NOT_PRESENT',
        userId,
        message: 'Hay un voto de alguien que no figura entre los miembros presentes en la sesión',
      });
    } else if (recusal) {
      violations.push({ rule: 'RECUSED_MEMBER_VOTED', userId, message: `No corresponde que ${member.name} vote: ${recusal.reason}` });
    } else if (!seated.has(userId)) {
      violations.push({
        rule: 'NOT_SEATED',
        userId,
        message: `${member.name} asiste como suplente y no ocupa un lugar vacante en esta votación`,
      });
    } else if (count > 1) {
      violations.push({ rule: 'DUPLICATE_VOTE', userId, message: `${member.name} votó ${count} veces; cada miembro vota una sola vez` });
    }
  }

  for (const member of eligible) {
    if (!counts.has(member.userId))
      violations.push({ rule: 'MISSING_VOTE', userId: member.userId, message: `Falta el voto de ${member.name}` });
  }
  return violations;
}

/** «nadie puede votar», «1 miembro puede votar», «2 miembros pueden votar». */
export function votersPhrase(count: number): string {
  if (count === 0) return 'ningún miembro puede votar';
  return count === 1 ? '1 miembro puede votar' : `${count} miembros pueden votar`;
}

export type Tally = { for: number; against: number; abstain: number; carried: boolean };
/** Simple majority of votes cast (for > against; abstentions don't count): the proposal carries, else the dossier is deferred. */
export function tally(votes: { vote: Vote }[]): Tally {
  const count = (v: Vote) => votes.filter((x) => x.vote === v).length;
  const result = { for: count('for'), against: count('against'), abstain: count('abstain') };
  return { ...result, carried: result.for > result.against };
}

/** The outcome recorded: the proposal if it carried, otherwise «diferido». */
export function decidedOutcome(proposal: Outcome, votes: { vote: Vote }[]): Outcome {
  return tally(votes).carried ? proposal : 'deferred';
}

export type OpenNonConformity = {
  id: string;
  criterionCode: string;
  level: 'critical' | 'major' | 'minor' | 'progressive';
  effect: 'blocks_approval' | 'requires_conditions' | 'improvement_goal';
  /** Open corrective actions with deadlines (YYYY-MM-DD, last day to comply). */
  openActions: { id: string; description: string; deadline: string }[];
  followUp?: FollowUpMeans[] | null; // how it must still be verified, when its level needs follow-up
};

export type OutcomeRule =
  | 'OPEN_CRITICAL_NON_CONFORMITIES'
  | 'CONDITIONS_REQUIRED'
  | 'CONDITIONS_WITHOUT_ACTIONS'
  | 'CONDITION_DEADLINE_PASSED'
  | 'NO_CONDITIONS_TO_SET';

export type OutcomeViolation = { rule: OutcomeRule; message: string; nonConformityIds: string[] };
export type CertificateCondition = { correctiveActionId: string; nonConformityId: string; description: string; deadline: string };
export type OutcomeCheck = {
  violations: OutcomeViolation[];
  /** The certificate's conditions: filled only for an allowed «aprobado con condiciones». */
  conditions: CertificateCondition[];
  /** Open improvement goals, to follow at the next visit; never conditions. */
  improvementGoals: { nonConformityId: string; criterionCode: string }[];
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The scheme's decision policy for the outcome of a dossier, given its open
 * non-conformities (the caller leaves out those closed by a closed corrective action).
 *
 * - An open `blocks_approval` NC makes any approval impossible.
 * - Open `requires_conditions` NCs forbid plain «aprobado»; for «aprobado con
 *   condiciones» each needs an open corrective action with a deadline, and
 *   those actions become the certificate's conditions.
 * - Improvement goals are never conditions and never justify «aprobado con
 *   condiciones»: conditions suspend the certificate when overdue, while
 *   minor, progressive and phased-in criteria are by policy not required yet.
 * - With `today` (YYYY-MM-DD in Bolivia), an action whose deadline has passed
 *   cannot be a condition: the certificate would be born suspended.
 * - «denegado» and «diferido» are always allowed.
 */
export function checkOutcome(outcome: Outcome, open: OpenNonConformity[], today?: string): OutcomeCheck {
  const violations: OutcomeViolation[] = [];
  const blocking = open.filter((n) => n.effect === 'blocks_approval');
  const requiring = open.filter((n) => n.effect === 'requires_conditions');
  const improvementGoals = open
    .filter((n) => n.effect === 'improvement_goal')
    .map((n) => ({ nonConformityId: n.id, criterionCode: n.criterionCode }));
  const approving = outcome === 'approved' || outcome === 'approved_with_conditions';

  if (approving && blocking.length > 0) {
    violations.push({
      rule: 'OPEN_CRITICAL_NON_CONFORMITIES',
      message: `No se puede aprobar: hay no conformidades abiertas que impiden la aprobación (criterios ${codes(blocking)})`,
      nonConformityIds: blocking.map((n) => n.id),
    });
  }
  if (outcome === 'approved' && requiring.length > 0) {
    violations.push({
      rule: 'CONDITIONS_REQUIRED',
      message: `Hay no conformidades abiertas que exigen condiciones (criterios ${codes(requiring)}): corresponde «aprobado con condiciones»`,
      nonConformityIds: requiring.map((n) => n.id),
    });
  }

  const conditions: CertificateCondition[] = [];
  if (outcome === 'approved_with_conditions') {
    if (requiring.length === 0) {
      violations.push({
        rule: 'NO_CONDITIONS_TO_SET',
        message: 'No hay no conformidades abiertas que exijan condiciones: corresponde «aprobado» (las metas de mejora no son condiciones)',
        nonConformityIds: [],
      });
    }
    const withoutActions: OpenNonConformity[] = [];
    const lapsed: OpenNonConformity[] = [];
    for (const nc of requiring) {
      const dated = nc.openActions.filter((a) => ISO_DATE.test(a.deadline));
      const current = today === undefined ? dated : dated.filter((a) => a.deadline >= today);
      if (dated.length === 0) withoutActions.push(nc);
      else if (current.length === 0) lapsed.push(nc);
      for (const a of current)
        conditions.push({ correctiveActionId: a.id, nonConformityId: nc.id, description: a.description, deadline: a.deadline });
    }
    if (withoutActions.length > 0) {
      violations.push({
        rule: 'CONDITIONS_WITHOUT_ACTIONS',
        message: `Cada no conformidad que exige condiciones necesita una acción correctiva abierta con plazo (criterios ${codes(withoutActions)})`,
        nonConformityIds: withoutActions.map((n) => n.id),
      });
    }
    if (lapsed.length > 0) {
      violations.push({
        rule: 'CONDITION_DEADLINE_PASSED',
        message: `El plazo de las acciones correctivas ya venció; el comité debe acordar un plazo nuevo (criterios ${codes(lapsed)})`,
        nonConformityIds: lapsed.map((n) => n.id),
      });
    }
  }
  return { violations, conditions: violations.length === 0 ? conditions : [], improvementGoals };
}
