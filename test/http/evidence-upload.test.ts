/**
 * Evidence uploads as a multipart form (what an HTML form sends) beside the raw body:
 * the same checks by content, the same errors, one stored file per content, nothing written on refusal.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { PNG } from '../helpers/access-world.js';
import { buildTestApp, tempDir } from '../helpers/app.js';
import { countRows, seedOrganization, seedUser } from '../helpers/auth.js';
import { binary } from '../helpers/http.js';
import { seedPerson, seedProducer } from '../helpers/registry.js';

async function setting() {
  const dataDir = tempDir('sello-evidence-');
  const app = await buildTestApp({ dataDir });
  const api = request(app.server);
  const org = seedOrganization(app);
  const committee = await seedUser(app, { role: 'committee', organizationId: org });
  const visited = seedProducer(app, org, { name: 'Familia Choque Quispe', household: 'Familia Choque' });
  const reviewer = seedPerson(app, org, { fullName: 'Rosa Mamani', producerId: seedProducer(app, org, { household: 'Familia Mamani' }) });
  const technician = seedPerson(app, org, { fullName: 'Ing. Luis Flores', roles: ['technician'] });
  const dossier = (await api.post('/api/v1/dossiers').set(committee.headers).send({ producerId: visited, cycle: 2026 }).expect(201)).body
    .id as string;
  const visit = (
    await api
      .post(`/api/v1/dossiers/${dossier}/visits`)
      .set(committee.headers)
      .send({
        plannedOn: '2026-05-12',
        team: [
          { personId: reviewer, kind: 'producer' },
          { personId: technician, kind: 'technician' },
        ],
      })
      .expect(201)
  ).body.id as string;
  const upload = (query = '') => api.post(`/api/v1/dossiers/${dossier}/evidence${query}`).set(committee.headers);
  /** Files stored under the data folder's evidence directory. */
  const storedFiles = () => {
    const root = path.join(dataDir, 'evidence');
    return fs.existsSync(root) ? fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length : 0;
  };
  return { app, api, org, committee, dossier, visit, upload, storedFiles };
}

describe('evidence as multipart/form-data', () => {
  it('stores the file of the form’s file field, with visitId and criterionCode as fields, and serves it back', async () => {
    const s = await setting();
    const up = await s
      .upload()
      .field('visitId', s.visit)
      .field('criterionCode', 'P8.07')
      .attach('file', PNG, { filename: 'cosecha.png', contentType: 'image/png' })
      .expect(201);
    expect(up.body).toMatchObject({
      dossierId: s.dossier,
      visitId: s.visit,
      criterionCode: 'P8.07',
      mediaType: 'image/png',
      size: PNG.length,
      sha256: createHash('sha256').update(PNG).digest('hex'),
    });
    const down = await s.api.get(`/api/v1/evidence/${up.body.id}`).set(s.committee.headers).buffer(true).parse(binary).expect(200);
    expect(Buffer.compare(down.body as Buffer, PNG)).toBe(0);
    expect(countRows(s.app, 'evidence_files')).toBe(1);
    expect(s.storedFiles()).toBe(1);
  });

  it('keeps the query parameters working with a form, and stores identical content once whichever way it came', async () => {
    const s = await setting();
    const form = await s
      .upload(`?visitId=${s.visit}`)
      .attach('file', PNG, { filename: 'a.png', contentType: 'application/octet-stream' })
      .expect(201);
    expect(form.body).toMatchObject({ visitId: s.visit, criterionCode: null, mediaType: 'image/png' });
    const raw = await s.upload('?criterionCode=P8.07').set('content-type', 'image/png').send(PNG).expect(201);
    expect(raw.body.sha256).toBe(form.body.sha256);
    expect(countRows(s.app, 'evidence_files')).toBe(2);
    expect(s.storedFiles()).toBe(1);
    // The same field given two different ways is refused.
    const clash = await s
      .upload('?criterionCode=P8.07')
      .field('criterionCode', 'P1.01')
      .attach('file', PNG, { filename: 'a.png', contentType: 'image/png' })
      .expect(400);
    expect(clash.body).toMatchObject({ code: 'VALIDATION_FAILED', issues: [expect.objectContaining({ path: 'body.criterionCode' })] });
  });

  it('refuses what the raw upload refuses, with the same status and code, and writes nothing', async () => {
    const s = await setting();
    const notAPhoto = Buffer.from('no soy una foto');
    const raw = await s.upload().set('content-type', 'image/jpeg').send(notAPhoto).expect(400);
    const form = await s.upload().attach('file', notAPhoto, { filename: 'foto.jpg', contentType: 'image/jpeg' }).expect(400);
    expect(form.body).toEqual(raw.body);
    expect(form.body.code).toBe('UNSUPPORTED_FILE_TYPE');

    const empty = await s.upload().attach('file', Buffer.alloc(0), { filename: 'vacia.png', contentType: 'image/png' }).expect(400);
    expect(empty.body.code).toBe('EMPTY_FILE');

    const tooLarge = Buffer.alloc(9 * 1024 * 1024);
    const rawLarge = await s.upload().set('content-type', 'image/png').send(tooLarge).expect(413);
    const formLarge = await s.upload().attach('file', tooLarge, { filename: 'grande.png', contentType: 'image/png' }).expect(413);
    expect([rawLarge.body.code, formLarge.body.code]).toEqual(['BODY_TOO_LARGE', 'BODY_TOO_LARGE']);

    const otherDossier = (
      await s.api
        .post('/api/v1/dossiers')
        .set(s.committee.headers)
        .send({ producerId: seedProducer(s.app, s.org), cycle: 2026 })
    ).body.id as string;
    const wrongVisit = await s.api
      .post(`/api/v1/dossiers/${otherDossier}/evidence`)
      .set(s.committee.headers)
      .field('visitId', s.visit)
      .attach('file', PNG, { filename: 'a.png', contentType: 'image/png' })
      .expect(400);
    expect(wrongVisit.body.code).toBe('VISIT_NOT_IN_DOSSIER');

    const outsider = await seedUser(s.app, { role: 'committee', organizationId: seedOrganization(s.app) });
    await s.upload().set(outsider.headers).attach('file', PNG, { filename: 'a.png', contentType: 'image/png' }).expect(403);
    await s.api
      .post(`/api/v1/dossiers/${s.dossier}/evidence`)
      .attach('file', PNG, { filename: 'a.png', contentType: 'image/png' })
      .expect(401);

    expect(countRows(s.app, 'evidence_files')).toBe(0);
    expect(s.storedFiles()).toBe(0);
  });

  it('takes exactly one file, in the file field, and only the known fields', async () => {
    const s = await setting();
    const fail = async (req: request.Test, status: number, code: string, path?: string) => {
      const res = await req.expect(status);
      expect(res.body.code).toBe(code);
      if (path) expect(res.body.issues.map((i: { path: string }) => i.path)).toContain(path);
    };
    await fail(s.upload().field('criterionCode', 'P8.07'), 400, 'VALIDATION_FAILED', 'body.file');
    await fail(s.upload().attach('foto', PNG, { filename: 'a.png', contentType: 'image/png' }), 400, 'VALIDATION_FAILED', 'body.foto');
    await fail(
      s.upload().field('notes', 'hola').attach('file', PNG, { filename: 'a.png', contentType: 'image/png' }),
      400,
      'VALIDATION_FAILED',
      'body.notes',
    );
    await fail(
      s.upload().field('visitId', 'no-es-un-id').attach('file', PNG, { filename: 'a.png', contentType: 'image/png' }),
      400,
      'VALIDATION_FAILED',
      'body.visitId',
    );
    await fail(
      s
        .upload()
        .attach('file', PNG, { filename: 'a.png', contentType: 'image/png' })
        .attach('file', PNG, { filename: 'b.png', contentType: 'image/png' }),
      413,
      'TOO_MANY_FILES',
    );
    await fail(s.upload().set('content-type', 'multipart/form-data').send('sin límites'), 400, 'MALFORMED_MULTIPART');
    await fail(s.upload().set('content-type', 'text/plain').send('hola'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(countRows(s.app, 'evidence_files')).toBe(0);
    expect(s.storedFiles()).toBe(0);
  });

  it('refuses a criterion code that is not in the dossier’s pinned criteria, writing nothing', async () => {
    const s = await setting();
    const before = countRows(s.app, 'evidence_files');
    const filesBefore = s.storedFiles();
    const res = await s.upload('?criterionCode=X9.99').set('content-type', 'image/png').send(PNG).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'UNKNOWN_CRITERION' });
    expect(res.body.issues).toEqual([expect.objectContaining({ path: 'query.criterionCode' })]);
    expect(countRows(s.app, 'evidence_files')).toBe(before);
    expect(s.storedFiles()).toBe(filesBefore);
  });
});

describe('evidence on a full disk', () => {
  it('answers 503 STORAGE_FULL and keeps neither the row nor the file of an upload the database cannot store', async () => {
    const s = await setting();
    const pragma = (text: string) => s.app.db.$client.pragma(text, { simple: true }) as number;
    // The database may grow no further: the first upload whose row needs a new page is refused.
    pragma(`max_page_count = ${pragma('page_count')}`);
    for (let i = 0; i < 500; i += 1) {
      const rows = countRows(s.app, 'evidence_files');
      const files = s.storedFiles();
      // A distinct file each time (bytes after the PNG's end), so that each one is written anew.
      const photo = Buffer.concat([PNG, Buffer.from(`foto ${i}`)]);
      const res = await s.upload().set('content-type', 'image/png').send(photo);
      if (res.status === 201) continue;
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ statusCode: 503, code: 'STORAGE_FULL' });
      expect(countRows(s.app, 'evidence_files')).toBe(rows);
      expect(s.storedFiles()).toBe(files);
      return;
    }
    throw new Error('Ninguna subida fue rechazada con la base llena');
  });
});
