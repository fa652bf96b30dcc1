/**
 * The blur of test/helpers/phone-photo.ts is what it says: the canvas filter `blur(1px)` of @napi-rs/canvas
 * spreads a one-pixel line as a Gaussian of standard deviation 1 px.
 */
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';

function blurredLine(filter: string): number[] {
  const size = 41;
  const line = createCanvas(size, size);
  const sharp = line.getContext('2d');
  sharp.fillStyle = '#ffffff';
  sharp.fillRect(0, 0, size, size);
  sharp.fillStyle = '#000000';
  sharp.fillRect(20, 0, 1, size);
  const out = createCanvas(size, size).getContext('2d');
  out.fillStyle = '#ffffff';
  out.fillRect(0, 0, size, size);
  out.filter = filter;
  out.drawImage(line, 0, 0);
  // Darkness (0–1) across the middle row, from 4 px left of the line to 4 px right of it.
  const row = out.getImageData(16, 20, 9, 1).data;
  return Array.from({ length: 9 }, (_, i) => (255 - row[i * 4]!) / 255);
}

describe('the photo blur', () => {
  it('is a Gaussian of sigma 1 px for blur(1px)', () => {
    const gaussian = Array.from({ length: 9 }, (_, i) => Math.exp(-((i - 4) ** 2) / 2) / Math.sqrt(2 * Math.PI));
    const measured = blurredLine('blur(1px)');
    measured.forEach((value, i) => expect(value).toBeCloseTo(gaussian[i]!, 2));
  });

  it('is wider for a larger sigma, so the test above can tell them apart', () => {
    expect(blurredLine('blur(1.5px)')[4]).toBeLessThan(0.3);
    expect(blurredLine('none')[4]).toBeCloseTo(1, 2);
  });
});
