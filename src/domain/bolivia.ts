/** Bolivia's nine departments, and lenient reading of how people write them. */
import { fold } from './text.js';

export const DEPARTMENTS = {
  chuquisaca: 'Chuquisaca',
  'la-paz': 'La Paz',
  cochabamba: 'Cochabamba',
  oruro: 'Oruro',
  potosi: 'Potosí',
  tarija: 'Tarija',
  'santa-cruz': 'Santa Cruz',
  beni: 'Beni',
  pando: 'Pando',
} as const;

export type Department = keyof typeof DEPARTMENTS;
export const DEPARTMENT_CODES = Object.keys(DEPARTMENTS) as [Department, ...Department[]];

/** Lowercase, without accents, words joined by hyphens: "Potosí" → "potosi", "La  Paz" → "la-paz". */
export function slugify(text: string): string {
  return fold(text)
    .trim()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The department code for a name or code as people write it, or undefined if it is not one of the nine. */
export function parseDepartment(text: string): Department | undefined {
  const slug = slugify(text);
  return slug in DEPARTMENTS ? (slug as Department) : undefined;
}
