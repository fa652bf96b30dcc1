/** Word lists of the registry: the kinds of organisation and the roles a person holds in the system. */

export const ORGANIZATION_KINDS = ['asociacion', 'cooperativa', 'oeca', 'grupo_artesanal', 'empresa_es'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];
export const ORGANIZATION_KIND_LABEL: Record<OrganizationKind, string> = {
  asociacion: 'asociación',
  cooperativa: 'cooperativa',
  oeca: 'OECA',
  grupo_artesanal: 'grupo artesanal',
  empresa_es: 'empresa de economía solidaria',
};

/** The kinds of organisation as a heading or a choice shows them. */
export const ORGANIZATION_KIND_NAME: Record<OrganizationKind, string> = {
  asociacion: 'Asociación',
  cooperativa: 'Cooperativa',
  oeca: 'OECA (organización económica campesina)',
  grupo_artesanal: 'Grupo artesanal',
  empresa_es: 'Empresa de economía solidaria',
};

export const PERSON_ROLES = ['member', 'reviewer', 'committee_member', 'commission_member', 'consumer', 'technician'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

/** The roles of a person as the committee's pages say them. */
export const PERSON_ROLE_LABEL: Record<PersonRole, string> = {
  member: 'Socio o socia de una unidad productiva',
  reviewer: 'Revisor par (visita a otros productores)',
  committee_member: 'Miembro del comité local',
  commission_member: 'Miembro de la comisión de certificación',
  consumer: 'Consumidor o consumidora',
  technician: 'Técnico o técnica',
};
