import type { Page } from '@playwright/test';

/** How responsive the page's main thread stayed while the worker computed. */
export interface MainThreadReport {
  /** Longest task the browser reported as a 'longtask' (it reports only those over 50 ms); 0 when none. */
  longestTaskMs: number;
  longTasks: number;
  /** When each of those began (ms after the monitor started) and how long it took. */
  longTaskList: { atMs: number; ms: number }[];
  /**
   * Longest gap between animation frames. It also counts time the page simply got no CPU
   * (2 busy cores), so it is an upper bound on jank, not a task length.
   */
  longestFrameGapMs: number;
  frames: number;
  observedMs: number;
}

/**
 * The in-page monitor, as source text: tsx (the bench script's loader) wraps named
 * functions in a `__name` helper that does not exist in the page, so a function passed to
 * page.evaluate would throw there.
 */
const MONITOR_SOURCE = `(() => {
  window.__mainThreadMonitor?.stop();
  const s = { longest: 0, count: 0, list: [], gap: 0, frames: 0, last: -1, running: true, started: performance.now() };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      s.count++;
      s.longest = Math.max(s.longest, entry.duration);
      s.list.push({ atMs: Math.round(entry.startTime - s.started), ms: Math.round(entry.duration) });
    }
  });
  observer.observe({ type: 'longtask' });
  const frame = (t) => {
    if (!s.running) return;
    if (s.last >= 0) s.gap = Math.max(s.gap, t - s.last);
    s.last = t;
    s.frames++;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  window.__mainThreadMonitor = {
    now: () => performance.now() - s.started,
    read: () => ({ longestTaskMs: s.longest, longTasks: s.count, longTaskList: s.list, longestFrameGapMs: s.gap, frames: s.frames, observedMs: performance.now() - s.started }),
    stop: () => {
      s.running = false;
      observer.disconnect();
    },
  };
})()`;

/** Starts watching the page's main thread (replacing any earlier monitor). */
export async function startMainThreadMonitor(page: Page): Promise<void> {
  await page.evaluate(MONITOR_SOURCE);
}

/** Milliseconds since the monitor started, to place its long tasks among the phases of a test. */
export async function monitorClock(page: Page): Promise<number> {
  return Math.round((await page.evaluate('window.__mainThreadMonitor.now()')) as number);
}

/** Stops the monitor and returns what it saw; the short wait lets queued longtask entries arrive. */
const STOP_SOURCE = `new Promise((resolve, reject) => {
  const monitor = window.__mainThreadMonitor;
  if (!monitor) return reject(new Error('startMainThreadMonitor was not called on this page'));
  setTimeout(() => {
    monitor.stop();
    resolve(monitor.read());
  }, 100);
})`;

export async function stopMainThreadMonitor(page: Page): Promise<MainThreadReport> {
  return (await page.evaluate(STOP_SOURCE)) as MainThreadReport;
}
