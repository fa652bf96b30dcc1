/**
 * Follow-up verification: the criteria data may say that a non-conformity of some level is closed only
 * once someone other than the producer's own committee has verified it: a follow-up visit by a team
 * independent of that committee, or the commission's review of the evidence.
 */
import type { CriterionLevel } from './criteria-schema.js';
import { listInWords } from './text.js';

/**
 * Why a visit was made: the cycle's regular peer visit, a follow-up of open non-conformities, or a
 * surveillance visit the commission orders on a certified unit (after a complaint, often unannounced).
 */
export const VISIT_PURPOSES = ['regular', 'follow_up', 'surveillance'] as const;
export type VisitPurpose = (typeof VISIT_PURPOSES)[number];

/** Who closed a corrective action. */
export const CLOSURE_KINDS = ['committee', 'follow_up_visit', 'commission_review'] as const;
export type ClosureKind = (typeof CLOSURE_KINDS)[number];

/** How the criteria data allow a follow-up verification: a follow-up visit, or the commission's review of the evidence. */
export const FOLLOW_UP_MEANS = ['visit', 'commission_review'] as const;
export type FollowUpMeans = (typeof FOLLOW_UP_MEANS)[number];

/** Each means in plain words. */
export const FOLLOW_UP_MEANS_LABEL: Record<FollowUpMeans, string> = {
  visit: 'una visita de seguimiento de un equipo independiente del comité',
  commission_review: 'la revisión de la evidencia por la comisión de certificación',
};

/** The part of a criteria version's decision policy these rules read. */
export type FollowUpPolicy = Record<CriterionLevel, { followUp?: readonly FollowUpMeans[] | undefined }>;

/** The means by which a non-conformity of `level` must be verified, or null when the committee may close it. */
export function followUpMeans(level: CriterionLevel, policy: FollowUpPolicy): FollowUpMeans[] | null {
  const means = policy[level].followUp;
  return means && means.length > 0 ? [...means] : null;
}

const LEVEL_WORD: Record<CriterionLevel, string> = { critical: 'crítica', major: 'mayor', minor: 'menor', progressive: 'progresiva' };

/** «Una no conformidad crítica solo se cierra con una visita de seguimiento … (criterios 2026.4)». */
export function followUpRequiredMessage(level: CriterionLevel, means: readonly FollowUpMeans[], version: string): string {
  const how = listInWords(
    means.map((m) => FOLLOW_UP_MEANS_LABEL[m]),
    'o',
  );
  return `Una no conformidad ${LEVEL_WORD[level]} solo se cierra con ${how} (criterios ${version})`;
}

/** What is still missing for a non-conformity that needs follow-up, for the commission's messages. */
export const missingFollowUp = (means: readonly FollowUpMeans[]) =>
  `falta ${listInWords(
    means.map((m) => FOLLOW_UP_MEANS_LABEL[m]),
    'o',
  )}`;

/** «P1.01, P2.03» or, when a follow-up is missing, «P5.01: falta una visita de seguimiento …; P1.01»: each open criterion. */
export function openCriteriaInWords(ncs: readonly { criterionCode: string; followUp?: readonly FollowUpMeans[] | null }[]): string {
  const parts = ncs.map((n) => (n.followUp ? `${n.criterionCode}: ${missingFollowUp(n.followUp)}` : n.criterionCode));
  return parts.join(ncs.some((n) => n.followUp) ? '; ' : ', ');
}

export type ClosureRecord = { closedAt: string | null; closedBy: ClosureKind | null };

/**
 * Whether a non-conformity counts as closed. Without follow-up, any closed corrective action closes it
 * (older records have no `closedBy`). With follow-up, only a closure by a follow-up visit or by the
 * commission's review does, or a follow-up visit that found the criterion fulfilled (`verifiedByVisit`),
 * even when no corrective action was agreed: a committee's closure never does.
 */
export function nonConformityClosed(needsFollowUp: boolean, actions: readonly ClosureRecord[], verifiedByVisit: boolean): boolean {
  if (!needsFollowUp) return actions.some((a) => a.closedAt !== null);
  return (
    verifiedByVisit || actions.some((a) => a.closedAt !== null && (a.closedBy === 'follow_up_visit' || a.closedBy === 'commission_review'))
  );
}

export type IndependenceRule = 'ORIGINAL_VISIT_TEAM' | 'COMMITTEE_MEMBER' | 'CORRECTIVE_ACTION_AUTHOR';
export type IndependenceViolation = { rule: IndependenceRule; personId: string; message: string };

export type IndependenceCheck = {
  team: readonly { personId: string; name: string }[];
  /** Persons on the team of any regular visit of the dossier. */
  originalTeamPersonIds: readonly string[];
  /** Persons of the producer's organisation who sit on its local committee. */
  committeePersonIds: readonly string[];
  /** Persons who agreed or closed the corrective actions to verify. */
  actionAuthorPersonIds: readonly string[];
};

/**
 * A follow-up visit verifies what the committee and the first visit said: nobody on its team may have been on
 * the dossier's visit team, sit on the organisation's committee, or have agreed or closed the actions verified.
 * One violation per person: the most direct reason.
 */
export function checkFollowUpIndependence(check: IndependenceCheck): IndependenceViolation[] {
  const violations: IndependenceViolation[] = [];
  const seen = new Set<string>();
  for (const { personId, name } of check.team) {
    if (seen.has(personId)) continue;
    seen.add(personId);
    if (check.originalTeamPersonIds.includes(personId)) {
      violations.push({
        rule: 'ORIGINAL_VISIT_TEAM',
        personId,
        message: `${name} integró el equipo de la visita que encontró la no conformidad`,
      });
    } else if (check.committeePersonIds.includes(personId)) {
      violations.push({ rule: 'COMMITTEE_MEMBER', personId, message: `${name} es miembro del comité local de la organización` });
    } else if (check.actionAuthorPersonIds.includes(personId)) {
      violations.push({
        rule: 'CORRECTIVE_ACTION_AUTHOR',
        personId,
        message: `${name} acordó o cerró la acción correctiva que se verifica`,
      });
    }
  }
  return violations;
}
