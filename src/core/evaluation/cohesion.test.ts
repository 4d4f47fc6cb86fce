import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random';
import { cohesionMetrics } from './cohesion';

/** Reference written the slow, direct way: every pair, cosine from raw vectors. */
function naive(E: Float32Array, n: number, m: number, labels: ArrayLike<number>) {
  const row = (i: number) => Array.from(E.subarray(i * m, (i + 1) * m));
  const cosDist = (x: number[], y: number[]) => {
    const nx = Math.hypot(...x);
    const ny = Math.hypot(...y);
    const c = nx > 0 && ny > 0 ? x.reduce((s, v, t) => s + v * y[t], 0) / (nx * ny) : 0;
    return 1 - c;
  };
  const classes = [...new Set(Array.from(labels))];
  const members = (c: number) => [...Array(n).keys()].filter((i) => labels[i] === c);
  let sil = 0;
  for (let i = 0; i < n; i++) {
    const own = members(labels[i]).filter((j) => j !== i);
    if (own.length === 0) continue;
    const a = own.reduce((s, j) => s + cosDist(row(i), row(j)), 0) / own.length;
    const b = Math.min(
      ...classes
        .filter((c) => c !== labels[i])
        .map((c) => members(c).reduce((s, j) => s + cosDist(row(i), row(j)), 0) / members(c).length),
    );
    sil += Math.max(a, b) > 0 ? (b - a) / Math.max(a, b) : 0;
  }
  const centroid = (c: number) => {
    const sum = new Array(m).fill(0);
    for (const j of members(c)) {
      const r = row(j);
      const norm = Math.hypot(...r);
      r.forEach((v, t) => (sum[t] += norm > 0 ? v / norm / members(c).length : 0));
    }
    return sum;
  };
  let intra = 0;
  let intraN = 0;
  for (let i = 0; i < n; i++) {
    if (members(labels[i]).length < 2) continue;
    intra += cosDist(row(i), centroid(labels[i]));
    intraN++;
  }
  let inter = 0;
  let pairs = 0;
  for (const c of classes) {
    for (const d of classes) {
      if (c >= d) continue;
      inter += cosDist(centroid(c), centroid(d));
      pairs++;
    }
  }
  return { silhouette: sil / n, intra: intra / intraN, inter: inter / pairs };
}

function gaussianCluster(centres: number[][], perCluster: number, spread: number, seed: number) {
  const random = seededRandom(seed);
  const m = centres[0].length;
  const E = new Float32Array(centres.length * perCluster * m);
  const labels = new Int32Array(centres.length * perCluster);
  centres.forEach((centre, c) => {
    for (let p = 0; p < perCluster; p++) {
      const i = c * perCluster + p;
      labels[i] = c;
      for (let t = 0; t < m; t++) E[i * m + t] = centre[t] + spread * (random() - 0.5);
    }
  });
  return { E, labels, n: labels.length, m };
}

describe('cohesionMetrics', () => {
  it('matches a 4-point example worked by hand', () => {
    // A = {(1,0), (0,1)}, B = {(-1,0), (0,-1)}; rows scaled to show only direction matters.
    // Each point: a = 1 (to its class mate), b = mean(2, 1) = 1.5 -> s = 0.5 / 1.5 = 1/3.
    // Centroids point along (1,1) and (-1,-1): intra = 1 - 1/sqrt2 per point, inter = 2.
    const E = Float32Array.from([3, 0, 0, 0.5, -1, 0, 0, -7]);
    const r = cohesionMetrics(E, 4, 2, Int32Array.from([0, 0, 1, 1]));
    expect(r.silhouette).toBeCloseTo(1 / 3, 12);
    expect(r.intraClassDistance).toBeCloseTo(1 - Math.SQRT1_2, 12);
    expect(r.interCentroidDistance).toBeCloseTo(2, 12);
    expect(r.ratio).toBeCloseTo((1 - Math.SQRT1_2) / 2, 12);
    expect(r.classes).toBe(2);
  });

  it('gives singletons silhouette 0 and leaves them out of the intra distance', () => {
    // A = {(1,0), (0,1)}, B = {(-1,0)}, C = {(0,-1)}. For (1,0): a = 1, b = min(2, 1) = 1 -> 0;
    // likewise (0,1); singletons 0. Inter: d(A,B) = d(A,C) = 1 + 1/sqrt2, d(B,C) = 1.
    const E = Float32Array.from([1, 0, 0, 1, -1, 0, 0, -1]);
    const r = cohesionMetrics(E, 4, 2, Int32Array.from([0, 0, 1, 2]));
    expect(r.silhouette).toBeCloseTo(0, 12);
    expect(r.intraClassDistance).toBeCloseTo(1 - Math.SQRT1_2, 12);
    expect(r.interCentroidDistance).toBeCloseTo((3 + Math.SQRT2) / 3, 12);
    expect(r.classes).toBe(3);
  });

  it('is near the ideal on two tight, well-separated clusters', () => {
    const { E, labels, n, m } = gaussianCluster([[1, 0, 0], [0, 1, 0]], 50, 0.01, 1);
    const r = cohesionMetrics(E, n, m, labels);
    expect(r.silhouette).toBeGreaterThan(0.98);
    expect(r.intraClassDistance).toBeLessThan(1e-3);
    expect(r.interCentroidDistance).toBeCloseTo(1, 2);
    expect(r.ratio).toBeLessThan(1e-3);
  });

  it('is near 0 when the labels are unrelated to the geometry', () => {
    const { E, n, m } = gaussianCluster([[0, 0, 0, 0]], 400, 2, 2);
    const random = seededRandom(3);
    const labels = Int32Array.from({ length: n }, () => Math.floor(random() * 4));
    const r = cohesionMetrics(E, n, m, labels);
    expect(Math.abs(r.silhouette)).toBeLessThan(0.1);
    // Centroids of random labels point anywhere, so intra and inter distances are alike.
    expect(r.ratio).toBeGreaterThan(0.7);
  });

  it('agrees with a direct pairwise loop on messy data', () => {
    // Unequal classes, a singleton, a zero row, sparse label values in a Uint8Array.
    const random = seededRandom(7);
    const n = 40;
    const m = 6;
    const E = Float32Array.from({ length: n * m }, () => random() * 2 - 0.6);
    E.fill(0, 5 * m, 6 * m);
    const labels = Uint8Array.from({ length: n }, (_, i) => (i === 0 ? 250 : [3, 7, 7, 200][i % 4]));
    const r = cohesionMetrics(E, n, m, labels);
    const ref = naive(E, n, m, labels);
    expect(r.classes).toBe(4);
    expect(r.silhouette).toBeCloseTo(ref.silhouette, 10);
    expect(r.intraClassDistance).toBeCloseTo(ref.intra, 10);
    expect(r.interCentroidDistance).toBeCloseTo(ref.inter, 10);
    expect(r.ratio).toBeCloseTo(ref.intra / ref.inter, 10);
  });

  it('gives 1 for identical points within each class', () => {
    const E = Float32Array.from([1, 1, 2, 2, 1, -1, 5, -5]);
    expect(cohesionMetrics(E, 4, 2, Int32Array.from([0, 0, 1, 1])).silhouette).toBeCloseTo(1, 12);
  });

  it('reports NaN silhouette and inter distance with a single class', () => {
    const E = Float32Array.from([1, 0, 0, 1, 1, 1]);
    const r = cohesionMetrics(E, 3, 2, Int32Array.from([4, 4, 4]));
    expect(r.silhouette).toBeNaN();
    expect(r.interCentroidDistance).toBeNaN();
    expect(r.ratio).toBeNaN();
    expect(r.intraClassDistance).toBeGreaterThan(0);
    expect(r.classes).toBe(1);
  });

  it('handles all-singleton and empty input', () => {
    const all = cohesionMetrics(Float32Array.from([1, 0, 0, 1]), 2, 2, Int32Array.from([0, 1]));
    expect(all.silhouette).toBe(0);
    expect(all.intraClassDistance).toBeNaN();
    expect(all.interCentroidDistance).toBeCloseTo(1, 12);
    const none = cohesionMetrics(new Float32Array(0), 0, 3, new Int32Array(0));
    expect(none.classes).toBe(0);
    expect(none.silhouette).toBeNaN();
  });

  it('rejects mismatched shapes', () => {
    expect(() => cohesionMetrics(new Float32Array(5), 2, 3, new Int32Array(2))).toThrow(RangeError);
    expect(() => cohesionMetrics(new Float32Array(6), 2, 3, new Int32Array(3))).toThrow(RangeError);
  });

  it('runs well under a second at n = 2000, m = 128 and m = 512', () => {
    for (const m of [128, 512]) {
      const n = 2000;
      const random = seededRandom(m);
      const E = Float32Array.from({ length: n * m }, () => random() - 0.5);
      const labels = Int32Array.from({ length: n }, (_, i) => i % 20);
      const start = performance.now();
      const r = cohesionMetrics(E, n, m, labels);
      const ms = performance.now() - start;
      console.log(`cohesionMetrics n=${n} m=${m} k=20: ${ms.toFixed(1)} ms`);
      expect(Number.isFinite(r.silhouette)).toBe(true);
      expect(ms).toBeLessThan(500);
    }
  });
});
