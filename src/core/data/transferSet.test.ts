import { describe, expect, it } from 'vitest';
import { concatLabelledImages, selectClasses, type LabelledImages } from './labelledImages';
import { toTransferSet } from './transferSet';

/** n 1x2 images whose pixels encode their index, labels i % 3. */
function tinySet(n: number, source = 'tiny'): LabelledImages {
  const pixels = new Uint8Array(n * 2);
  for (let i = 0; i < n; i++) pixels.set([i, 100 + i], i * 2);
  return { source, height: 1, width: 2, channels: 1, count: n, pixels, labels: Uint8Array.from({ length: n }, (_, i) => i % 3), labelNames: ['a', 'b', 'c'] };
}

describe('TransferSet', () => {
  it('holds no labels', () => {
    const transfer = toTransferSet(tinySet(10), 1) as unknown as Record<string, unknown>;
    expect('labels' in transfer).toBe(false);
    const batch = toTransferSet(tinySet(10), 1).batches(4, 0).next().value!;
    expect(Object.keys(batch).sort()).toEqual(['indices', 'pixels', 'size']);
  });

  it('gives each epoch a seeded permutation with the pixels of the indices it names', () => {
    const set = tinySet(23);
    const epoch = (seed: number, e: number) => [...toTransferSet(set, seed).batches(5, e)];
    const batches = epoch(7, 0);
    const seen = batches.flatMap((b) => Array.from(b.indices));
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 23 }, (_, i) => i));
    for (const b of batches) b.indices.forEach((i, j) => expect([b.pixels[2 * j], b.pixels[2 * j + 1]]).toEqual([i, 100 + i]));
    expect(epoch(7, 0).map((b) => Array.from(b.indices))).toEqual(batches.map((b) => Array.from(b.indices)));
    expect(epoch(7, 1).map((b) => Array.from(b.indices))).not.toEqual(batches.map((b) => Array.from(b.indices)));
    expect(epoch(8, 0).map((b) => Array.from(b.indices))).not.toEqual(batches.map((b) => Array.from(b.indices)));
  });

  it('drops the last partial batch only when asked', () => {
    const set = toTransferSet(tinySet(23), 1);
    expect([...set.batches(5, 0)].map((b) => b.size)).toEqual([5, 5, 5, 5, 3]);
    expect([...set.batches(5, 0, true)].map((b) => b.size)).toEqual([5, 5, 5, 5]);
  });
});

describe('labelled image sets', () => {
  it('selectClasses keeps only those classes, with their original label ids', () => {
    const kept = selectClasses(tinySet(9), [0, 2]);
    expect(Array.from(kept.labels)).toEqual([0, 2, 0, 2, 0, 2]);
    expect(Array.from(kept.pixels.filter((_, i) => i % 2 === 0))).toEqual([0, 2, 3, 5, 6, 8]);
  });

  it('concat shifts the second set\'s labels past the first\'s names', () => {
    const both = concatLabelledImages(tinySet(3, 'x'), tinySet(2, 'y'));
    expect(Array.from(both.labels)).toEqual([0, 1, 2, 3, 4]);
    expect(both.labelNames).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
    expect(both.count).toBe(5);
  });
});
