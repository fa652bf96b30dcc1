/**
 * Group certification: an organisation is certified with its member units. Its own file (dossier of
 * scope «organization») answers the criteria about the organisation once per cycle; each member's file
 * (scope «member») answers the criteria about the family unit. A unit may still be certified on its own
 * (scope «unit»), as before groups existed.
 */

/** Whose file a dossier is: one unit certified on its own, the organisation itself, or one member of a group. */
export const DOSSIER_SCOPES = ['unit', 'organization', 'member'] as const;
export type DossierScope = (typeof DOSSIER_SCOPES)[number];

/** What a certificate covers: one production unit, or an organisation with its certified members. */
export const CERTIFICATE_SCOPES = ['unit', 'group'] as const;
export type CertificateScope = (typeof CERTIFICATE_SCOPES)[number];

/** A member of a group certificate is certified, or was excluded from it (final for that certificate). */
export const MEMBER_STATUSES = ['active', 'excluded'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** Whom a criterion is about, as the criteria data say: the organisation, or each family unit. */
export const CRITERION_SCOPES = ['organization', 'unit'] as const;
export type CriterionScope = (typeof CRITERION_SCOPES)[number];
