import { startTransition, useEffect, useRef, useState } from 'react';

/**
 * One live view's update per task. When an evaluation arrives, four views change at once
 * (accuracy, cohesion, confusion, and soon the embedding plots); rendered together, their
 * commit and recharts' effects are one long task (over 100 ms here at the first
 * evaluation, when they mount). Queued here, each view takes the newest value in a task of
 * its own, after a frame was painted, at transition priority (React slices the render).
 */
const queue: (() => void)[] = [];
let pending = false;

function pump(): void {
  pending = false;
  queue.shift()?.();
  if (queue.length > 0) schedule();
}

function schedule(): void {
  if (pending) return;
  pending = true;
  // After the next paint, as a task of its own: one view per frame at most.
  requestAnimationFrame(() => setTimeout(pump, 0));
}

/**
 * `value`, taken up by this view in its turn: a few frames late at worst, never skipping the
 * newest. With `minIntervalMs`, the view also takes at most one value per interval (the loss
 * chart need not redraw for each of 10 step events a second).
 */
export function useStaggered<T>(value: T, minIntervalMs = 0): T {
  const [shown, setShown] = useState(value);
  const lastTaken = useRef(-Infinity);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const job = () => {
      lastTaken.current = performance.now();
      startTransition(() => setShown(value));
    };
    const enqueue = () => {
      queue.push(job);
      schedule();
    };
    const wait = lastTaken.current + minIntervalMs - performance.now();
    const timer = wait > 0 ? setTimeout(enqueue, wait) : (enqueue(), undefined);
    return () => {
      clearTimeout(timer);
      const at = queue.indexOf(job);
      if (at >= 0) queue.splice(at, 1); // a newer value replaces this one in the queue
    };
  }, [value, shown, minIntervalMs]);
  return shown;
}
