/**
 * The public registry's reads: one query a page on what registry-index.ts stores (public
 * status, folded search text), with the same filters counted for the total. A page of
 * certificates (the open data) or a page of organisations with their matching certificates
 * (the page): both read the same WHERE clause, so they find the same things.
 */
import type { Db } from '../../db/client.js';
import { parseDepartment } from '../../domain/bolivia.js';
import type { EffectiveStatus } from '../../domain/certificate-state.js';
import { fold } from '../../domain/text.js';
import { PUBLIC_HOLDER_COLUMNS, type PublicCertificateFields } from './public-certificate.js';

/** A registry entry as stored: the certificate, its public status and who holds it. */
export type RegistryRow = PublicCertificateFields & {
  publicStatus: EffectiveStatus;
  publicSince: string;
  publicReason: string | null;
};

/** A certificate of a page of organisations: also the organisation's kind and who it certifies. */
export type RegistryGroupRow = RegistryRow & {
  orgKind: string;
  /** The unit a unit certificate certifies, to count a unit once across its certificates; never published. */
  producerId: string | null;
  /**
   * A group certificate's certified members, as a JSON array of [producer id, name or null]: the
   * name only with its consent, the id (never published) to count a unit once. Null for a unit's.
   */
  memberList: string | null;
};

export type RegistryFilter = {
  q?: string | undefined;
  product?: string | undefined;
  /** A department code (or what was typed, which then matches nothing). */
  department?: string | undefined;
  /** Exact, ignoring case and accents: the production unit's municipality (a group's: its organisation's). */
  municipality?: string | undefined;
  sector?: string | undefined;
  status?: EffectiveStatus | undefined;
  /** One organisation, by its exact name. */
  organization?: string | undefined;
  /** Lost certificates (revoked, expired) show if lost at or after this instant (ISO). */
  lostSince: string;
};

const COLUMNS = `c.code, c.scheme, c.criteria_version AS criteriaVersion, c.criteria_hash AS criteriaHash, c.seal_level AS sealLevel,
  c.products, c.sectors, c.issued_on AS issuedOn, c.expires_on AS expiresOn, c.public_status AS publicStatus,
  c.public_since AS publicSince, c.public_reason AS publicReason, ${PUBLIC_HOLDER_COLUMNS}`;
// A group certificate has no producer: it is one entry, held by its organisation.
const FROM = `FROM certificates c JOIN organizations o ON o.id = c.organization_id LEFT JOIN producers p ON p.id = c.producer_id`;
const ORDER = 'ORDER BY c.org_name, c.issued_on DESC, c.code';

/** The trigram index finds substrings of three characters or more; shorter ones are looked for row by row. */
const TRIGRAM = 3;
const phrase = (text: string) => `"${text.replace(/"/g, '""')}"`;
const SEARCH_COLUMNS = ['org', 'producer', 'code', 'municipality', 'products'] as const;
/** In a department: the production unit's, or for a group certificate (no unit) the organisation's. */
const IN_DEPARTMENT =
  '(c.producer_id IN (SELECT id FROM producers WHERE department = ?) OR c.organization_id IN (SELECT id FROM organizations WHERE department = ?))';
/** A group certificate's certified members (see RegistryGroupRow.memberList). */
const MEMBER_LIST = `CASE WHEN c.scope = 'group' THEN (SELECT json_group_array(json_array(m.producer_id, CASE WHEN mp.public_name_consent = 1 THEN mp.name END))
  FROM certificate_members m JOIN producers mp ON mp.id = m.producer_id WHERE m.certificate_id = c.id AND m.status = 'active') END`;

/**
 * What the main box finds: a part of the folded search text (organisation, consenting unit, code with
 * or without dashes, municipality, product) or, when it names one of the nine departments as people
 * write it («la paz», «Potosi»), every certificate in that department.
 */
function textClause(text: string): { sql: string; params: string[] } {
  const q = fold(text);
  const compact = q.replace(/[-\s.]/g, '');
  let found: { sql: string; params: string[] };
  if ([...q].length >= TRIGRAM && (compact === '' || [...compact].length >= TRIGRAM)) {
    const match = compact ? `${phrase(q)} OR code_compact : ${phrase(compact)}` : phrase(q);
    found = { sql: 'c.id IN (SELECT certificate_id FROM registry_search WHERE registry_search MATCH ?)', params: [match] };
  } else {
    const any = SEARCH_COLUMNS.map((col) => `instr(${col}, ?) > 0`);
    found = {
      sql: `c.id IN (SELECT certificate_id FROM registry_search WHERE ${any.join(' OR ')}${compact ? ' OR instr(code_compact, ?) > 0' : ''})`,
      params: [...SEARCH_COLUMNS.map(() => q), ...(compact ? [compact] : [])],
    };
  }
  const department = parseDepartment(text);
  return department ? { sql: `(${found.sql} OR ${IN_DEPARTMENT})`, params: [...found.params, department, department] } : found;
}

/** The WHERE clause on `certificates c` alone (no join: pages skip and count without reading who holds them), and its parameters. */
function where(filter: RegistryFilter): { sql: string; params: (string | number)[] } {
  const parts = ["(c.public_status IN ('active', 'suspended') OR c.public_since >= ?)"];
  const params: (string | number)[] = [filter.lostSince];
  if (filter.q) {
    const text = textClause(filter.q);
    parts.push(text.sql);
    params.push(...text.params);
  }
  if (filter.product) {
    parts.push('EXISTS (SELECT 1 FROM json_each(c.products_key) WHERE instr(value, ?) > 0)');
    params.push(fold(filter.product));
  }
  if (filter.department) {
    parts.push(IN_DEPARTMENT);
    params.push(filter.department, filter.department);
  }
  if (filter.municipality) {
    parts.push('c.municipality_key = ?');
    params.push(fold(filter.municipality));
  }
  if (filter.sector) {
    parts.push('EXISTS (SELECT 1 FROM json_each(c.sectors) WHERE value = ?)');
    params.push(filter.sector);
  }
  if (filter.status) {
    parts.push('c.public_status = ?');
    params.push(filter.status);
  }
  if (filter.organization) {
    parts.push('c.org_name = ?');
    params.push(filter.organization);
  }
  return { sql: `WHERE ${parts.join(' AND ')}`, params };
}

/**
 * Told which index gives the order: with the five-year horizon as a parameter the planner may otherwise
 * pick the status index and sort every visible certificate for one page. A search (`q`) narrows through
 * the trigram index first, and then the few matches are sorted.
 */
const orderHint = (filter: RegistryFilter) =>
  filter.q ? '' : filter.municipality ? 'INDEXED BY certificates_registry_municipality' : 'INDEXED BY certificates_registry_order';

export function createRegistryRepository(db: Db) {
  const sql = db.$client;
  const statements = new Map<string, ReturnType<typeof sql.prepare<unknown[]>>>();
  const prepare = (text: string) => {
    let s = statements.get(text);
    if (!s) statements.set(text, (s = sql.prepare<unknown[]>(text)));
    return s;
  };
  const version = sql.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM audit_log');

  return {
    /** A page of entries, in the registry's order. */
    page(filter: RegistryFilter, limit: number, offset: number): RegistryRow[] {
      const w = where(filter);
      // CROSS JOIN keeps the picked page as the outer loop (SQLite does not reorder it).
      const picked = `SELECT c.id FROM certificates c ${orderHint(filter)} ${w.sql} ${ORDER} LIMIT ? OFFSET ?`;
      return prepare(
        `SELECT ${COLUMNS} FROM (${picked}) AS picked ${FROM.replace('FROM certificates c', 'CROSS JOIN certificates c ON c.id = picked.id')} ${ORDER}`,
      ).all(...w.params, limit, offset) as RegistryRow[];
    },
    count(filter: RegistryFilter): number {
      const w = where(filter);
      return (prepare(`SELECT count(*) AS n FROM certificates c ${w.sql}`).get(...w.params) as { n: number }).n;
    },
    /**
     * A page of organisations (in the registry's order) with their certificates that meet the filters, in
     * one query: the organisations are picked by grouping the matching certificates on the organisation's
     * name (unique, and the first column of the order indexes), then their certificates read through that index.
     */
    organizationPage(filter: RegistryFilter, limit: number, offset: number): RegistryGroupRow[] {
      const w = where(filter);
      const picked = `SELECT c.org_name AS name FROM certificates c ${orderHint(filter)} ${w.sql} GROUP BY c.org_name ORDER BY c.org_name LIMIT ? OFFSET ?`;
      return prepare(
        `WITH picked AS (${picked})
         SELECT ${COLUMNS}, o.kind AS orgKind, c.producer_id AS producerId, ${MEMBER_LIST} AS memberList
         FROM picked ${FROM.replace('FROM certificates c', 'CROSS JOIN certificates c INDEXED BY certificates_registry_order ON c.org_name = picked.name')} ${w.sql} ${ORDER}`,
      ).all(...w.params, limit, offset, ...w.params) as RegistryGroupRow[];
    },
    organizationCount(filter: RegistryFilter): number {
      const w = where(filter);
      return (prepare(`SELECT count(DISTINCT c.org_name) AS n FROM certificates c ${w.sql}`).get(...w.params) as { n: number }).n;
    },
    /** Every entry, in order, one row at a time. */
    *each(filter: RegistryFilter): Generator<RegistryRow> {
      const w = where(filter);
      yield* prepare(`SELECT ${COLUMNS} ${FROM} ${w.sql} ${ORDER}`).iterate(...w.params) as IterableIterator<RegistryRow>;
    },
    /**
     * Grows with every audited write: every certificate event and every registry edit is audited
     * in its own transaction, so an unchanged number means unchanged registry data.
     */
    dataVersion: (): number => version.get()?.seq ?? 0,
  };
}
