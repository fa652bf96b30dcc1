/**
 * Reads PDFs back for tests: text per page, fonts and whether they are
 * embedded, metadata, and QR codes found by rendering a page to pixels.
 * Uses pdfjs-dist's legacy build, which runs in Node with its built-in fake
 * worker (no worker file to configure) and renders onto @napi-rs/canvas.
 */
import { createCanvas } from '@napi-rs/canvas';
import jsQRModule from 'jsqr';
import { getDocument, OPS, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

// jsqr is CommonJS: under NodeNext its default import is module.exports, whose `default` is the function.
const jsQR = jsQRModule.default;

const MM_PER_PT = 25.4 / 72;

async function open(buffer: Buffer, options: { fontExtraProperties?: boolean } = {}): Promise<PDFDocumentProxy> {
  // pdfjs takes ownership of (and may detach) the array it is given: pass a copy.
  return getDocument({ data: new Uint8Array(buffer), verbosity: 0, ...options }).promise;
}

async function withDocument<T>(buffer: Buffer, use: (doc: PDFDocumentProxy) => Promise<T>, fontInfo = false): Promise<T> {
  const doc = await open(buffer, { fontExtraProperties: fontInfo });
  try {
    return await use(doc);
  } finally {
    await doc.destroy();
  }
}

/** The text of each page, items joined with spaces and lines with "\n". */
export async function pdfText(buffer: Buffer): Promise<string[]> {
  return withDocument(buffer, async (doc) => {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str + (item.hasEOL ? '\n' : '');
      }
      pages.push(text);
    }
    return pages;
  });
}

/** The text of each page with all whitespace collapsed to single spaces, for phrase searches across line breaks. */
export async function pdfFlatText(buffer: Buffer): Promise<string[]> {
  return (await pdfText(buffer)).map((page) => page.replace(/\s+/g, ' ').trim());
}

export type PdfFont = {
  /** BaseFont as written in the PDF, e.g. "CZZZZZ+DejaVuSans". */
  name: string;
  /** pdfjs font type: Type1, TrueType, CIDFontType2, … */
  type: string;
  /** The font program is in the file (FontFile, FontFile2 or FontFile3 in its descriptor). */
  embedded: boolean;
};

type PdfjsFontObject = { name?: string; loadedName?: string; missingFile?: boolean; type?: string };

/**
 * Every font some page actually uses. pdfjs loads each font a page draws with
 * into the page's common objects; `missingFile` is set when the font
 * descriptor has no FontFile, FontFile2 or FontFile3, i.e. the font is not embedded.
 */
export async function pdfFonts(buffer: Buffer): Promise<PdfFont[]> {
  return withDocument(
    buffer,
    async (doc) => {
      const fonts = new Map<string, PdfFont>();
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        await page.getOperatorList();
        for (const [, value] of page.commonObjs as unknown as Iterable<[string, unknown]>) {
          const font = value as PdfjsFontObject | null;
          if (!font || typeof font.loadedName !== 'string' || typeof font.missingFile !== 'boolean') continue;
          const name = font.name ?? font.loadedName;
          fonts.set(name, { name, type: font.type ?? 'unknown', embedded: !font.missingFile });
        }
      }
      return [...fonts.values()];
    },
    true,
  );
}

const IMAGE_OPS = new Set<number>([
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintImageMaskXObject,
  OPS.paintImageXObjectRepeat,
  OPS.paintImageMaskXObjectRepeat,
  OPS.paintSolidColorImageMask,
  OPS.paintInlineImageXObjectGroup,
  OPS.paintImageMaskXObjectGroup,
]);

/** How many raster images each page paints. */
export async function pdfImageCounts(buffer: Buffer): Promise<number[]> {
  return withDocument(buffer, async (doc) => {
    const counts: number[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const { fnArray } = await (await doc.getPage(n)).getOperatorList();
      counts.push(fnArray.filter((fn) => IMAGE_OPS.has(fn)).length);
    }
    return counts;
  });
}

export type PdfInfo = {
  pages: number;
  title?: string;
  author?: string;
  subject?: string;
  keywords?: string;
  creator?: string;
  producer?: string;
  creationDate?: string;
  modDate?: string;
  language?: string;
  version?: string;
};

/** Document information dictionary and catalog language. */
export async function pdfInfo(buffer: Buffer): Promise<PdfInfo> {
  return withDocument(buffer, async (doc) => {
    const { info } = await doc.getMetadata();
    const get = (key: string): string | undefined => {
      const value = (info as Record<string, unknown>)[key];
      return typeof value === 'string' ? value : undefined;
    };
    return {
      pages: doc.numPages,
      title: get('Title'),
      author: get('Author'),
      subject: get('Subject'),
      keywords: get('Keywords'),
      creator: get('Creator'),
      producer: get('Producer'),
      creationDate: get('CreationDate'),
      modDate: get('ModDate'),
      language: get('Language'),
      version: get('PDFFormatVersion'),
    };
  });
}

export type PageImage = { data: Uint8ClampedArray; width: number; height: number; scale: number };

/** Renders one page (1-based) at `scale` pixels per point on a white background. */
export async function renderPage(buffer: Buffer, pageNumber = 1, scale = 4): Promise<PageImage> {
  return withDocument(buffer, async (doc) => {
    const page = await doc.getPage(pageNumber);
    const viewport = page.getViewport({ scale });
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    const context = canvas.getContext('2d');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({
      // @napi-rs/canvas implements the part of the DOM canvas API that pdfjs uses in Node
      // (the DOM types are not in this project's lib, so no cast is needed).
      canvas,
      canvasContext: context,
      viewport,
    }).promise;
    const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
    return { data, width, height, scale };
  });
}

export type QrScan = {
  /** Decoded text. */
  data: string;
  /** Modules per side (21 for version 1, +4 per version). */
  modules: number;
  /** Measured width of the dark symbol, without quiet zone, in millimetres. */
  symbolMm: number;
  /** Measured width of one module in millimetres. */
  moduleMm: number;
  /** How many module widths around the symbol are blank (measured up to 8). */
  quietZoneModules: number;
};

const isDark = (image: PageImage, x: number, y: number): boolean => {
  if (x < 0 || y < 0 || x >= image.width || y >= image.height) return false;
  const i = (Math.floor(y) * image.width + Math.floor(x)) * 4;
  const luminance = 0.299 * (image.data[i] ?? 255) + 0.587 * (image.data[i + 1] ?? 255) + 0.114 * (image.data[i + 2] ?? 255);
  return luminance < 128;
};

/**
 * Finds and decodes the QR code on a page and measures it: jsQR gives the
 * symbol's corners and version; the size in millimetres follows from the
 * render scale. The quiet zone is measured by growing a square ring
 * outwards from the symbol edge until it meets a dark pixel.
 */
export async function scanQr(buffer: Buffer, pageNumber = 1, scale = 4): Promise<QrScan | null> {
  const image = await renderPage(buffer, pageNumber, scale);
  const found = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
  if (!found) return null;
  const modules = 17 + 4 * found.version;
  const { topLeftCorner: tl, topRightCorner: tr, bottomLeftCorner: bl, bottomRightCorner: br } = found.location;
  const left = Math.min(tl.x, bl.x);
  const right = Math.max(tr.x, br.x);
  const top = Math.min(tl.y, tr.y);
  const bottom = Math.max(bl.y, br.y);
  const symbolPx = (right - left + (bottom - top)) / 2;
  const modulePx = symbolPx / modules;

  // Ring k spans from the symbol edge out to k modules; stop at the first dark pixel.
  const margin = 1.5; // pixels of anti-aliasing tolerated at the symbol's edge
  const limit = 8;
  let quiet = 0;
  for (let k = 1; k <= limit; k++) {
    const outer = k * modulePx;
    const x0 = left - outer;
    const x1 = right + outer;
    const y0 = top - outer;
    const y1 = bottom + outer;
    let clear = true;
    for (let y = y0; y <= y1 && clear; y += 1) {
      for (let x = x0; x <= x1; x += 1) {
        const inside = x > left - margin && x < right + margin && y > top - margin && y < bottom + margin;
        if (!inside && isDark(image, x, y)) {
          clear = false;
          break;
        }
      }
    }
    if (!clear) break;
    quiet = k;
  }
  const pxToMm = (px: number): number => (px / scale) * MM_PER_PT;
  return {
    data: found.data,
    modules,
    symbolMm: pxToMm(symbolPx),
    moduleMm: pxToMm(modulePx),
    quietZoneModules: quiet,
  };
}

/** The text of the QR code on a page, or null if none can be read. */
export async function decodeQr(buffer: Buffer, pageNumber = 1): Promise<string | null> {
  return (await scanQr(buffer, pageNumber))?.data ?? null;
}
