import { inflateSync } from 'node:zlib';

/** A decoded image as RGBA bytes, as a canvas would give it. */
export interface RgbaImage {
  width: number;
  height: number;
  rgba: Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Samples per pixel for each colour type: gray, RGB, palette, gray + alpha, RGBA. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const PALETTE = 3;

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

/** Spreads palette indices packed `depth` bits each (1, 2, 4 or 8) into one byte per pixel. */
function unpackIndices(packed: Uint8Array, width: number, height: number, depth: number): Uint8Array {
  if (depth === 8) return packed;
  const stride = Math.ceil((width * depth) / 8);
  const perByte = 8 / depth;
  const mask = (1 << depth) - 1;
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const byte = packed[y * stride + Math.floor(x / perByte)];
      out[y * width + x] = (byte >> (8 - depth * ((x % perByte) + 1))) & mask;
    }
  }
  return out;
}

/** RGBA of each palette entry: PLTE gives the colours, tRNS (if any) the alphas of the first entries. */
function paletteRgba(plte: Uint8Array, trns: Uint8Array | undefined): Uint8Array {
  const entries = plte.length / 3;
  const rgba = new Uint8Array(256 * 4);
  for (let i = 0; i < entries; i++) rgba.set([plte[i * 3], plte[i * 3 + 1], plte[i * 3 + 2], trns && i < trns.length ? trns[i] : 255], i * 4);
  return rgba;
}

interface PngChunks {
  width: number;
  height: number;
  depth: number;
  colour: number;
  interlace: number;
  idat: Uint8Array[];
  plte?: Uint8Array;
  trns?: Uint8Array;
}

function readChunks(bytes: Uint8Array): PngChunks {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: PngChunks = { width: 0, height: 0, depth: 0, colour: 0, interlace: 0, idat: [] };
  for (let at = 8; at + 8 <= bytes.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') Object.assign(chunks, { width: view.getUint32(at + 8), height: view.getUint32(at + 12), depth: body[8], colour: body[9], interlace: body[12] });
    if (type === 'IDAT') chunks.idat.push(body);
    if (type === 'PLTE') chunks.plte = body;
    if (type === 'tRNS') chunks.trns = body;
    if (type === 'IEND') break;
    at += 12 + length;
  }
  return chunks;
}

/**
 * Decodes a non-interlaced PNG for the Node scripts, which have no canvas: 8-bit gray,
 * gray + alpha, RGB or RGBA, or a palette of 1, 2, 4 or 8 bits (the emoji artwork has
 * some). Other PNGs are refused by name rather than misread.
 */
export function decodePng(bytes: Uint8Array, name = 'image'): RgbaImage {
  if (!SIGNATURE.every((b, i) => bytes[i] === b)) throw new Error(`${name} is not a PNG file (the scripts read PNG only)`);
  const { width, height, depth, colour, interlace, idat, plte, trns } = readChunks(bytes);
  const channels = CHANNELS[colour];
  const readable = interlace === 0 && channels !== undefined && (colour === PALETTE ? [1, 2, 4, 8].includes(depth) && plte !== undefined : depth === 8);
  if (!readable) {
    throw new Error(`${name}: only non-interlaced 8-bit gray, RGB, RGBA or palette PNGs are read (bit depth ${depth}, colour type ${colour}, interlace ${interlace})`);
  }
  const inflated = new Uint8Array(inflateSync(Buffer.concat(idat)));
  if (colour === PALETTE) {
    // Filters work on bytes: a packed row of w pixels is ceil(w * depth / 8) bytes wide, one "pixel" per byte.
    const rowBytes = Math.ceil((width * depth) / 8);
    const indices = unpackIndices(unfilter(inflated, rowBytes, height, 1), width, height, depth);
    const table = paletteRgba(plte!, trns);
    const rgba = new Uint8Array(width * height * 4);
    for (let i = 0; i < width * height; i++) rgba.set(table.subarray(indices[i] * 4, indices[i] * 4 + 4), i * 4);
    return { width, height, rgba };
  }
  const raw = unfilter(inflated, width, height, channels);
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const px = raw.subarray(i * channels, (i + 1) * channels);
    const [r, g, b] = channels >= 3 ? [px[0], px[1], px[2]] : [px[0], px[0], px[0]];
    const alpha = channels === 2 ? px[1] : channels === 4 ? px[3] : 255;
    rgba.set([r, g, b, alpha], i * 4);
  }
  return { width, height, rgba };
}
