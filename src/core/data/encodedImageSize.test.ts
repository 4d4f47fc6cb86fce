import { describe, expect, it } from 'vitest';
import { encodedImageSize, largestSide } from './encodedImageSize';

/** A PNG's first 24 bytes: signature, IHDR length and type, width, height. */
const pngHead = (width: number, height: number) => {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(b.buffer).setUint32(16, width);
  new DataView(b.buffer).setUint32(20, height);
  return b;
};

/** SOI, an APP0 segment of 16 bytes, then SOF2 (progressive) with height and width. */
const jpegHead = (width: number, height: number) =>
  Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, ...new Array(14).fill(0), 0xff, 0xc2, 0, 17, 8, height >> 8, height & 255, width >> 8, width & 255, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

describe('the size a PNG or JPEG header gives', () => {
  it('reads PNG and JPEG sizes without decoding, and nothing from other bytes', () => {
    expect(encodedImageSize(pngHead(32, 28))).toEqual({ width: 32, height: 28 });
    expect(encodedImageSize(jpegHead(640, 480))).toEqual({ width: 640, height: 480 });
    expect(encodedImageSize(Uint8Array.from([1, 2, 3]))).toBeNull();
    expect(encodedImageSize(Uint8Array.from([0xff, 0xd8, 0xff, 0xd9, 0, 0, 0, 0, 0, 0, 0, 0]))).toBeNull();
  });

  it('gives the largest side over a folder, skipping what it cannot read', () => {
    expect(largestSide([pngHead(28, 28), jpegHead(20, 40), new Uint8Array(4)])).toBe(40);
    expect(largestSide([new Uint8Array(4)])).toBeUndefined();
  });
});
