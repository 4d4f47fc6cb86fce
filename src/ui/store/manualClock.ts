import type { FrameClock } from './frameBatch';

/** For tests: a clock whose frames and timers run only when the test says. */
export function manualClock() {
  const frames = new Set<() => void>();
  const timers = new Set<{ fn: () => void; ms: number }>();
  const clock: FrameClock = {
    requestFrame: (fn) => (frames.add(fn), () => void frames.delete(fn)),
    setTimer: (fn, ms) => {
      const t = { fn, ms };
      timers.add(t);
      return () => void timers.delete(t);
    },
  };
  const frame = () => [...frames].forEach((fn) => (frames.delete(fn), fn()));
  const timeout = () => [...timers].forEach((t) => (timers.delete(t), t.fn()));
  return { clock, frame, timeout, waiting: () => frames.size + timers.size, timerMs: () => [...timers].map((t) => t.ms) };
}

