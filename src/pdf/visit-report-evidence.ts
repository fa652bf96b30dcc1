/**
 * The visit report's photos and documents: JPEG and PNG photos as captioned
 * thumbnails, grouped by the criterion they document; what PDFKit cannot
 * embed (WebP, PDF, a file missing on disk) listed by type and size.
 */
import { z } from 'zod';
import { FONT, formatDateShort, type Pdf } from './document.js';
import { ensureSpace, heading, list, paragraph } from './layout.js';
import { canEmbedImage, firstPhotoRowHeight, photoGrid, type Thumbnail } from './photo-grid.js';
import { fill, TextSchema, textsFor } from './template.js';

/** Evidence types PDFKit can embed as images. */
export { PRINTABLE_IMAGE_TYPES } from './printable-images.js';
import { PRINTABLE_IMAGE_TYPES } from './printable-images.js';

export type VisitReportEvidence = {
  /** The criterion the file documents, or null for the visit as a whole. */
  criterionCode: string | null;
  mediaType: string;
  size: number;
  /** YYYY-MM-DD (Bolivia) of the upload. */
  uploadedOn: string;
  /** The bytes of a JPEG or PNG, to print; null for other types or a file missing on disk. */
  bytes: Buffer | null;
};

export const EvidenceTextsSchema = z
  .object({
    none: TextSchema,
    criterion: TextSchema,
    general: TextSchema,
    caption: TextSchema,
    notPrintable: TextSchema,
    unavailable: TextSchema,
    kinds: textsFor(['photo', 'document']),
    mediaTypes: textsFor(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']),
    sizes: textsFor(['bytes', 'kilobytes', 'megabytes']),
  })
  .strict();
type EvidenceTexts = z.infer<typeof EvidenceTextsSchema>;

/** "834 bytes", "12,3 KB", "1,2 MB": decimal comma, as in Bolivia. */
function formatSize(bytes: number, t: EvidenceTexts): string {
  const decimal = (n: number) => n.toFixed(1).replace('.', ',');
  if (bytes < 1024) return fill(t.sizes.bytes, { size: bytes });
  if (bytes < 1024 * 1024) return fill(t.sizes.kilobytes, { size: decimal(bytes / 1024) });
  return fill(t.sizes.megabytes, { size: decimal(bytes / (1024 * 1024)) });
}

const contentWidth = (doc: Pdf): number => doc.page.width - doc.page.margins.left - doc.page.margins.right;

const typeOf = (mediaType: string, t: EvidenceTexts): string => (t.mediaTypes as Record<string, string>)[mediaType] ?? mediaType;

/**
 * Prints the section: its heading, then the evidence grouped by criterion in the order
 * of `criteria` (code → text), then the files about the visit as a whole. Numbers run
 * through the whole section. No heading is left alone at the bottom of a page.
 */
export function evidenceSection(
  doc: Pdf,
  sectionTitle: string,
  evidence: readonly VisitReportEvidence[],
  criteria: ReadonlyMap<string, string>,
  t: EvidenceTexts,
): void {
  if (evidence.length === 0) {
    heading(doc, sectionTitle);
    paragraph(doc, t.none);
    return;
  }
  const order = [...criteria.keys()];
  const rank = (code: string | null) => (code === null ? order.length + 1 : order.includes(code) ? order.indexOf(code) : order.length);
  const byCriterion = new Map<string | null, VisitReportEvidence[]>();
  for (const e of [...evidence].sort((a, b) => rank(a.criterionCode) - rank(b.criterionCode))) {
    byCriterion.set(e.criterionCode, [...(byCriterion.get(e.criterionCode) ?? []), e]);
  }

  // Within a group, the thumbnails come first and are numbered first.
  let number = 0;
  const groups = [...byCriterion].map(([code, files]) => {
    const canPrint = (file: VisitReportEvidence) =>
      PRINTABLE_IMAGE_TYPES.includes(file.mediaType) && file.bytes !== null && canEmbedImage(doc, file.bytes);
    const details = (file: VisitReportEvidence) => ({
      n: ++number,
      type: typeOf(file.mediaType, t),
      size: formatSize(file.size, t),
      date: formatDateShort(file.uploadedOn),
    });
    const thumbnails: Thumbnail[] = files.filter(canPrint).map((file) => ({ bytes: file.bytes!, caption: fill(t.caption, details(file)) }));
    const listed = files
      .filter((file) => !canPrint(file))
      .map((file) => {
        const kind = file.mediaType.startsWith('image/') ? t.kinds.photo : t.kinds.document;
        const printable = PRINTABLE_IMAGE_TYPES.includes(file.mediaType);
        return fill(printable ? t.unavailable : t.notPrintable, { ...details(file), kind });
      });
    const title = code === null ? t.general : fill(t.criterion, { code, text: criteria.get(code) ?? '' });
    return { title, thumbnails, listed };
  });

  // Room for a group's heading and its first row of photos (or first listed file).
  const room = (g: (typeof groups)[number]): number =>
    doc
      .font(FONT.bold)
      .fontSize(10)
      .heightOfString(g.title, { width: contentWidth(doc) }) +
    12 +
    (g.thumbnails.length > 0 ? firstPhotoRowHeight(doc, g.thumbnails) : 24);
  groups.forEach((group, i) => {
    if (i === 0) ensureSpace(doc, 40 + room(group));
    if (i === 0) heading(doc, sectionTitle);
    ensureSpace(doc, room(group));
    heading(doc, group.title, 2);
    if (group.thumbnails.length > 0) photoGrid(doc, group.thumbnails);
    if (group.listed.length > 0) list(doc, group.listed);
  });
}
