/**
 * The example `npm run demo` records: a coffee and honey cooperative in
 * Caranavi (Yungas of La Paz), its local committee, three family units, the
 * people who take part in the guarantee, the commission, and what the peers
 * found. Fictitious names in the style of the region; the text is what users read.
 */
import type { z } from 'zod';
import type { NewOrganizationSchema, NewPersonSchema, NewProducerSchema } from '../modules/registry/registry-schemas.js';
import type { Role } from '../domain/access.js';

/** How the demo recognises its own organisation in a database. */
export const DEMO_ORGANIZATION_NAME = 'Cooperativa Cafetalera y Apícola Sol de Yungas';

export const DEMO_ORGANIZATION: z.input<typeof NewOrganizationSchema> = {
  name: DEMO_ORGANIZATION_NAME,
  kind: 'cooperativa',
  department: 'La Paz',
  municipality: 'Caranavi',
  // Published on /proveedores with the cooperative's agreement; an address that reaches nobody (RFC 2606).
  contactName: 'Comisión de ventas',
  contactEmail: 'ventas@sol-de-yungas.example',
  contactPublic: true,
};

export const DEMO_COMMITTEE_NAME = 'Comité Local de Garantía de Villa Bolinda';

/** Every demo account starts with this, so that it is recognisable in the user list. */
export const DEMO_USERNAME_PREFIX = 'ejemplo-';

type ProducerKey = 'visited' | 'reviewerUnit' | 'committeeUnit';
type NewProducer = Omit<z.input<typeof NewProducerSchema>, 'organizationId' | 'pledgeSignedOn'>;

/** The unit certified, the unit of the peer reviewer and the unit of the committee member. */
export const DEMO_PRODUCERS: Record<ProducerKey, NewProducer> = {
  visited: {
    name: 'Familia Condori Mamani',
    household: 'Familia Condori',
    sectors: ['agricola'],
    products: ['café pergamino', 'miel de abeja'],
    department: 'La Paz',
    municipality: 'Caranavi',
    community: 'Villa Bolinda',
    publicNameConsent: true,
  },
  reviewerUnit: {
    name: 'Familia Quispe Huanca',
    household: 'Familia Quispe',
    sectors: ['agricola'],
    products: ['café pergamino'],
    department: 'La Paz',
    municipality: 'Caranavi',
    community: 'Alcoche',
    publicNameConsent: true,
  },
  committeeUnit: {
    name: 'Familia Apaza Choque',
    household: 'Familia Apaza',
    sectors: ['agricola'],
    products: ['café pergamino', 'miel de abeja'],
    department: 'La Paz',
    municipality: 'Caranavi',
    community: 'Villa Bolinda',
    publicNameConsent: false,
  },
};

type PersonKey = 'producerMember' | 'reviewer' | 'committeeMember' | 'technician' | 'consumer';
type NewPerson = Omit<z.input<typeof NewPersonSchema>, 'organizationId' | 'producerId'> & { unit?: ProducerKey };

export const DEMO_PERSONS: Record<PersonKey, NewPerson> = {
  producerMember: { fullName: 'Felipa Condori Mamani', gender: 'woman', roles: ['member'], unit: 'visited', household: 'Familia Condori' },
  reviewer: {
    fullName: 'Rosa Quispe Huanca',
    gender: 'woman',
    roles: ['member', 'reviewer'],
    unit: 'reviewerUnit',
    household: 'Familia Quispe',
  },
  committeeMember: {
    fullName: 'Teodoro Apaza Choque',
    gender: 'man',
    roles: ['member', 'committee_member'],
    unit: 'committeeUnit',
    household: 'Familia Apaza',
  },
  technician: { fullName: 'Ing. Marcelo Ticona Flores', gender: 'man', roles: ['technician', 'reviewer'], household: null },
  consumer: { fullName: 'Carmen Gutiérrez Rojas', gender: 'woman', roles: ['consumer', 'reviewer'], household: null },
};

export type DemoAccountSpec = {
  key: string;
  username: string;
  displayName: string;
  role: Role;
  person?: PersonKey;
  unit?: ProducerKey;
  /** For the commission: titular or suplente. */
  seat?: 'titular' | 'suplente';
};

/** Accounts other than the administrator: who signs in to do each step. */
export const DEMO_ACCOUNTS: DemoAccountSpec[] = [
  { key: 'committee', username: 'ejemplo-comite', displayName: 'Teodoro Apaza Choque', role: 'committee', person: 'committeeMember' },
  { key: 'reviewer', username: 'ejemplo-revisora', displayName: 'Rosa Quispe Huanca', role: 'reviewer', person: 'reviewer' },
  {
    key: 'producer',
    username: 'ejemplo-productora',
    displayName: 'Felipa Condori Mamani',
    role: 'producer',
    person: 'producerMember',
    unit: 'visited',
  },
  { key: 'commission1', username: 'ejemplo-comision-1', displayName: 'Gregoria Limachi Ticona', role: 'commission', seat: 'titular' },
  { key: 'commission2', username: 'ejemplo-comision-2', displayName: 'Walter Vargas Colque', role: 'commission', seat: 'titular' },
  { key: 'commission3', username: 'ejemplo-comision-3', displayName: 'Nora Villca Mamani', role: 'commission', seat: 'titular' },
  { key: 'commission4', username: 'ejemplo-comision-4', displayName: 'Eulogio Choque Alanoca', role: 'commission', seat: 'suplente' },
];

export const DEMO_ADMIN = { username: 'ejemplo-admin', displayName: 'Administración (ejemplo)' } as const;

type Answer = { value: 'cumple' | 'parcial' | 'no_cumple' | 'no_aplica'; notes: string };

/**
 * What the visit team found, by criterion. Criteria of the pinned version not
 * listed here are answered «cumple» without notes, so a new criteria version
 * does not break the demo.
 */
export const DEMO_VISIT_ANSWERS: Record<string, Answer> = {
  'P1.01': {
    value: 'cumple',
    notes:
      'El precio de Bs 1.450 por quintal de café pergamino se aprobó en la asamblea de marzo con la hoja de costos de la cooperativa. Felipa conoce el precio y cómo se calculó.',
  },
  'P1.02': {
    value: 'cumple',
    notes:
      'Contrato escrito con una tienda solidaria de La Paz: precio, cantidad, calidad y pago a 30 días. Los pagos del último año llegaron a tiempo.',
  },
  'P1.03': { value: 'cumple', notes: 'Se pesaron tres sacos listos para la entrega: 46,0 kg cada uno, igual que en la boleta.' },
  'P1.04': { value: 'no_aplica', notes: 'El comprador no ofreció prefinanciamiento en esta gestión.' },
  'P2.01': { value: 'cumple', notes: 'Libro de actas al día; la última asamblea ordinaria eligió a la directiva por voto.' },
  'P2.02': {
    value: 'cumple',
    notes: 'El estatuto dice una persona, un voto; Felipa y Hilarión votaron por separado el precio de este año.',
  },
  'P2.03': {
    value: 'cumple',
    notes: 'El reglamento del SPG se explicó en castellano y en aymara en la asamblea; Felipa sabe qué hace el comité local.',
  },
  'P2.04': { value: 'cumple', notes: 'El presidente está en su primera gestión.' },
  'P3.01': { value: 'cumple', notes: 'El informe económico de la gestión anterior se aprobó en la asamblea de marzo.' },
  'P3.02': { value: 'cumple', notes: 'Los registros de acopio de octubre coinciden con las boletas de entrega de la familia.' },
  'P4.01': {
    value: 'cumple',
    notes:
      'En la planilla de acopio el precio por quintal es el mismo para socias y socios. Conversamos con Felipa sin la directiva presente.',
  },
  'P4.02': { value: 'cumple', notes: 'Felipa está afiliada a nombre propio; dos de los cinco cargos de la directiva los ocupan mujeres.' },
  'P4.03': { value: 'cumple', notes: 'Las reuniones son los sábados por la mañana y hay quien cuide a los niños.' },
  'P4.04': { value: 'cumple', notes: 'Felipa conoce el procedimiento y sabe que puede acudir a la secretaria de género del comité.' },
  'P5.01': {
    value: 'cumple',
    notes: 'Los dos hijos en edad escolar van a la unidad educativa de Villa Bolinda; durante la visita estaban en clases.',
  },
  'P5.02': { value: 'cumple', notes: 'Los dos cosechadores de temporada son vecinos de la comunidad y cobran cada semana.' },
  'P5.03': { value: 'cumple', notes: 'Jornal de Bs 120 en la última cosecha, por encima del jornal de la zona.' },
  'P6.01': { value: 'no_aplica', notes: 'La familia no aplica productos para plagas: controla la broca con trampas artesanales.' },
  'P6.03': { value: 'cumple', notes: 'En la cosecha se trabaja de 7 de la mañana a 3 de la tarde.' },
  'P7.01': { value: 'cumple', notes: 'Hilarión participó en julio en la visita de pares a la familia Apaza.' },
  'P7.02': { value: 'cumple', notes: 'Plan de capacitación aprobado en asamblea: poda y renovación de cafetales, manejo de colmenas.' },
  'P7.03': { value: 'cumple', notes: 'Las tres personas del equipo recibieron en abril la capacitación sobre los criterios vigentes.' },
  'P8.01': {
    value: 'cumple',
    notes: 'En el almacén solo hay caldo bordelés y abonos orgánicos; no se encontraron envases de plaguicidas.',
  },
  'P8.02': { value: 'cumple', notes: 'Cafetal bajo sombra de pacay y siquili, con terrazas y barreras vivas.' },
  'P8.07': {
    value: 'parcial',
    notes:
      'La pulpa del café y los residuos orgánicos se compostan, pero los envases plásticos y los frascos rotos de la miel se queman junto a la casa.',
  },
  'P8.08': { value: 'cumple', notes: 'Este año cambiaron las bolsas plásticas de la miel por frascos de vidrio retornables.' },
  'P8.09': {
    value: 'cumple',
    notes: 'La vertiente está cercada y con monte alrededor; el riego sigue los turnos acordados en la comunidad.',
  },
  'P9.01': {
    value: 'cumple',
    notes: 'El acta de marzo destina el 30 % de los excedentes a renovar cafetales y a un fondo para la escuela.',
  },
  'P9.03': { value: 'cumple', notes: 'La familia aportó jornales (ayni) para arreglar el camino comunal en agosto.' },
  'P9.05': {
    value: 'cumple',
    notes: 'Venden café y miel en la feria dominical de Caranavi y a la alimentación escolar: cerca del 15 % de lo producido.',
  },
};

/** Where the producer saw it differently from the peers (the dossier shows the disagreement). */
export const DEMO_SELF_ASSESSMENT_DIFFERENCES: Record<string, Answer> = {
  'P8.07': { value: 'cumple', notes: 'Compostamos la pulpa del café.' },
};

export const DEMO_VISIT_OBSERVATIONS =
  'Visita a la parcela de la familia en Villa Bolinda: 3 hectáreas de café bajo sombra y 12 colmenas. La familia recibió al equipo con apertura y mostró sus registros. Se acordó como meta de mejora separar los residuos plásticos (P8.07).';

export const DEMO_VISIT_PRESENT = [
  'Felipa Condori Mamani',
  'Hilarión Condori Mamani',
  'Rosa Quispe Huanca',
  'Ing. Marcelo Ticona Flores',
  'Carmen Gutiérrez Rojas',
];

export const DEMO_IMPROVEMENT_ACTION =
  'Separar los envases plásticos y el vidrio y llevarlos cada mes al punto de acopio del municipio; dejar de quemarlos.';

export const DEMO_RECOMMENDATION =
  'La visita de pares encontró cumplidos todos los criterios críticos y mayores. El manejo de residuos plásticos (P8.07, criterio menor) queda como meta de mejora con una acción acordada con la familia. El comité recomienda aprobar.';

export const DEMO_SESSION_PLACE = 'Sede de la Plataforma Multisectorial de Economía Solidaria y Comercio Justo, La Paz';

export const DEMO_DECISION_RATIONALE =
  'El expediente está completo: autoevaluación, visita de pares con equipo mixto (productora de otra unidad, técnico y consumidora) y recomendación del comité local. Se cumplen los criterios críticos y mayores; la meta de mejora en P8.07 se revisará en la próxima visita. Se aprueba con sello pleno.';
