import { describe, expect, it } from 'vitest';
import { emaSmooth } from './smoothing';

describe('emaSmooth', () => {
  it('weight 0 returns the values', () => {
    expect(emaSmooth([3, 1, 4], 0)).toEqual([3, 1, 4]);
  });

  it('is bias-corrected: a constant stays that constant from the first point', () => {
    for (const v of emaSmooth([2, 2, 2, 2], 0.9)) expect(v).toBeCloseTo(2, 12);
  });

  it('lags a step change and approaches it', () => {
    const s = emaSmooth([0, 0, 10, 10, 10, 10, 10, 10], 0.5);
    expect(s[2]).toBeGreaterThan(0);
    expect(s[2]).toBeLessThan(10);
    expect(s[7]).toBeGreaterThan(s[3]);
    expect(s[7]).toBeGreaterThan(9.8);
  });

  it('passes non-finite values through without poisoning the rest', () => {
    const s = emaSmooth([1, NaN, 1], 0.6);
    expect(s[1]).toBeNaN();
    expect(s[2]).toBeCloseTo(1, 12);
  });

  it('refuses a weight outside [0, 1)', () => {
    expect(() => emaSmooth([1], 1)).toThrow(RangeError);
    expect(() => emaSmooth([1], -0.1)).toThrow(RangeError);
  });
});
