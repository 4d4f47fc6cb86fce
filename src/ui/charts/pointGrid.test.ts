import { describe, expect, it } from 'vitest';
import { buildPointGrid, nearestPoint } from './pointGrid';

/** The same answer by looking at every point. */
function bruteForce(xy: Float32Array, x: number, y: number, radius: number): number {
  let best = -1;
  let bestD = radius * radius;
  for (let i = 0; i < xy.length / 2; i++) {
    const d = (xy[2 * i] - x) ** 2 + (xy[2 * i + 1] - y) ** 2;
    if (d <= bestD) [best, bestD] = [i, d];
  }
  return best;
}

/** A small seeded generator, so a failure can be replayed. */
function lcg(seed: number) {
  let s = seed;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('nearestPoint', () => {
  it('finds the point under the pointer and nothing outside the radius', () => {
    const xy = Float32Array.from([10, 10, 50, 50, 52, 50]);
    const grid = buildPointGrid(xy, 100, 100);
    expect(nearestPoint(grid, 11, 9, 5)).toBe(0);
    expect(nearestPoint(grid, 51.8, 50, 5)).toBe(2);
    expect(nearestPoint(grid, 80, 80, 5)).toBe(-1);
  });

  it('agrees with brute force on 2,000 random points, across cell borders and edges', () => {
    const rand = lcg(42);
    const xy = Float32Array.from({ length: 4000 }, () => rand() * 400);
    const grid = buildPointGrid(xy, 400, 400, 16);
    for (let q = 0; q < 500; q++) {
      const [x, y] = [rand() * 420 - 10, rand() * 420 - 10];
      const found = nearestPoint(grid, x, y, 8);
      const expected = bruteForce(xy, x, y, 8);
      if (found !== expected) {
        // Ties at equal distance may pick either; the distance must match.
        const d = (i: number) => (xy[2 * i] - x) ** 2 + (xy[2 * i + 1] - y) ** 2;
        expect(d(found)).toBeCloseTo(d(expected), 6);
      }
    }
  });

  it('keeps points outside the canvas in the border cells', () => {
    const grid = buildPointGrid(Float32Array.from([-3, 105]), 100, 100);
    expect(nearestPoint(grid, 0, 100, 7)).toBe(0);
  });
});
