import { describe, expect, it } from 'vitest';
import { fillIm2Rows, type Im2RowsAttrs } from './wasmIm2Rows';

/** The definition: row p = (b, oy, ox), column (ky, kx, ci) = x[b, oy·sh + ky, ox·sw + kx, ci]. */
function naive(x: Float32Array, [batch, h, w, c]: number[], a: Im2RowsAttrs): Float32Array {
  const k = a.filterHeight * a.filterWidth * c;
  const out = new Float32Array(batch * a.outHeight * a.outWidth * k);
  for (let b = 0; b < batch; b++) {
    for (let oy = 0; oy < a.outHeight; oy++) {
      for (let ox = 0; ox < a.outWidth; ox++) {
        const p = (b * a.outHeight + oy) * a.outWidth + ox;
        for (let ky = 0; ky < a.filterHeight; ky++) {
          for (let kx = 0; kx < a.filterWidth; kx++) {
            for (let ci = 0; ci < c; ci++) {
              out[p * k + (ky * a.filterWidth + kx) * c + ci] = x[((b * h + oy * a.strideHeight + ky) * w + ox * a.strideWidth + kx) * c + ci];
            }
          }
        }
      }
    }
  }
  return out;
}

const cases: [number[], Im2RowsAttrs][] = [
  [[2, 6, 5, 1], { filterHeight: 3, filterWidth: 3, strideHeight: 1, strideWidth: 1, outHeight: 4, outWidth: 3 }],
  [[1, 9, 8, 3], { filterHeight: 2, filterWidth: 3, strideHeight: 2, strideWidth: 3, outHeight: 4, outWidth: 2 }],
  [[3, 7, 7, 2], { filterHeight: 4, filterWidth: 2, strideHeight: 3, strideWidth: 1, outHeight: 2, outWidth: 5 }], // windows stop short of the last row
];

describe('fillIm2Rows', () => {
  it.each(cases)('writes every window of %j as its definition says', (shape, attrs) => {
    const x = Float32Array.from({ length: shape.reduce((p, q) => p * q, 1) }, (_, i) => i + 1); // every value distinct
    const expected = naive(x, shape, attrs);
    const out = new Float32Array(expected.length).fill(-1);
    fillIm2Rows(x, shape, attrs, out);
    expect(Array.from(out)).toEqual(Array.from(expected));
  });
});
