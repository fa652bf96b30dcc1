/**
 * The plan of a seeded database, decided before anything is written: organisations,
 * one producer per certificate, commission sessions over the past months, and what
 * became of each certificate (still valid, suspended, revoked or expired). Pure.
 */
import { DEPARTMENTS, type Department } from '../src/domain/bolivia.js';
import type { OrganizationKind } from '../src/domain/registry.js';
import {
  COMMUNITIES,
  DEPARTMENT_WEIGHT,
  FAMILY_NAMES,
  GIVEN_NAMES,
  MUNICIPALITIES,
  NAME_WORDS,
  PRODUCTS,
  pick,
  pickSome,
  pickWeighted,
  type Random,
  type Sector,
} from './seed-data.js';

export type PlannedOrganization = { name: string; kind: OrganizationKind; department: Department; municipality: string };

export type PlannedProducer = {
  organization: number;
  name: string;
  household: string;
  products: string[];
  sectors: Sector[];
  municipality: string;
  community: string;
  publicNameConsent: boolean;
};

export type Fate = 'active' | 'suspended' | 'revoked' | 'expired';

/** Shares of the certificates that end suspended, revoked and expired; the rest stay valid. */
export const FATE_SHARES = { suspended: 0.05, revoked: 0.02, expired: 0.1 } as const;

export type PlannedCertificate = {
  producer: number;
  /** Index of the session that decided it. */
  session: number;
  fate: Fate;
  /** Index of the session that agreed the suspension or revocation. */
  actSession: number | null;
  sealLevel: 'pleno' | 'transicion';
};

const DAY_MS = 86_400_000;
export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

// Shops are not planned: their units sell, they do not produce the department's products.
const KIND_WEIGHT: Record<OrganizationKind, number> = {
  cooperativa: 28,
  asociacion: 33,
  oeca: 18,
  oecom: 8,
  comunidad: 4,
  grupo_artesanal: 9,
  empresa_es: 5,
  tienda_solidaria: 0,
};

const PRODUCT_NOUN: Record<Sector, string> = {
  agricola: 'Productores',
  pecuario: 'Productores',
  recoleccion: 'Recolectores',
  transformacion: 'Productores',
  artesania: 'Artesanas y Artesanos',
};

/** Who an organisation gathers, by what they produce: «Asociación de Apicultores…», «…de Productores de Café…». */
function members(product: string, sector: Sector): string {
  if (product.startsWith('miel')) return 'Apicultores';
  const name = product.charAt(0).toUpperCase() + product.slice(1);
  return `${PRODUCT_NOUN[sector]} de ${name}`;
}

function organizationName(random: Random, kind: OrganizationKind, municipality: string, product: string, sector: Sector): string {
  const word = pick(random, NAME_WORDS);
  switch (kind) {
    case 'cooperativa':
      return random() < 0.5
        ? `Cooperativa Agropecuaria Integral ${word} de ${municipality} Ltda.`
        : `Cooperativa de ${members(product, sector)} ${word} de ${municipality} Ltda.`;
    case 'asociacion':
      return random() < 0.5
        ? `Asociación de ${members(product, sector)} de ${municipality}`
        : `Asociación de Mujeres ${word} de ${municipality}`;
    case 'oeca':
      return `OECA ${word} de ${municipality}`;
    case 'oecom':
      return `OECOM ${word} de ${municipality}`;
    case 'comunidad':
      return `Comunidad ${word} de ${municipality}`;
    case 'tienda_solidaria':
      return `Tienda Solidaria ${word} de ${municipality}`;
    case 'grupo_artesanal':
      return `Grupo Artesanal ${word} de ${municipality}`;
    case 'empresa_es':
      return `Empresa Comunitaria ${word} de ${municipality}`;
  }
}

/** `count` organisations with distinct names, spread over the departments by weight. */
export function planOrganizations(random: Random, count: number): PlannedOrganization[] {
  const taken = new Set<string>();
  const out: PlannedOrganization[] = [];
  while (out.length < count) {
    const department = pickWeighted(random, DEPARTMENT_WEIGHT);
    const municipality = pick(random, MUNICIPALITIES[department]);
    const kind = pickWeighted(random, KIND_WEIGHT);
    const [product, sector] = pick(random, PRODUCTS[department]);
    let name = organizationName(random, kind, municipality, product, sector);
    if (taken.has(name)) name = `${name}, comunidad ${pick(random, COMMUNITIES)}`;
    for (let n = 2; taken.has(name); n++) name = name.replace(/( N\.º \d+)?$/, ` N.º ${n}`);
    taken.add(name);
    out.push({ name, kind, department, municipality });
  }
  return out;
}

/** One producer (a family or workshop) for each certificate, with names distinct inside each organisation. */
export function planProducers(random: Random, organizations: PlannedOrganization[], count: number): PlannedProducer[] {
  const taken = organizations.map(() => new Set<string>());
  const out: PlannedProducer[] = [];
  for (let i = 0; i < count; i++) {
    const organization = i < organizations.length ? i : Math.floor(random() * organizations.length);
    const org = organizations[organization]!;
    const first = pick(random, FAMILY_NAMES);
    let second = pick(random, FAMILY_NAMES);
    while (second === first) second = pick(random, FAMILY_NAMES);
    const chosen = pickSome(random, PRODUCTS[org.department], 3);
    const artisan = chosen.every(([, s]) => s === 'artesania');
    let name = artisan ? `Taller ${first} ${second}` : `Familia ${first} ${second}`;
    if (taken[organization]!.has(name)) name = `${name} (${pick(random, GIVEN_NAMES)})`;
    for (let n = 2; taken[organization]!.has(name); n++) name = name.replace(/( \d+)?$/, ` ${n}`);
    taken[organization]!.add(name);
    // Most families live in the organisation's municipality; some in a neighbouring one of the same department.
    const municipality = random() < 0.8 ? org.municipality : pick(random, MUNICIPALITIES[org.department]);
    out.push({
      organization,
      name,
      household: `Familia ${first}`,
      products: chosen.map(([p]) => p),
      sectors: [...new Set(chosen.map(([, s]) => s))],
      municipality,
      community: pick(random, COMMUNITIES),
      publicNameConsent: random() < 0.7,
    });
  }
  return out;
}

/**
 * Commission session days: weekly in the year before the last one (their certificates have expired
 * by `today`) and every other day over the last year (still valid), ending yesterday.
 */
export function planSessionDays(today: string): { old: string[]; recent: string[] } {
  const old: string[] = [];
  const recent: string[] = [];
  // A certificate of day d is valid through d + 12 months - 1 day: sessions up to 370 days ago have all expired.
  for (let d = addDays(today, -600); d <= addDays(today, -370); d = addDays(d, 7)) old.push(d);
  for (let d = addDays(today, -350); d < today; d = addDays(d, 2)) recent.push(d);
  return { old, recent };
}

/** What becomes of each certificate, and which session decides it (and suspends or revokes it). */
export function planCertificates(random: Random, count: number, sessions: { old: number; recent: number }): PlannedCertificate[] {
  const out: PlannedCertificate[] = [];
  const recentIndex = (from: number, to: number) => sessions.old + from + Math.floor(random() * (to - from));
  for (let producer = 0; producer < count; producer++) {
    const r = random();
    const fate: Fate =
      r < FATE_SHARES.expired
        ? 'expired'
        : r < FATE_SHARES.expired + FATE_SHARES.revoked
          ? 'revoked'
          : r < FATE_SHARES.expired + FATE_SHARES.revoked + FATE_SHARES.suspended
            ? 'suspended'
            : 'active';
    let session: number;
    let actSession: number | null = null;
    if (fate === 'expired') session = Math.floor(random() * sessions.old);
    else if (fate === 'active') session = recentIndex(0, sessions.recent);
    else {
      // Decided, then suspended or revoked at a later session.
      session = recentIndex(0, sessions.recent - 1);
      actSession = session + 1 + Math.floor(random() * (sessions.old + sessions.recent - session - 1));
    }
    out.push({ producer, session, fate, actSession, sealLevel: random() < 0.7 ? 'pleno' : 'transicion' });
  }
  return out;
}

export const departmentName = (code: Department): string => DEPARTMENTS[code];

export const SUSPENSION_REASONS = [
  'La visita de seguimiento encontró uso de agroquímicos prohibidos en una parcela; se suspende hasta verificar su corrección.',
  'La organización no entregó los registros de venta del último ciclo pese a dos pedidos del comité.',
  'Se vendió producto de terceros con el sello, sin trazabilidad; se suspende mientras se investiga.',
  'El comité local informó trabajo infantil en la cosecha; se suspende hasta la nueva visita de pares.',
] as const;

export const REVOCATION_REASONS = [
  'Se comprobó la venta reiterada con el sello de producto que no proviene de la unidad certificada.',
  'La unidad productiva no corrigió las faltas que motivaron la suspensión dentro del plazo acordado.',
  'La unidad productiva renunció al sello y pidió dar de baja su certificado.',
] as const;

export const DECISION_RATIONALES = [
  'La visita de pares confirma el cumplimiento de los criterios críticos y mayores; el comité local recomienda aprobar.',
  'Cumple los criterios críticos; los criterios mayores pendientes tienen plan de mejora acordado con la familia.',
  'Expediente completo, autoevaluación coherente con la visita y recomendación favorable del comité local.',
] as const;
