/**
 * Public verification: only allow-listed fields leave. A verification is a
 * signed status statement, produced once and served as the same bytes until an event on the certificate
 * (or a direct change of its row) replaces it, or until its nextUpdate (statement-validity.ts). Before a
 * statement is produced, the certificate row is checked against its own events and their transparency
 * leaves: a row altered outside the application is never vouched for.
 */
import type { Db } from '../../db/client.js';
import { parseCertificateCode } from '../../domain/certificate-code.js';
import { recordSealContent, servedRecordProblems, type EventRecord } from '../../domain/certificate-record.js';
import { effectiveStatus, stateOfRow, type EffectiveStatus } from '../../domain/certificate-state.js';
import { statementNextUpdate } from '../../domain/statement-validity.js';
import type { KeyStore } from '../../signing/key-store.js';
import type { CriteriaCatalog } from '../criteria/criteria-catalog.js';
import { VerificationSchema, type Verification } from './public-schemas.js';
import {
  createStatementCache,
  DEFAULT_STATEMENT_CACHE,
  encodeBody,
  type EncodedBody,
  type Statement,
  type StatementCacheOptions,
} from './statement-cache.js';
import { createPublicCertificateMapper } from './public-certificate.js';
import { createRecordSeals, RECORD_SEAL_PURPOSE } from './record-seals.js';
import { createVerificationRepository, type PublicCertificateRow } from './verification-repository.js';

/** A signed statement with its JSON bytes and the pages rendered from it, by locale. */
export type VerificationStatement = Statement<EffectiveStatus, string>;

export type VerificationResult =
  | { found: true; confirmed: true; code: string; statement: VerificationStatement; status: EffectiveStatus }
  /** The row does not agree with its own history: its status is not shown, let alone signed. */
  | { found: true; confirmed: false; code: string; problems: string[]; checkedAt: string }
  | { found: false; reason: 'unknown' | 'bad_check' | 'malformed'; input: string; checkedAt: string };

export function createVerificationService({
  db,
  catalog,
  keys,
  now,
  publicBaseUrl,
  cache = DEFAULT_STATEMENT_CACHE,
}: {
  db: Db;
  catalog: CriteriaCatalog;
  keys: KeyStore;
  now: () => Date;
  publicBaseUrl: string;
  cache?: StatementCacheOptions;
}) {
  const repo = createVerificationRepository(db);
  const issuer = new URL(publicBaseUrl).host;
  const statements = createStatementCache<EffectiveStatus, string>(cache);
  const seals = createRecordSeals(db, keys.derivedKey(RECORD_SEAL_PURPOSE));

  const publicCertificate = createPublicCertificateMapper(catalog, publicBaseUrl);
  /** The longest suspension under the certificate's criteria: past it the system revokes (see suspension-limit.ts). */
  const limitOf = (row: PublicCertificateRow) => catalog.suspensionLimit(row.scheme, row.criteriaVersion);
  /**
   * The certificate row as verification reads it, and the problems between it and its history: none
   * when its record seal still matches (the full check then already passed), else the full check's.
   */
  function checked(code: string): { row: PublicCertificateRow; events: EventRecord[]; problems: string[] } {
    const row = repo.byCode(code)!;
    const stored = { status: row.status, since: row.statusSince, reason: row.statusReason };
    const record = { ...row, ...stored, products: JSON.parse(row.products) as string[], sectors: JSON.parse(row.sectors) as string[] };
    const events = repo.eventsOf(row.id);
    // A group's member rows are covered too: each must be what its member events left.
    const members = row.scope === 'group' ? repo.memberRowsOf(row.id) : undefined;
    const seal = seals.sealOf(recordSealContent(record, events, members));
    if (seals.holds(row.id, seal)) return { row, events, problems: [] };
    const history = repo.historyOf(row.id);
    const problems = servedRecordProblems(record, history.events, history.issued, limitOf(row), members);
    if (problems.length === 0) seals.remember(row.id, seal);
    return { row, events, problems };
  }

  function produce(code: string, version: string, at: Date): VerificationResult {
    const { row, events, problems } = checked(code);
    if (problems.length > 0) {
      statements.drop(code);
      return { found: true, confirmed: false, code: row.code, problems, checkedAt: at.toISOString() };
    }
    // One state for the status shown and for how long the statement stays valid.
    const state = stateOfRow(row, repo.conditionsOf(row.id), limitOf(row));
    // A group's members, each with its own status, are part of what is signed: an exclusion is an event, so it replaces the statement.
    const members = row.scope === 'group' ? repo.membersOf(row.id) : undefined;
    const certificate = publicCertificate(row, effectiveStatus(state, at), members);
    const nextUpdate = statementNextUpdate(state, at);
    const unsigned = {
      certificate,
      producedAt: at.toISOString(),
      nextUpdate: nextUpdate.toISOString(),
      issuer,
      transparency: { issuanceLogIndex: events.find((e) => e.event === 'issued')!.logIndex, treeSize: repo.treeSize() },
    };
    // Parsed against the public schema: only allow-listed fields are ever stored and served.
    const content = VerificationSchema.parse({ ...unsigned, signature: keys.signSync(unsigned, 'sello-verificacion+jws') });
    const statement: VerificationStatement = {
      version,
      nextUpdate: nextUpdate.getTime(),
      status: certificate.status,
      json: encodeBody(JSON.stringify(content)),
      pages: {},
    };
    statements.put(code, statement);
    return { found: true, confirmed: true, code, statement, status: certificate.status };
  }

  return {
    issuer,
    /** The configured public base URL the verification addresses start with (scheme, host, port, path). */
    publicBaseUrl,

    /**
     * The statement on the certificate with this code: the one already produced while it is current
     * (same version key, before its nextUpdate), else a new one, after checking the row against its history.
     */
    verify(input: string): VerificationResult {
      const parsed = parseCertificateCode(input);
      if (!parsed.ok) return { found: false, reason: parsed.reason, input, checkedAt: now().toISOString() };
      const at = now();
      const version = repo.versionOf(parsed.code);
      if (version === undefined) return { found: false, reason: 'unknown', input, checkedAt: at.toISOString() };
      const cached = statements.current(parsed.code, version, at.getTime());
      if (cached) return { found: true, confirmed: true, code: parsed.code, statement: cached, status: cached.status };
      return produce(parsed.code, version, at);
    },

    /**
     * One step of the periodic record check: writes the seals found since the last step, then checks the
     * certificates after `cursor` (in the order they were written) against their history, as a verification
     * would, until `budgetMs` is spent. Says where to go on from and which certificates do not agree.
     */
    checkRecords(cursor: number, budgetMs: number): { cursor: number; checked: number; failing: { code: string; problems: string[] }[] } {
      const started = performance.now();
      const failing: { code: string; problems: string[] }[] = [];
      let checkedCount = 0;
      let next = cursor;
      for (const c of seals.certificatesAfter(cursor, 500)) {
        const { problems } = checked(c.code);
        if (problems.length > 0) failing.push({ code: c.code, problems });
        checkedCount++;
        next = c.rowid;
        if (performance.now() - started >= budgetMs) break;
      }
      seals.flush(now());
      return { cursor: next, checked: checkedCount, failing };
    },

    /** The page of a statement in one locale, rendered once per statement. */
    page(result: { code: string; statement: VerificationStatement }, locale: string, render: (v: Verification) => string): EncodedBody {
      // Read back from its own bytes: the page shows exactly what was signed.
      return statements.page(result.code, result.statement, locale, () =>
        render(JSON.parse(result.statement.json.identity.toString()) as Verification),
      );
    },
  };
}
export type VerificationService = ReturnType<typeof createVerificationService>;
