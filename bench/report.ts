/** The benchmark's arithmetic and its table for people: pure functions, tested in test/unit/bench-report.test.ts. */

/** One autocannon run against one endpoint. */
export type Round = {
  requestsPerSecond: number;
  /** Latencies in milliseconds. */
  p50: number;
  p99: number;
  /** Highest resident memory of the server process seen during the run, in bytes (null if it could not be read). */
  rssMaxBytes: number | null;
  /** Answers that were not 2xx, and connection errors or timeouts: any of them spoils the measurement. */
  non2xx: number;
  errors: number;
  /** Answers received: with none, the latencies say nothing. */
  completed: number;
};

/** Every round of one measurement, and the baseline measurement its ratio is taken against. */
export type Measurement = { label: string; rounds: Round[]; baseline?: string };

export type Summary = {
  label: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  rssMaxBytes: number | null;
  /** Requests per second divided by the baseline's; null without a baseline. */
  ratio: number | null;
  /** Whether other measurements are divided by this one. */
  isBaseline: boolean;
  failures: number;
};

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The median of the rounds for rates and latencies (one disturbed round does not move it), the maximum for memory. */
export function summarize(measurements: Measurement[]): Summary[] {
  const byLabel = new Map(measurements.map((m) => [m.label, m]));
  const rate = (m: Measurement) => median(m.rounds.map((r) => r.requestsPerSecond));
  const baselines = new Set(measurements.map((m) => m.baseline));
  // Rounds in which nothing came back have no latency to count.
  const latency = (m: Measurement, pick: (r: Round) => number) => median(m.rounds.filter((r) => r.completed > 0).map(pick));
  return measurements.map((m) => {
    const rss = m.rounds.map((r) => r.rssMaxBytes).filter((v): v is number => v !== null);
    const base = m.baseline ? byLabel.get(m.baseline) : undefined;
    if (m.baseline && !base) throw new Error(`No hay medición base «${m.baseline}» para «${m.label}»`);
    return {
      label: m.label,
      requestsPerSecond: rate(m),
      p50: latency(m, (r) => r.p50),
      p99: latency(m, (r) => r.p99),
      rssMaxBytes: rss.length > 0 ? Math.max(...rss) : null,
      ratio: base ? rate(m) / rate(base) : null,
      isBaseline: baselines.has(m.label),
      failures: m.rounds.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
    };
  });
}

const integer = new Intl.NumberFormat('es', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('es', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('es', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const twoDigits = new Intl.NumberFormat('es', { maximumSignificantDigits: 2 });
/** Two decimals, or two significant digits for ratios so small that two decimals would read 0,00. */
const ratioText = (ratio: number) => (ratio >= 0.1 ? twoDecimals.format(ratio) : twoDigits.format(ratio));

const HEADERS = ['medición', 'peticiones/s', 'p50 ms', 'p99 ms', 'RSS máx. MiB', 'razón frente a la base', 'fallos'] as const;

/** A plain-text table, numbers right-aligned, in Spanish number format. */
export function formatTable(rows: Summary[]): string {
  const cells = rows.map((r) => [
    r.label,
    integer.format(r.requestsPerSecond),
    Number.isNaN(r.p50) ? '—' : oneDecimal.format(r.p50),
    Number.isNaN(r.p99) ? '—' : oneDecimal.format(r.p99),
    r.rssMaxBytes === null ? '—' : integer.format(r.rssMaxBytes / 1_048_576),
    r.ratio !== null ? ratioText(r.ratio) : r.isBaseline ? 'base' : '—',
    integer.format(r.failures),
  ]);
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (values: readonly string[]) =>
    values
      .map((v, i) => (i === 0 ? v.padEnd(widths[i]!) : v.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(HEADERS), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/** VmRSS of a process in bytes, from the text of /proc/<pid>/status; null when absent. */
export function parseVmRss(status: string): number | null {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  return match ? Number(match[1]) * 1024 : null;
}

/** CPU time (user + system) of a process in clock ticks, from the text of /proc/<pid>/stat. */
export function parseCpuTicks(stat: string): number {
  // Fields after the command name (which may hold spaces), from the third: utime is the 14th, stime the 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}
