/**
 * The seal emblem drawn as vector graphics: a round stamp with a rosette,
 * the scheme's name and a ribbon with the seal level.
 */
import { FONT, type Pdf } from './document.js';

export type SealStyle = {
  /** Lines of the scheme name written across the seal, e.g. "Economía Solidaria". */
  lines: readonly string[];
  /** Short word above the name, e.g. "SELLO". */
  top: string;
  /** Country or region below the name, e.g. "BOLIVIA". */
  bottom: string;
  primary: string;
  accent: string;
  paper: string;
};

/** Largest font size (down to `min`) at which `text` fits in `width`. */
function fitFontSize(doc: Pdf, text: string, width: number, max: number, min = 4): number {
  let size = max;
  while (size > min && doc.fontSize(size).widthOfString(text) > width) size -= 0.25;
  return size;
}

function centredLine(doc: Pdf, text: string, cx: number, y: number, width: number, font: string, max: number): number {
  doc.font(font);
  const size = fitFontSize(doc, text, width, max);
  doc.fontSize(size).text(text, cx - width / 2, y, { width, align: 'center', lineBreak: false });
  return size * 1.2;
}

/** Draws the seal centred on (cx, cy) with radius r, labelled with `level`. */
export function drawSeal(doc: Pdf, cx: number, cy: number, r: number, level: string, style: SealStyle): void {
  doc.save();
  // Outer disc and rosette: 24 small triangles pointing outwards between two rings.
  doc.circle(cx, cy, r).fill(style.primary);
  const teeth = 24;
  const inner = r * 0.8;
  for (let i = 0; i < teeth; i++) {
    const a = (2 * Math.PI * i) / teeth;
    const half = Math.PI / teeth;
    doc
      .polygon(
        [cx + inner * Math.cos(a - half), cy + inner * Math.sin(a - half)],
        [cx + r * 0.93 * Math.cos(a), cy + r * 0.93 * Math.sin(a)],
        [cx + inner * Math.cos(a + half), cy + inner * Math.sin(a + half)],
      )
      .fill(style.accent);
  }
  doc.circle(cx, cy, inner).fill(style.paper);
  doc
    .circle(cx, cy, inner * 0.93)
    .lineWidth(0.8)
    .strokeColor(style.primary)
    .stroke();

  // Texts inside the inner disc.
  const width = inner * 1.5;
  const lineSizes = style.lines.length * 9 * 1.2;
  let y = cy - (lineSizes + 24) / 2 - 4;
  doc.fillColor(style.primary);
  y += centredLine(doc, style.top, cx, y, inner * 0.9, FONT.bold, 9);
  for (const line of style.lines) y += centredLine(doc, line, cx, y, width, FONT.bold, 9);
  centredLine(doc, style.bottom, cx, y + 1, inner * 1.1, FONT.bold, 9);

  // Ribbon across the lower part with the seal level.
  const ribbonHeight = r * 0.26;
  const ribbonY = cy + r * 0.42;
  const ribbonHalf = r * 1.02;
  const notch = ribbonHeight * 0.35;
  doc
    .polygon(
      [cx - ribbonHalf - notch, ribbonY],
      [cx + ribbonHalf + notch, ribbonY],
      [cx + ribbonHalf, ribbonY + ribbonHeight / 2],
      [cx + ribbonHalf + notch, ribbonY + ribbonHeight],
      [cx - ribbonHalf - notch, ribbonY + ribbonHeight],
      [cx - ribbonHalf, ribbonY + ribbonHeight / 2],
    )
    .fill(style.accent);
  doc.fillColor('#ffffff').font(FONT.bold);
  const levelText = level.toLocaleUpperCase('es');
  const size = fitFontSize(doc, levelText, ribbonHalf * 1.8, ribbonHeight * 0.62);
  doc.fontSize(size).text(levelText, cx - ribbonHalf, ribbonY + (ribbonHeight - size * 1.15) / 2, {
    width: ribbonHalf * 2,
    align: 'center',
    lineBreak: false,
  });
  doc.restore();
}
