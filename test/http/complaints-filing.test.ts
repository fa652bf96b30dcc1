/**
 * Complaints from the public: filed with no account from the form (with or without a photo) or the API,
 * refused with nothing written when a field, the question or the hidden field says so, limited per client,
 * and followed by a tracking number that shows nothing internal.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { generateCertificateCode } from '../../src/domain/certificate-code.js';
import { PNG } from '../helpers/access-world.js';
import { buildTestApp, tempDir } from '../helpers/app.js';
import { answeredForm, NUMBER_WORDS, questionAnswer } from '../helpers/complaints.js';
import { countRows } from '../helpers/auth.js';
import { cycleToCommission } from '../helpers/cycle.js';

/** What a person types, without the question. */
const TYPED = {
  subject: 'seal_use',
  what: 'En la feria de El Alto venden miel con el sello, pero el puesto dice que nadie los visitó nunca.',
  place: 'Feria 16 de Julio, El Alto',
  happenedOn: '2026-05-10',
};

async function setting(overrides: Parameters<typeof buildTestApp>[0] = {}) {
  const dataDir = tempDir('sello-complaints-');
  const app = await buildTestApp({ dataDir, ...overrides }, { now: () => new Date('2026-05-20T15:00:00Z') });
  const api = request(app.server);
  const formPage = async (query = '') => (await api.get(`/denuncias/nueva${query}`).expect(200)).text;
  /** Sends the form as a browser does: multipart, every field, an empty file field when no photo is chosen. */
  const send = (fields: Record<string, string>, photo?: { content: Buffer; filename: string; contentType: string }) => {
    let req = api.post('/denuncias');
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    return photo
      ? req.attach('photo', photo.content, photo)
      : req.attach('photo', Buffer.alloc(0), { filename: '', contentType: 'application/octet-stream' });
  };
  /** Fills the form of a fresh page, answering its question, and sends it; the answer's status must be `status`. */
  const file = async (status: number, fields: Record<string, string>, photo?: Parameters<typeof send>[1]) => {
    const res = await send({ ...answeredForm(await formPage()), website: '', ...fields }, photo);
    expect(res.status, [...res.text.matchAll(/class="problem">([^<]*)/g)].map((m) => m[1]).join(' / ')).toBe(status);
    return res;
  };
  const storedFiles = () => {
    const root = path.join(dataDir, 'evidence');
    return fs.existsSync(root) ? fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length : 0;
  };
  const row = (trackingNumber: string) =>
    app.db.$client.prepare('SELECT * FROM complaints WHERE tracking_number = ?').get(trackingNumber) as Record<string, unknown>;
  return { app, api, dataDir, formPage, send, file, storedFiles, row };
}

const trackingOf = (location: string) => /^\/denuncias\/(DEN-[0-9A-Z]{4}-[0-9A-Z]{4})$/.exec(location)?.[1];

describe('filing a complaint from the form', () => {
  it('files an anonymous complaint without a photo and shows its tracking number big, with nothing internal', async () => {
    const s = await setting();
    const res = await s.file(303, TYPED);
    const number = trackingOf(res.headers.location!);
    expect(number).toBeDefined();
    const row = s.row(number!);
    expect(row).toMatchObject({
      subject: 'seal_use',
      status: 'received',
      contact: null,
      photo_sha256: null,
      what: TYPED.what,
      place: TYPED.place,
    });
    expect(row.code_given).toBeNull();
    expect(s.storedFiles()).toBe(0);
    const audit = s.app.db.$client.prepare("SELECT actor_id, actor_label, change FROM audit_log WHERE entity = 'complaint'").all() as {
      actor_id: string | null;
      actor_label: string;
      change: string;
    }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBeNull();
    expect(audit[0]!.actor_label).toBe('sistema:denuncia del público');

    const page = await s.api.get(res.headers.location!).expect(200);
    expect(page.headers['cache-control']).toContain('no-store');
    expect(page.headers['x-robots-tag']).toBe('noindex');
    expect(page.text).toContain('<meta name="robots" content="noindex">');
    expect(page.text).toContain(`<p class="url" style="font-size:2rem;margin:0">${number}</p>`);
    expect(page.text).toContain('Anote este número');
    expect(page.text).toContain('Recibida: la comisión de certificación todavía no la ha asignado');
  });

  it('stores a photo as evidence files are (by SHA-256), keeps the contact private, and never shows either back', async () => {
    const s = await setting();
    const contact = 'whatsapp 71234567';
    const res = await s.file(303, { ...TYPED, contact }, { content: PNG, filename: 'puesto.png', contentType: 'image/png' });
    const number = trackingOf(res.headers.location!)!;
    const row = s.row(number);
    const sha256 = createHash('sha256').update(PNG).digest('hex');
    expect(row).toMatchObject({ contact, photo_sha256: sha256, photo_type: 'image/png', photo_size: PNG.length });
    expect(fs.readFileSync(path.join(s.dataDir, 'evidence', sha256.slice(0, 2), sha256))).toEqual(PNG);
    // The trail cannot be erased: it records that a contact was given, not the contact.
    const change = (s.app.db.$client.prepare("SELECT change FROM audit_log WHERE entity = 'complaint'").get() as { change: string }).change;
    expect(change).not.toContain('71234567');
    expect(JSON.parse(change)).toMatchObject({ contactGiven: true, photoSha256: sha256 });

    const page = (await s.api.get(`/denuncias/${number}`).expect(200)).text;
    const json = (await s.api.get(`/api/v1/public/complaints/${number}`).expect(200)).body;
    for (const shown of [page, JSON.stringify(json)]) {
      expect(shown).not.toContain('71234567');
      expect(shown).not.toContain(sha256);
      expect(shown).not.toContain(TYPED.what);
    }
    expect(Object.keys(json).sort()).toEqual(
      [
        'closedAt',
        'filedAt',
        'outcome',
        'outcomeLabel',
        'publicSummary',
        'status',
        'statusLabel',
        'subject',
        'trackingNumber',
        'updatedAt',
      ].sort(),
    );
  });

  it('refuses a file that is not a photo by its content, a missing description and a future date, writing nothing and keeping what was typed', async () => {
    const s = await setting();
    const fake = Buffer.from('%PDF-1.4 no es una foto');
    const res = await s.file(
      400,
      { ...TYPED, what: 'corto', happenedOn: '2026-06-01', contact: 'tel 700' },
      {
        content: fake,
        filename: 'foto.jpg',
        contentType: 'image/jpeg',
      },
    );
    expect(res.status).toBe(400);
    expect(res.text).toContain('id="what-problem"');
    expect(res.text).toContain('al menos 10 letras');
    expect(res.text).toContain('value="tel 700"');
    expect(res.text).toContain('Feria 16 de Julio, El Alto');
    expect(res.text).toContain('elíjala otra vez');
    expect(countRows(s.app, 'complaints')).toBe(0);
    expect(s.storedFiles()).toBe(0);

    const dated = await s.file(
      400,
      { ...TYPED, happenedOn: '2026-06-01' },
      { content: fake, filename: 'f.jpg', contentType: 'image/jpeg' },
    );
    expect(dated.text).toContain('id="happenedOn-problem"');
    expect(dated.text).toContain('posterior a hoy');
    expect(dated.text).toContain('id="photo-problem"');
    expect(dated.text).toContain('JPEG, PNG o WebP');
    expect(countRows(s.app, 'complaints')).toBe(0);
    expect(s.storedFiles()).toBe(0);
  });

  it('refuses a photo over 5 MB next to its field, keeping the rest of the form, writing nothing', async () => {
    const s = await setting();
    const big = Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]);
    const res = await s.file(400, { ...TYPED, contact: 'tel 700' }, { content: big, filename: 'grande.png', contentType: 'image/png' });
    expect(res.text).toContain('id="photo-problem"');
    expect(res.text).toContain('pesa más de 5 MB');
    expect(res.text).toContain(TYPED.what);
    expect(countRows(s.app, 'complaints')).toBe(0);
    expect(s.storedFiles()).toBe(0);
  });

  it('refuses a wrong answer and an expired question, asks a new one, and writes nothing', async () => {
    const s = await setting();
    const { questionToken, answer } = answeredForm(await s.formPage());
    const wrong = await s.send({ ...TYPED, questionToken, answer: String(Number(answer) + 1), website: '' }).expect(400);
    expect(wrong.text).toContain('id="answer-problem"');
    expect(wrong.text).toContain('no es correcta');
    expect(wrong.text).toContain(TYPED.what);
    expect(answeredForm(wrong.text).questionToken).not.toBe(questionToken);

    // The same token, answered right, three hours later (the question lasts two).
    const later = await buildTestApp({ dataDir: s.dataDir }, { now: () => new Date('2026-05-20T18:00:00Z') });
    const expired = await request(later.server)
      .post('/denuncias')
      .field({ ...TYPED, questionToken, answer, website: '' })
      .expect(400);
    expect(expired.text).toContain('La pregunta venció');
    // A token altered by hand is no question at all.
    const forged = await s.send({
      ...TYPED,
      questionToken: questionToken.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
      answer,
      website: '',
    });
    expect(forged.status).toBe(400);
    expect(countRows(s.app, 'complaints')).toBe(0);
    expect(countRows(later, 'complaints')).toBe(0);
  });

  it('refuses a form whose hidden field was filled, as robots do, writing nothing', async () => {
    const s = await setting();
    const res = await s.file(400, { ...TYPED, website: 'http://spam.example' });
    expect(res.text).toContain('No se pudo presentar la denuncia');
    expect(countRows(s.app, 'complaints')).toBe(0);
  });

  it('limits filings per client and hour (SELLO_COMPLAINT_RATE_LIMIT), counting refused ones, with the form as the answer', async () => {
    const s = await setting({ complaintsPerHour: 2 });
    await s.file(303, TYPED);
    await s.file(400, { ...TYPED, what: 'x' });
    const limited = await s.file(429, TYPED);
    expect(limited.headers['content-type']).toContain('text/html');
    expect(limited.text).toContain('demasiadas denuncias seguidas');
    expect(countRows(s.app, 'complaints')).toBe(1);
  });

  it('names the organisation and ties the complaint to the certificate when the code given is one', async () => {
    const c = await cycleToCommission();
    const { certificate } = await c.approve();
    // Every certificate's page, the home page and a code of no certificate lead to the form.
    const verification = (await c.api.get(`/c/${certificate.code}`).expect(200)).text;
    expect(verification).toContain(
      `<a href="/denuncias/nueva?codigo=${encodeURIComponent(certificate.code)}">Presentar una denuncia sobre este sello</a>`,
    );
    const home = (await c.api.get('/').expect(200)).text;
    expect(home).toContain('<a href="/denuncias/nueva">Presentar una denuncia sobre este sello</a>');
    expect(home).toContain('<a href="/denuncias/seguimiento">Seguir una denuncia ya presentada</a>');
    expect((await c.api.get('/?lang=en').expect(200)).text).toContain(
      '<a href="/denuncias/nueva?lang=en">File a complaint about this seal</a>',
    );
    const noCertificate = generateCertificateCode(randomBytes);
    const unknown = (await c.api.get(`/c/${noCertificate}`).expect(404)).text;
    expect(unknown).toContain(`<a href="/denuncias/nueva?codigo=${encodeURIComponent(noCertificate)}">`);
    const form = (await c.api.get(`/denuncias/nueva?codigo=${encodeURIComponent(certificate.code.toLowerCase())}`).expect(200)).text;
    expect(form).toContain('Cooperativa Agropecuaria Señor de Mayo');
    expect(form).toContain(`value="${certificate.code.toLowerCase()}"`);
    const res = await c.api
      .post('/denuncias')
      .field({ ...TYPED, subject: 'organization', code: certificate.code.toLowerCase(), ...answeredForm(form), website: '' })
      .expect(303);
    const row = c.app.db.$client.prepare('SELECT * FROM complaints').get() as Record<string, unknown>;
    expect(res.headers.location).toBe(`/denuncias/${row.tracking_number as string}`);
    expect(row).toMatchObject({ code_given: certificate.code, certificate_id: certificate.id, organization_id: c.org, status: 'received' });

    // A code of no certificate is kept as given, tied to nothing.
    const again = (await c.api.get('/denuncias/nueva').expect(200)).text;
    await c.api
      .post('/denuncias')
      .field({ ...TYPED, code: 'ZZZZ-1234', ...answeredForm(again), website: '' })
      .expect(303);
    const other = c.app.db.$client.prepare("SELECT * FROM complaints WHERE code_given = 'ZZZZ-1234'").get() as Record<string, unknown>;
    expect(other).toMatchObject({ certificate_id: null, organization_id: null });
  });
});

describe('following a complaint', () => {
  it('reads a tracking number as typed, shows the outcome and public summary once closed, never the handling', async () => {
    const s = await setting();
    const number = trackingOf((await s.file(303, { ...TYPED, contact: 'correo@ejemplo.bo' })).headers.location!)!;
    const typed = number.toLowerCase().replaceAll('-', ' ').replace('den ', 'den').replace(/0/g, 'o');
    const lookup = await s.api.get(`/denuncias/seguimiento?numero=${encodeURIComponent(typed)}`).expect(303);
    expect(lookup.headers.location).toBe(`/denuncias/${number}`);
    expect((await s.api.get(`/api/v1/public/complaints/${encodeURIComponent(typed)}`).expect(200)).body.trackingNumber).toBe(number);

    // The commission closes it (its own pages do this; here, straight in the table).
    s.app.db.$client
      .prepare(
        "UPDATE complaints SET status = 'closed', outcome = 'founded', public_summary = 'Se suspendió el uso del sello en ese puesto.', sanction_code = 'suspension', sanction_version = '2026.5', closed_at = ?, updated_at = ? WHERE tracking_number = ?",
      )
      .run('2026-06-02T14:00:00.000Z', '2026-06-02T14:00:00.000Z', number);
    const page = (await s.api.get(`/denuncias/${number}`).expect(200)).text;
    expect(page).toContain('Fundada: la comisión comprobó lo denunciado y actuó');
    expect(page).toContain('Se suspendió el uso del sello en ese puesto.');
    expect(page).not.toContain('correo@ejemplo.bo');
    const json = (await s.api.get(`/api/v1/public/complaints/${number}`).expect(200)).body;
    expect(json).toMatchObject({ status: 'closed', outcome: 'founded', statusLabel: 'Cerrada', closedAt: '2026-06-02T14:00:00.000Z' });
    expect(JSON.stringify(json)).not.toMatch(/correo@ejemplo|2026\.5/);
  });

  it('answers an unknown or impossible number with 404 (JSON error, or the lookup page) and an empty one with 400', async () => {
    const s = await setting();
    const missing = await s.api.get('/api/v1/public/complaints/DEN-0000-0000').expect(404);
    expect(missing.body).toMatchObject({ statusCode: 404, code: 'COMPLAINT_NOT_FOUND' });
    await s.api.get('/api/v1/public/complaints/hola').expect(404);
    const page = await s.api.get('/denuncias/DEN-0000-0000').expect(404);
    expect(page.text).toContain('No hay ninguna denuncia con ese número');
    await s.api.get('/denuncias/seguimiento?numero=').expect(400);
    expect((await s.api.get('/denuncias/seguimiento?numero=nada').expect(400)).text).toContain('aria-invalid="true"');
  });
});

describe('filing through the API', () => {
  it('asks its question, files JSON with the answer (201), and refuses a wrong one without writing', async () => {
    const s = await setting();
    const q = (await s.api.get('/api/v1/public/complaints/question').expect(200)).body as { question: string; token: string };
    const answer = questionAnswer(q.question);
    const wrong = await s.api
      .post('/api/v1/public/complaints')
      .send({ ...TYPED, questionToken: q.token, answer: '99' })
      .expect(400);
    expect(wrong.body).toMatchObject({ code: 'COMPLAINT_QUESTION_WRONG', issues: [{ path: 'body.answer' }] });
    expect(countRows(s.app, 'complaints')).toBe(0);
    const invalid = await s.api
      .post('/api/v1/public/complaints')
      .send({ subject: 'otra', what: '', questionToken: q.token, answer })
      .expect(400);
    expect(invalid.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['body.subject', 'body.what']);

    const filed = await s.api
      .post('/api/v1/public/complaints')
      .send({ ...TYPED, subject: 'organization', questionToken: q.token, answer: NUMBER_WORDS[Number(answer)] ?? answer })
      .expect(201);
    expect(filed.body).toMatchObject({ status: 'received', trackingUrl: `http://localhost:3000/denuncias/${filed.body.trackingNumber}` });
    expect(s.row(filed.body.trackingNumber)).toMatchObject({ subject: 'organization', contact: null });
  });
});
