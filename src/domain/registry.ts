/** Word lists of the registry: the kinds of organisation and the roles a person holds in the system. */

/**
 * Kinds of organisation, with the names Bolivian law gives them (Ley 338 of OECAs and OECOMs): an OECA
 * (organización económica campesina, indígena originaria), an OECOM (organización económica comunitaria,
 * run by the community itself), a community, and the commercialisation actors of the network (a tienda
 * solidaria or community shop, whose units use the sector «comercializacion» of the criteria).
 */
export const ORGANIZATION_KINDS = [
  'asociacion',
  'cooperativa',
  'oeca',
  'oecom',
  'comunidad',
  'grupo_artesanal',
  'empresa_es',
  'tienda_solidaria',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];
export const ORGANIZATION_KIND_LABEL: Record<OrganizationKind, string> = {
  asociacion: 'asociación',
  cooperativa: 'cooperativa',
  oeca: 'OECA',
  oecom: 'OECOM',
  comunidad: 'comunidad campesina o indígena originaria',
  grupo_artesanal: 'grupo artesanal',
  empresa_es: 'empresa de economía solidaria',
  tienda_solidaria: 'tienda solidaria o comunitaria',
};

/** A person's gender as they declare it (women's participation is a figure of the network); not declaring is allowed. */
export const GENDERS = ['woman', 'man', 'other'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABEL: Record<Gender, string> = { woman: 'mujer', man: 'hombre', other: 'otra' };

/** The kinds of organisation as a heading or a choice shows them. */
export const ORGANIZATION_KIND_NAME: Record<OrganizationKind, string> = {
  asociacion: 'Asociación',
  cooperativa: 'Cooperativa',
  oeca: 'OECA (organización económica campesina)',
  oecom: 'OECOM (organización económica comunitaria)',
  comunidad: 'Comunidad campesina o indígena originaria',
  grupo_artesanal: 'Grupo artesanal',
  empresa_es: 'Empresa de economía solidaria',
  tienda_solidaria: 'Tienda solidaria o comunitaria (comercialización)',
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
