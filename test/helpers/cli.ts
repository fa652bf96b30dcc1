/** Runs `sello` in-process, as its CLI would, and collects what it printed. */
import { runCli } from '../../src/cli/program.js';
import { REAL_CRITERIA_DIR } from './app.js';

export type CliResult = { code: number; out: string; err: string };

export async function runSello(args: string[], { dataDir, criteriaDir = REAL_CRITERIA_DIR }: { dataDir: string; criteriaDir?: string }) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, {
    criteriaDir,
    dataDir,
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    readStdin: () => Promise.resolve(''),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
