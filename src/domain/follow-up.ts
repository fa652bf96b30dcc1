/**
 * Follow-up verification: the criteria data may say that a non-conformity of some level is closed only
 * once someone other than the producer's own committee has verified it: a follow-up visit by a team
 * independent of that committee, or the commission's review of the evidence.
 */

/** Why a visit was made: the cycle's regular peer visit, or a follow-up of open non-conformities. */
export const VISIT_PURPOSES = ['regular', 'follow_up'] as const;
export type VisitPurpose = (typeof VISIT_PURPOSES)[number];

/** Who closed a corrective action. */
export const CLOSURE_KINDS = ['committee', 'follow_up_visit', 'commission_review'] as const;
export type ClosureKind = (typeof CLOSURE_KINDS)[number];

/** How the criteria data allow a follow-up verification: a follow-up visit, or the commission's review of the evidence. */
export const FOLLOW_UP_MEANS = ['visit', 'commission_review'] as const;
export type FollowUpMeans = (typeof FOLLOW_UP_MEANS)[number];
