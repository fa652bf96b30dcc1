import request from 'supertest';
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { buildTestApp, tempDir } from '../helpers/app.js';

describe('GET /health', () => {
  it('reports the database, the room left for writes and the loaded criteria', async () => {
    const app = await buildTestApp();
    const res = await request(app.server).get('/health').expect(200);
    expect(res.body).toEqual({
      status: 'ok',
      database: { status: 'ok', journalMode: 'wal' },
      storage: {
        status: 'ok',
        freeBytes: expect.any(Number),
        database: { pageCount: expect.any(Number), maxPageCount: expect.any(Number), freePages: expect.any(Number) },
      },
      criteria: { schemes: 1, versions: 6, current: [{ scheme: 'es-cj-bolivia', version: '2026.4' }] },
    });
    expect(res.body.storage.freeBytes).toBeGreaterThan(0);
    expect(res.body.storage.database.pageCount).toBeGreaterThan(1);
  });

  it('skips measuring the disk of a data folder that does not exist', async () => {
    const dataDir = path.join(tempDir(), 'datos');
    const app = await buildTestApp({ dataDir }, { databaseFile: ':memory:' });
    fs.rmSync(dataDir, { recursive: true });
    const res = await request(app.server).get('/health').expect(200);
    expect(res.body.storage).toMatchObject({ status: 'ok', freeBytes: null });
  });
});

describe('OpenAPI', () => {
  it('documents every route with a success response at /docs/json', async () => {
    const app = await buildTestApp();
    const res = await request(app.server).get('/docs/json').expect(200);
    const spec = res.body as { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/health',
        '/api/v1/criteria/',
        '/api/v1/criteria/{scheme}',
        '/api/v1/criteria/{scheme}/{version}',
        '/api/v1/criteria/{scheme}/diff',
        '/api/v1/criteria/validate',
      ]),
    );
    for (const [route, methods] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const statuses = Object.keys(op.responses);
        expect(
          // A redirecting route (the home page's code form) succeeds with its 303.
          statuses.some((s) => /^(2\d\d|303)$/.test(s)),
          `${method.toUpperCase()} ${route} has no success response`,
        ).toBe(true);
      }
    }
  });

  it('serves the interactive documentation at /docs', async () => {
    const app = await buildTestApp();
    const res = await request(app.server).get('/docs/').expect(200);
    expect(res.text).toContain('swagger');
  });
});
