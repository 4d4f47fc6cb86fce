import { inflateSync } from 'node:zlib';

/** A decoded image as RGBA bytes, as a canvas would give it. */
export interface RgbaImage {
  width: number;
  height: number;
  rgba: Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Samples per pixel for each 8-bit colour type: gray, RGB, (palette: refused), gray + alpha, RGBA. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Undoes the five PNG row filters in place; `bpp` bytes per pixel. */
function unfilter(data: Uint8Array, width: number, height: number, bpp: number): Uint8Array {
  const stride = width * bpp;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = data[y * (stride + 1)];
    const row = data.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[y * stride + x - bpp] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y > 0 ? out[(y - 1) * stride + x - bpp] : 0;
      const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
      if (predictor === undefined) throw new Error(`PNG row ${y} has unknown filter ${filter}`);
      out[y * stride + x] = (row[x] + predictor) & 0xff;
    }
  }
  return out;
}

/**
 * Decodes an 8-bit, non-interlaced PNG (gray, gray + alpha, RGB or RGBA) for the Node
 * scripts, which have no canvas. Other PNGs are refused by name rather than misread.
 */
export function decodePng(bytes: Uint8Array, name = 'image'): RgbaImage {
  if (!SIGNATURE.every((b, i) => bytes[i] === b)) throw new Error(`${name} is not a PNG file (the scripts read PNG only)`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let [width, height, depth, colour, interlace] = [0, 0, 0, 0, 0];
  const idat: Uint8Array[] = [];
  for (let at = 8; at + 8 <= bytes.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') [width, height, depth, colour, interlace] = [view.getUint32(at + 8), view.getUint32(at + 12), body[8], body[9], body[12]];
    if (type === 'IDAT') idat.push(body);
    if (type === 'IEND') break;
    at += 12 + length;
  }
  const channels = CHANNELS[colour];
  if (depth !== 8 || channels === undefined || interlace !== 0) {
    throw new Error(`${name}: only 8-bit, non-interlaced gray, RGB or RGBA PNGs are read (bit depth ${depth}, colour type ${colour}, interlace ${interlace})`);
  }
  const raw = unfilter(new Uint8Array(inflateSync(Buffer.concat(idat))), width, height, channels);
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const px = raw.subarray(i * channels, (i + 1) * channels);
    const [r, g, b] = channels >= 3 ? [px[0], px[1], px[2]] : [px[0], px[0], px[0]];
    const alpha = channels === 2 ? px[1] : channels === 4 ? px[3] : 255;
    rgba.set([r, g, b, alpha], i * 4);
  }
  return { width, height, rgba };
}
