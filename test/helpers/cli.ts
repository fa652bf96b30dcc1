/** Runs `sello` in-process, as its CLI would, and collects what it printed. */
import { expect } from 'vitest';
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

const VERIFY_COMMANDS = [
  ['log', 'verify'],
  ['audit', 'verify'],
];

/** `sello log verify` and `sello audit verify` both find the data folder's records in order (exit 0, nothing on stderr). */
export async function expectRecordsVerify(dataDir: string): Promise<void> {
  for (const command of VERIFY_COMMANDS) {
    const result = await runSello(command, { dataDir });
    expect(result.err, command.join(' ')).toBe('');
    expect(result.code, command.join(' ')).toBe(0);
  }
}

/** `sello log verify` and `sello audit verify` both fail (exit 1) naming the certificate, and say each fragment. */
export async function expectRecordsRefused(dataDir: string, code: string, ...fragments: string[]): Promise<void> {
  for (const command of VERIFY_COMMANDS) {
    const result = await runSello(command, { dataDir });
    expect(result.code, command.join(' ')).toBe(1);
    expect(result.err, command.join(' ')).toContain(`Certificado ${code}:`);
    for (const fragment of fragments) expect(result.err, command.join(' ')).toContain(fragment);
  }
}
