/**
 * A full disk is answered honestly: a write that cannot be stored answers 503 STORAGE_FULL and
 * leaves nothing behind, /health says the storage is full, and both recover once there is room.
 * The database is made full for real, by capping SQLite's max_page_count at the pages it has.
 */
import type { FastifyInstance } from 'fastify';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { STORAGE_FULL_MESSAGE } from '../../src/db/storage.js';
import { buildTestApp } from '../helpers/app.js';
import { countRows, seedUser } from '../helpers/auth.js';
import { postForm, signIn, visibleText } from '../helpers/pages.js';

const pragma = (app: FastifyInstance, text: string) => app.db.$client.pragma(text, { simple: true }) as number;

/** Lets the database grow no further than it is now; returns how to undo it. */
function capDatabase(app: FastifyInstance): () => void {
  const max = pragma(app, 'max_page_count');
  pragma(app, `max_page_count = ${pragma(app, 'page_count')}`);
  return () => void pragma(app, `max_page_count = ${max}`);
}

/**
 * Sends writes until one is refused: rows that fit in the pages' free room are still stored,
 * the first one that needs a new page is not. Returns that answer and the rows before it.
 */
async function writeUntilRefused(send: (i: number) => Promise<{ status: number; body: unknown; text: string }>, app: FastifyInstance) {
  for (let i = 0; i < 500; i += 1) {
    const rows = { organizations: countRows(app, 'organizations'), audit: countRows(app, 'audit_log') };
    const res = await send(i);
    if (res.status >= 300 && res.status !== 303) return { res, rows };
  }
  throw new Error('Ninguna escritura fue rechazada con la base llena');
}

const organization = (i: number) => ({
  name: `Cooperativa de Prueba número ${i}`,
  kind: 'cooperativa',
  department: 'la paz',
  municipality: 'Coroico',
});

describe('a full database', () => {
  it('refuses an API write with 503 STORAGE_FULL, stores nothing of it, and /health says so until there is room', async () => {
    const app = await buildTestApp();
    const admin = await seedUser(app, { role: 'admin' });
    const healthy = await request(app.server).get('/health').expect(200);
    expect(healthy.body.storage).toMatchObject({ status: 'ok', freeBytes: expect.any(Number) });

    const uncap = capDatabase(app);
    const { res, rows } = await writeUntilRefused(
      (i) => request(app.server).post('/api/v1/organizations').set(admin.headers).send(organization(i)),
      app,
    );
    expect(res.status).toBe(503);
    expect(res.body).toEqual({ statusCode: 503, code: 'STORAGE_FULL', error: 'Service Unavailable', message: STORAGE_FULL_MESSAGE });
    expect(res.text).not.toMatch(/SQLITE|database or disk/i);
    // Neither the organisation nor its audit entry: the transaction was rolled back whole.
    expect(countRows(app, 'organizations')).toBe(rows.organizations);
    expect(countRows(app, 'audit_log')).toBe(rows.audit);

    const full = await request(app.server).get('/health').expect(503);
    expect(full.body).toMatchObject({
      status: 'error',
      database: { status: 'ok' },
      storage: { status: 'full', message: expect.stringContaining('Libere espacio'), freeBytes: expect.any(Number) },
    });
    expect(full.body.storage.database.pageCount).toBeGreaterThanOrEqual(full.body.storage.database.maxPageCount);
    expect(full.body.storage.database.freePages).toBe(0);

    uncap();
    await request(app.server).post('/api/v1/organizations').set(admin.headers).send(organization(1000)).expect(201);
    expect(countRows(app, 'organizations')).toBe(rows.organizations + 1);
    const again = await request(app.server).get('/health').expect(200);
    expect(again.body).toMatchObject({ status: 'ok', storage: { status: 'ok' } });
  });

  it('shows a page that says nothing was saved, with status 503, when a form cannot be stored', async () => {
    const app = await buildTestApp();
    const admin = await seedUser(app, { role: 'admin' });
    const cookie = await signIn(app, admin);
    capDatabase(app);
    const { res, rows } = await writeUntilRefused(async (i) => {
      const reply = await postForm(
        app,
        '/app/admin/organizaciones/nueva',
        { ...organization(i), department: 'la-paz', kind: 'asociacion' },
        { cookie },
      );
      return { status: reply.statusCode, body: reply.body, text: reply.body };
    }, app);
    expect(res.status).toBe(503);
    expect(res.text).toMatch(/^<!doctype html>/i);
    expect(visibleText(res.text)).toContain(STORAGE_FULL_MESSAGE);
    expect(res.text).not.toMatch(/SQLITE|database or disk/i);
    expect(countRows(app, 'organizations')).toBe(rows.organizations);
    expect(countRows(app, 'audit_log')).toBe(rows.audit);
  });
});

describe('a full disk', () => {
  it('reports the data folder full on /health when its free space is under the threshold', async () => {
    const app = await buildTestApp({}, { minFreeBytes: Number.MAX_SAFE_INTEGER });
    const res = await request(app.server).get('/health').expect(503);
    expect(res.body).toMatchObject({ status: 'error', storage: { status: 'full', freeBytes: expect.any(Number) } });
    const stats = fs.statfsSync(path.resolve(app.db.$client.name, '..'));
    // The same disk, measured again: what was reported is the real free space.
    expect(Math.abs(res.body.storage.freeBytes - stats.bavail * stats.bsize)).toBeLessThan(256 * 1024 * 1024);
  });
});
