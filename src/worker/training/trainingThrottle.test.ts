import { describe, expect, it } from 'vitest';
import { LatestThrottle, type ThrottleClock } from './trainingThrottle';

/** A clock that moves only when told, firing due timers in order. */
function fakeClock() {
  let time = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 1;
  const clock: ThrottleClock = {
    now: () => time,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.push({ at: time + ms, fn, id });
      return id;
    },
    clearTimeout: (handle) => (timers = timers.filter((t) => t.id !== handle)),
  };
  const advance = (ms: number) => {
    time += ms;
    for (const due of timers.filter((t) => t.at <= time).sort((a, b) => a.at - b.at)) {
      timers = timers.filter((t) => t !== due);
      due.fn();
    }
  };
  return { clock, advance, timers: () => timers.length };
}

describe('LatestThrottle', () => {
  it('sends the first value at once and coalesces the rest of the interval to the newest', () => {
    const { clock, advance } = fakeClock();
    const sent: number[] = [];
    const throttle = new LatestThrottle<number>((v) => sent.push(v), 100, clock);
    throttle.offer(1);
    for (let v = 2; v <= 9; v++) {
      advance(10);
      throttle.offer(v);
    }
    expect(sent).toEqual([1]);
    advance(20); // 100 ms after the first send
    expect(sent).toEqual([1, 9]);
  });

  it('sends at most one value per interval however fast values arrive', () => {
    const { clock, advance } = fakeClock();
    const sent: number[] = [];
    const throttle = new LatestThrottle<number>((v) => sent.push(v), 100, clock);
    for (let v = 0; v < 1000; v++) {
      throttle.offer(v);
      advance(1);
    }
    advance(100);
    expect(sent.length).toBeLessThanOrEqual(11);
    expect(sent.at(-1)).toBe(999);
  });

  it('flush sends the held value now; cancel drops it and its timer', () => {
    const { clock, advance, timers } = fakeClock();
    const sent: string[] = [];
    const throttle = new LatestThrottle<string>((v) => sent.push(v), 100, clock);
    throttle.offer('a');
    throttle.offer('b');
    throttle.flush();
    expect(sent).toEqual(['a', 'b']);
    throttle.offer('c');
    throttle.cancel();
    expect(timers()).toBe(0);
    advance(500);
    throttle.flush();
    expect(sent).toEqual(['a', 'b']);
  });
});
