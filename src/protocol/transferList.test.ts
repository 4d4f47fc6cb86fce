import { describe, expect, it } from 'vitest';
import { transferList } from './transferList';

describe('transferList', () => {
  it("hands over a dropped folder's file bytes, each buffer once, and nothing of other requests", () => {
    const a = new ArrayBuffer(4);
    const b = new ArrayBuffer(8);
    const files = [{ name: 'd/a.png', bytes: a }, { name: 'd/b.png', bytes: b }, { name: 'd/a-again.png', bytes: a }];
    expect(transferList({ kind: 'loadImageFiles', name: 'd', role: 'transfer', files })).toEqual([a, b]);
    expect(transferList({ kind: 'stageImageFiles', dropId: 'x', part: 0, files })).toEqual([a, b]);
    expect(transferList({ kind: 'loadImageFiles', name: 'd', role: 'transfer', staged: { dropId: 'x', parts: 1, count: 3 } })).toEqual([]);
    expect(transferList({ kind: 'pause' })).toEqual([]);
  });
});
