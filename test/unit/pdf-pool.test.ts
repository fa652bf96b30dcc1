import { createCanvas } from '@napi-rs/canvas';
import { threadId as mainThreadId } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { renderCertificatePdf, type CertificatePdfData } from '../../src/pdf/certificate-pdf.js';
import { createPdfPool, type PdfRenderer } from '../../src/pdf/pdf-pool.js';
import { renderVisitReportPdf, type VisitReportPdfData } from '../../src/pdf/visit-report-pdf.js';
import { pdfFlatText, pdfImageCounts } from '../helpers/pdf-reader.js';

const certificate = (overrides: Partial<CertificatePdfData> = {}): CertificatePdfData => ({
  code: '7K3M-9QXA-2F4P',
  verificationUrl: 'https://sello.plataforma-escj.bo/c/7K3M9QXA2F4P',
  holder: {
    organization: 'Cooperativa Señor de Mayo',
    producer: 'Familia Quispe',
    department: 'Potosí',
    municipality: 'Tupiza',
    community: null,
  },
  scope: { products: ['Quinua real'], sectors: ['Agrícola'] },
  sealLevel: 'Pleno',
  scheme: { name: 'Sello ES/CJ', issuingBody: 'Comisión de Certificación SPG', version: '2026.1', contentHash: 'sha256:00ff' },
  issuedOn: '2026-03-12',
  expiresOn: '2027-03-11',
  conditions: [],
  decision: { resolution: '03/2026', session: '02/2026', sessionDate: '2026-03-10' },
  ...overrides,
});

/** A small JPEG, so that the report carries bytes across the thread boundary. */
function photo(): Buffer {
  const canvas = createCanvas(160, 120);
  const context = canvas.getContext('2d');
  context.fillStyle = '#3b7d4a';
  context.fillRect(0, 0, 160, 120);
  context.fillStyle = '#d9b26f';
  context.fillRect(40, 30, 80, 60);
  return canvas.encodeSync('jpeg', 80);
}

const report = (bytes: Buffer): VisitReportPdfData => ({
  organization: 'Cooperativa Señor de Mayo',
  producer: 'Familia Quispe',
  location: { department: 'Potosí', municipality: 'Tupiza', community: null },
  cycle: '2026',
  scheme: { name: 'Sello ES/CJ', version: '2026.1', contentHash: 'sha256:00ff' },
  visitDate: '2026-05-14',
  submittedOn: null,
  team: [{ name: 'Rosa Choque', role: 'producer' }],
  present: [],
  observations: '',
  principles: [],
  nonConformities: [],
  disagreements: [],
  correctiveActions: [],
  evidence: [{ criterionCode: null, mediaType: 'image/jpeg', size: bytes.length, uploadedOn: '2026-05-14', bytes }],
});

describe('the PDF pool', () => {
  let pool: PdfRenderer;
  afterEach(async () => {
    await pool.close();
  });

  it('starts no thread until the first document', async () => {
    pool = createPdfPool({ threads: 2 });
    expect(pool.threads()).toHaveLength(0);
    expect(pool.stats()).toEqual({ completed: 0, renderedOn: [] });
  });

  it('renders in a worker thread the same bytes the renderer gives in-process', async () => {
    pool = createPdfPool({ threads: 2 });
    const pdf = await pool.render({ kind: 'certificate', data: certificate() });
    const { completed, renderedOn } = pool.stats();
    expect(completed).toBe(1);
    expect(renderedOn).toHaveLength(1);
    expect(renderedOn).not.toContain(mainThreadId);
    expect(Buffer.isBuffer(pdf)).toBe(true);
    expect(pdf.equals(await renderCertificatePdf(certificate()))).toBe(true);
  });

  it('carries photos to the thread and embeds them as in-process', async () => {
    pool = createPdfPool({ threads: 1 });
    const data = report(photo());
    const pdf = await pool.render({ kind: 'visitReport', data });
    expect((await pdfImageCounts(pdf)).reduce((a, b) => a + b, 0)).toBe(1);
    expect(pdf.equals(await renderVisitReportPdf(data))).toBe(true);
  });

  it('rejects with the renderer error, and keeps rendering', async () => {
    pool = createPdfPool({ threads: 1 });
    await expect(pool.render({ kind: 'certificate', data: certificate({ expiresOn: '2027-02-30' }) })).rejects.toThrow(/2027-02-30/);
    const text = (await pdfFlatText(await pool.render({ kind: 'certificate', data: certificate() }))).join('\n');
    expect(text).toContain('7K3M-9QXA-2F4P');
  });

  it('survives a thread that dies with a document in hand', async () => {
    const errors: unknown[] = [];
    pool = createPdfPool({ threads: 1, onError: (error) => errors.push(error) });
    await pool.render({ kind: 'certificate', data: certificate() });
    const [thread] = pool.threads();
    const pending = pool.render({ kind: 'certificate', data: certificate({ code: 'AAAA-BBBB-CCCC' }) });
    await thread!.terminate();
    await expect(pending).rejects.toThrow(/exited/);
    const text = (await pdfFlatText(await pool.render({ kind: 'certificate', data: certificate({ code: 'DDDD-EEEE-FFFF' }) }))).join('\n');
    expect(text).toContain('DDDD-EEEE-FFFF');
    expect(pool.threads()).toHaveLength(1);
    expect(pool.threads()[0]).not.toBe(thread);
  });

  it('lets idle threads exit and refuses documents once closed', async () => {
    pool = createPdfPool({ threads: 1, idleTimeoutMs: 50 });
    await pool.render({ kind: 'certificate', data: certificate() });
    expect(pool.threads()).toHaveLength(1);
    await expect.poll(() => pool.threads().length, { timeout: 5_000 }).toBe(0);
    await pool.close();
    await expect(pool.render({ kind: 'certificate', data: certificate() })).rejects.toThrow(/closed/);
  });
});
