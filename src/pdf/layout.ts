/**
 * Flowing layout blocks shared by the reports: headings, label/value lists,
 * paragraphs and tables that break across pages without splitting a row.
 */
import { FONT, type Pdf } from './document.js';
import { commonTemplate } from './template.js';

const CELL_PADDING = 4;

/** The width between the left and right margins. */
export const contentWidth = (doc: Pdf): number => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottomLimit = (doc: Pdf): number => doc.page.height - doc.page.margins.bottom;

/** Starts a new page unless `height` points still fit below the cursor. */
export function ensureSpace(doc: Pdf, height: number): void {
  if (doc.y + height > bottomLimit(doc)) {
    doc.addPage();
    doc.x = doc.page.margins.left;
  }
}

/** A document title: large, bold, in the primary colour. */
export function title(doc: Pdf, text: string, subtitle?: string): void {
  const { colors } = commonTemplate();
  const x = doc.page.margins.left;
  doc
    .font(FONT.bold)
    .fontSize(16)
    .fillColor(colors.primary)
    .text(text, x, doc.y, { width: contentWidth(doc) });
  if (subtitle)
    doc
      .font(FONT.regular)
      .fontSize(10)
      .fillColor(colors.muted)
      .text(subtitle, { width: contentWidth(doc) });
  doc.fillColor(colors.text).moveDown(0.8);
}

/** A section heading, kept on the same page as the first lines after it. */
export function heading(doc: Pdf, text: string, level: 1 | 2 = 1): void {
  const { colors } = commonTemplate();
  const size = level === 1 ? 12 : 10;
  doc.moveDown(level === 1 ? 0.6 : 0.3);
  ensureSpace(doc, size * 1.4 + 40);
  const x = doc.page.margins.left;
  doc
    .font(FONT.bold)
    .fontSize(size)
    .fillColor(colors.primary)
    .text(text, x, doc.y, { width: contentWidth(doc) });
  if (level === 1) {
    const y = doc.y + 1;
    doc
      .moveTo(x, y)
      .lineTo(x + contentWidth(doc), y)
      .lineWidth(0.6)
      .strokeColor(colors.accent)
      .stroke();
    doc.y = y + 4;
  }
  doc.fillColor(colors.text).font(FONT.regular).moveDown(0.2);
}

export type ParagraphOptions = {
  size?: number;
  bold?: boolean;
  muted?: boolean;
  /** Points of what follows to keep on the same page (for a label above a table). */
  keepWithNext?: number;
};

/** A paragraph at the left margin. */
export function paragraph(doc: Pdf, text: string, options: ParagraphOptions = {}): void {
  const { colors } = commonTemplate();
  doc.font(options.bold ? FONT.bold : FONT.regular).fontSize(options.size ?? 9.5);
  if (options.keepWithNext) ensureSpace(doc, doc.heightOfString(text, { width: contentWidth(doc) }) + options.keepWithNext);
  doc.fillColor(options.muted ? colors.muted : colors.text).text(text, doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.fillColor(colors.text);
}

/** Label, value and optionally a smaller font size for that value (for long codes and hashes). */
export type DefinitionRow = readonly [label: string, value: string, valueSize?: number];

/** Label/value rows: bold labels in a column of `labelWidth` points, values beside them. */
export function definitionList(doc: Pdf, rows: readonly DefinitionRow[], options: { labelWidth?: number; size?: number } = {}): void {
  const { colors } = commonTemplate();
  const size = options.size ?? 9.5;
  const labelWidth = options.labelWidth ?? 150;
  const x = doc.page.margins.left;
  const valueWidth = contentWidth(doc) - labelWidth;
  for (const [label, value, valueSize = size] of rows) {
    const labelHeight = doc
      .font(FONT.bold)
      .fontSize(size)
      .heightOfString(label, { width: labelWidth - 8 });
    const valueHeight = doc.font(FONT.regular).fontSize(valueSize).heightOfString(value, { width: valueWidth });
    ensureSpace(doc, Math.max(labelHeight, valueHeight));
    const y = doc.y;
    doc
      .font(FONT.bold)
      .fontSize(size)
      .fillColor(colors.muted)
      .text(label, x, y, { width: labelWidth - 8 });
    doc
      .font(FONT.regular)
      .fontSize(valueSize)
      .fillColor(colors.text)
      .text(value, x + labelWidth, y, { width: valueWidth });
    doc.y = y + Math.max(labelHeight, valueHeight) + size * 0.35;
  }
  doc.x = x;
}

/** A numbered or bulleted list of paragraphs. */
export function list(doc: Pdf, items: readonly string[], options: { numbered?: boolean; size?: number } = {}): void {
  const size = options.size ?? 9.5;
  const x = doc.page.margins.left;
  const indent = 18;
  items.forEach((item, index) => {
    const marker = options.numbered ? `${index + 1}.` : '•';
    doc.font(FONT.regular).fontSize(size);
    const height = doc.heightOfString(item, { width: contentWidth(doc) - indent });
    ensureSpace(doc, height);
    const y = doc.y;
    doc.text(marker, x, y, { width: indent, lineBreak: false });
    doc.text(item, x + indent, y, { width: contentWidth(doc) - indent });
    doc.y = y + height + size * 0.3;
  });
  doc.x = x;
}

export type Column = {
  header: string;
  /** Share of the content width; the shares of a table should add up to 1. */
  width: number;
  bold?: boolean;
};

/**
 * A table with a shaded header row, repeated on every page it runs onto. A
 * row is never split: it moves to the next page whole. A row taller than a
 * page cannot be avoided by moving it, so it is drawn where it starts.
 */
export function table(doc: Pdf, columns: readonly Column[], rows: readonly (readonly string[])[], size = 8.5): void {
  const { colors } = commonTemplate();
  const x0 = doc.page.margins.left;
  const total = contentWidth(doc);
  const widths = columns.map((c) => c.width * total);

  const rowHeight = (cells: readonly string[], bold: (i: number) => boolean): number =>
    Math.max(
      ...cells.map((cell, i) => {
        doc.font(bold(i) ? FONT.bold : FONT.regular).fontSize(size);
        return doc.heightOfString(cell || ' ', { width: (widths[i] ?? 0) - 2 * CELL_PADDING });
      }),
    ) +
    2 * CELL_PADDING;

  const drawRow = (cells: readonly string[], height: number, bold: (i: number) => boolean, fill?: string): void => {
    const y = doc.y;
    if (fill) doc.rect(x0, y, total, height).fill(fill);
    let x = x0;
    cells.forEach((cell, i) => {
      const width = widths[i] ?? 0;
      doc
        .font(bold(i) ? FONT.bold : FONT.regular)
        .fontSize(size)
        .fillColor(colors.text)
        .text(cell, x + CELL_PADDING, y + CELL_PADDING, { width: width - 2 * CELL_PADDING });
      x += width;
    });
    doc
      .moveTo(x0, y + height)
      .lineTo(x0 + total, y + height)
      .lineWidth(0.4)
      .strokeColor(colors.rule)
      .stroke();
    doc.x = x0;
    doc.y = y + height;
  };

  const headers = columns.map((c) => c.header);
  const headerHeight = rowHeight(headers, () => true);
  const drawHeader = (): void => drawRow(headers, headerHeight, () => true, colors.headerFill);
  const cellBold = (i: number): boolean => columns[i]?.bold === true;

  const first = rows[0];
  ensureSpace(doc, headerHeight + (first ? rowHeight(first, cellBold) : 0));
  drawHeader();
  for (const row of rows) {
    const height = rowHeight(row, cellBold);
    if (doc.y + height > bottomLimit(doc) && doc.y > doc.page.margins.top + headerHeight + 1) {
      doc.addPage();
      drawHeader();
    }
    drawRow(row, height, cellBold);
  }
  doc.moveDown(0.5);
}

export type Signer = { name: string; role: string };

const SIGNATURE = { gap: 24, space: 30, nameOffset: 11, after: 8 } as const;

/** The rows of signers, two to a row, each with its height (names that wrap make a row taller). */
function signatureRows(doc: Pdf, signers: readonly Signer[]): { signers: readonly Signer[]; height: number }[] {
  const columnWidth = (contentWidth(doc) - SIGNATURE.gap) / 2;
  const rows: { signers: readonly Signer[]; height: number }[] = [];
  for (let i = 0; i < signers.length; i += 2) {
    const pair = signers.slice(i, i + 2);
    const below = Math.max(
      ...pair.map(
        (s) =>
          doc.font(FONT.bold).fontSize(9).heightOfString(s.name, { width: columnWidth }) +
          doc.font(FONT.regular).fontSize(8).heightOfString(s.role, { width: columnWidth }),
      ),
    );
    rows.push({ signers: pair, height: SIGNATURE.space + SIGNATURE.nameOffset + below + SIGNATURE.after });
  }
  return rows;
}

/** The height `signatures()` takes for these signers, to keep a block with them together. */
export function signaturesHeight(doc: Pdf, signers: readonly Signer[]): number {
  return signatureRows(doc, signers).reduce((sum, row) => sum + row.height, 0);
}

/** The height of the writable area of a page. */
export const pageBodyHeight = (doc: Pdf): number => doc.page.height - doc.page.margins.top - doc.page.margins.bottom;

/**
 * Starts a new page unless a block of `height` points fits below the cursor; a block taller than a
 * page cannot be kept whole, so it starts where it is.
 */
export function keepTogether(doc: Pdf, height: number): void {
  if (height <= pageBodyHeight(doc)) ensureSpace(doc, height);
}

/**
 * Signature lines in two columns, each with the signer's name and role under it. A row never
 * splits; when the lines run onto another page, the last page gets at least two rows, never a
 * lone signature.
 */
export function signatures(doc: Pdf, signers: readonly Signer[], lineLabel: string): void {
  const { colors } = commonTemplate();
  const x0 = doc.page.margins.left;
  const columnWidth = (contentWidth(doc) - SIGNATURE.gap) / 2;
  const rows = signatureRows(doc, signers);
  rows.forEach((row, index) => {
    const last = rows[index + 1];
    const lastTwo = index === rows.length - 2 && last ? row.height + last.height : 0;
    // Moving the last two rows together keeps the final one company.
    if (lastTwo > 0 && doc.y + lastTwo > bottomLimit(doc) && doc.y + row.height <= bottomLimit(doc) && lastTwo <= pageBodyHeight(doc)) {
      doc.addPage();
    }
    ensureSpace(doc, row.height);
    const top = doc.y;
    const y = top + SIGNATURE.space;
    row.signers.forEach((signer, column) => {
      const x = x0 + column * (columnWidth + SIGNATURE.gap);
      doc
        .moveTo(x, y)
        .lineTo(x + columnWidth, y)
        .lineWidth(0.6)
        .strokeColor(colors.muted)
        .stroke();
      doc
        .font(FONT.regular)
        .fontSize(7)
        .fillColor(colors.muted)
        .text(lineLabel, x, y + 2, { width: columnWidth });
      doc
        .font(FONT.bold)
        .fontSize(9)
        .fillColor(colors.text)
        .text(signer.name, x, y + SIGNATURE.nameOffset, { width: columnWidth });
      doc.font(FONT.regular).fontSize(8).fillColor(colors.muted).text(signer.role, x, doc.y, { width: columnWidth });
    });
    doc.y = top + row.height;
    doc.x = x0;
  });
  doc.fillColor(colors.text);
}

/** A table of `rows`, or the note `empty` when there are none. */
export function tableOrNote(
  doc: Pdf,
  columns: readonly Column[],
  rows: readonly (readonly string[])[],
  empty: string,
  noteOptions: ParagraphOptions = {},
): void {
  if (rows.length === 0) paragraph(doc, empty, noteOptions);
  else table(doc, columns, rows);
}
