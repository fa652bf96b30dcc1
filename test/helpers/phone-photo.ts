/**
 * A poor phone photo of a printed page, made from its PDF: the whole page
 * rendered at a given width in pixels (a photo of a sheet held at arm's
 * length, scaled down to send), blurred with a Gaussian (slight focus or
 * hand shake) and turned by a few degrees (the phone held askew). Then the QR
 * code is looked for in it with jsQR, as a phone's reader would.
 *
 * The blur is the canvas `filter = 'blur(<sigma>px)'` of @napi-rs/canvas
 * (Skia): a true Gaussian whose standard deviation is the given length, as in
 * CSS (checked against the kernel in test/unit/phone-photo.test.ts).
 */
import { createCanvas, type Canvas } from '@napi-rs/canvas';
import jsQRModule from 'jsqr';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

// jsqr is CommonJS: under NodeNext its default import is module.exports, whose `default` is the function.
const jsQR = jsQRModule.default;

export type PhotoOptions = {
  /** Width of the whole page in the photo, in pixels. */
  widthPx: number;
  /** Standard deviation of the Gaussian blur, in pixels of the photo. */
  blurSigmaPx: number;
  /** Clockwise turn, in degrees. */
  rotateDeg: number;
};

export type Photo = { canvas: Canvas; data: Uint8ClampedArray; width: number; height: number };

function whiteCanvas(width: number, height: number) {
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  return { canvas, context };
}

/** Page `pageNumber` (1-based) of the PDF as such a photo. */
export async function photographPage(pdf: Buffer, options: PhotoOptions, pageNumber = 1): Promise<Photo> {
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  let sharp: Canvas;
  try {
    const page = await doc.getPage(pageNumber);
    const viewport = page.getViewport({ scale: options.widthPx / page.getViewport({ scale: 1 }).width });
    const target = whiteCanvas(Math.round(viewport.width), Math.round(viewport.height));
    await page.render({ canvas: target.canvas, canvasContext: target.context, viewport }).promise;
    sharp = target.canvas;
  } finally {
    await doc.destroy();
  }
  const { width, height } = sharp;
  const blurred = whiteCanvas(width, height);
  blurred.context.filter = `blur(${options.blurSigmaPx}px)`;
  blurred.context.drawImage(sharp, 0, 0);
  // Turned about the centre; the corners that leave the frame are lost, as in a photo.
  const turned = whiteCanvas(width, height);
  turned.context.translate(width / 2, height / 2);
  turned.context.rotate((options.rotateDeg * Math.PI) / 180);
  turned.context.translate(-width / 2, -height / 2);
  turned.context.drawImage(blurred.canvas, 0, 0);
  const { data } = turned.context.getImageData(0, 0, width, height);
  return { canvas: turned.canvas, data, width, height };
}

/** The text of the QR code found in the image, or null. */
export function readQr(image: { data: Uint8ClampedArray; width: number; height: number }): string | null {
  return jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
}
