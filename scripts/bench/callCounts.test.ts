import { describe, expect, it } from 'vitest';
import { countCalls } from './callCounts';

class Counter {
  n = 0;
  bump(by: number): number {
    this.n += by;
    return this.n;
  }
}

describe('countCalls', () => {
  it('counts calls while f runs, keeps behaviour, and removes its shadows afterwards', async () => {
    const c = new Counter();
    const counts = await countCalls(c, ['bump'], async () => {
      expect(c.bump(2)).toBe(2);
      await Promise.resolve();
      c.bump(3);
    });
    expect(counts).toEqual({ bump: 2 });
    expect(c.n).toBe(5);
    expect(Object.prototype.hasOwnProperty.call(c, 'bump')).toBe(false);
  });

  it('removes its shadows when f throws', async () => {
    const c = new Counter();
    await expect(countCalls(c, ['bump'], async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(Object.prototype.hasOwnProperty.call(c, 'bump')).toBe(false);
  });

  it('refuses a name that is not a method', async () => {
    await expect(countCalls(new Counter(), ['n'], async () => undefined)).rejects.toThrow('not a method');
  });
});
