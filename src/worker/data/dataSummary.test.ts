import { describe, expect, it } from 'vitest';
import type { LabelledImages } from '../../core/data/labelledImages';
import { fnv1a, labelHistogram, summarizeImages } from './dataSummary';

describe('dataSummary', () => {
  it('counts labels per id, growing past the names for an unexpected label', () => {
    expect(labelHistogram(Uint8Array.from([0, 2, 2, 1]), 3)).toEqual([1, 1, 2]);
    expect(labelHistogram(Uint8Array.from([4]), 2)).toEqual([0, 0, 0, 0, 1]);
    expect(labelHistogram(new Uint8Array(0), 2)).toEqual([0, 0]);
  });

  it('hashes with 32-bit FNV-1a over the parts in order', () => {
    // Published FNV-1a test vectors.
    expect(fnv1a(new Uint8Array(0))).toBe('811c9dc5');
    expect(fnv1a(new TextEncoder().encode('a'))).toBe('e40c292c');
    expect(fnv1a(new TextEncoder().encode('foobar'))).toBe('bf9cf968');
    expect(fnv1a(new TextEncoder().encode('foo'), new TextEncoder().encode('bar'))).toBe('bf9cf968');
  });

  it('summarises a set', () => {
    const set: LabelledImages = {
      source: 't',
      height: 1,
      width: 2,
      channels: 1,
      count: 2,
      pixels: Uint8Array.from([1, 2, 3, 4]),
      labels: Uint8Array.from([1, 1]),
      labelNames: ['a', 'b'],
    };
    expect(summarizeImages(set)).toEqual({
      count: 2,
      height: 1,
      width: 2,
      channels: 1,
      labelNames: ['a', 'b'],
      labelHistogram: [0, 2],
      checksum: fnv1a(set.pixels, set.labels),
    });
  });
});
