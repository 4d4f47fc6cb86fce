import { describe, expect, it } from 'vitest';
import { DROP_BYTES_CAP, bytesPerImage, dropBudget, megabytes } from './dropBudget';

const side = (n: number) => ({ height: n, width: n });

describe('the memory a dropped folder takes', () => {
  it('is one byte per pixel and channel: the figures the docs give', () => {
    expect(bytesPerImage(side(64), 3)).toBe(12_288);
    expect(bytesPerImage(side(28), 1)).toBe(784);
    // 1,000 and 10,000 colour images at 64 px; 30,000 as the issue measures.
    expect(megabytes(1_000 * bytesPerImage(side(64), 3))).toBe('12.3 MB');
    expect(megabytes(10_000 * bytesPerImage(side(64), 3))).toBe('122.9 MB');
    expect(megabytes(30_000 * bytesPerImage(side(64), 3))).toBe('368.6 MB');
    expect(megabytes(10_000 * bytesPerImage(side(32), 3))).toBe('30.7 MB');
  });

  it('lets a folder through under the cap and refuses one past it with the count that fits', () => {
    expect(dropBudget(30_000, side(64))).toMatchObject({ bytes: 368_640_000, refusal: null });
    expect(dropBudget(87_381, side(64)).refusal).toBeNull();
    const over = dropBudget(100_000, side(128));
    expect(over.maxImages).toBe(Math.floor(DROP_BYTES_CAP / (128 * 128 * 3)));
    expect(over.refusal).toBe(
      '100,000 images at 128 × 128 in colour would take 4,915.2 MB, more than the 1,073.7 MB a dropped folder may hold in the browser: drop at most 21,845 images, or pick a lower working resolution',
    );
  });
});
