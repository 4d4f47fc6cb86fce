/**
 * Turns one decoded emoji (RGBA, transparent background) into the data set's RGB pixels:
 * a box filter down to `size` (alpha-weighted, so transparent pixels lend no colour to the
 * edges) and then composited on white, as an emoji appears on a page.
 */
import type { RgbaImage } from '../../src/node/pngDecode';

export function emojiToRgb(image: RgbaImage, size: number): Uint8Array {
  const factor = image.width / size;
  if (!Number.isInteger(factor) || image.height !== image.width) {
    throw new Error(`emoji artwork is ${image.width}x${image.height}; it must be square and a whole multiple of ${size}`);
  }
  const out = new Uint8Array(size * size * 3);
  const cell = factor * factor;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0];
      let alphaSum = 0;
      for (let dy = 0; dy < factor; dy++) {
        for (let dx = 0; dx < factor; dx++) {
          const at = ((y * factor + dy) * image.width + x * factor + dx) * 4;
          const alpha = image.rgba[at + 3];
          for (let c = 0; c < 3; c++) sum[c] += image.rgba[at + c] * alpha;
          alphaSum += alpha;
        }
      }
      // Mean premultiplied colour plus white behind the uncovered part of the cell.
      const white = 255 * (1 - alphaSum / (255 * cell));
      for (let c = 0; c < 3; c++) out[(y * size + x) * 3 + c] = Math.round(sum[c] / (255 * cell) + white);
    }
  }
  return out;
}
