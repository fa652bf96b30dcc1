import { describe, expect, it } from 'vitest';
import { figureCells, lastMonths, percent, shapeFigures, type FigureCounts } from '../../src/domain/figures.js';
import { barChart, monthChart, scaleLength } from '../../src/web/figures-charts.js';

const none: FigureCounts = { units: [], organizations: [], persons: [], products: [], events: [] };
// 00:30 of 1 March in UTC is still 28 February in La Paz (UTC-4).
const AT = new Date('2026-03-01T00:30:00Z');
const figure = (counts: Partial<FigureCounts>, top?: number) => shapeFigures({ ...none, ...counts }, AT, top);

describe('shapeFigures', () => {
  it('dates the figures by the La Paz day and counts the twelve La Paz months ending with it', () => {
    const f = figure({});
    expect(f.asOf).toBe('2026-02-28');
    expect(lastMonths(AT)).toEqual([
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(f.figures.map((x) => x.id)).toEqual(['departments', 'women', 'products', 'events']);
  });

  it('puts units and organisations of a department in one row, the most units first', () => {
    const f = figure({
      units: [
        { department: 'oruro', n: 2 },
        { department: 'la-paz', n: 5 },
      ],
      organizations: [
        { department: 'la-paz', n: 1 },
        { department: 'potosi', n: 1 },
      ],
    });
    expect(f.figures[0]!.rows).toEqual([
      { key: 'la-paz', label: 'La Paz', values: { units: 5, organizations: 1 } },
      { key: 'oruro', label: 'Oruro', values: { units: 2, organizations: 0 } },
      { key: 'potosi', label: 'Potosí', values: { units: 0, organizations: 1 } },
    ]);
  });

  it('gives the share of women among those who declared, with the undeclared apart, for every role even when empty', () => {
    const f = figure({
      persons: [
        { role: 'member', gender: 'woman', n: 3 },
        { role: 'member', gender: 'man', n: 2 },
        { role: 'member', gender: 'other', n: 1 },
        { role: 'member', gender: null, n: 4 },
        { role: 'consumer', gender: 'woman', n: 9 },
      ],
    });
    const rows = f.figures[1]!.rows;
    expect(rows.map((r) => r.key)).toEqual(['member', 'reviewer', 'committee_member', 'commission_member']);
    expect(rows[0]!.values).toEqual({ woman: 3, man: 2, other: 1, undeclared: 4, total: 10, womenPercent: 50 });
    expect(rows[1]!.values).toEqual({ woman: 0, man: 0, other: 0, undeclared: 0, total: 0, womenPercent: 0 });
    expect(percent(1, 3)).toBe(33);
    expect(percent(2, 3)).toBe(67);
  });

  it('merges a product written with other capitals or accents, keeps the top ones and groups the rest', () => {
    const f = figure(
      {
        products: [
          { product: 'miel', n: 1 },
          { product: 'Miel', n: 2 },
          { product: 'café', n: 4 },
          { product: 'Cafe', n: 1 },
          { product: 'quinua', n: 2 },
          { product: 'cacao', n: 1 },
          { product: 'amaranto', n: 1 },
          { product: '  ', n: 7 },
        ],
      },
      3,
    );
    expect(f.figures[2]!.rows).toEqual([
      { key: 'cafe', label: 'café', values: { units: 5 } },
      { key: 'miel', label: 'Miel', values: { units: 3 } },
      { key: 'quinua', label: 'quinua', values: { units: 2 } },
      { key: 'others', label: 'Otros (2 productos)', values: { units: 2, products: 2 } },
    ]);
  });

  it('counts each kind of event by month, zero where none, and only the figure’s months', () => {
    const f = figure({
      events: [
        { event: 'issued', month: '2026-02', n: 3 },
        { event: 'revoked', month: '2026-02', n: 1 },
        { event: 'suspended', month: '2025-03', n: 2 },
        { event: 'issued', month: '2024-01', n: 8 },
      ],
    });
    const rows = f.figures[3]!.rows;
    expect(rows).toHaveLength(12);
    expect(rows[0]).toEqual({ key: '2025-03', label: 'marzo de 2025', values: { issued: 0, suspended: 2, revoked: 0 } });
    expect(rows[11]).toEqual({ key: '2026-02', label: 'febrero de 2026', values: { issued: 3, suspended: 0, revoked: 1 } });
    expect(rows.reduce((t, r) => t + r.values.issued!, 0)).toBe(3);
  });

  it('lists every number once in the long table', () => {
    const f = figure({ units: [{ department: 'beni', n: 1 }], organizations: [{ department: 'beni', n: 1 }] });
    const cells = figureCells(f);
    expect(cells.filter((c) => c.figure === 'departments')).toEqual([
      { figure: 'departments', key: 'beni', label: 'Beni', series: 'units', value: 1 },
      { figure: 'departments', key: 'beni', label: 'Beni', series: 'organizations', value: 1 },
    ]);
    expect(cells.filter((c) => c.figure === 'events')).toHaveLength(36);
    expect(cells.filter((c) => c.figure === 'women')).toHaveLength(24);
  });
});

describe('chart geometry', () => {
  it('scales linearly from zero and never past the drawing', () => {
    expect(scaleLength(5, 10, 190)).toBe(95);
    expect(scaleLength(0, 10, 190)).toBe(0);
    expect(scaleLength(3, 0, 190)).toBe(0);
    expect(scaleLength(20, 10, 190)).toBe(190);
  });

  it('draws bars on one scale with their words beside them, and a fixed maximum when given', () => {
    const chart = barChart([
      { label: 'La Paz', bars: [{ value: 4, text: '4 unidades', tone: 'main' }] },
      { label: 'Oruro', bars: [{ value: 2, text: '2 unidades', tone: 'main' }], note: 'nota' },
    ]);
    const [first, second] = chart.rows;
    expect(first!.bars[0]!.width).toBe(190);
    expect(second!.bars[0]!.width).toBe(95);
    expect(second!.bars[0]!.text).toMatchObject({ x: 99, text: '2 unidades' });
    expect(second!.bars[0]!.y).toBeGreaterThan(first!.bars[0]!.y);
    expect(second!.note!.text).toBe('nota');
    expect(chart.height).toBeGreaterThan(second!.note!.y);
    expect(barChart([{ label: 'x', bars: [{ value: 50, text: '50 %', tone: 'main' }] }], 100).rows[0]!.bars[0]!.width).toBe(95);
  });

  it('draws monthly panels on one shared scale with the months once, under the last', () => {
    const chart = monthChart(
      [
        { title: 'Emitidos', tone: 'main', values: [0, 4] },
        { title: 'Revocados', tone: 'fourth', values: [2, 0] },
      ],
      [['ene', '2026'], ['feb']],
    );
    const [issued, revoked] = chart.panels;
    expect(issued!.columns[1]!.height).toBe(56);
    expect(revoked!.columns[0]!.height).toBe(28);
    expect(issued!.columns[0]!.height).toBe(0);
    expect(revoked!.title.y).toBeGreaterThan(issued!.baseline);
    expect(chart.months.map((m) => m.x)).toEqual([80, 240]);
    expect(chart.months[0]!.y).toBeGreaterThan(revoked!.baseline);
    expect(chart.height).toBeGreaterThan(chart.months[0]!.y);
  });
});
