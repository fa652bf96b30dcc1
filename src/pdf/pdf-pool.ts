/**
 * The PDF worker pool: PDFKit takes several milliseconds of CPU per document, so documents are
 * rendered in worker threads (pdf-worker.ts) and the request loop only gathers data and sends
 * bytes. The threads start with the first document and leave when idle.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { PdfTask, PdfTaskResult } from './pdf-worker.js';

export type { PdfTask } from './pdf-worker.js';

/**
 * Built, this module is dist/pdf/pdf-pool.js and its worker the .js beside it. Run from source
 * (tsx, vitest) it is a .ts file: the worker is the .ts beside it, and the thread, a fresh Node
 * context, needs tsx's loader to read TypeScript.
 */
function workerSetup(moduleUrl: string): { filename: string; execArgv?: string[] } {
  if (!moduleUrl.endsWith('.ts')) return { filename: new URL('./pdf-worker.js', moduleUrl).href };
  // Resolved to a file, so that it does not depend on the working directory.
  const tsx = pathToFileURL(createRequire(moduleUrl).resolve('tsx')).href;
  return { filename: new URL('./pdf-worker.ts', moduleUrl).href, execArgv: ['--import', tsx] };
}

export type PdfPoolOptions = {
  /** Most threads rendering at once: the machine's cores by default (config.ts). */
  threads: number;
  /** How long an idle thread waits for work before it exits. */
  idleTimeoutMs?: number;
  /** A thread that fails with no document in hand (a document in hand fails its request instead). */
  onError?: (error: unknown) => void;
};

export type PdfRenderer = {
  /** The document's bytes; rejects as the renderer did (or if its thread died), never crashing the process. */
  render: (task: PdfTask) => Promise<Buffer>;
  /** Documents rendered so far, and the ids of the threads that rendered them (never the main thread's). */
  stats: () => { completed: number; renderedOn: number[] };
  /** The live worker threads (none until the first document, none again once idle). */
  threads: () => readonly Worker[];
  /** Stops the threads; documents asked for afterwards are refused. */
  close: () => Promise<void>;
};

export function createPdfPool({ threads, idleTimeoutMs = 30_000, onError = () => {} }: PdfPoolOptions): PdfRenderer {
  let pool: Piscina<PdfTask, PdfTaskResult> | null = null;
  let closed = false;
  let completed = 0;
  const renderedOn = new Set<number>();

  const started = (): Piscina<PdfTask, PdfTaskResult> => {
    if (pool) return pool;
    pool = new Piscina<PdfTask, PdfTaskResult>({
      ...workerSetup(import.meta.url),
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: idleTimeoutMs,
    });
    // Without a listener, an error event would be thrown and end the process.
    pool.on('error', onError);
    return pool;
  };

  return {
    async render(task) {
      if (closed) throw new Error('The PDF pool is closed');
      const { pdf, threadId } = await started().run(task);
      completed += 1;
      renderedOn.add(threadId);
      // A Buffer crosses threads as a plain Uint8Array: the same bytes, viewed as a Buffer again.
      return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    },
    stats: () => ({ completed, renderedOn: [...renderedOn] }),
    threads: () => pool?.threads ?? [],
    async close() {
      closed = true;
      const running = pool;
      pool = null;
      await running?.destroy();
    },
  };
}
