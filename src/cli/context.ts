/** What CLI commands need from the process, passed in so tests can run them in-process. */
export type CliContext = {
  criteriaDir: string;
  dataDir: string;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Everything on standard input (for secrets that must not appear in argv). */
  readStdin: () => Promise<string>;
  /** Marks the run as failed (exit code 1) without throwing. */
  fail: () => void;
};
