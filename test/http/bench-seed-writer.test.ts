/**
 * The benchmark seed writes certificates with its own prepared statements (bench/seed-writer.ts):
 * they must leave exactly what the service's issue() and dossier transition leave, audit entries
 * and transparency leaves included, or the seeded folder would not be what the service makes.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createSeedWriter } from '../../bench/seed-writer.js';
import { immediate } from '../../src/db/client.js';
import type { Actor } from '../../src/domain/access.js';
import { verifyChain } from '../../src/domain/audit-chain.js';
import { allEntries, appendAudit, historyOf } from '../../src/modules/audit/audit-log.js';
import { createCertificateService } from '../../src/modules/certificates/certificate-service.js';
import { loadCatalog } from '../../src/modules/criteria/criteria-service.js';
import { createDossierService } from '../../src/modules/dossiers/dossier-service.js';
import { verifyLog } from '../../src/modules/transparency/transparency-log.js';
import { buildTestApp, REAL_CRITERIA_DIR } from '../helpers/app.js';
import { seedOrganization, seedUser } from '../helpers/auth.js';
import { seedProducer } from '../helpers/registry.js';

const AT = new Date('2026-05-12T13:00:05.000Z');

/** A dossier waiting for the commission and an approval of it, with their audit entries. */
function decided(app: FastifyInstance, actor: Actor, sessionId: string, version: { version: string; contentHash: string }) {
  const org = seedOrganization(app);
  const producerId = seedProducer(app, org, { sectors: ['agricola', 'pecuario'], products: ['café pergamino', 'miel de abeja'] });
  const dossier = {
    id: randomUUID(),
    organizationId: org,
    producerId,
    scheme: 'es-cj-bolivia',
    criteriaVersion: version.version,
    criteriaHash: version.contentHash,
  };
  const decisionId = randomUUID();
  const sql = app.db.$client;
  immediate(app.db, () => {
    sql
      .prepare(
        `INSERT INTO dossiers (id, producer_id, organization_id, cycle, scheme, criteria_version, criteria_hash, state, created_at, updated_at)
         VALUES (?, ?, ?, 2026, ?, ?, ?, 'ready_for_commission', ?, ?)`,
      )
      .run(dossier.id, producerId, org, dossier.scheme, dossier.criteriaVersion, dossier.criteriaHash, AT.toISOString(), AT.toISOString());
    appendAudit(app.db, actor, { entity: 'dossier', entityId: dossier.id, action: 'create', change: dossier }, AT);
    sql
      .prepare(
        `INSERT INTO decisions (id, session_id, dossier_id, proposed_outcome, outcome, rationale, seal_level, dossier_snapshot, snapshot_hash,
           recorded_by, decided_at) VALUES (?, ?, ?, 'approved', 'approved', 'Cumple', 'pleno', '{}', 'sha256:0', ?, ?)`,
      )
      .run(decisionId, sessionId, dossier.id, actor.userId, AT.toISOString());
    appendAudit(app.db, actor, { entity: 'decision', entityId: decisionId, action: 'create', change: { id: decisionId } }, AT);
  });
  return { dossier, decisionId };
}

describe('benchmark seed writer', () => {
  it('leaves the same rows, events, leaves and audit entries as the service', async () => {
    const app = await buildTestApp();
    const db = app.db;
    const sql = db.$client;
    const catalog = loadCatalog(db, REAL_CRITERIA_DIR);
    const version = catalog.version('es-cj-bolivia', '2026.1');
    const member = await seedUser(app, { role: 'commission' });
    const actor: Actor = {
      userId: member.user.id,
      username: member.user.username,
      role: 'commission',
      organizationId: null,
      producerId: null,
    };
    const sessionId = randomUUID();
    immediate(db, () => {
      sql
        .prepare(
          `INSERT INTO commission_sessions (id, scheme, criteria_version, quorum, held_on, status, created_by)
           VALUES (?, 'es-cj-bolivia', '2026.1', 3, '2026-05-12', 'closed', ?)`,
        )
        .run(sessionId, actor.userId);
      appendAudit(db, actor, { entity: 'commission_session', entityId: sessionId, action: 'create', change: { id: sessionId } }, AT);
    });
    const a = decided(app, actor, sessionId, version);
    const b = decided(app, actor, sessionId, version);
    const input = { sessionId, sealLevel: 'pleno', products: ['café pergamino', 'miel de abeja'], sectors: ['agricola', 'pecuario'] };

    let byService = '';
    let bySeed = '';
    immediate(db, () => {
      createDossierService(db, catalog, () => AT).transitionWithin(
        actor,
        { id: a.dossier.id, state: 'ready_for_commission' },
        'decide',
        AT,
      );
      byService = createCertificateService({ db, catalog, now: () => AT, publicBaseUrl: 'http://localhost:3000', pdfs: app.pdfs }).issue(
        actor,
        { ...input, dossier: a.dossier, decisionId: a.decisionId, conditions: [] },
        AT,
      );
      const writer = createSeedWriter(db);
      writer.decideDossier(actor, b.dossier.id, AT);
      bySeed = writer.issue(
        actor,
        { ...input, dossier: b.dossier, decisionId: b.decisionId, validityMonths: version.certificateValidityMonths },
        AT,
      ).id;
    });

    // Everything about a certificate, with what tells two certificates apart (ids, code, numbers in sequence) replaced by names.
    const COUNTERS = new Set(['seq', 'logIndex', 'eventSeq', 'log_index']);
    const normalize = (value: unknown, names: Record<string, string>): unknown => {
      if (typeof value === 'string') return names[value] ?? value;
      if (Array.isArray(value)) return value.map((v) => normalize(v, names));
      if (value && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, COUNTERS.has(k) ? 'N' : normalize(v, names)]));
      }
      return value;
    };
    const written = (id: string, names: Record<string, string>) => {
      const {
        created_at: _c,
        org_name: orgName,
        ...cert
      } = sql.prepare('SELECT * FROM certificates WHERE id = ?').get(id) as Record<string, unknown>;
      const events = sql.prepare('SELECT * FROM certificate_events WHERE certificate_id = ?').all(id) as { log_index: number }[];
      const leaves = events.map(
        (e) =>
          JSON.parse(
            (sql.prepare('SELECT entry FROM transparency_log WHERE leaf_index = ?').get(e.log_index) as { entry: string }).entry,
          ) as unknown,
      );
      const audit = [
        ...historyOf(db, 'certificate', id),
        ...historyOf(db, 'dossier', String(cert.dossier_id)).filter((e) => e.action === 'decide'),
      ].map(({ hash: _h, prevHash: _p, ...entry }) => entry);
      // The registry's search text (names and code differ by nature: whether they are there is compared).
      const search = sql
        .prepare(
          `SELECT s.org = lower(o.name) AS org, s.producer <> '' AS producer, s.municipality, s.products, c.org_name = o.name AS orgName
             FROM registry_search s JOIN certificates c ON c.id = s.certificate_id JOIN organizations o ON o.id = c.organization_id
            WHERE s.certificate_id = ?`,
        )
        .all(id);
      expect(orgName).toEqual(expect.any(String));
      return normalize({ cert, events, leaves, audit, search }, { ...names, [id]: 'CERT', [String(cert.code)]: 'CODE' });
    };
    const names = (x: ReturnType<typeof decided>) => ({
      [x.dossier.id]: 'DOSSIER',
      [x.decisionId]: 'DECISION',
      [x.dossier.organizationId]: 'ORG',
      [x.dossier.producerId]: 'PRODUCER',
    });
    const service = written(byService, names(a));
    expect(JSON.stringify(service)).toContain('"conditions":[]');
    expect(service).toMatchObject({
      events: [{ event: 'issued', certificate_id: 'CERT' }],
      leaves: [{ certificateCode: 'CODE' }],
      cert: { public_status: 'active', municipality_key: expect.any(String) },
      search: [{ org: 1, orgName: 1 }],
    });
    expect(written(bySeed, names(b))).toEqual(service);

    expect(verifyChain(allEntries(db)).ok).toBe(true);
    expect(verifyLog(db).problems).toEqual([]);
  });
});
