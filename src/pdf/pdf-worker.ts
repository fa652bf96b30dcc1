/**
 * The worker-thread side of the PDF pool (pdf-pool.ts): one task renders one document with the
 * same pure renderers the tests call in-process, so that PDFKit's work never holds up requests.
 */
import { threadId } from 'node:worker_threads';
import { renderActaPdf, type ActaPdfData } from './acta-pdf.js';
import { renderCertificatePdf, type CertificatePdfData } from './certificate-pdf.js';
import { renderVisitReportPdf, type VisitReportPdfData } from './visit-report-pdf.js';

/** What a worker is asked to render: plain data, as it crosses threads by structured clone. */
export type PdfTask =
  | { kind: 'certificate'; data: CertificatePdfData }
  | { kind: 'acta'; data: ActaPdfData }
  | { kind: 'visitReport'; data: VisitReportPdfData };

/** The bytes, and the thread that rendered them. */
export type PdfTaskResult = { pdf: Uint8Array; threadId: number };

/**
 * A Buffer arrives as a plain Uint8Array; PDFKit only embeds images given as Buffer
 * (anything else it takes for a file name).
 */
const asBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export function renderTask(task: PdfTask): Promise<Buffer> {
  switch (task.kind) {
    case 'certificate':
      return renderCertificatePdf(task.data);
    case 'acta':
      return renderActaPdf(task.data);
    case 'visitReport':
      return renderVisitReportPdf({
        ...task.data,
        evidence: task.data.evidence.map((e) => ({ ...e, bytes: e.bytes && asBuffer(e.bytes) })),
      });
  }
}

export default async function renderInWorker(task: PdfTask): Promise<PdfTaskResult> {
  return { pdf: await renderTask(task), threadId };
}
