import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random';
import { pca2d, principalAxes } from './pca';

function unit(v: number[]): number[] {
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

/** Box-Muller normal draws from the seeded source. */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** n points: offset + 10 g1 d1 + 3 g2 d2 + 0.1 noise, with d1 and d2 orthogonal unit vectors. */
function synthetic(n: number, d1: number[], d2: number[], seed: number) {
  const random = seededRandom(seed);
  const m = d1.length;
  const E = new Float32Array(n * m);
  for (let i = 0; i < n; i++) {
    const g1 = 10 * normal(random);
    const g2 = 3 * normal(random);
    for (let t = 0; t < m; t++) E[i * m + t] = 5 + g1 * d1[t] + g2 * d2[t] + 0.1 * normal(random);
  }
  return E;
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, t) => s + v * b[t], 0);

describe('principalAxes / pca2d', () => {
  const d1 = unit([1, 2, -2, 0.5, 0, 0, 1, -1]);
  // Orthogonal to d1 by construction (Gram-Schmidt by hand on e_5).
  const d2 = unit([0, 0, 0, 0, 1, 0, 0, 0].map((v, t) => v - d1[4] * d1[t]));

  it('recovers the dominant and second directions and their variances', () => {
    const E = synthetic(2000, d1, d2, 1);
    const { axes, variances } = principalAxes(E, 2000, 8);
    expect(Math.abs(dot(axes.subarray(0, 8), d1))).toBeGreaterThan(0.999);
    expect(Math.abs(dot(axes.subarray(8, 16), d2))).toBeGreaterThan(0.999);
    expect(variances[0]).toBeGreaterThan(85);
    expect(variances[0]).toBeLessThan(115);
    expect(variances[1]).toBeGreaterThan(7.5);
    expect(variances[1]).toBeLessThan(10.5);
    expect(Math.abs(dot(axes.subarray(0, 8), axes.subarray(8, 16)))).toBeLessThan(1e-9);
  });

  it('matches the closed-form eigenvalues of a 2 x 2 covariance', () => {
    const random = seededRandom(4);
    const n = 300;
    const E = Float32Array.from({ length: 2 * n }, (_, k) => (k % 2 === 0 ? 3 : 1) * normal(random));
    for (let i = 0; i < n; i++) E[2 * i + 1] += 0.8 * E[2 * i]; // correlate y with x
    const xs = Array.from({ length: n }, (_, i) => E[2 * i]);
    const ys = Array.from({ length: n }, (_, i) => E[2 * i + 1]);
    const mx = xs.reduce((s, v) => s + v) / n;
    const my = ys.reduce((s, v) => s + v) / n;
    const a = xs.reduce((s, v) => s + (v - mx) ** 2, 0) / (n - 1);
    const c = ys.reduce((s, v) => s + (v - my) ** 2, 0) / (n - 1);
    const b = xs.reduce((s, v, i) => s + (v - mx) * (ys[i] - my), 0) / (n - 1);
    const root = Math.sqrt(((a - c) / 2) ** 2 + b * b);
    const { variances } = principalAxes(E, n, 2);
    expect(variances[0]).toBeCloseTo((a + c) / 2 + root, 8);
    expect(variances[1]).toBeCloseTo((a + c) / 2 - root, 8);
  });

  it('finds a direction orthogonal to the all-ones vector', () => {
    const E = Float32Array.from([1, -1, 2, -2, -3, 3, 0.5, -0.5]);
    const { axes, variances } = principalAxes(E, 4, 2);
    expect(axes[0]).toBeCloseTo(Math.SQRT1_2, 9);
    expect(axes[1]).toBeCloseTo(-Math.SQRT1_2, 9);
    expect(variances[1]).toBe(0); // rank one: no second axis
  });

  it('projects centred data onto the axes', () => {
    const E = synthetic(500, d1, d2, 2);
    const xy = pca2d(E, 500, 8);
    const { mean, axes } = principalAxes(E, 500, 8);
    for (const i of [0, 17, 499]) {
      const centred = Array.from(E.subarray(i * 8, i * 8 + 8), (v, t) => v - mean[t]);
      expect(xy[2 * i]).toBeCloseTo(dot(centred, axes.subarray(0, 8)), 4);
      expect(xy[2 * i + 1]).toBeCloseTo(dot(centred, axes.subarray(8, 16)), 4);
    }
    const meanX = Array.from({ length: 500 }, (_, i) => xy[2 * i]).reduce((s, v) => s + v) / 500;
    expect(Math.abs(meanX)).toBeLessThan(1e-3);
  });

  it('keeps a stable sign across frames even when the largest components tie', () => {
    // d1's two largest components are +2 and -2: a "largest component positive" rule flips
    // between these frames on noise alone (it did, before the cube-sum rule).
    const frameA = principalAxes(synthetic(800, d1, d2, 10), 800, 8).axes;
    const drifted = unit(d1.map((v, t) => v + 0.05 * (t === 4 ? 1 : 0)));
    const frameB = principalAxes(synthetic(800, drifted, d2, 11), 800, 8).axes;
    const negated = principalAxes(synthetic(800, d1.map((v) => -v), d2.map((v) => -v), 12), 800, 8).axes;
    for (const axes of [frameA, frameB, negated]) {
      for (const j of [0, 1]) {
        const axis = Array.from(axes.subarray(j * 8, j * 8 + 8));
        expect(axis.reduce((s, v) => s + v ** 3, 0)).toBeGreaterThan(0);
        expect(dot(axis, frameA.subarray(j * 8, j * 8 + 8))).toBeGreaterThan(0.99);
      }
    }
  });

  it('signs each axis to agree with the previous frame when given it', () => {
    const E = synthetic(500, d1, d2, 5);
    const plain = principalAxes(E, 500, 8);
    const mirrored = plain.axes.map((v) => -v);
    const aligned = principalAxes(E, 500, 8, 2, mirrored);
    for (let t = 0; t < 16; t++) expect(aligned.axes[t]).toBeCloseTo(mirrored[t], 9);
    const xy = pca2d(E, 500, 8, mirrored);
    const plainXy = pca2d(E, 500, 8);
    expect(xy[0]).toBeCloseTo(-plainXy[0], 4);
    expect(xy[1]).toBeCloseTo(-plainXy[1], 4);
    // Rank-one data along (1, -1): the cube sum is 0, so the default puts the first component
    // positive; a predecessor orthogonal to it leaves that alone; one along (-1, 0) flips it.
    const line = Float32Array.from([1, -1, 2, -2, -3, 3]);
    const h = Math.SQRT1_2;
    expect(principalAxes(line, 3, 2).axes[0]).toBeCloseTo(h, 9);
    expect(principalAxes(line, 3, 2, 2, Float64Array.from([h, h, 0, 0])).axes[0]).toBeCloseTo(h, 9);
    expect(principalAxes(line, 3, 2, 2, Float64Array.from([-1, 0, 0, 0])).axes[0]).toBeCloseTo(-h, 9);
    expect(() => principalAxes(E, 500, 8, 2, new Float64Array(8))).toThrow(RangeError);
  });

  it('is deterministic and returns zeros for constant data', () => {
    const E = synthetic(300, d1, d2, 3);
    expect(pca2d(E, 300, 8)).toEqual(pca2d(E, 300, 8));
    const flat = pca2d(new Float32Array(30).fill(2.5), 10, 3);
    expect(Array.from(flat).every((v) => v === 0)).toBe(true);
  });

  it('rejects a mismatched shape', () => {
    expect(() => pca2d(new Float32Array(7), 2, 4)).toThrow(RangeError);
  });

  it('runs fast at n = 2000, m = 128 and m = 512', () => {
    for (const m of [128, 512]) {
      const n = 2000;
      const random = seededRandom(m);
      // Anisotropic so the leading eigenvalues are distinct, as real embeddings are.
      const E = Float32Array.from({ length: n * m }, (_, k) => (random() - 0.5) * (1 + 4 / (1 + (k % m))));
      const start = performance.now();
      const xy = pca2d(E, n, m);
      const ms = performance.now() - start;
      console.log(`pca2d n=${n} m=${m}: ${ms.toFixed(1)} ms`);
      expect(xy.every(Number.isFinite)).toBe(true);
      expect(ms).toBeLessThan(m === 128 ? 500 : 3000);
    }
  });
});
