import { describe, expect, it } from 'vitest';
import type { LabelledImages } from './labelledImages';
import { splitValidation, validationOrder, validationSizeFor } from './validationSplit';

function numbered(count: number): LabelledImages {
  // Each image's single pixel is its index, so the split's images can be traced back.
  const pixels = Uint8Array.from({ length: count }, (_, i) => i);
  return { source: 'toy', height: 1, width: 1, channels: 1, count, pixels, labels: pixels.map((p) => p % 10), labelNames: [] };
}

describe('splitValidation', () => {
  it('holds out the last images of one fixed permutation and trains on all the others', () => {
    const set = numbered(200);
    const { train, validation } = splitValidation(set, 50);
    expect(validation.count).toBe(50);
    expect(train.count).toBe(150);
    const held = new Set(validation.pixels);
    expect(train.pixels.some((p) => held.has(p))).toBe(false);
    expect([...validation.pixels]).toEqual([...validationOrder(200).subarray(150)]);
    expect(splitValidation(set, 50).validation.pixels).toEqual(validation.pixels);
  });

  it('refuses a split that leaves nothing to train on', () => {
    expect(() => splitValidation(numbered(10), 10)).toThrow(RangeError);
  });

  it('holds out 5,000 of a large train split and a fifth of a small one, such as the emoji set', () => {
    expect(validationSizeFor(60_000)).toBe(5000);
    expect(validationSizeFor(824)).toBe(164);
    expect(splitValidation(numbered(200)).validation.count).toBe(40);
  });
});
