/**
 * The bounds on one main-thread task while the worker computes, shared by the browser
 * benchmarks (live views, dropped-image memory) so that all hold the page to one standard.
 */

/** Most main-thread CPU time (from a trace) one task may take: 2.5x what the live-views page takes, under the 83-105 ms it took before. */
export const CPU_LIMIT_MS = 75;
/** Longest wall time one task may take on a loaded machine: a frozen page, not a slow frame. */
export const WALL_LIMIT_MS = 500;
