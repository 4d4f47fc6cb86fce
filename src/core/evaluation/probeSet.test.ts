import { describe, expect, it } from 'vitest';
import { selectProbeIndices } from './probeSet';

// Sizes 10, 5 and 2 for classes 0, 1, 9, interleaved so classes are not in index blocks.
const labels = Int32Array.from([0, 1, 0, 9, 0, 1, 0, 0, 1, 0, 9, 0, 1, 0, 1, 0, 0]);

function countByClass(indices: Int32Array, source: ArrayLike<number>): Map<number, number> {
  const counts = new Map<number, number>();
  for (const i of indices) counts.set(source[i], (counts.get(source[i]) ?? 0) + 1);
  return counts;
}

describe('selectProbeIndices', () => {
  it('takes perClass of each class, or all of a smaller class', () => {
    const probe = selectProbeIndices(labels, 4, 1);
    expect(countByClass(probe, labels)).toEqual(new Map([[0, 4], [1, 4], [9, 2]]));
  });
  it('returns distinct indices in ascending order', () => {
    const probe = Array.from(selectProbeIndices(labels, 3, 5));
    expect(probe).toEqual([...new Set(probe)].sort((a, b) => a - b));
    expect(probe.every((i) => i >= 0 && i < labels.length)).toBe(true);
  });
  it('is fixed by the seed and varies with it', () => {
    expect(selectProbeIndices(labels, 3, 42)).toEqual(selectProbeIndices(labels, 3, 42));
    const draws = new Set([1, 2, 3, 4, 5, 6].map((s) => selectProbeIndices(labels, 3, s).join(',')));
    expect(draws.size).toBeGreaterThan(1);
  });
  it('treats Uint8Array and Int32Array labels alike', () => {
    expect(selectProbeIndices(Uint8Array.from(labels), 2, 9)).toEqual(selectProbeIndices(labels, 2, 9));
  });
  it('returns everything when perClass exceeds every class', () => {
    expect(Array.from(selectProbeIndices(labels, 100, 0))).toEqual([...labels.keys()]);
  });
  it('draws each member of a class about equally often over seeds', () => {
    const hits = new Array(labels.length).fill(0);
    const seeds = 4000;
    for (let s = 0; s < seeds; s++) for (const i of selectProbeIndices(labels, 2, s)) hits[i]++;
    // Class 0 has 10 members and 2 slots: each expected in 20 % of draws.
    const rates = hits.filter((_, i) => labels[i] === 0).map((h) => h / seeds);
    expect(rates).toHaveLength(10);
    for (const rate of rates) expect(Math.abs(rate - 0.2)).toBeLessThan(0.03);
  });
  it('rejects a non-positive or fractional perClass', () => {
    expect(() => selectProbeIndices(labels, 0, 1)).toThrow(RangeError);
    expect(() => selectProbeIndices(labels, 1.5, 1)).toThrow(RangeError);
  });
  it('handles empty labels', () => {
    expect(selectProbeIndices(new Int32Array(0), 3, 1).length).toBe(0);
  });
});
