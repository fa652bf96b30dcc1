/**
 * Which methods each path of the app answers, read from the routes as they are added, so that
 * a request with a method its path lacks answers 405 with `Allow` instead of 404.
 */

/** A route's path as a regular expression: `:name` matches one segment, `*` the rest. */
function pathRegExp(url: string): RegExp {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let source = '';
  let last = 0;
  for (const match of url.matchAll(/:\w+(\([^)]*\))?|\*/g)) {
    source += escape(url.slice(last, match.index)) + (match[0] === '*' ? '.*' : '[^/]+');
    last = match.index + match[0].length;
  }
  return new RegExp(`^${source}${escape(url.slice(last))}$`);
}

export function createRouteMethods() {
  const routes: { pattern: RegExp; methods: Set<string> }[] = [];
  const byUrl = new Map<string, Set<string>>();
  return {
    add(method: string | string[], url: string): void {
      let methods = byUrl.get(url);
      if (!methods) {
        methods = new Set();
        byUrl.set(url, methods);
        routes.push({ pattern: pathRegExp(url), methods });
      }
      for (const m of [method].flat()) methods.add(m.toUpperCase());
      // Fastify answers HEAD wherever it answers GET.
      if (methods.has('GET')) methods.add('HEAD');
    },
    /** The methods some route answers on `path` (sorted; empty when no route has that path). */
    allowedFor(path: string): string[] {
      const allowed = new Set<string>();
      for (const route of routes) if (route.pattern.test(path)) for (const m of route.methods) allowed.add(m);
      return [...allowed].sort();
    },
  };
}
