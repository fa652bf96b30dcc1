/**
 * What the public registry filters and sorts on, stored so that a page is one indexed query:
 * each certificate's public status after its last event (time's events included) and the
 * instant time would next change it (`due_at`, which the sweep selects on), plus its folded
 * search text (the columns of `certificates` and the trigram table `registry_search`, whose
 * rowid is the certificate's issuance event). Written in the caller's transaction: by every
 * certificate event, and by edits of the organisation or production unit it names.
 */
import type { Db } from '../../db/client.js';
import { nextChangeAt } from '../../domain/certificate-due.js';
import { effectiveStatus, stateOfRow, type Condition, type StoredStatus, type SuspensionLimit } from '../../domain/certificate-state.js';
import { fold } from '../../domain/text.js';

type StateRow = {
  id: string;
  scheme: string;
  criteriaVersion: string;
  status: StoredStatus;
  statusSince: string;
  statusReason: string | null;
  expiresOn: string;
  lastAt: string | null;
};
type SearchRow = {
  id: string;
  code: string;
  products: string;
  orgName: string;
  producerName: string;
  consent: number;
  municipality: string;
  issuedSeq: number | null;
};
type ConditionRow = Condition & { certificateId: string };

const STATE = `SELECT c.id, c.scheme, c.criteria_version AS criteriaVersion, c.status, c.status_since AS statusSince, c.status_reason AS statusReason, c.expires_on AS expiresOn,
   (SELECT e.at FROM certificate_events e WHERE e.certificate_id = c.id ORDER BY e.seq DESC LIMIT 1) AS lastAt
   FROM certificates c`;
const SEARCH = `SELECT c.id, c.code, c.products, o.name AS orgName, p.name AS producerName, p.public_name_consent AS consent,
   p.municipality, (SELECT e.seq FROM certificate_events e WHERE e.certificate_id = c.id AND e.event = 'issued') AS issuedSeq
   FROM certificates c JOIN organizations o ON o.id = c.organization_id JOIN producers p ON p.id = c.producer_id`;
// Same order as the verification's reading of conditions, so that reasons read the same.
const CONDITIONS = `SELECT cc.certificate_id AS certificateId, cc.id, cc.deadline, cc.description, ca.closed_at AS closedAt
   FROM certificate_conditions cc JOIN corrective_actions ca ON ca.id = cc.corrective_action_id`;

/** Separates a certificate's products in its search text: nobody types it, so no match spans two products. */
export const PRODUCT_SEPARATOR = '\u0001';

function statements(db: Db) {
  const sql = db.$client;
  return {
    state: sql.prepare<[string], StateRow>(`${STATE} WHERE c.id = ?`),
    unindexedStates: sql.prepare<[], StateRow>(`${STATE} WHERE c.public_status IS NULL`),
    conditions: sql.prepare<[string], ConditionRow>(`${CONDITIONS} WHERE cc.certificate_id = ?`),
    allConditions: sql.prepare<[], ConditionRow>(CONDITIONS),
    setState: sql.prepare<[string, string, string | null, string | null, string]>(
      'UPDATE certificates SET public_status = ?, public_since = ?, public_reason = ?, due_at = ? WHERE id = ?',
    ),
    searchById: sql.prepare<[string], SearchRow>(`${SEARCH} WHERE c.id = ?`),
    searchByOrganization: sql.prepare<[string], SearchRow>(`${SEARCH} WHERE c.organization_id = ?`),
    searchByProducer: sql.prepare<[string], SearchRow>(`${SEARCH} WHERE c.producer_id = ?`),
    unindexedSearch: sql.prepare<[], SearchRow>(`${SEARCH} WHERE c.org_name IS NULL`),
    setSearch: sql.prepare<[string, string, string, string]>(
      'UPDATE certificates SET org_name = ?, municipality_key = ?, products_key = ? WHERE id = ?',
    ),
    deleteText: sql.prepare<[number]>('DELETE FROM registry_search WHERE rowid = ?'),
    insertText: sql.prepare<[number, string, string, string, string, string, string, string]>(
      `INSERT INTO registry_search (rowid, certificate_id, org, producer, code, code_compact, municipality, products)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };
}

const cache = new WeakMap<Db, ReturnType<typeof statements>>();
const prepared = (db: Db) => {
  let s = cache.get(db);
  if (!s) cache.set(db, (s = statements(db)));
  return s;
};

function writeState(db: Db, row: StateRow, conditions: Condition[], at: Date, suspensionLimit: SuspensionLimit | null): void {
  const state = stateOfRow(row, conditions, suspensionLimit);
  const status = effectiveStatus(state, at);
  const due = nextChangeAt(state, at);
  prepared(db).setState.run(status.status, status.since, status.reason, due?.toISOString() ?? null, row.id);
}

function writeSearch(db: Db, row: SearchRow): void {
  const s = prepared(db);
  const products = (JSON.parse(row.products) as string[]).map(fold);
  s.setSearch.run(row.orgName, fold(row.municipality), JSON.stringify(products), row.id);
  if (row.issuedSeq === null) return;
  s.deleteText.run(row.issuedSeq);
  const code = fold(row.code);
  s.insertText.run(
    row.issuedSeq,
    row.id,
    fold(row.orgName),
    row.consent === 1 ? fold(row.producerName) : '',
    code,
    code.replace(/-/g, ''),
    fold(row.municipality),
    products.join(PRODUCT_SEPARATOR),
  );
}

/**
 * The public status of the certificate as of `at` (an instant no earlier than its last event,
 * with every time event up to `at` recorded) and when time would next change it. A suspended
 * certificate needs its `suspensionLimit`, so that the sweep finds it when the limit ends.
 */
export function refreshPublicStatus(db: Db, certificateId: string, at: Date, suspensionLimit: SuspensionLimit | null): void {
  const s = prepared(db);
  const row = s.state.get(certificateId);
  if (row) writeState(db, row, s.conditions.all(certificateId), at, suspensionLimit);
}

/** Rewrites the search data of the certificates of a certificate, an organisation or a production unit. */
export function refreshRegistrySearch(db: Db, of: { certificateId: string } | { organizationId: string } | { producerId: string }): void {
  const s = prepared(db);
  const rows =
    'certificateId' in of
      ? s.searchById.all(of.certificateId)
      : 'organizationId' in of
        ? s.searchByOrganization.all(of.organizationId)
        : s.searchByProducer.all(of.producerId);
  for (const row of rows) writeSearch(db, row);
}

/**
 * Fills what certificates written before this index (or by bulk writes) lack; idempotent, run
 * at start. The status is taken as of each certificate's last event, so the sweep then records
 * whatever time did since.
 */
export function backfillRegistryIndex(
  db: Db,
  limitOf: (scheme: string, criteriaVersion: string) => SuspensionLimit | null,
): { statuses: number; searches: number } {
  const s = prepared(db);
  return db.$client
    .transaction(() => {
      const states = s.unindexedStates.all();
      if (states.length > 0) {
        const conditions = new Map<string, Condition[]>();
        for (const { certificateId, ...c } of s.allConditions.all()) {
          const list = conditions.get(certificateId);
          if (list) list.push(c);
          else conditions.set(certificateId, [c]);
        }
        for (const row of states) {
          const limit = limitOf(row.scheme, row.criteriaVersion);
          writeState(db, row, conditions.get(row.id) ?? [], new Date(row.lastAt ?? row.statusSince), limit);
        }
      }
      const searches = s.unindexedSearch.all();
      for (const row of searches) writeSearch(db, row);
      return { statuses: states.length, searches: searches.length };
    })
    .immediate();
}
