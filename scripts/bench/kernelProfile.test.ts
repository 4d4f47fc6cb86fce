import { describe, expect, it } from 'vitest';
import { kernelFlops } from './kernelProfile';

describe('kernelFlops', () => {
  it('counts a conv as 2 · |output| · kh · kw · cin', () => {
    expect(kernelFlops('Conv2D', [[64, 13, 13, 32], [3, 3, 32, 64]], [[64, 11, 11, 64]])).toBe(2 * 64 * 11 * 11 * 64 * 9 * 32);
    expect(kernelFlops('FusedConv2D', [[2, 5, 5, 1], [3, 3, 1, 4], [4]], [[2, 3, 3, 4]])).toBe(2 * 2 * 3 * 3 * 4 * 9);
  });

  it('counts a transposed conv from dy and the filter', () => {
    // dy [1, 3, 3, 4], filter [3, 3, 2, 4]: each of 9 dy positions spreads 4 channels over 9 taps × 2 channels.
    expect(kernelFlops('Conv2DBackpropInput', [[1, 3, 3, 4], [3, 3, 2, 4]], [[1, 5, 5, 2]])).toBe(2 * 9 * 9 * 4 * 2);
  });

  it('counts a matmul as 2 · b · m · n · k whatever the transposes', () => {
    expect(kernelFlops('BatchMatMul', [[64, 1600], [1600, 256]], [[64, 256]])).toBe(2 * 64 * 256 * 1600);
    expect(kernelFlops('BatchMatMul', [[1600, 64], [64, 256]], [[1600, 256]])).toBe(2 * 1600 * 256 * 64); // xᵀ·dy with transposeA
    expect(kernelFlops('_FusedMatMul', [[2, 5, 7], [2, 7, 3], [3]], [[2, 5, 3]])).toBe(2 * 2 * 5 * 3 * 7);
  });

  it('leaves element-wise kernels out', () => {
    expect(kernelFlops('Add', [[64, 10], [64, 10]], [[64, 10]])).toBe(0);
  });
});
