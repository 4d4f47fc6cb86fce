import { describe, expect, it } from 'vitest';
import { frameBatcher, MAX_BATCH_WAIT_MS } from './frameBatch';
import { manualClock } from './manualClock';

describe('frameBatcher', () => {
  it('hands over everything pushed before a frame as one batch, in order', () => {
    const m = manualClock();
    const batches: number[][] = [];
    const b = frameBatcher<number>((batch) => batches.push(batch), m.clock);
    [1, 2, 3].forEach((v) => b.push(v));
    expect(batches).toEqual([]);
    m.frame();
    b.push(4);
    m.frame();
    expect(batches).toEqual([[1, 2, 3], [4]]);
    expect(m.waiting()).toBe(0); // the timer of a batch a frame took is cancelled
  });

  it('flushes on the timer when no frame comes (hidden tab), and on demand', () => {
    const m = manualClock();
    const batches: number[][] = [];
    const b = frameBatcher<number>((batch) => batches.push(batch), m.clock);
    b.push(1);
    expect(m.timerMs()).toEqual([MAX_BATCH_WAIT_MS]);
    m.timeout();
    b.push(2);
    b.flush();
    b.flush(); // nothing waits: no empty batch
    expect(batches).toEqual([[1], [2]]);
    expect(m.waiting()).toBe(0);
  });

  it('drops what waits when cancelled', () => {
    const m = manualClock();
    const batches: number[][] = [];
    const b = frameBatcher<number>((batch) => batches.push(batch), m.clock);
    b.push(1);
    b.cancel();
    m.frame();
    m.timeout();
    expect(batches).toEqual([]);
  });
});
