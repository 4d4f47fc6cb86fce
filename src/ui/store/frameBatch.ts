/**
 * Collects values and hands them over as one batch per animation frame. Worker events come
 * one message at a time; writing each to the store renders every subscriber once per
 * message, several times within one frame when messages bunch up (after a snapshot, a GC,
 * a busy second). One batch per frame renders at most once per frame, just before paint.
 * A hidden tab gets no frames, so a timer flushes too: the store never falls far behind
 * (commands and tests read it).
 */
export interface FrameClock {
  requestFrame(fn: () => void): () => void;
  setTimer(fn: () => void, ms: number): () => void;
}

export const browserFrameClock: FrameClock = {
  requestFrame: (fn) => {
    const id = requestAnimationFrame(() => fn());
    return () => cancelAnimationFrame(id);
  },
  setTimer: (fn, ms) => {
    const id = setTimeout(fn, ms);
    return () => clearTimeout(id);
  },
};

/** How long a batch may wait when no frame comes (hidden tab): the step events' own cadence. */
export const MAX_BATCH_WAIT_MS = 250;

export function frameBatcher<T>(flush: (batch: T[]) => void, clock: FrameClock = browserFrameClock): { push(value: T): void; flush(): void; cancel(): void } {
  let batch: T[] = [];
  let cancels: (() => void)[] = [];
  const run = () => {
    cancels.forEach((c) => c());
    cancels = [];
    const taken = batch;
    batch = [];
    if (taken.length > 0) flush(taken);
  };
  return {
    push(value) {
      batch.push(value);
      if (cancels.length === 0) cancels = [clock.requestFrame(run), clock.setTimer(run, MAX_BATCH_WAIT_MS)];
    },
    /** Hands over what waits now, without waiting for the frame. */
    flush: run,
    cancel() {
      cancels.forEach((c) => c());
      cancels = [];
      batch = [];
    },
  };
}
