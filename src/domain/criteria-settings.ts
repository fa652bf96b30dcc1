/** The scheme's settings: the top-level keys of a criteria file that are not criteria, and their names in Spanish. */

export const SETTINGS = [
  'name',
  'issuingBody',
  'sectors',
  'sealLevels',
  'certificateValidityMonths',
  'decisionPolicy',
  'visitTeam',
  'conflictOfInterest',
  'commission',
  'appeals',
  'sanctions',
  'training',
  'documents',
] as const;
export type Setting = (typeof SETTINGS)[number];

export const isSetting = (key: string): key is Setting => (SETTINGS as readonly string[]).includes(key);

/** The scheme's settings, as the administration's pages say them. */
export const SETTING_LABEL: Record<Setting, string> = {
  name: 'Nombre del sello',
  issuingBody: 'Quién certifica',
  sectors: 'Sectores',
  sealLevels: 'Niveles del sello y lo que exige cada uno',
  certificateValidityMonths: 'Meses de vigencia del certificado',
  decisionPolicy: 'Qué significa no cumplir cada nivel de criterio',
  visitTeam: 'Reglas del equipo de visita',
  conflictOfInterest: 'Reglas de conflicto de interés',
  commission: 'Quórum de la comisión y plazo máximo de suspensión',
  appeals: 'Plazos para apelar',
  sanctions: 'Catálogo de sanciones',
  training: 'Capacitación que necesita cada revisor par',
  documents: 'Documentos de base de los criterios',
};
