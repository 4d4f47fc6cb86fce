import { describe, expect, it } from 'vitest';
import { interpolate, toPixels } from './embeddingFrame';

describe('toPixels', () => {
  it('fits the cloud in the box with one scale for both axes, y pointing up', () => {
    const px = toPixels(Float32Array.from([-1, 0, 1, 0, 0, 0.5]), { width: 220, height: 120, padding: 10 });
    expect(Array.from(px)).toEqual([10, 85, 210, 85, 110, 35]);
  });

  it('survives a cloud with no spread', () => {
    const px = toPixels(Float32Array.from([3, 3, 3, 3]), { width: 100, height: 100, padding: 0 });
    expect(Array.from(px)).toEqual([50, 50, 50, 50]);
  });
});

describe('interpolate', () => {
  const a = Float32Array.from([0, 0, 10, 10]);
  const b = Float32Array.from([10, 20, 10, 0]);
  it('starts at the old frame, ends at the new one, and passes the middle halfway', () => {
    expect(Array.from(interpolate(a, b, 0))).toEqual([0, 0, 10, 10]);
    expect(interpolate(a, b, 1)).toBe(b);
    expect(Array.from(interpolate(a, b, 0.5))).toEqual([5, 10, 10, 5]);
  });

  it('jumps when there is no old frame or it has another size', () => {
    expect(interpolate(null, b, 0.3)).toBe(b);
    expect(interpolate(Float32Array.from([1, 1]), b, 0.3)).toBe(b);
  });
});
