/**
 * The public figures of the seal (/cifras): counts read from the database shaped into four figures
 * of rows and series, the same for the page's charts and tables, the JSON and the CSV.
 */
import { DEPARTMENTS, type Department } from './bolivia.js';
import { BOLIVIA_UTC_OFFSET_MS, laPazDate } from './la-paz-day.js';
import { fold } from './text.js';

/** The roles whose participation is counted, in the order the page shows them. */
export const PARTICIPATION_ROLES = ['member', 'reviewer', 'committee_member', 'commission_member'] as const;
export type ParticipationRole = (typeof PARTICIPATION_ROLES)[number];
/** The roles as the figures name them (the JSON and CSV labels). */
export const PARTICIPATION_ROLE_LABEL: Record<ParticipationRole, string> = {
  member: 'Productores y productoras',
  reviewer: 'Revisores pares',
  committee_member: 'Comités locales',
  commission_member: 'Comisión de certificación',
};
const MONTH_NAMES = [
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
];
/** «noviembre de 2026» for 2026-11. */
export const monthLabel = (month: string) => `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} de ${month.slice(0, 4)}`;
/** How a person's gender is counted: as declared, or not declared. */
export const GENDER_COUNTS = ['woman', 'man', 'other', 'undeclared'] as const;
export type GenderCount = (typeof GENDER_COUNTS)[number];
/** The certificate events counted over time. */
export const COUNTED_EVENTS = ['issued', 'suspended', 'revoked'] as const;
export type CountedEvent = (typeof COUNTED_EVENTS)[number];

export const FIGURE_IDS = ['departments', 'women', 'products', 'events'] as const;
export type FigureId = (typeof FIGURE_IDS)[number];

/** The products shown one by one; the rest are grouped in one row. */
export const TOP_PRODUCTS = 8;
/** The months counted in the events figure, the current one included. */
export const EVENT_MONTHS = 12;
/** La Paz's offset as SQLite's date modifier (strftime(…, at, '-14400 seconds')). */
export const LA_PAZ_SQL_MODIFIER = `${BOLIVIA_UTC_OFFSET_MS / 1000} seconds`;

/** What the repository counts, in SQL, over certificates in force. */
export type FigureCounts = {
  /** Distinct certified units by their own department; distinct certified organisations by theirs. */
  units: { department: string; n: number }[];
  organizations: { department: string; n: number }[];
  /** Persons of certified organisations by role and gender (null: not declared). */
  persons: { role: string; gender: string | null; n: number }[];
  /** Certified units by each product as written in the registry. */
  products: { product: string; n: number }[];
  /** Certificate events by kind and La Paz month (YYYY-MM). */
  events: { event: string; month: string; n: number }[];
};

export type FigureRow = { key: string; label: string; values: Record<string, number> };
export type Figure = { id: FigureId; series: string[]; rows: FigureRow[] };
export type Figures = {
  /** The La Paz date the figures are as of. */
  asOf: string;
  generatedAt: string;
  figures: Figure[];
};

/** The months of the events figure: the `count` La Paz months ending with the one of `at`, oldest first. */
export function lastMonths(at: Date, count: number = EVENT_MONTHS): string[] {
  const [year, month] = laPazDate(at).split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(year, month - 1 - (count - 1 - i), 1));
    return d.toISOString().slice(0, 7);
  });
}

const departmentName = (code: string) => DEPARTMENTS[code as Department] ?? code;

function departmentsFigure(counts: FigureCounts): Figure {
  const codes = new Set([...counts.units, ...counts.organizations].map((r) => r.department));
  const sum = (rows: { department: string; n: number }[], code: string) =>
    rows.filter((r) => r.department === code).reduce((total, r) => total + r.n, 0);
  const rows = [...codes].map((code) => ({
    key: code,
    label: departmentName(code),
    values: { units: sum(counts.units, code), organizations: sum(counts.organizations, code) },
  }));
  rows.sort(
    (a, b) => b.values.units - a.values.units || b.values.organizations - a.values.organizations || a.label.localeCompare(b.label, 'es'),
  );
  return { id: 'departments', series: ['units', 'organizations'], rows };
}

function womenFigure(counts: FigureCounts): Figure {
  const rows = PARTICIPATION_ROLES.map((role) => {
    const values: Record<string, number> = { woman: 0, man: 0, other: 0, undeclared: 0 };
    for (const r of counts.persons) {
      if (r.role !== role) continue;
      const key = r.gender !== null && r.gender in values && r.gender !== 'undeclared' ? r.gender : 'undeclared';
      values[key] = (values[key] ?? 0) + r.n;
    }
    const declared = values.woman! + values.man! + values.other!;
    return {
      key: role,
      label: PARTICIPATION_ROLE_LABEL[role],
      values: { ...values, total: declared + values.undeclared!, womenPercent: percent(values.woman!, declared) },
    };
  });
  return { id: 'women', series: [...GENDER_COUNTS, 'total', 'womenPercent'], rows };
}

/** A whole percentage of `part` in `whole`, 0 when there is no whole. */
export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((100 * part) / whole);
}

function productsFigure(counts: FigureCounts, top: number): Figure {
  // The same product written with other capitals or accents is one product, named as most units write it.
  const groups = new Map<string, { n: number; spellings: Map<string, number> }>();
  for (const { product, n } of counts.products) {
    const name = product.trim();
    if (!name) continue;
    const key = fold(name);
    const group = groups.get(key) ?? { n: 0, spellings: new Map<string, number>() };
    group.n += n;
    group.spellings.set(name, (group.spellings.get(name) ?? 0) + n);
    groups.set(key, group);
  }
  const ranked = [...groups].map(([key, g]) => {
    const label = [...g.spellings].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'es'))[0]![0];
    return { key, label, values: { units: g.n } };
  });
  ranked.sort((a, b) => b.values.units - a.values.units || a.label.localeCompare(b.label, 'es'));
  const rows: FigureRow[] = ranked.slice(0, top);
  const rest = ranked.slice(top);
  if (rest.length > 0) {
    rows.push({
      key: 'others',
      label: `Otros (${rest.length} productos)`,
      values: { units: rest.reduce((t, r) => t + r.values.units, 0), products: rest.length },
    });
  }
  return { id: 'products', series: ['units'], rows };
}

function eventsFigure(counts: FigureCounts, months: string[]): Figure {
  const rows = months.map((month) => {
    const values: Record<string, number> = {};
    for (const event of COUNTED_EVENTS) {
      values[event] = counts.events.filter((r) => r.month === month && r.event === event).reduce((t, r) => t + r.n, 0);
    }
    return { key: month, label: monthLabel(month), values };
  });
  return { id: 'events', series: [...COUNTED_EVENTS], rows };
}

/** The four figures from the counts, as of `at`. */
export function shapeFigures(counts: FigureCounts, at: Date, top: number = TOP_PRODUCTS): Figures {
  return {
    asOf: laPazDate(at),
    generatedAt: at.toISOString(),
    figures: [departmentsFigure(counts), womenFigure(counts), productsFigure(counts, top), eventsFigure(counts, lastMonths(at))],
  };
}

/** One row of the long table: which figure, which row, which series, how many. */
export type FigureCell = { figure: FigureId; key: string; label: string; series: string; value: number };

/** Every number of the figures as one long table, in the figures' order. */
export function figureCells(figures: Figures): FigureCell[] {
  return figures.figures.flatMap((figure) =>
    figure.rows.flatMap((row) =>
      Object.entries(row.values).map(([series, value]) => ({ figure: figure.id, key: row.key, label: row.label, series, value })),
    ),
  );
}
