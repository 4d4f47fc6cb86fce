/** The timer functions the throttle needs; tests pass a fake clock. */
export interface ThrottleClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: ThrottleClock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Passes on at most one value per `intervalMs`, keeping only the newest in between, so a
 * fast backend cannot flood the page with a message per step. The newest value is never
 * lost: it goes out when the interval ends, or on flush().
 */
export class LatestThrottle<T> {
  private last = -Infinity;
  private pending: { value: T } | null = null;
  private timer: unknown = null;

  constructor(
    private readonly send: (value: T) => void,
    private readonly intervalMs: number,
    private readonly clock: ThrottleClock = realClock,
  ) {}

  offer(value: T): void {
    this.pending = { value };
    const wait = this.last + this.intervalMs - this.clock.now();
    if (wait <= 0) this.flush();
    else this.timer ??= this.clock.setTimeout(() => this.flush(), wait);
  }

  /** Sends the held value now, if any (a pause or the run's end must show the last step). */
  flush(): void {
    this.clearTimer();
    if (!this.pending) return;
    const { value } = this.pending;
    this.pending = null;
    this.last = this.clock.now();
    this.send(value);
  }

  /** Drops the held value: nothing more goes out for a run that was stopped. */
  cancel(): void {
    this.clearTimer();
    this.pending = null;
  }

  private clearTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }
}
