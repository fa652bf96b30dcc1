/**
 * The geometry of the figures' charts, drawn as inline SVG by templates/web/chart-bars.eta and
 * chart-months.eta: horizontal bars with their label above and their number beside them (readable on a
 * 360 px phone, no colour needed to read them), and small multiples of monthly columns.
 */

/** The drawing's width in SVG units; it is scaled to the page's width. */
export const CHART_WIDTH = 320;
const LABEL_HEIGHT = 18;
const BAR_HEIGHT = 16;
const BAR_GAP = 4;
const ROW_GAP = 10;
/** Room right of the longest bar for its number in words. */
const VALUE_ROOM = 130;

/** Tones with at least 4.5:1 contrast on white, told apart by their words, never by colour alone. */
export const TONES = { main: '#1d3b2a', second: '#0a4f8a', third: '#a34700', fourth: '#b3161b' } as const;
export type Tone = keyof typeof TONES;

/** Length of `value` on a linear scale from 0 to `max` drawn over `length` units (0 when max is 0). */
export function scaleLength(value: number, max: number, length: number): number {
  if (max <= 0 || value <= 0) return 0;
  return Math.round((Math.min(value, max) / max) * length * 10) / 10;
}

export type BarInput = { value: number; text: string; tone: Tone };
export type BarRowInput = { label: string; bars: BarInput[]; note?: string };

export type BarChart = {
  width: number;
  height: number;
  rows: {
    label: { x: number; y: number; text: string };
    bars: { x: number; y: number; width: number; height: number; fill: string; text: { x: number; y: number; text: string } }[];
    note: { x: number; y: number; text: string } | null;
  }[];
};

/** Horizontal bars on one scale from 0 to `max` (the largest value when not given). */
export function barChart(rows: BarRowInput[], max?: number): BarChart {
  const top = max ?? Math.max(0, ...rows.flatMap((r) => r.bars.map((b) => b.value)));
  const length = CHART_WIDTH - VALUE_ROOM;
  let y = 0;
  const drawn = rows.map((row) => {
    const label = { x: 0, y: y + 13, text: row.label };
    y += LABEL_HEIGHT;
    const bars = row.bars.map((bar) => {
      const width = scaleLength(bar.value, top, length);
      const drawnBar = {
        x: 0,
        y,
        width,
        height: BAR_HEIGHT,
        fill: TONES[bar.tone],
        text: { x: width + 4, y: y + 12.5, text: bar.text },
      };
      y += BAR_HEIGHT + BAR_GAP;
      return drawnBar;
    });
    let note = null;
    if (row.note) {
      note = { x: 0, y: y + 11, text: row.note };
      y += LABEL_HEIGHT - 2;
    }
    y += ROW_GAP;
    return { label, bars, note };
  });
  return { width: CHART_WIDTH, height: Math.max(y - ROW_GAP, LABEL_HEIGHT), rows: drawn };
}

const PANEL_TITLE = 16;
const PANEL_BARS = 56;
const VALUE_TEXT = 12;
const MONTH_TEXT = 28;
const PANEL_GAP = 10;

export type MonthPanelInput = { title: string; tone: Tone; values: number[] };
export type MonthChart = {
  width: number;
  height: number;
  panels: {
    title: { x: number; y: number; text: string };
    baseline: number;
    columns: { x: number; y: number; width: number; height: number; fill: string; value: { x: number; y: number; text: string } }[];
  }[];
  months: { x: number; y: number; lines: string[] }[];
};

/**
 * One panel a series, all on the same scale (so their heights compare), the months written once
 * under the last panel: `monthLabels` are one or two short lines each («ene», «2026»).
 */
export function monthChart(panels: MonthPanelInput[], monthLabels: string[][]): MonthChart {
  const count = monthLabels.length;
  const step = CHART_WIDTH / Math.max(count, 1);
  const columnWidth = Math.max(4, Math.round(step * 0.62 * 10) / 10);
  const top = Math.max(0, ...panels.flatMap((p) => p.values));
  let y = 0;
  const drawn = panels.map((panel) => {
    const title = { x: 0, y: y + 12, text: panel.title };
    y += PANEL_TITLE + VALUE_TEXT;
    const baseline = y + PANEL_BARS;
    const columns = panel.values.map((value, i) => {
      const height = scaleLength(value, top, PANEL_BARS);
      const x = Math.round((i * step + (step - columnWidth) / 2) * 10) / 10;
      return {
        x,
        y: baseline - height,
        width: columnWidth,
        height,
        fill: TONES[panel.tone],
        value: { x: x + columnWidth / 2, y: baseline - height - 3, text: String(value) },
      };
    });
    y = baseline + PANEL_GAP;
    return { title, baseline, columns };
  });
  const monthsTop = y - PANEL_GAP + 12;
  const months = monthLabels.map((lines, i) => ({ x: Math.round((i * step + step / 2) * 10) / 10, y: monthsTop, lines }));
  return { width: CHART_WIDTH, height: monthsTop + MONTH_TEXT - 10, panels: drawn, months };
}
