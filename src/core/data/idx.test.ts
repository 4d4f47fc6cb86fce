import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseIdx, readIdx } from './idx';

/** An IDX file written by hand: magic 0 0 8 rank, big-endian dims, then the bytes. */
function idxBytes(dims: number[], body: number[]): Uint8Array {
  const header = [0, 0, 0x08, dims.length, ...dims.flatMap((d) => [(d >>> 24) & 255, (d >>> 16) & 255, (d >>> 8) & 255, d & 255])];
  return Uint8Array.from([...header, ...body]);
}

describe('IDX reader', () => {
  it('reads dims and data of a rank-3 file', () => {
    const file = parseIdx(idxBytes([2, 1, 3], [1, 2, 3, 4, 5, 6]));
    expect(file.dims).toEqual([2, 1, 3]);
    expect(Array.from(file.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('reads big dimensions in big-endian order', () => {
    expect(parseIdx(idxBytes([258], new Array(258).fill(7))).dims).toEqual([258]);
  });

  it('undoes gzip, and passes plain bytes through', async () => {
    const plain = idxBytes([3], [9, 8, 7]);
    expect(Array.from((await readIdx(new Uint8Array(gzipSync(plain)))).data)).toEqual([9, 8, 7]);
    expect(Array.from((await readIdx(plain)).data)).toEqual([9, 8, 7]);
  });

  it('refuses other element types, bad magic and a body of the wrong size', () => {
    const floats = idxBytes([1], [0, 0, 0, 0]);
    floats[2] = 0x0d;
    expect(() => parseIdx(floats)).toThrow(/element type 0xd/);
    expect(() => parseIdx(Uint8Array.from([1, 0, 8, 1]))).toThrow(/not an IDX file/);
    expect(() => parseIdx(idxBytes([4], [1, 2, 3]))).toThrow(/holds 3 bytes.*needs 4/);
  });
});
