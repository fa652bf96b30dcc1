/**
 * QR codes drawn as vector rectangles (no raster image), so they stay sharp
 * at any zoom and print size.
 *
 * How big, and with which error correction: what makes a printed QR read from
 * a poor phone photo is the size of one module in the photo, not the error
 * correction level. A whole A4 page photographed 600 px wide gives about
 * 2.8 px per millimetre; a slight blur (Gaussian, sigma 1 px) smears each edge
 * over about 2 px, so modules narrower than about 3.5 px merge with their
 * neighbours. A higher level that needs a higher version makes the modules of
 * a given width smaller, and reads worse; it helps only in the same version.
 * So the symbol is
 * sized by its module (at least `minModuleMm`) as well as by its width, and the
 * encoded text is kept as short as the data allows: the qrcode library picks
 * byte and alphanumeric segments by itself (the code, in capitals, is
 * alphanumeric), and the lowest version that holds the text at level M (15 %
 * of the symbol recoverable: a fold, a stain) is kept. A higher level is used
 * only when it fits in that same version, where it costs nothing in size.
 */
import QRCode, { type BitMatrix, type QRCode as QrSymbol } from 'qrcode';
import { mm, type Pdf } from './document.js';

/** Light margin around the modules, in modules (ISO/IEC 18004 asks for 4). */
export const QR_QUIET_ZONE_MODULES = 4;

/** The lowest error correction level used, then the higher ones tried in the same version. */
const BASE_LEVEL = 'M';
const BOOST_LEVELS = ['H', 'Q'] as const;

export type QrSize = {
  /** Least width of one module, in millimetres. */
  minModuleMm: number;
  /** Least width of the symbol (dark modules, quiet zone not included), in millimetres. */
  minSymbolMm: number;
};

export type QrPlan = {
  /** Dark (1) or light (0) module at (row, column). */
  matrix: BitMatrix;
  /** 1–40; modules per side are 17 + 4 × version. */
  version: number;
  errorCorrection: 'L' | 'M' | 'Q' | 'H';
  /** Modules per side, quiet zone not included. */
  modules: number;
  /** Width of one module, in points. */
  module: number;
  /** Width of the symbol without its quiet zone, in points. */
  symbol: number;
  /** Width of the quiet zone on each side, in points. */
  quietZone: number;
};

/** The smallest symbol for `text` at level M, then at the highest level that still fits in it. */
function encode(text: string): QrSymbol {
  const base = QRCode.create(text, { errorCorrectionLevel: BASE_LEVEL });
  for (const level of BOOST_LEVELS) {
    try {
      return QRCode.create(text, { errorCorrectionLevel: level, version: base.version });
    } catch {
      // Does not fit in this version at this level: try the next lower level.
    }
  }
  return base;
}

const LEVEL_NAMES = ['M', 'L', 'H', 'Q'] as const; // qrcode's bit values 0–3

/** The version, level and size `text` is drawn with at `size`. */
export function planQr(text: string, size: QrSize): QrPlan {
  const symbol = encode(text);
  const modules = symbol.modules.size;
  const module = Math.max(mm(size.minModuleMm), mm(size.minSymbolMm) / modules);
  return {
    matrix: symbol.modules,
    version: symbol.version,
    errorCorrection: LEVEL_NAMES[symbol.errorCorrectionLevel.bit],
    modules,
    module,
    symbol: module * modules,
    quietZone: module * QR_QUIET_ZONE_MODULES,
  };
}

/**
 * Draws the planned QR code with the top-left corner of its symbol (the dark
 * modules) at (x, y), its white quiet zone around it.
 */
export function drawQr(doc: Pdf, plan: QrPlan, x: number, y: number): void {
  const { matrix, modules: count, module, quietZone } = plan;
  doc.save();
  doc.rect(x - quietZone, y - quietZone, plan.symbol + 2 * quietZone, plan.symbol + 2 * quietZone).fill('#ffffff');
  // One rectangle per horizontal run of dark modules: fewer operators, and no
  // hairline seams between neighbouring modules when a viewer anti-aliases.
  for (let row = 0; row < count; row++) {
    let col = 0;
    while (col < count) {
      if (!matrix.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < count && matrix.get(row, col)) col++;
      doc.rect(x + start * module, y + row * module, (col - start) * module, module);
    }
  }
  doc.fill('#000000');
  doc.restore();
}
