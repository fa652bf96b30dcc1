/**
 * Signed status statements, produced once and served as the same bytes until replaced (see
 * src/domain/statement-validity.ts). Each is kept with its gzip and brotli forms, made once on
 * first request, and with the pages rendered from it. Bounded in count and bytes, so the memory
 * stays small whatever the number of certificates: a statement pushed out is produced again.
 */
import { Negotiator } from '@fastify/accept-negotiator';
import { LRUCache } from 'lru-cache';
import zlib from 'node:zlib';

export type ContentEncoding = 'br' | 'gzip' | 'identity';

/** One body, with its compressed forms made on first request and kept. */
export type EncodedBody = { identity: Buffer; gzip?: Buffer; br?: Buffer };

/** Own memory for each body: a small Buffer.from() would share (and keep alive) an 8 KiB pool slab. */
function ownBuffer(text: string): Buffer {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  bytes.write(text);
  return bytes;
}

export function encodeBody(text: string): EncodedBody {
  return { identity: ownBuffer(text) };
}

/** The body in `encoding`, compressed once. */
export function bodyIn(body: EncodedBody, encoding: ContentEncoding): Buffer {
  if (encoding === 'identity') return body.identity;
  if (encoding === 'gzip') return (body.gzip ??= zlib.gzipSync(body.identity, { level: 6 }));
  // Quality 5 compresses nearly as well as 11 at a small fraction of the time.
  return (body.br ??= zlib.brotliCompressSync(body.identity, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.identity.length },
  }));
}

// Accept-Encoding comes from clients: its cache of answers is bounded too.
const encodings = new Negotiator<ContentEncoding>({
  supportedValues: ['br', 'gzip', 'identity'],
  cache: new LRUCache<string, string>({ max: 200 }),
});

/** The encoding to answer with, from the request's Accept-Encoding; identity when none is asked for or accepted. */
export function chooseEncoding(acceptEncoding: string | undefined): ContentEncoding {
  return acceptEncoding ? (encodings.negotiate(acceptEncoding) ?? 'identity') : 'identity';
}

export type Statement<Status, Page extends string> = {
  /** The certificate's version key when it was produced. */
  version: string;
  /** Epoch ms from which it is no longer served. */
  nextUpdate: number;
  /** The status it states. */
  status: Status;
  json: EncodedBody;
  /** Pages rendered from it, by locale, on first request. */
  pages: Partial<Record<Page, EncodedBody>>;
};

/** A body and room for its compressed forms (counted before they exist, so the bound holds without recounting). */
const bodySize = (b: EncodedBody) => 2 * b.identity.length;
/** Rough bookkeeping bytes of an entry beyond its bodies (the parsed content, keys, the map). */
const ENTRY_OVERHEAD = 2048;

export type StatementCacheOptions = { maxEntries: number; maxBytes: number };

export const DEFAULT_STATEMENT_CACHE: StatementCacheOptions = { maxEntries: 5_000, maxBytes: 16 * 1024 * 1024 };

export function createStatementCache<Status, Page extends string>({ maxEntries, maxBytes }: StatementCacheOptions) {
  const cache = new LRUCache<string, Statement<Status, Page>>({
    max: maxEntries,
    maxSize: maxBytes,
    sizeCalculation: (s) =>
      ENTRY_OVERHEAD + bodySize(s.json) + Object.values<EncodedBody | undefined>(s.pages).reduce((n, b) => n + (b ? bodySize(b) : 0), 0),
  });
  return {
    /** The statement of `code` if it is still current for `version` at `nowMs`. */
    current(code: string, version: string, nowMs: number): Statement<Status, Page> | undefined {
      const s = cache.get(code);
      return s && s.version === version && nowMs < s.nextUpdate ? s : undefined;
    },
    put(code: string, statement: Statement<Status, Page>): void {
      cache.set(code, statement);
    },
    drop(code: string): void {
      cache.delete(code);
    },
    /** The page of the statement in `page`, rendered once; the cache counts its bytes. */
    page(code: string, statement: Statement<Status, Page>, page: Page, render: () => string): EncodedBody {
      const known = statement.pages[page];
      if (known) return known;
      const body = encodeBody(render());
      statement.pages[page] = body;
      // Stored again so that its size is counted again, unless it was replaced meanwhile.
      if (cache.peek(code) === statement) cache.set(code, statement);
      return body;
    },
    get size() {
      return cache.size;
    },
  };
}
