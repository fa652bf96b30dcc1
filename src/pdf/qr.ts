/**
 * QR codes drawn as vector rectangles (no raster image), so they stay sharp
 * at any zoom and print size.
 */
import QRCode from 'qrcode';
import { mm, type Pdf } from './document.js';

/** Width of the whole symbol including its quiet zone, in millimetres. */
export const QR_SIZE_MM = 40;
/** Light margin around the modules, in modules (ISO/IEC 18004 asks for 4). */
export const QR_QUIET_ZONE_MODULES = 4;

/**
 * Draws `text` as a QR code (error correction M) whose top-left corner,
 * quiet zone included, is at (x, y). Returns the drawn width in points.
 */
export function drawQr(doc: Pdf, text: string, x: number, y: number, sizeMm = QR_SIZE_MM): number {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = modules.size;
  const size = mm(sizeMm);
  const module = size / (count + 2 * QR_QUIET_ZONE_MODULES);
  const origin = QR_QUIET_ZONE_MODULES * module;

  doc.save();
  doc.rect(x, y, size, size).fill('#ffffff');
  // One rectangle per horizontal run of dark modules: fewer operators, and no
  // hairline seams between neighbouring modules when a viewer anti-aliases.
  for (let row = 0; row < count; row++) {
    let col = 0;
    while (col < count) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < count && modules.get(row, col)) col++;
      doc.rect(x + origin + start * module, y + origin + row * module, (col - start) * module, module);
    }
  }
  doc.fill('#000000');
  doc.restore();
  return size;
}
