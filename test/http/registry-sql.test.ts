/**
 * The public registry read from SQL (stored public status, folded search text) gives what the
 * in-memory computation over every certificate gave, on a varied seeded dataset; the sweep
 * only looks at due certificates; registry edits reach the search.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDepartment } from '../../src/domain/bolivia.js';
import { effectiveStatus, type StoredStatus } from '../../src/domain/certificate-state.js';
import { fold } from '../../src/domain/text.js';
import { PROJECT_ROOT } from '../../src/paths.js';
import { buildTestApp, tempDir } from '../helpers/app.js';
import { seedUser } from '../helpers/auth.js';

type Row = {
  id: string;
  code: string;
  products: string;
  sectors: string;
  status: StoredStatus;
  statusSince: string;
  statusReason: string | null;
  expiresOn: string;
  orgName: string;
  orgDepartment: string;
  producerName: string;
  producerConsent: number;
  department: string;
  municipality: string;
};
type Query = { q?: string; product?: string; department?: string; municipality?: string; sector?: string; status?: string };
type Entry = {
  code: string;
  status: string;
  statusSince: string;
  statusReason: string | null;
  producer: string | null;
  organization: { name: string };
};

/** The registry as it was computed before: every certificate read, its status computed at `at`, filtered, in order. */
function reference(app: FastifyInstance, query: Query, at: Date) {
  const sql = app.db.$client;
  const rows = sql
    .prepare(
      `SELECT c.id, c.code, c.products, c.sectors, c.status, c.status_since AS statusSince, c.status_reason AS statusReason,
              c.expires_on AS expiresOn, o.name AS orgName, o.department AS orgDepartment, p.name AS producerName,
              p.public_name_consent AS producerConsent, p.department, p.municipality
         FROM certificates c JOIN organizations o ON o.id = c.organization_id JOIN producers p ON p.id = c.producer_id
        ORDER BY o.name, c.issued_on DESC, c.code`,
    )
    .all() as Row[];
  const conditions = sql.prepare(
    `SELECT cc.id, cc.deadline, cc.description, ca.closed_at AS closedAt
       FROM certificate_conditions cc JOIN corrective_actions ca ON ca.id = cc.corrective_action_id WHERE cc.certificate_id = ?`,
  );
  const horizon = new Date(at);
  horizon.setUTCFullYear(horizon.getUTCFullYear() - 5);
  const department = query.department ? (parseDepartment(query.department) ?? query.department) : undefined;
  const q = query.q ? fold(query.q) : '';
  const compact = q.replace(/[-\s.]/g, '');
  // A department named in the box finds what is in it, as the department filter does.
  const qDepartment = query.q ? parseDepartment(query.q) : undefined;
  const matchesQ = (r: Row) =>
    (qDepartment !== undefined && (r.department === qDepartment || r.orgDepartment === qDepartment)) ||
    fold(r.orgName).includes(q) ||
    (r.producerConsent === 1 && fold(r.producerName).includes(q)) ||
    fold(r.code).includes(q) ||
    (compact !== '' && fold(r.code).replace(/-/g, '').includes(compact)) ||
    fold(r.municipality).includes(q) ||
    (JSON.parse(r.products) as string[]).some((p) => fold(p).includes(q));
  return rows
    .filter(
      (r) =>
        (!q || matchesQ(r)) &&
        (!query.product || (JSON.parse(r.products) as string[]).some((p) => fold(p).includes(fold(query.product!)))) &&
        (!department || r.department === department || r.orgDepartment === department) &&
        (!query.municipality || fold(r.municipality) === fold(query.municipality)) &&
        (!query.sector || (JSON.parse(r.sectors) as string[]).includes(query.sector)),
    )
    .map((r) => {
      const s = effectiveStatus(
        {
          stored: r.status,
          storedSince: r.statusSince,
          storedReason: r.statusReason,
          expiresOn: r.expiresOn,
          conditions: conditions.all(r.id) as never,
        },
        at,
      );
      return {
        code: r.code,
        status: s.status,
        statusSince: s.since,
        statusReason: s.status === 'active' ? null : s.reason,
        producer: r.producerConsent ? r.producerName : null,
        organization: r.orgName,
      };
    })
    .filter(
      (c) =>
        (c.status === 'active' || c.status === 'suspended' || Date.parse(c.statusSince) >= horizon.getTime()) &&
        (!query.status || c.status === query.status),
    );
}

async function registry(app: FastifyInstance, query: Query & { page?: number; pageSize?: number }) {
  const res = await app.inject({
    url: '/api/v1/public/registry',
    query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])),
  });
  expect(res.statusCode).toBe(200);
  return res.json<{ items: Entry[]; total: number }>();
}

/** Every entry, read page by page. */
async function everything(app: FastifyInstance, query: Query) {
  const items: Entry[] = [];
  let total = 0;
  for (let page = 1; ; page++) {
    const got = await registry(app, { ...query, page, pageSize: 37 });
    total = got.total;
    items.push(...got.items);
    if (got.items.length < 37) break;
  }
  expect(items.length).toBe(total);
  return items.map((c) => ({
    code: c.code,
    status: c.status,
    statusSince: c.statusSince,
    statusReason: c.statusReason,
    producer: c.producer,
    organization: c.organization.name,
  }));
}

/** Every certificate of every organisation, read page by page from the grouped open data: each organisation once. */
async function everythingGrouped(app: FastifyInstance, query: Query): Promise<string[]> {
  const codes: string[] = [];
  const names: string[] = [];
  let total = 0;
  for (let page = 1; ; page++) {
    const res = await app.inject({
      url: '/api/v1/public/registry/organizations',
      query: { ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])), page: String(page), pageSize: '23' },
    });
    expect(res.statusCode).toBe(200);
    const got = res.json<{ items: { name: string; certificates: { code: string }[] }[]; total: number }>();
    total = got.total;
    for (const o of got.items) {
      names.push(o.name);
      codes.push(...o.certificates.map((c) => c.code));
    }
    if (got.items.length < 23) break;
  }
  expect(names.length).toBe(total);
  expect(new Set(names).size).toBe(names.length);
  return codes;
}

const DAY = 86_400_000;
let seeded: string;

beforeAll(() => {
  seeded = fs.mkdtempSync(path.join(os.tmpdir(), 'sello-registry-'));
  execFileSync('npx', ['tsx', 'bench/seed.ts', seeded, '--certificados', '300', '--semilla', '5'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
}, 120_000);
afterAll(() => fs.rmSync(seeded, { recursive: true, force: true }));

/** A copy of the seeded data folder, for one test. */
function seededCopy(): string {
  const dir = tempDir('sello-registry-copy-');
  fs.cpSync(seeded, dir, { recursive: true });
  return dir;
}

describe('the public registry in SQL', () => {
  it('lists the same entries, in the same order, as the computation over every certificate', async () => {
    const dataDir = seededCopy();
    // Months later: the start-up sweep records the expiries and the system's revocations that happened meanwhile
    // (soon enough that the suspensions of the last weeks are still within their six months).
    const at = new Date(Date.now() + 100 * DAY);
    const app = await buildTestApp({ dataDir }, { now: () => at });
    const sample = app.db.$client
      .prepare(
        `SELECT c.code, p.municipality, json_extract(c.products, '$[0]') AS product FROM certificates c
           JOIN producers p ON p.id = c.producer_id ORDER BY c.code LIMIT 1`,
      )
      .get() as { code: string; municipality: string; product: string };
    const queries: Query[] = [
      {},
      { q: 'coop' },
      { q: 'CAFÉ' },
      { q: 'ca' },
      { q: sample.code.slice(2, 9) },
      { q: sample.code.replace(/-/g, '').slice(3, 10).toLowerCase() },
      { q: sample.municipality.toUpperCase() },
      { product: sample.product.slice(0, 4) },
      { department: 'LP' },
      { department: 'La Paz' },
      { sector: 'agricola' },
      { status: 'expired' },
      { status: 'revoked' },
      { status: 'suspended' },
      { municipality: sample.municipality },
      { q: 'a', department: 'LP', status: 'active' },
      { q: 'la paz' },
      { q: 'Potosi', status: 'active' },
    ];
    for (const query of queries) {
      const expected = reference(app, query, at);
      expect(await everything(app, query), JSON.stringify(query)).toEqual(expected);
      // The page's grouping (by organisation) finds the same certificates, in the same order.
      expect(await everythingGrouped(app, query), JSON.stringify(query)).toEqual(expected.map((c) => c.code));
    }
    // The dataset is varied enough for the comparison to mean something.
    const all = reference(app, {}, at);
    for (const status of ['active', 'suspended', 'revoked', 'expired']) expect(all.some((c) => c.status === status)).toBe(true);
    expect(all.some((c) => c.producer === null) && all.some((c) => c.producer !== null)).toBe(true);

    // Totals and pages.
    const page2 = await registry(app, { department: 'LP', page: 2, pageSize: 5 });
    const lp = reference(app, { department: 'LP' }, at);
    expect(page2.total).toBe(lp.length);
    expect(page2.items.map((c) => c.code)).toEqual(lp.slice(5, 10).map((c) => c.code));
    await app.close();
  }, 120_000);

  it('filters by municipality without regard to accents or case; names without consent never match', async () => {
    const dataDir = seededCopy();
    const app = await buildTestApp({ dataDir });
    const at = new Date();
    // The municipality with most certificates, and one written with an accent.
    const [most, accented] = ['1', 'p.municipality <> lower(p.municipality) AND fold(p.municipality) <> lower(p.municipality)'].map(
      (where) =>
        (
          app.db.$client
            .prepare(
              `SELECT p.municipality AS m FROM certificates c JOIN producers p ON p.id = c.producer_id
                WHERE ${where} GROUP BY p.municipality ORDER BY count(*) DESC LIMIT 1`,
            )
            .get() as { m: string }
        ).m,
    );
    const a = await registry(app, { municipality: most! });
    expect(a.total).toBeGreaterThan(0);
    expect(a.total).toBe(reference(app, { municipality: most! }, at).length);
    expect((await registry(app, { municipality: most!.toLowerCase() })).total).toBe(a.total);
    expect((await registry(app, { municipality: most!.toUpperCase() })).total).toBe(a.total);
    expect((await registry(app, { municipality: most!.slice(0, -1) })).total).toBe(0);
    const b = await registry(app, { municipality: accented! });
    expect(b.total).toBeGreaterThan(0);
    expect((await registry(app, { municipality: fold(accented!) })).total).toBe(b.total);
    const page = await app.inject({ url: `/registro?municipio=${encodeURIComponent(fold(most!))}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('id="municipio"');
    expect(page.body).toContain(a.items[0]!.code);

    const hidden = app.db.$client
      .prepare(
        `SELECT p.name, c.code FROM certificates c JOIN producers p ON p.id = c.producer_id
          WHERE p.public_name_consent = 0 AND c.public_status = 'active' LIMIT 1`,
      )
      .get() as { name: string; code: string };
    const found = await registry(app, { q: hidden.name });
    expect(found.items.map((c) => c.code)).not.toContain(hidden.code);
    await app.close();
  }, 60_000);

  it('finds an organisation by its new name once renamed', async () => {
    const dataDir = seededCopy();
    const app = await buildTestApp({ dataDir });
    const admin = await seedUser(app, { role: 'admin' });
    const org = app.db.$client
      .prepare(`SELECT o.id FROM organizations o JOIN certificates c ON c.organization_id = o.id WHERE c.public_status = 'active' LIMIT 1`)
      .get() as { id: string };
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/v1/organizations/${org.id}`,
      headers: admin.headers,
      payload: { name: 'Asociación Zumbahua de Apicultores' },
    });
    expect(res.statusCode).toBe(200);
    const found = await registry(app, { q: 'zumbahua' });
    expect(found.total).toBeGreaterThan(0);
    expect(found.items.every((c) => c.organization.name === 'Asociación Zumbahua de Apicultores')).toBe(true);
    expect((await registry(app, { q: 'asociacion zumbahua' })).total).toBe(found.total);
    await app.close();
  }, 60_000);

  it('sweeps only the certificates whose due instant has come', async () => {
    const dataDir = seededCopy();
    const at = new Date(Date.now() + 400 * DAY);
    // Two certificates that expire before `at`: one is left due, the other is marked as due later.
    const setup = await buildTestApp({ dataDir }, { now: () => new Date() });
    const sql = setup.db.$client;
    const due = sql
      .prepare(`SELECT id FROM certificates WHERE public_status = 'active' AND due_at IS NOT NULL AND due_at <= ? ORDER BY code LIMIT 2`)
      .all(at.toISOString()) as { id: string }[];
    expect(due).toHaveLength(2);
    sql.prepare(`UPDATE certificates SET due_at = '2999-01-01T00:00:00.000Z' WHERE id = ?`).run(due[1]!.id);
    await setup.close();

    const app = await buildTestApp({ dataDir }, { now: () => at });
    const expiries = (id: string) =>
      (
        app.db.$client.prepare(`SELECT count(*) AS n FROM certificate_events WHERE certificate_id = ? AND event = 'expired'`).get(id) as {
          n: number;
        }
      ).n;
    expect(expiries(due[0]!.id)).toBe(1);
    expect(expiries(due[1]!.id)).toBe(0);
    // Nothing left due; what was swept is due next at a later instant or never.
    expect(app.db.$client.prepare('SELECT count(*) AS n FROM certificates WHERE due_at <= ?').get(at.toISOString())).toEqual({ n: 0 });
    await app.close();
  }, 60_000);
});
