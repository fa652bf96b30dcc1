/** The public figures (GET /cifras): four charts drawn on the server as inline SVG, each with its numbers as a table. */
import { PARTICIPATION_ROLES, type Figure, type Figures, type FigureRow } from '../domain/figures.js';
import { barChart, monthChart, type BarRowInput, type Tone } from './figures-charts.js';
import { clip, formatDay } from './format.js';
import type { Locale, Translate } from './locale.js';
import { layoutData } from './page-layout.js';
import { FIGURES_STYLE, renderTemplate } from './views.js';

const MAX_LABEL = 40;

export type FiguresView = { figures: Figures; publicBaseUrl: string; csvHref: string; jsonHref: string };

type Table = { caption: string; headers: string[]; rows: string[][]; total: string[] | null };
type Chart = { kind: 'bars' | 'months'; title: string; desc: string; chart: unknown };
type FigureView = { id: string; heading: string; caption: string; empty: string | null; chart: Chart; table: Table };

const numberFormat = (locale: Locale) => {
  const format = new Intl.NumberFormat(locale === 'es' ? 'es-BO' : 'en-GB');
  return (n: number) => format.format(n);
};
const v = (row: FigureRow, series: string) => row.values[series] ?? 0;
const sum = (figure: Figure, series: string) => figure.rows.reduce((t, r) => t + v(r, series), 0);
const count = (t: Translate, key: string, n: number, format: (n: number) => string) =>
  t(n === 1 ? `${key}.one` : `${key}.other`, { count: format(n) });
const find = (figures: Figures, id: Figure['id']) => figures.figures.find((f) => f.id === id)!;

function departments(figure: Figure, t: Translate, f: (n: number) => string, asOf: string): FigureView {
  const heading = t('figures.departments.title');
  const rows: BarRowInput[] = figure.rows.map((r) => ({
    label: clip(r.label, MAX_LABEL),
    bars: [
      { value: v(r, 'units'), text: count(t, 'figures.units', v(r, 'units'), f), tone: 'main' },
      { value: v(r, 'organizations'), text: count(t, 'figures.organizations', v(r, 'organizations'), f), tone: 'second' },
    ],
  }));
  const summary = rows.map((r) => `${r.label}: ${r.bars.map((b) => b.text).join(', ')}`).join('; ');
  return {
    id: 'cifra-departamentos',
    heading,
    caption: t('figures.departments.caption', { date: asOf }),
    empty: figure.rows.length === 0 ? t('figures.empty') : null,
    chart: { kind: 'bars', title: heading, desc: summary || t('figures.empty'), chart: barChart(rows) },
    table: {
      caption: t('figures.tableOf', { title: heading }),
      headers: [t('figures.departments.department'), t('figures.departments.units'), t('figures.departments.organizations')],
      rows: figure.rows.map((r) => [r.label, f(v(r, 'units')), f(v(r, 'organizations'))]),
      total: [t('figures.total'), f(sum(figure, 'units')), f(sum(figure, 'organizations'))],
    },
  };
}

function women(figure: Figure, t: Translate, f: (n: number) => string, asOf: string): FigureView {
  const heading = t('figures.women.title');
  const declared = (r: FigureRow) => v(r, 'woman') + v(r, 'man') + v(r, 'other');
  const role = (r: FigureRow) => t(`figures.role.${r.key}`);
  const rows: BarRowInput[] = figure.rows.map((r) => ({
    label: role(r),
    bars: [{ value: v(r, 'womenPercent'), text: t('figures.women.bar', { percent: f(v(r, 'womenPercent')) }), tone: 'main' }],
    note: t('figures.women.note', { women: f(v(r, 'woman')), declared: f(declared(r)), undeclared: f(v(r, 'undeclared')) }),
  }));
  const summary = rows.map((r) => `${r.label}: ${r.bars[0]!.text} (${r.note})`).join('; ');
  const series = ['woman', 'man', 'other', 'undeclared', 'total', 'womenPercent'];
  return {
    id: 'cifra-mujeres',
    heading,
    caption: t('figures.women.caption', { date: asOf }),
    empty: null,
    chart: { kind: 'bars', title: heading, desc: summary, chart: barChart(rows, 100) },
    table: {
      caption: t('figures.tableOf', { title: heading }),
      headers: [t('figures.women.role'), ...series.map((s) => t(`figures.women.${s}`))],
      rows: figure.rows.map((r) => [role(r), ...series.map((s) => f(v(r, s)))]),
      total: null,
    },
  };
}

function products(figure: Figure, t: Translate, f: (n: number) => string, asOf: string): FigureView {
  const heading = t('figures.products.title');
  const label = (r: FigureRow) =>
    r.key === 'others' ? count(t, 'figures.products.others', v(r, 'products'), f) : clip(r.label, MAX_LABEL);
  const rows: BarRowInput[] = figure.rows.map((r) => ({
    label: label(r),
    bars: [{ value: v(r, 'units'), text: count(t, 'figures.units', v(r, 'units'), f), tone: 'main' }],
  }));
  return {
    id: 'cifra-productos',
    heading,
    caption: t('figures.products.caption', { date: asOf }),
    empty: figure.rows.length === 0 ? t('figures.empty') : null,
    chart: {
      kind: 'bars',
      title: heading,
      desc: rows.map((r) => `${r.label}: ${r.bars[0]!.text}`).join('; ') || t('figures.empty'),
      chart: barChart(rows),
    },
    table: {
      caption: t('figures.tableOf', { title: heading }),
      headers: [t('figures.products.product'), t('figures.products.units')],
      rows: figure.rows.map((r) => [label(r), f(v(r, 'units'))]),
      total: null,
    },
  };
}

function events(figure: Figure, t: Translate, f: (n: number) => string, locale: Locale, asOf: string): FigureView {
  const heading = t('figures.events.title');
  const intl = locale === 'es' ? 'es-BO' : 'en-GB';
  const monthOf = (key: string) => new Date(`${key}-01T00:00:00Z`);
  const long = new Intl.DateTimeFormat(intl, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const short = new Intl.DateTimeFormat(intl, { month: 'short', timeZone: 'UTC' });
  const monthName = (key: string) => long.format(monthOf(key));
  const labels = figure.rows.map((r, i) => {
    const name = short.format(monthOf(r.key)).replace('.', '');
    return i === 0 || r.key.endsWith('-01') ? [name, r.key.slice(0, 4)] : [name];
  });
  const tones: Record<string, Tone> = { issued: 'main', suspended: 'third', revoked: 'fourth' };
  const panels = figure.series.map((s) => ({
    title: t(`figures.events.${s}`),
    tone: tones[s] ?? 'main',
    values: figure.rows.map((r) => v(r, s)),
  }));
  const first = figure.rows[0]?.key ?? '';
  const last = figure.rows.at(-1)?.key ?? '';
  return {
    id: 'cifra-certificados',
    heading,
    caption: t('figures.events.caption', { from: monthName(first), to: monthName(last), date: asOf }),
    empty: null,
    chart: {
      kind: 'months',
      title: heading,
      desc: figure.series.map((s) => `${t(`figures.events.${s}`)}: ${f(sum(figure, s))}`).join('; '),
      chart: monthChart(panels, labels),
    },
    table: {
      caption: t('figures.tableOf', { title: heading }),
      headers: [t('figures.events.month'), ...figure.series.map((s) => t(`figures.events.${s}`))],
      rows: figure.rows.map((r) => [monthName(r.key), ...figure.series.map((s) => f(v(r, s)))]),
      total: [t('figures.total'), ...figure.series.map((s) => f(sum(figure, s)))],
    },
  };
}

export function renderFiguresPage(view: FiguresView, locale: Locale): string {
  const layout = layoutData(locale, {
    title: (t) => t('figures.title'),
    publicBaseUrl: view.publicBaseUrl,
    section: 'figures',
    jsonHref: view.jsonHref,
  });
  const { t } = layout;
  const f = numberFormat(locale);
  const asOf = formatDay(view.figures.asOf, locale);
  const { figures } = view;
  // Every role the page names must have its words (a new role in the domain fails here, not on screen).
  for (const role of PARTICIPATION_ROLES) t(`figures.role.${role}`);
  return renderTemplate('figures', {
    ...layout,
    style: layout.style + FIGURES_STYLE,
    asOfText: t('figures.asOf', { date: asOf }),
    figures: [
      departments(find(figures, 'departments'), t, f, asOf),
      women(find(figures, 'women'), t, f, asOf),
      products(find(figures, 'products'), t, f, asOf),
      events(find(figures, 'events'), t, f, locale, asOf),
    ],
    csvHref: view.csvHref,
    jsonHref: view.jsonHref,
  });
}
