/**
 * Photo thumbnails in rows, each fitted into a framed cell with its caption
 * under it. A row is never split across pages; a heading placed just before
 * the grid can ask for room for the first row so that it is not left alone.
 */
import { FONT, mm, type Pdf } from './document.js';
import { ensureSpace } from './layout.js';
import { commonTemplate } from './template.js';

/** The bytes of a JPEG or PNG PDFKit can embed (see `canEmbedImage`), with the caption printed under it. */
export type Thumbnail = { bytes: Buffer; caption: string };

export type PhotoGridOptions = { columns?: number; imageHeight?: number; captionSize?: number };

const GAP = mm(4);
const FRAME_PADDING = 3;

const contentWidth = (doc: Pdf): number => doc.page.width - doc.page.margins.left - doc.page.margins.right;

// PDFKit's openImage (parse without drawing) is missing from @types/pdfkit.
type ImageOpener = { openImage(src: Buffer): { width: number; height: number } };

/** Whether PDFKit can embed these bytes: a JPEG or PNG it parses (not WebP, PDF or a damaged file). */
export function canEmbedImage(doc: Pdf, bytes: Buffer): boolean {
  try {
    const image = (doc as unknown as ImageOpener).openImage(bytes);
    return image.width > 0 && image.height > 0;
  } catch {
    return false;
  }
}

function layoutOf(doc: Pdf, options: PhotoGridOptions) {
  const columns = options.columns ?? 3;
  const cellWidth = (contentWidth(doc) - GAP * (columns - 1)) / columns;
  const imageHeight = options.imageHeight ?? mm(42);
  const captionSize = options.captionSize ?? 7.5;
  const captionHeight = (caption: string): number =>
    doc.font(FONT.regular).fontSize(captionSize).heightOfString(caption, { width: cellWidth });
  const rowHeight = (row: readonly Thumbnail[]): number => imageHeight + 4 + Math.max(0, ...row.map((t) => captionHeight(t.caption)));
  return { columns, cellWidth, imageHeight, captionSize, rowHeight };
}

/** Height of the grid's first row, for a heading that must stay with it. */
export function firstPhotoRowHeight(doc: Pdf, thumbnails: readonly Thumbnail[], options: PhotoGridOptions = {}): number {
  const layout = layoutOf(doc, options);
  return layout.rowHeight(thumbnails.slice(0, layout.columns));
}

export function photoGrid(doc: Pdf, thumbnails: readonly Thumbnail[], options: PhotoGridOptions = {}): void {
  const { colors } = commonTemplate();
  const { columns, cellWidth, imageHeight, captionSize, rowHeight } = layoutOf(doc, options);
  const x0 = doc.page.margins.left;
  for (let i = 0; i < thumbnails.length; i += columns) {
    const row = thumbnails.slice(i, i + columns);
    const height = rowHeight(row);
    ensureSpace(doc, height);
    const y = doc.y;
    row.forEach((thumbnail, column) => {
      const x = x0 + column * (cellWidth + GAP);
      doc.rect(x, y, cellWidth, imageHeight).lineWidth(0.4).strokeColor(colors.rule).stroke();
      doc.image(thumbnail.bytes, x + FRAME_PADDING, y + FRAME_PADDING, {
        fit: [cellWidth - 2 * FRAME_PADDING, imageHeight - 2 * FRAME_PADDING],
        align: 'center',
        valign: 'center',
      });
      doc
        .font(FONT.regular)
        .fontSize(captionSize)
        .fillColor(colors.muted)
        .text(thumbnail.caption, x, y + imageHeight + 3, { width: cellWidth });
    });
    doc.x = x0;
    doc.y = y + height + GAP;
  }
  doc.fillColor(colors.text);
}
