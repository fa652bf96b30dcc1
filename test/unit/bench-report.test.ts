import { describe, expect, it } from 'vitest';
import { formatTable, median, parseCpuTicks, parseVmRss, summarize, type Round } from '../../bench/report.js';

const round = (requestsPerSecond: number, extra: Partial<Round> = {}): Round => ({
  requestsPerSecond,
  p50: 2,
  p99: 10,
  rssMaxBytes: 100 * 1_048_576,
  non2xx: 0,
  errors: 0,
  completed: requestsPerSecond * 10,
  ...extra,
});

describe('benchmark report', () => {
  it('takes the median of the rounds', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('divides each measurement by its baseline and keeps the highest memory', () => {
    const [base, sello] = summarize([
      { label: 'base', rounds: [round(1000), round(1200), round(900)] },
      { label: 'sello', baseline: 'base', rounds: [round(300, { rssMaxBytes: 300 * 1_048_576 }), round(250), round(200)] },
    ]);
    expect(base).toMatchObject({ requestsPerSecond: 1000, ratio: null, isBaseline: true });
    expect(sello).toMatchObject({ requestsPerSecond: 250, ratio: 0.25, isBaseline: false, rssMaxBytes: 300 * 1_048_576 });
  });

  it('counts failures and leaves out the latency of rounds where nothing came back', () => {
    const [row] = summarize([
      { label: 'lento', rounds: [round(0, { completed: 0, p50: 0, p99: 0, errors: 4 }), round(1, { p50: 800, p99: 900, non2xx: 1 })] },
    ]);
    expect(row).toMatchObject({ p50: 800, p99: 900, failures: 5 });
    const [none] = summarize([{ label: 'nada', rounds: [round(0, { completed: 0 })] }]);
    expect(formatTable([none!])).toMatch(/nada\s+0\s+—\s+—\s+100\s+—\s+0$/m);
  });

  it('refuses a baseline that was not measured', () => {
    expect(() => summarize([{ label: 'sello', baseline: 'base', rounds: [round(1)] }])).toThrow(/base/);
  });

  it('prints a Spanish table with aligned columns', () => {
    const table = formatTable(
      summarize([
        { label: 'base · JSON', rounds: [round(12_345.6, { p50: 3.25, p99: 12 })] },
        { label: 'Sello · /c JSON', baseline: 'base · JSON', rounds: [round(4_321, { p50: 11.5, p99: 40.04 })] },
      ]),
    );
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^medición\s+peticiones\/s\s+p50 ms\s+p99 ms\s+RSS máx\. MiB\s+razón frente a la base\s+fallos$/);
    expect(lines[2]).toMatch(/^base · JSON\s+12\.346\s+3,3\s+12,0\s+100\s+base\s+0$/);
    expect(lines[3]).toMatch(/^Sello · \/c JSON\s+4321\s+11,5\s+40,0\s+100\s+0,35\s+0$/);
    const small = formatTable(
      summarize([
        { label: 'b', rounds: [round(1500)] },
        { label: 'r', baseline: 'b', rounds: [round(5)] },
      ]),
    );
    expect(small).toMatch(/^r\s+5\s.*\s0,0033\s+0$/m);
    // Right-aligned: every row ends at the same column.
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
  });

  it('reads memory and CPU time from /proc', () => {
    expect(parseVmRss('Name:\tnode\nVmPeak:\t 9 kB\nVmRSS:\t  204800 kB\nVmData:\t 1 kB\n')).toBe(204_800 * 1024);
    expect(parseVmRss('Name:\tkthreadd\n')).toBeNull();
    const stat = '1234 (node (x) y) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 37 0 0 20 0 11 0 5 1 2';
    expect(parseCpuTicks(stat)).toBe(287);
  });
});
