import { describe, expect, it } from 'vitest';
import { rowShare } from './confusionPng';

describe('rowShare', () => {
  it("is a cell's share of its true class, 0 for an empty row", () => {
    expect(rowShare([3, 1, 0], 3)).toBe(0.75);
    expect(rowShare([0, 0], 0)).toBe(0);
  });
});
