/**
 * The public figures (/cifras): counted in SQL (figures-repository.ts), shaped by the domain
 * (src/domain/figures.ts), and kept while the data and the La Paz day are the same.
 */
import { LRUCache } from 'lru-cache';
import type { Db } from '../../db/client.js';
import { lastMonths, shapeFigures, type Figures } from '../../domain/figures.js';
import { laPazDate } from '../../domain/la-paz-day.js';
import { createFiguresRepository } from './figures-repository.js';
import { createRegistryRepository } from './registry-repository.js';
import { encodeBody, type EncodedBody } from './statement-cache.js';

/** Bounds how late a change of status by time alone (an expiry the sweep has not yet recorded) may show. */
const CACHE_TTL_MS = 60_000;

export function createFiguresService({ db, now }: { db: Db; now: () => Date }) {
  const repo = createFiguresRepository(db);
  // Every certificate event and registry edit grows the audit trail in its own transaction:
  // an unchanged dataVersion on the same La Paz day means unchanged figures.
  const { dataVersion } = createRegistryRepository(db);
  const computed = new LRUCache<string, Figures>({ max: 4, ttl: CACHE_TTL_MS });
  const rendered = new LRUCache<string, EncodedBody>({ max: 8, ttl: CACHE_TTL_MS });

  const keyAt = (at: Date) => `${dataVersion()}:${laPazDate(at)}`;
  const figuresAt = (at: Date, key: string): Figures => {
    let figures = computed.get(key);
    if (!figures) computed.set(key, (figures = shapeFigures(repo.counts(lastMonths(at)[0]!), at)));
    return figures;
  };

  return {
    /** The four figures as of now. */
    figures(): Figures {
      const at = now();
      return figuresAt(at, keyAt(at));
    },
    /** The figures rendered by `render` (a page, the CSV), reused under the same rule; `variant` names what else it reads. */
    rendered(variant: string, render: (figures: Figures) => string): EncodedBody {
      const at = now();
      const key = `${keyAt(at)}:${variant}`;
      let body = rendered.get(key);
      if (!body) rendered.set(key, (body = encodeBody(render(figuresAt(at, keyAt(at))))));
      return body;
    },
  };
}
export type FiguresService = ReturnType<typeof createFiguresService>;
