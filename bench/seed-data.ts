/**
 * Word lists for the benchmark's seeded database: Bolivian municipalities by
 * department (each really in its department), what their producers grow or make,
 * and the names of organisations, families and communities. Fictitious people,
 * real places. Pure data and a seeded random generator, so a seed is repeatable.
 */
import type { Department } from '../src/domain/bolivia.js';

/** Municipalities of each department (a selection where solidarity-economy producers are). */
export const MUNICIPALITIES: Record<Department, readonly string[]> = {
  'la-paz': [
    'Caranavi',
    'Coroico',
    'Coripata',
    'Chulumani',
    'Irupana',
    'La Asunta',
    'Palos Blancos',
    'Alto Beni',
    'Apolo',
    'Sorata',
    'Achacachi',
    'Patacamaya',
    'Inquisivi',
    'Guanay',
  ],
  cochabamba: [
    'Villa Tunari',
    'Chimoré',
    'Shinahota',
    'Puerto Villarroel',
    'Entre Ríos',
    'Colomi',
    'Tiquipaya',
    'Independencia',
    'Pocona',
    'Totora',
    'Aiquile',
    'Mizque',
  ],
  chuquisaca: ['Tarabuco', 'Yamparáez', 'Zudáñez', 'Padilla', 'Monteagudo', 'Villa Serrano', 'Tomina', 'Presto', 'Camargo', 'Culpina'],
  oruro: ['Challapata', 'Salinas de Garci Mendoza', 'Santiago de Huari', 'Caracollo', 'Corque', 'Toledo', 'Pampa Aullagas', 'Sabaya'],
  potosi: ['Uyuni', 'Llica', 'Colcha K', 'Tupiza', 'Betanzos', 'Tinguipaya', 'Cotagaita', 'Tomave', 'Puna'],
  tarija: ['San Lorenzo', 'El Puente', 'Uriondo', 'Padcaya', 'Entre Ríos', 'Bermejo', 'Caraparí', 'Villamontes'],
  'santa-cruz': [
    'Concepción',
    'San Ignacio de Velasco',
    'San Javier',
    'Buena Vista',
    'Samaipata',
    'Vallegrande',
    'Comarapa',
    'Ascensión de Guarayos',
    'Urubichá',
    'San José de Chiquitos',
  ],
  beni: ['Riberalta', 'Guayaramerín', 'Rurrenabaque', 'Reyes', 'San Ignacio de Moxos', 'San Borja', 'Baures', 'Magdalena'],
  pando: ['Cobija', 'Porvenir', 'Filadelfia', 'Puerto Rico', 'Gonzalo Moreno', 'Bella Flor', 'Santa Rosa del Abuná', 'Sena'],
};

/** How many organisations each department gets, out of every 100 (the Yungas and the Chapare weigh most). */
export const DEPARTMENT_WEIGHT: Record<Department, number> = {
  'la-paz': 24,
  cochabamba: 16,
  chuquisaca: 10,
  oruro: 8,
  potosi: 9,
  tarija: 8,
  'santa-cruz': 11,
  beni: 8,
  pando: 6,
};

/** The scheme's sector codes (criteria/es-cj-bolivia). */
export type Sector = 'agricola' | 'pecuario' | 'artesania' | 'transformacion' | 'recoleccion';

/** A product, as the certificate names it, and its sector. */
export type Product = readonly [name: string, sector: Sector];

/** What producers of each department grow, raise, gather or make. */
export const PRODUCTS: Record<Department, readonly Product[]> = {
  'la-paz': [
    ['café pergamino', 'agricola'],
    ['café tostado', 'transformacion'],
    ['cacao en grano', 'agricola'],
    ['miel de abeja', 'pecuario'],
    ['quinua', 'agricola'],
    ['textiles de alpaca', 'artesania'],
    ['cítricos', 'agricola'],
  ],
  cochabamba: [
    ['banano', 'agricola'],
    ['piña', 'agricola'],
    ['palmito', 'agricola'],
    ['miel de abeja', 'pecuario'],
    ['papa nativa', 'agricola'],
    ['amaranto', 'agricola'],
    ['tejidos de lana de oveja', 'artesania'],
  ],
  chuquisaca: [
    ['maní', 'agricola'],
    ['ají', 'agricola'],
    ['amaranto', 'agricola'],
    ['miel de abeja', 'pecuario'],
    ['tejidos jalq’a', 'artesania'],
    ['tejidos de Tarabuco', 'artesania'],
  ],
  oruro: [
    ['quinua real', 'agricola'],
    ['carne de llama', 'pecuario'],
    ['fibra de alpaca', 'pecuario'],
    ['textiles de llama', 'artesania'],
    ['cañahua', 'agricola'],
  ],
  potosi: [
    ['quinua real', 'agricola'],
    ['charque de llama', 'transformacion'],
    ['textiles de llama', 'artesania'],
    ['sal yodada', 'transformacion'],
    ['haba', 'agricola'],
  ],
  tarija: [
    ['uva de mesa', 'agricola'],
    ['vino artesanal', 'transformacion'],
    ['miel de abeja', 'pecuario'],
    ['durazno deshidratado', 'transformacion'],
    ['cerámica', 'artesania'],
  ],
  'santa-cruz': [
    ['cacao en grano', 'agricola'],
    ['chocolate', 'transformacion'],
    ['miel de abeja', 'pecuario'],
    ['café pergamino', 'agricola'],
    ['almendra chiquitana', 'recoleccion'],
    ['tallados en madera', 'artesania'],
  ],
  beni: [
    ['castaña', 'recoleccion'],
    ['cacao silvestre', 'recoleccion'],
    ['asaí', 'recoleccion'],
    ['chocolate', 'transformacion'],
    ['artesanías de jipi japa', 'artesania'],
  ],
  pando: [
    ['castaña', 'recoleccion'],
    ['asaí', 'recoleccion'],
    ['copoazú', 'agricola'],
    ['majo', 'recoleccion'],
  ],
};

export const FAMILY_NAMES = [
  'Mamani',
  'Quispe',
  'Condori',
  'Choque',
  'Huanca',
  'Apaza',
  'Ticona',
  'Limachi',
  'Cusi',
  'Chambi',
  'Yupanqui',
  'Huarachi',
  'Colque',
  'Callisaya',
  'Poma',
  'Nina',
  'Copa',
  'Tarqui',
  'Laura',
  'Calle',
  'Choquehuanca',
  'Huallpa',
  'Villca',
  'Mayta',
  'Alanoca',
  'Aruquipa',
  'Coaquira',
  'Machaca',
  'Pari',
  'Chura',
  'Quisbert',
  'Flores',
  'Vargas',
  'Gutiérrez',
  'Rojas',
  'Fernández',
  'Torrez',
  'Rodríguez',
  'Mendoza',
  'Gonzales',
  'Cruz',
  'Ramos',
  'Guzmán',
  'Cáceres',
  'Arias',
  'Sánchez',
  'Rocha',
  'Soliz',
  'Zurita',
  'Vaca',
  'Suárez',
  'Justiniano',
  'Añez',
  'Moye',
  'Noza',
  'Cuéllar',
  'Chávez',
] as const;

export const GIVEN_NAMES = [
  'Juan',
  'María',
  'Rosa',
  'Felipa',
  'Justina',
  'Eusebio',
  'Teodoro',
  'Sabina',
  'Gregoria',
  'Celestino',
  'Martha',
  'Wilfredo',
  'Nicanor',
  'Julia',
  'Hilarión',
  'Basilia',
  'Fortunato',
  'Cristina',
  'Marcelino',
  'Dominga',
  'Vicenta',
  'Saturnino',
  'Filomena',
  'Germán',
  'Lidia',
] as const;

/** Words organisations take their names from (Quechua, Aymara, Spanish). */
export const NAME_WORDS = [
  'Sumaj Kawsay',
  'Suma Qamaña',
  'Pachamama',
  'Ayni',
  'Wiñay',
  'Inti Raymi',
  'Tata Inti',
  'Jatun Sach’a',
  'Kusi Kawsay',
  'Illimani',
  'Tunari',
  'Yachay Wasi',
  'Chasqui',
  'Nueva Esperanza',
  'Unión y Progreso',
  'Flor de Café',
  'Sol Naciente',
  'Manos Unidas',
  'Tierra Fértil',
  'Mink’a',
] as const;

export const COMMUNITIES = [
  'San Pedro',
  'Santa Rosa',
  'Villa Esperanza',
  'San Isidro',
  'Huaylla Pampa',
  'Uchumachi',
  'Tres Arroyos',
  'Chojñacota',
  'San Juan',
  'Alto Sajama',
  'Villa Bolinda',
  'Kollpa Pampa',
  'Santa Ana',
  'Puerto Alegre',
  'Mojón',
  'Yanacachi Alto',
  'Central Lealtad',
  'Totora Pampa',
] as const;

/** A seeded pseudo-random generator (mulberry32): the same seed gives the same database contents. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export type Random = () => number;

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** Picks a key by its weight. */
export function pickWeighted<K extends string>(random: Random, weights: Record<K, number>): K {
  const entries = Object.entries(weights) as [K, number][];
  let r = random() * entries.reduce((sum, [, w]) => sum + w, 0);
  for (const [key, w] of entries) {
    r -= w;
    if (r < 0) return key;
  }
  return entries[entries.length - 1]![0];
}

/** One to `max` distinct items, in the list's order. */
export function pickSome<T>(random: Random, items: readonly T[], max: number): T[] {
  const n = 1 + Math.floor(random() * Math.min(max, items.length));
  const chosen = new Set<T>();
  while (chosen.size < n) chosen.add(pick(random, items));
  return items.filter((i) => chosen.has(i));
}
