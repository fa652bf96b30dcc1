/** Word lists of the registry: the kinds of organisation and the roles a person holds in the system. */

export const ORGANIZATION_KINDS = ['asociacion', 'cooperativa', 'oeca', 'grupo_artesanal', 'empresa_es'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export const PERSON_ROLES = ['member', 'reviewer', 'committee_member', 'commission_member', 'consumer', 'technician'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];
