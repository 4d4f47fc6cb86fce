import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeRgbPng } from '../../src/node/pngEncode';

/** The side of the drop-memory benchmark's PNGs: the studio's largest working resolution. */
export const FOLDER_SIDE = 64;

/**
 * Pixels of image `i`: two colour gradients at angles and hues set by i, with i's bits in the
 * first row, so every image differs from every other and has colour (R, G and B differ), and
 * a PNG of it is not a run of one byte. Cheap: no data set is read.
 */
export function syntheticColourImage(i: number, side = FOLDER_SIDE): Uint8Array {
  const out = new Uint8Array(side * side * 3);
  const a = (i * 37) % 256;
  const b = (i * 91 + 53) % 256;
  const c = (i * 17 + 128) % 256;
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const p = 3 * (y * side + x);
      out[p] = (a + x * 4) % 256;
      out[p + 1] = (b + y * 4) % 256;
      out[p + 2] = (c + (x + y) * 2) % 256;
    }
  }
  for (let bit = 0; bit < 20 && bit < side; bit++) out.fill((i >> bit) & 1 ? 255 : 0, 3 * bit, 3 * bit + 3);
  return out;
}

/**
 * A folder of `count` distinct colour PNGs under the system temp folder, written once and
 * reused by later runs (a finished folder holds exactly `count` files).
 */
export function colourFolder(count: number): string {
  const dir = path.join(tmpdir(), `cka-drop-memory-${FOLDER_SIDE}px`, `colour-${count}`);
  if (existsSync(dir) && readdirSync(dir).length === count) return dir;
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    writeFileSync(path.join(dir, `c-${String(i).padStart(5, '0')}.png`), encodeRgbPng(syntheticColourImage(i), FOLDER_SIDE, FOLDER_SIDE));
  }
  return dir;
}
