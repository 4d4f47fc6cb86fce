import { describe, expect, it } from 'vitest';
import { appendBounded, emptySeries, seriesPoints, weightedMean, type BoundedSeries } from './boundedSeries';

interface P {
  step: number;
  value: number;
}
const merge = (x: P, a: number, y: P, b: number): P => ({ step: y.step, value: weightedMean(x.value, a, y.value, b) });

function fill(n: number, max: number): BoundedSeries<P> {
  let s = emptySeries<P>();
  for (let step = 1; step <= n; step++) s = appendBounded(s, { step, value: step }, merge, max);
  return s;
}

describe('appendBounded', () => {
  it('keeps every point until the bound', () => {
    expect(fill(5, 8).points.map((p) => p.step)).toEqual([1, 2, 3, 4, 5]);
  });

  it('never keeps max points or more, however long the run', () => {
    for (const n of [7, 8, 9, 100, 1000, 4321]) expect(fill(n, 8).points.length).toBeLessThan(8);
  });

  it('halves by averaging neighbours, so the mean of all values is kept', () => {
    const s = fill(8, 8); // full at 8: halves to 4 points of 2
    expect(s.stride).toBe(2);
    expect(s.points).toEqual([
      { step: 2, value: 1.5 },
      { step: 4, value: 3.5 },
      { step: 6, value: 5.5 },
      { step: 8, value: 7.5 },
    ]);
  });

  it('shows the partial point last, so the newest step is on screen', () => {
    const s = fill(9, 8);
    expect(s.points.length).toBe(4);
    expect(seriesPoints(s).at(-1)).toEqual({ step: 9, value: 9 });
    const t = appendBounded(s, { step: 10, value: 10 }, merge, 8);
    expect(t.points.at(-1)).toEqual({ step: 10, value: 9.5 });
    expect(t.pending).toBeNull();
  });

  it('leaves the series it was given unchanged', () => {
    const s = fill(3, 8);
    const before = JSON.stringify(s);
    appendBounded(s, { step: 4, value: 4 }, merge, 8);
    expect(JSON.stringify(s)).toBe(before);
  });
});
