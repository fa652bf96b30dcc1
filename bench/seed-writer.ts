/**
 * The bulk writes of the benchmark seed, as prepared statements: the same rows and audit
 * entries as the service's appendAudit, certificate issue() and recordCertificateEvent
 * (those build each query with drizzle on every call, which at 100,000 certificates
 * takes many minutes). Hashing and leaves use the service's own functions (chainEntry,
 * appendLeaf); the rarer acts (suspension, revocation, expiry) go through the service's
 * functions themselves, which these writes interleave with: every counter is read back
 * from the database, never kept aside.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../src/db/client.js';
import type { Actor } from '../src/domain/access.js';
import { chainEntry, GENESIS_HASH } from '../src/domain/audit-chain.js';
import { generateCertificateCode } from '../src/domain/certificate-code.js';
import { expiryDate, laPazDate } from '../src/domain/certificate-state.js';
import type { AuditActor, AuditRecord } from '../src/modules/audit/audit-log.js';
import { refreshPublicStatus, refreshRegistrySearch } from '../src/modules/public/registry-index.js';
import { appendLeaf } from '../src/modules/transparency/transparency-log.js';

/** Where the seed leaves an API token of a commission account, for the PDF scenario of `npm run bench`. */
export const TOKEN_FILE = 'bench-token.txt';

export type IssueFast = {
  dossier: { id: string; organizationId: string; producerId: string; scheme: string; criteriaVersion: string; criteriaHash: string };
  decisionId: string;
  sessionId: string;
  sealLevel: string;
  products: string[];
  sectors: string[];
  validityMonths: number;
};

export function createSeedWriter(db: Db) {
  const sql = db.$client;
  const lastAudit = sql.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const insertAudit = sql.prepare(
    `INSERT INTO audit_log (seq, at, actor_id, actor_label, entity, entity_id, action, change, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const codeTaken = sql.prepare<[string], { one: number }>('SELECT 1 AS one FROM certificates WHERE code = ?');
  const insertCertificate = sql.prepare(
    `INSERT INTO certificates (id, code, dossier_id, decision_id, organization_id, producer_id, scheme, criteria_version, criteria_hash,
       seal_level, products, sectors, issued_on, expires_on, status, status_since, status_reason, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const maxEventSeq = sql.prepare<[], { max: number }>('SELECT coalesce(max(seq), 0) AS max FROM certificate_events');
  const insertEvent = sql.prepare(
    `INSERT INTO certificate_events (seq, certificate_id, event, at, actor_id, actor_label, reason, session_id, automatic, log_index)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)`,
  );
  const setDossierState = sql.prepare('UPDATE dossiers SET state = ?, updated_at = ? WHERE id = ?');

  /** appendAudit (src/modules/audit/audit-log.ts), statement for statement. */
  const audit = (actor: AuditActor, record: AuditRecord, at: Date): void => {
    const last = lastAudit.get();
    const actorFields =
      'system' in actor
        ? { actorId: null, actorLabel: `sistema:${actor.system}` }
        : { actorId: actor.userId, actorLabel: `${actor.username} (${actor.role})` };
    const entry = chainEntry(last?.hash ?? GENESIS_HASH, {
      seq: (last?.seq ?? 0) + 1,
      at: at.toISOString(),
      ...actorFields,
      entity: record.entity,
      entityId: record.entityId,
      action: record.action,
      change: JSON.parse(JSON.stringify(record.change ?? {})) as unknown,
    });
    insertAudit.run(
      entry.seq,
      entry.at,
      entry.actorId,
      entry.actorLabel,
      entry.entity,
      entry.entityId,
      entry.action,
      JSON.stringify(entry.change),
      entry.prevHash,
      entry.hash,
    );
  };

  return {
    audit,

    /** DossierService.transitionWithin(…, 'decide', …) for a dossier waiting for the commission. */
    decideDossier(actor: Actor, dossierId: string, at: Date): void {
      setDossierState.run('decided', at.toISOString(), dossierId);
      audit(
        actor,
        {
          entity: 'dossier',
          entityId: dossierId,
          action: 'decide',
          change: { state: { before: 'ready_for_commission', after: 'decided' } },
        },
        at,
      );
    },

    /**
     * CertificateService.issue() without conditions: the row, its 'create' audit entry with
     * the full row and `conditions`, and the 'issued' event with its leaf and audit entry.
     */
    issue(actor: Actor, input: IssueFast, at: Date): { id: string; code: string; expiresOn: string } {
      const issuedOn = laPazDate(at);
      const id = randomUUID();
      let code = generateCertificateCode((n) => randomBytes(n));
      while (codeTaken.get(code)) code = generateCertificateCode((n) => randomBytes(n));
      const row = {
        id,
        code,
        dossierId: input.dossier.id,
        decisionId: input.decisionId,
        organizationId: input.dossier.organizationId,
        producerId: input.dossier.producerId,
        // The benchmark seeds units certified on their own; the column's default stores the same.
        scope: 'unit' as const,
        scheme: input.dossier.scheme,
        criteriaVersion: input.dossier.criteriaVersion,
        criteriaHash: input.dossier.criteriaHash,
        sealLevel: input.sealLevel,
        products: input.products,
        sectors: input.sectors,
        issuedOn,
        expiresOn: expiryDate(issuedOn, input.validityMonths),
        status: 'active' as const,
        statusSince: at.toISOString(),
        statusReason: null,
      };
      insertCertificate.run(
        id,
        code,
        row.dossierId,
        row.decisionId,
        row.organizationId,
        row.producerId,
        row.scheme,
        row.criteriaVersion,
        row.criteriaHash,
        row.sealLevel,
        JSON.stringify(row.products),
        JSON.stringify(row.sectors),
        issuedOn,
        row.expiresOn,
        'active',
        row.statusSince,
        null,
        at.toISOString(),
      );
      audit(actor, { entity: 'certificate', entityId: id, action: 'create', change: { ...row, conditions: [] } }, at);

      // recordCertificateEvent(…, { event: 'issued', … }): the leaf, the event row, its audit entry.
      const seq = maxEventSeq.get()!.max + 1;
      const logIndex = appendLeaf(db, {
        certificateCode: code,
        event: 'issued',
        at: at.toISOString(),
        reason: null,
        scheme: row.scheme,
        criteriaVersion: row.criteriaVersion,
        criteriaHash: row.criteriaHash,
        eventSeq: seq,
      });
      insertEvent.run(seq, id, 'issued', at.toISOString(), actor.userId, actor.username, null, input.sessionId, logIndex);
      // The public registry's status and search text (prepared statements too).
      refreshRegistrySearch(db, { certificateId: id });
      refreshPublicStatus(db, id, at, null); // active: no suspension to limit
      audit(
        actor,
        {
          entity: 'certificate',
          entityId: id,
          action: 'issued',
          change: { seq, logIndex, at: at.toISOString(), reason: null, sessionId: input.sessionId, status: null },
        },
        at,
      );
      return { id, code, expiresOn: row.expiresOn };
    },
  };
}
