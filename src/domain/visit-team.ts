/**
 * Rules for a peer-visit team: who may visit whom (conflict of interest, no trading
 * visits, no endless repeat reviewers, no recent former ties) and what a team must contain.
 * Limits come from the scheme's criteria data, never from code.
 */
import type { CriteriaFile } from './criteria-schema.js';
import { disqualifyingTie, formerTieMessage, type FormerTie } from './former-ties.js';
import { count } from './text.js';

export const MEMBER_KINDS = ['producer', 'consumer', 'technician'] as const;
export type MemberKind = (typeof MEMBER_KINDS)[number];
/** A visit is planned, then its answers are submitted once; a planned visit may be cancelled instead (it never took place). */
export const VISIT_STATUSES = ['planned', 'submitted', 'cancelled'] as const;
export type VisitStatus = (typeof VISIT_STATUSES)[number];
export const VISIT_STATUS_LABEL: Record<VisitStatus, string> = { planned: 'planificada', submitted: 'registrada', cancelled: 'cancelada' };

export type TeamMember = {
  personId: string;
  name: string;
  kind: MemberKind;
  /** The member's own production unit, if any. */
  producerId: string | null;
  household: string | null;
  /** The member's organisation: nobody visits their own organisation's file (group certification). */
  organizationId?: string | null;
};

/** What a visit is to: a unit, or (producerId and household null) an organisation's own file in group certification. */
export type VisitedUnit = { producerId: string | null; organizationId: string; household: string | null };

/** A visit of an earlier (or the same) cycle, as far as these rules need it. */
export type PastVisit = {
  cycle: number;
  visitedProducerId: string;
  reviewers: { personId: string; producerId: string | null }[];
};

export type TeamRule =
  | 'TEAM_TOO_SMALL'
  | 'TEAM_TOO_LARGE'
  | 'DUPLICATE_MEMBER'
  | 'OWN_UNIT'
  | 'SAME_HOUSEHOLD'
  | 'OWN_ORGANIZATION'
  | 'TRADING_VISIT'
  | 'REPEAT_REVIEWER'
  | 'FORMER_TIE'
  | 'NOT_ENOUGH_OTHER_PRODUCERS'
  | 'CONSUMER_OR_TECHNICIAN_REQUIRED';

export type TeamViolation = { rule: TeamRule; personId?: string; message: string };

export type TeamRules = Pick<CriteriaFile, 'version' | 'visitTeam' | 'conflictOfInterest'>;

export type TeamCheck = {
  visited: VisitedUnit;
  team: TeamMember[];
  cycle: number;
  history: PastVisit[];
  /** The day the visit is planned for (YYYY-MM-DD): former ties are measured back from it. */
  visitDate: string;
  /** The recorded ties of the team's members (others are ignored). */
  ties: readonly FormerTie[];
  rules: TeamRules;
};

const sameHousehold = (a: string | null, b: string | null) => a !== null && b !== null && a.trim().toLowerCase() === b.trim().toLowerCase();

/** Did `member` visit `producerId` in each of the `n` cycles right before `cycle`? */
function visitedInLastCycles(member: TeamMember, producerId: string, cycle: number, n: number, history: PastVisit[]): boolean {
  for (let c = cycle - 1; c >= cycle - n; c--) {
    const visited = history.some(
      (v) => v.cycle === c && v.visitedProducerId === producerId && v.reviewers.some((r) => r.personId === member.personId),
    );
    if (!visited) return false;
  }
  return true;
}

/** Every rule the proposed team breaks; an empty list means the team may visit. */
export function checkVisitTeam({ visited, team, cycle, history, visitDate, ties, rules }: TeamCheck): TeamViolation[] {
  const { visitTeam, conflictOfInterest } = rules;
  const violations: TeamViolation[] = [];

  if (team.length < visitTeam.minSize) {
    violations.push({
      rule: 'TEAM_TOO_SMALL',
      message: `El equipo necesita al menos ${count(visitTeam.minSize, 'persona', 'personas')} (tiene ${team.length})`,
    });
  }
  if (team.length > visitTeam.maxSize) {
    violations.push({
      rule: 'TEAM_TOO_LARGE',
      message: `El equipo puede tener como máximo ${visitTeam.maxSize} personas (tiene ${team.length})`,
    });
  }

  const seen = new Set<string>();
  for (const member of team) {
    if (seen.has(member.personId)) {
      violations.push({ rule: 'DUPLICATE_MEMBER', personId: member.personId, message: `${member.name} figura dos veces en el equipo` });
      continue;
    }
    seen.add(member.personId);

    if (visited.producerId === null) {
      if (member.organizationId === visited.organizationId) {
        violations.push({
          rule: 'OWN_ORGANIZATION',
          personId: member.personId,
          message: `${member.name} pertenece a la organización visitada: nadie evalúa a su propia organización`,
        });
      }
    } else if (member.producerId === visited.producerId) {
      violations.push({ rule: 'OWN_UNIT', personId: member.personId, message: `${member.name} pertenece a la unidad productiva visitada` });
    } else if (sameHousehold(member.household, visited.household)) {
      violations.push({
        rule: 'SAME_HOUSEHOLD',
        personId: member.personId,
        message: `${member.name} es del mismo grupo familiar que la unidad visitada`,
      });
    }

    // A trading visit: the visited unit reviewed this member's unit within the window.
    if (member.producerId !== null && visited.producerId !== null) {
      const window = conflictOfInterest.reciprocalVisitWindowCycles;
      const traded = history.find(
        (v) =>
          v.visitedProducerId === member.producerId &&
          Math.abs(cycle - v.cycle) <= window &&
          v.reviewers.some((r) => r.producerId === visited.producerId),
      );
      if (traded) {
        violations.push({
          rule: 'TRADING_VISIT',
          personId: member.personId,
          message: `Visita cruzada: la unidad visitada revisó la unidad de ${member.name} en el ciclo ${traded.cycle}`,
        });
      }
    }

    const maxRepeat = visitTeam.maxConsecutiveCyclesSameReviewer;
    if (visited.producerId !== null && visitedInLastCycles(member, visited.producerId, cycle, maxRepeat, history)) {
      violations.push({
        rule: 'REPEAT_REVIEWER',
        personId: member.personId,
        message: `${member.name} ya visitó a este productor en los últimos ${maxRepeat} ciclos seguidos`,
      });
    }

    const tieWindow = conflictOfInterest.formerTiesWindowYears;
    const tie = disqualifyingTie(member.personId, ties, visited, visitDate, tieWindow);
    if (tie) {
      violations.push({
        rule: 'FORMER_TIE',
        personId: member.personId,
        message: formerTieMessage(member.name, tie, tieWindow, rules.version),
      });
    }
  }

  // For an organisation's own file, the producers must come from other organisations.
  const otherProducers = team.filter(
    (m) =>
      m.kind === 'producer' &&
      m.producerId !== null &&
      (visited.producerId === null ? m.organizationId !== visited.organizationId : m.producerId !== visited.producerId),
  );
  if (new Set(otherProducers.map((m) => m.personId)).size < visitTeam.minProducersFromOtherUnits) {
    violations.push({
      rule: 'NOT_ENOUGH_OTHER_PRODUCERS',
      message: `El equipo necesita al menos ${count(visitTeam.minProducersFromOtherUnits, 'productor/a', 'productores/as')} de otra unidad`,
    });
  }
  if (visitTeam.requiresConsumerOrTechnician && !team.some((m) => m.kind === 'consumer' || m.kind === 'technician')) {
    violations.push({ rule: 'CONSUMER_OR_TECHNICIAN_REQUIRED', message: 'El equipo necesita una persona consumidora o técnica' });
  }
  return violations;
}

/** How a team member takes part, as the pages say it. */
export const MEMBER_KIND_LABEL: Record<MemberKind, string> = {
  producer: 'productor/a de otra unidad',
  consumer: 'consumidor/a',
  technician: 'técnico/a',
};

/** Each team rule in plain words, so a refusal says which rule applied. */
export const TEAM_RULE_LABEL: Record<TeamRule, string> = {
  TEAM_TOO_SMALL: 'tamaño mínimo del equipo',
  TEAM_TOO_LARGE: 'tamaño máximo del equipo',
  DUPLICATE_MEMBER: 'cada persona una sola vez',
  OWN_UNIT: 'nadie visita su propia unidad',
  SAME_HOUSEHOLD: 'nadie visita a su propio grupo familiar',
  OWN_ORGANIZATION: 'nadie evalúa a su propia organización',
  TRADING_VISIT: 'no hay visitas cruzadas (A visita a B y B a A)',
  REPEAT_REVIEWER: 'la misma persona no visita al mismo productor ciclo tras ciclo',
  FORMER_TIE: 'nadie visita una unidad u organización con la que tuvo un vínculo reciente (vínculos anteriores)',
  NOT_ENOUGH_OTHER_PRODUCERS: 'productores de otras unidades en el equipo',
  CONSUMER_OR_TECHNICIAN_REQUIRED: 'una persona consumidora o técnica en el equipo',
};
