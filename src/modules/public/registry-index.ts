/**
 * What the public registry filters and sorts on, stored so that a page is one indexed query:
 * each certificate's public status after its last event (time's events included) and the
 * instant time would next change it (`due_at`, which the sweep selects on), plus its folded
 * search text (the columns of `certificates` and the trigram table `registry_search`, whose
 * rowid is the certificate's issuance event). Written in the caller's transaction: by every
 * certificate event, and by edits of the organisation or production unit it names. A group
 * certificate (no producer) is found by its organisation's municipality and by its certified
 * members: their municipalities and, with their consent, their names; its search text is
 * rewritten with every event of the certificate, since membership changes by events.
 */
import type { Db } from '../../db/client.js';
import { nextChangeAt } from '../../domain/certificate-due.js';
import { effectiveStatus, stateOfRow, type Condition, type StoredStatus, type SuspensionLimit } from '../../domain/certificate-state.js';
import { fold } from '../../domain/text.js';

type StateRow = {
  id: string;
  scope: 'unit' | 'group';
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
  scope: 'unit' | 'group';
  products: string;
  orgName: string;
  orgMunicipality: string;
  /** Null for a group certificate. */
  producerName: string | null;
  consent: number | null;
  municipality: string | null;
  issuedSeq: number | null;
};
type MemberRow = { name: string; consent: number; municipality: string };
type ConditionRow = Condition & { certificateId: string };

const STATE = `SELECT c.id, c.scope, c.scheme, c.criteria_version AS criteriaVersion, c.status, c.status_since AS statusSince, c.status_reason AS statusReason, c.expires_on AS expiresOn,
   (SELECT e.at FROM certificate_events e WHERE e.certificate_id = c.id ORDER BY e.seq DESC LIMIT 1) AS lastAt
   FROM certificates c`;
const SEARCH = `SELECT c.id, c.code, c.scope, c.products, o.name AS orgName, o.municipality AS orgMunicipality,
   p.name AS producerName, p.public_name_consent AS consent, p.municipality,
   (SELECT e.seq FROM certificate_events e WHERE e.certificate_id = c.id AND e.event = 'issued') AS issuedSeq
   FROM certificates c JOIN organizations o ON o.id = c.organization_id LEFT JOIN producers p ON p.id = c.producer_id`;
/**
 * The certified members of a group certificate, read from its member events (added, not excluded): the
 * search text is rewritten within the event's own transaction, whether or not the member row was written yet.
 */
const ACTIVE_MEMBERS = `SELECT p.name, p.public_name_consent AS consent, p.municipality FROM certificate_events e
   JOIN producers p ON p.id = e.producer_id
   WHERE e.certificate_id = ? AND e.event = 'member_added'
     AND NOT EXISTS (SELECT 1 FROM certificate_events x WHERE x.certificate_id = e.certificate_id AND x.producer_id = e.producer_id AND x.event = 'member_excluded')
   ORDER BY e.seq`;
// Same order as the verification's reading of conditions, so that reasons read the same.
const CONDITIONS = `SELECT cc.certificate_id AS certificateId, cc.id, cc.deadline, cc.description, ca.closed_at AS closedAt
   FROM certificate_conditions cc JOIN corrective_actions ca ON ca.id = cc.corrective_action_id`;

/** Separates a certificate's products (and a group's names and places) in its search text: nobody types it, so no match spans two products. */
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
    // A production unit is named by its own certificates and by the group certificates it is a member of.
    searchByProducer: sql.prepare<[string, string], SearchRow>(
      `${SEARCH} WHERE c.producer_id = ? OR c.id IN (SELECT certificate_id FROM certificate_members WHERE producer_id = ?)`,
    ),
    activeMembers: sql.prepare<[string], MemberRow>(ACTIVE_MEMBERS),
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

/**
 * Who a certificate's search text names: its production unit (by name only with consent) or, for a
 * group, its certified members; and where: the unit's municipality, or the organisation's and its members'.
 */
function holderText(db: Db, row: SearchRow): { municipality: string; names: string[]; places: string[] } {
  if (row.scope !== 'group') {
    const municipality = row.municipality ?? row.orgMunicipality;
    return { municipality, names: row.consent === 1 && row.producerName ? [row.producerName] : [], places: [municipality] };
  }
  const members = prepared(db).activeMembers.all(row.id);
  return {
    municipality: row.orgMunicipality,
    names: members.flatMap((m) => (m.consent === 1 ? [m.name] : [])),
    places: [row.orgMunicipality, ...members.map((m) => m.municipality)],
  };
}

function writeSearch(db: Db, row: SearchRow): void {
  const s = prepared(db);
  const products = (JSON.parse(row.products) as string[]).map(fold);
  const holder = holderText(db, row);
  s.setSearch.run(row.orgName, fold(holder.municipality), JSON.stringify(products), row.id);
  if (row.issuedSeq === null) return;
  s.deleteText.run(row.issuedSeq);
  const code = fold(row.code);
  // Several names or places are kept apart like products, so that no match spans two of them.
  s.insertText.run(
    row.issuedSeq,
    row.id,
    fold(row.orgName),
    holder.names.map(fold).join(PRODUCT_SEPARATOR),
    code,
    code.replace(/-/g, ''),
    [...new Set(holder.places.map(fold))].join(PRODUCT_SEPARATOR),
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
  if (!row) return;
  writeState(db, row, s.conditions.all(certificateId), at, suspensionLimit);
  // A group's members change by its events (added, excluded): what finds it changes with them.
  if (row.scope === 'group') for (const search of s.searchById.all(certificateId)) writeSearch(db, search);
}

/** Rewrites the search data of the certificates of a certificate, an organisation or a production unit. */
export function refreshRegistrySearch(db: Db, of: { certificateId: string } | { organizationId: string } | { producerId: string }): void {
  const s = prepared(db);
  const rows =
    'certificateId' in of
      ? s.searchById.all(of.certificateId)
      : 'organizationId' in of
        ? s.searchByOrganization.all(of.organizationId)
        : s.searchByProducer.all(of.producerId, of.producerId);
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
