/**
 * The signed list of every public certificate's current status, for checking codes with no signal
 * (after the W3C status lists and the EU digital certificates' revocation lists): one compact JWS over
 * a compact table, produced once and served as the same bytes until a certificate event (every status
 * change is one), another registry edit at most OTHER_EDITS_WAIT_MS later, until time alone would
 * change a status (a due instant) and for at most REBUILD_AFTER_MS, which bounds how far the
 * five-year horizon of lost certificates lags. The status is the stored public status that the
 * registry shows (registry-index.ts): a change that time alone makes reaches the list when the
 * periodic sweep records it, at most a sweep interval late.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.js';
import type { EffectiveStatus } from '../../domain/certificate-state.js';
import type { KeyStore } from '../../signing/key-store.js';
import { createRegistryRepository } from '../public/registry-repository.js';
import { LOST_VISIBLE_YEARS } from '../public/registry-service.js';
import { encodeBody, type EncodedBody } from '../public/statement-cache.js';
import { createStatusListRepository, type StatusListRow } from './status-list-repository.js';

export const STATUS_LIST_JWS_TYPE = 'sello-lista-estados+jws';
export const STATUS_LIST_FORMAT = 'sello-lista-estados/1';
/** Statuses by their number in the list's entries. */
export const STATUS_LIST_STATUSES: readonly EffectiveStatus[] = ['active', 'suspended', 'revoked', 'expired'];
export const STATUS_LIST_COLUMNS = ['code', 'status', 'expiresOn', 'holder', 'products'] as const;
/** The longest a list says it may be used before a new one is fetched (its nextUpdate), when nothing is due sooner. */
export const STATUS_LIST_VALIDITY_MS = 24 * 3_600_000;
/** The longest one signed list is served before it is produced again, even with nothing new. */
const REBUILD_AFTER_MS = 3_600_000;
/**
 * How long other registry edits (a name, a unit's consent to be named) may wait for a new list. Producing
 * it takes seconds on a large registry, so it follows every status change at once but not every write.
 */
const OTHER_EDITS_WAIT_MS = 5 * 60_000;

/** [code, status number, expiry day, holder number, product list number] */
export type StatusListEntry = [string, number, string, number, number];

export type StatusListPayload = {
  format: typeof STATUS_LIST_FORMAT;
  issuer: string;
  producedAt: string;
  nextUpdate: string;
  statuses: readonly EffectiveStatus[];
  columns: typeof STATUS_LIST_COLUMNS;
  /** [organisation, production unit or null]: the unit is named only with its consent; null for a group. */
  holders: [string, string | null][];
  productLists: string[][];
  certificates: StatusListEntry[];
};

export type SignedStatusList = {
  jws: string;
  body: EncodedBody;
  /** A weak entity tag: the same for every encoding of the same list. */
  etag: string;
  producedAt: string;
  nextUpdate: string;
  count: number;
};

/** The compact table: each holder and each list of products written once, entries pointing at them by number. */
export function statusListPayload(
  rows: readonly StatusListRow[],
  meta: { issuer: string; producedAt: Date; nextUpdate: Date },
): StatusListPayload {
  const holders: [string, string | null][] = [];
  const holderIndex = new Map<string, number>();
  const productLists: string[][] = [];
  const productIndex = new Map<string, number>();
  const indexOf = <T>(map: Map<string, number>, table: T[], key: string, value: () => T): number => {
    let index = map.get(key);
    if (index === undefined) {
      index = table.push(value()) - 1;
      map.set(key, index);
    }
    return index;
  };
  const certificates = rows.map((row): StatusListEntry => {
    const holder = indexOf(holderIndex, holders, `${row.organization}\u0000${row.unit ?? '\u0001'}`, () => [row.organization, row.unit]);
    const products = indexOf(productIndex, productLists, row.products, () => JSON.parse(row.products) as string[]);
    return [row.code, STATUS_LIST_STATUSES.indexOf(row.status), row.expiresOn, holder, products];
  });
  // Keys in code point order: with only strings, integers and arrays below them, JSON.stringify writes
  // this object in its canonical form (RFC 8785), which verifyJws checks.
  return {
    certificates,
    columns: STATUS_LIST_COLUMNS,
    format: STATUS_LIST_FORMAT,
    holders,
    issuer: meta.issuer,
    nextUpdate: meta.nextUpdate.toISOString(),
    producedAt: meta.producedAt.toISOString(),
    productLists,
    statuses: STATUS_LIST_STATUSES,
  };
}

export function createStatusListService({
  db,
  keys,
  now,
  publicBaseUrl,
}: {
  db: Db;
  keys: KeyStore;
  now: () => Date;
  publicBaseUrl: string;
}) {
  const repo = createStatusListRepository(db);
  const registry = createRegistryRepository(db);
  const issuer = new URL(publicBaseUrl).host;
  type Version = { status: number; data: number };
  let cached: { version: Version; at: number; until: number; list: SignedStatusList } | undefined;

  function produce(version: Version, at: Date): SignedStatusList {
    const horizon = new Date(at);
    horizon.setUTCFullYear(horizon.getUTCFullYear() - LOST_VISIBLE_YEARS);
    const rows = repo.rows(horizon.toISOString());
    const due = repo.nextDueAfter(at.toISOString());
    const nextUpdate = new Date(Math.min(at.getTime() + STATUS_LIST_VALIDITY_MS, due ? Date.parse(due) : Infinity));
    const payload = statusListPayload(rows, { issuer, producedAt: at, nextUpdate });
    const jws = keys.signCanonicalSync(JSON.stringify(payload), STATUS_LIST_JWS_TYPE);
    const list: SignedStatusList = {
      jws,
      body: encodeBody(jws),
      etag: `W/"${createHash('sha256').update(jws).digest('base64url').slice(0, 32)}"`,
      producedAt: payload.producedAt,
      nextUpdate: payload.nextUpdate,
      count: rows.length,
    };
    cached = { version, at: at.getTime(), until: Math.min(nextUpdate.getTime(), at.getTime() + REBUILD_AFTER_MS), list };
    return list;
  }

  return {
    /** The current signed list: the one already produced while nothing changed, else a new one. */
    current(): SignedStatusList {
      const at = now();
      const version = { status: repo.statusVersion(), data: registry.dataVersion() };
      const fresh =
        cached &&
        cached.version.status === version.status &&
        at.getTime() < cached.until &&
        (cached.version.data === version.data || at.getTime() < cached.at + OTHER_EDITS_WAIT_MS);
      return fresh ? cached!.list : produce(version, at);
    },
  };
}
export type StatusListService = ReturnType<typeof createStatusListService>;
