/** What CLI commands need from the process, passed in so tests can run them in-process. */
export type CliContext = {
  criteriaDir: string;
  dataDir: string;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Marks the run as failed (exit code 1) without throwing. */
  fail: () => void;
};
