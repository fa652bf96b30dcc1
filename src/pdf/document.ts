/**
 * Shared PDF plumbing: deterministic A4 documents with DejaVu Sans embedded,
 * Spanish dates, and page furniture (header, footer, "Página 1 de 3").
 */
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { isoDateToUtc } from './dates.js';
import { commonTemplate, fill } from './template.js';

export { formatDateLong, formatDateShort, formatDateWithIso, formatLocation, isoDateToUtc, type Location } from './dates.js';

export type Pdf = PDFKit.PDFDocument;

const require = createRequire(import.meta.url);

/** TrueType files, resolved through the package so it works from src/ and dist/. */
export const FONT_FILES = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
} as const;

/** Registered font names. Only these are ever used: the 14 standard PDF fonts are not embedded. */
export const FONT = { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold' } as const;

/** Points per millimetre. */
export const PT_PER_MM = 72 / 25.4;
export const mm = (millimetres: number): number => millimetres * PT_PER_MM;

export type PdfMeta = {
  title: string;
  author: string;
  subject: string;
  keywords: readonly string[];
  /** YYYY-MM-DD: becomes CreationDate and ModDate (00:00 UTC) so that output is reproducible. */
  date: string;
};

export type Margins = { top: number; bottom: number; left: number; right: number };

/** Page furniture drawn on every page once the page count is known. */
export type PageFurniture = (doc: Pdf, page: number, pages: number) => void;

/**
 * Creates an A4 document, lets `draw` fill it, adds the page furniture and
 * returns the bytes. Same input, same bytes: the dates come from `meta.date`,
 * and PDFKit derives the trailer /ID from the info dictionary (an MD5 of it),
 * so no clock or randomness is involved.
 */
export function renderPdf(meta: PdfMeta, margins: Margins, draw: (doc: Pdf) => void, furniture?: PageFurniture): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const common = commonTemplate();
    const date = isoDateToUtc(meta.date);
    const doc = new PDFDocument({
      size: 'A4',
      margins,
      bufferPages: true,
      compress: true,
      pdfVersion: '1.7',
      lang: common.lang,
      displayTitle: true,
      // Load a TrueType default so PDFKit never touches its standard Helvetica.
      font: FONT_FILES.regular,
      info: {
        Title: meta.title,
        Author: meta.author,
        Subject: meta.subject,
        Keywords: meta.keywords.join(', '),
        Creator: common.creator,
        Producer: common.producer,
        CreationDate: date,
        ModDate: date,
      },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      doc.registerFont(FONT.regular, FONT_FILES.regular);
      doc.registerFont(FONT.bold, FONT_FILES.bold);
      doc.font(FONT.regular).fillColor(common.colors.text);
      draw(doc);
      if (furniture) drawFurniture(doc, furniture);
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

/**
 * Runs `draw` with the current page's top and bottom margins at zero: text
 * written inside a margin (headers, footers, fixed blocks) would otherwise
 * make PDFKit start a new page.
 */
export function outsideMargins(doc: Pdf, draw: () => void): void {
  const saved = { ...doc.page.margins };
  doc.page.margins = { ...saved, top: 0, bottom: 0 };
  try {
    draw();
  } finally {
    doc.page.margins = saved;
  }
}

function drawFurniture(doc: Pdf, furniture: PageFurniture): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    outsideMargins(doc, () => furniture(doc, i - range.start + 1, range.count));
  }
}

/**
 * The usual furniture: a title line at the top, a rule, and at the bottom an
 * optional note on the left and "Página n de N" on the right.
 */
export function standardFurniture(headerText: string, footerNote?: string): PageFurniture {
  return (doc, page, pages) => {
    const { colors, pageOf } = commonTemplate();
    const left = doc.page.margins.left;
    const width = doc.page.width - left - doc.page.margins.right;
    const top = mm(12);
    doc.font(FONT.regular).fontSize(8).fillColor(colors.muted);
    doc.text(headerText, left, top, { width, height: 10, ellipsis: true });
    doc
      .moveTo(left, top + 12)
      .lineTo(left + width, top + 12)
      .lineWidth(0.5)
      .strokeColor(colors.rule)
      .stroke();
    const bottom = doc.page.height - mm(14);
    const numberText = fill(pageOf, { page, pages });
    const numberWidth = doc.widthOfString(numberText);
    doc.text(numberText, left + width - numberWidth, bottom, { lineBreak: false });
    if (footerNote) {
      doc.text(footerNote, left, bottom, { width: width - numberWidth - 12, height: 10, ellipsis: true });
    }
    doc.fillColor(colors.text);
  };
}
