import { describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import { decodePng } from './pngDecode';
import { encodeRgbPng } from './pngEncode';

/** A PNG from already filtered rows (filter byte first); CRCs left 0, which the decoder does not check. */
function png(width: number, height: number, colour: number, rows: number[][], depth = 8, extra: [string, number[]][] = []): Uint8Array {
  const chunk = (type: string, body: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    return Buffer.concat([length, Buffer.from(type, 'ascii'), body, Buffer.alloc(4)]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = depth;
  header[9] = colour;
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), ...extra.map(([type, body]) => chunk(type, Buffer.from(body))), chunk('IDAT', deflateSync(Buffer.from(rows.flat()))), chunk('IEND', Buffer.alloc(0))]);
}

describe('decodePng', () => {
  it('reads a gray PNG back byte for byte', () => {
    const pixels = Array.from({ length: 28 * 28 }, (_, i) => (i * 7) % 256);
    const rows = Array.from({ length: 28 }, (_, y) => [0, ...pixels.slice(y * 28, (y + 1) * 28)]);
    const { width, height, rgba } = decodePng(png(28, 28, 0, rows));
    expect([width, height]).toEqual([28, 28]);
    expect(Array.from(rgba.filter((_, i) => i % 4 === 0))).toEqual(pixels);
    expect(rgba.filter((_, i) => i % 4 === 3).every((a) => a === 255)).toBe(true);
  });

  it('undoes the Sub, Up, Average and Paeth filters', () => {
    // RGB, 2 x 5: the first row unfiltered, then each filter giving the same pixels again.
    const pixel = [10, 20, 30, 40, 50, 60];
    const rows = [
      [0, ...pixel],
      [1, 10, 20, 30, 30, 30, 30],
      [2, 0, 0, 0, 0, 0, 0],
      [3, 5, 10, 15, 15, 15, 15],
      [4, 0, 0, 0, 0, 0, 0],
    ];
    const { rgba } = decodePng(png(2, 5, 2, rows));
    for (let y = 0; y < 5; y++) expect(Array.from(rgba.subarray(y * 8, y * 8 + 8))).toEqual([10, 20, 30, 255, 40, 50, 60, 255]);
  });

  it('reads alpha, and refuses what it cannot read', () => {
    expect(Array.from(decodePng(png(1, 1, 4, [[0, 200, 128]])).rgba)).toEqual([200, 200, 200, 128]);
    expect(() => decodePng(new Uint8Array([1, 2, 3]), 'x.jpg')).toThrow(/x\.jpg is not a PNG/);
    expect(() => decodePng(png(1, 1, 3, [[0, 0]]), 'p.png')).toThrow(/colour type 3/);
  });

  it('reads 4-bit and 8-bit palette PNGs, with tRNS giving the first entries their alpha', () => {
    const palette: [string, number[]][] = [
      ['PLTE', [255, 0, 0, 0, 255, 0, 0, 0, 255]],
      ['tRNS', [0, 128]],
    ];
    // 3 x 1 pixels, indices 2, 1, 0 packed 4 bits each: 0x21, 0x00; then the same at 8 bits, Sub-filtered.
    const packed = decodePng(png(3, 1, 3, [[0, 0x21, 0x00]], 4, palette)).rgba;
    const byteWise = decodePng(png(3, 1, 3, [[1, 2, 255, 255]], 8, palette)).rgba;
    const expected = [0, 0, 255, 255, 0, 255, 0, 128, 255, 0, 0, 0];
    expect(Array.from(packed)).toEqual(expected);
    expect(Array.from(byteWise)).toEqual(expected);
  });

  it('reads back an RGB PNG the encoder wrote, byte for byte', () => {
    const pixels = Uint8Array.from({ length: 5 * 4 * 3 }, (_, i) => (i * 37) % 256);
    const { width, height, rgba } = decodePng(encodeRgbPng(pixels, 5, 4));
    expect([width, height]).toEqual([5, 4]);
    expect(Array.from(rgba.filter((_, i) => i % 4 !== 3))).toEqual(Array.from(pixels));
  });
});
