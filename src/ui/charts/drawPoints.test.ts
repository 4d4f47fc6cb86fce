import { describe, expect, it } from 'vitest';
import { groupByLabel } from './drawPoints';

describe('groupByLabel', () => {
  it('groups point indices by label, every point once', () => {
    const groups = groupByLabel(Int32Array.from([2, 0, 2, -1, 0]));
    expect(Object.fromEntries(groups)).toEqual({ 2: [0, 2], 0: [1, 4], '-1': [3] });
  });
});
