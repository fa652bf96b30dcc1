/** Reading security headers in tests: a CSP as directive → sources, whatever spacing the server used. */
export function cspDirectives(header: string | string[] | number | undefined): Record<string, string> {
  if (typeof header !== 'string') throw new Error(`no Content-Security-Policy header: ${String(header)}`);
  return Object.fromEntries(
    header
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name!, sources.join(' ')]),
  );
}
