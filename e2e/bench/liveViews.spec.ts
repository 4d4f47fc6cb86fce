import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startCpuProfile, stopCpuProfile } from './cpuProfile';
import { configureLiveRun, liveRunLine, trainWatched } from '../../scripts/browserBench/liveRun';
import { CPU_LIMIT_MS, WALL_LIMIT_MS } from './mainThreadBounds';
import { longTaskCauses, mainThreadCpu } from './traceTasks';
import { openStudio } from '../studio';

/**
 * Benchmark-style: the page's main thread while the real worker trains CKA on MNIST with
 * every live view on screen (loss, accuracy, cohesion, confusion, two embedding canvases)
 * and 2,000 probe points per embedding frame (200 test images of each of the 10 classes).
 * It prints the long tasks (over 50 ms, wall time, PerformanceObserver 'longtask') and the
 * longest; the issue's target is none over 50 ms, which is reported, not asserted: this
 * machine has 2 cores shared with the worker's wasm threads and other jobs, and a task's wall
 * time counts the time the OS ran something else (tasks of at most 33 ms CPU were seen
 * taking up to 180 ms wall at a load of 5). So the run is also traced, and the assertion is
 * on each task's main-thread CPU time, which other jobs do not stretch: under CPU_LIMIT_MS (this page: about 30 ms; the page
 * before batching and staggering its views: 83-105 ms, recharts mounts and renders per event),
 * plus a wall bound that only a frozen page breaks: WALL_LIMIT_MS.
 *
 * LIVE_STEPS, LIVE_PER_CLASS and LIVE_EVERY change the run; LIVE_TRACE=<file> keeps the trace
 * there (else it goes with the artifacts), LIVE_CAUSES=1 prints each long task's parts,
 * LIVE_PROFILE=1 the main thread's JS CPU profile (for finding causes).
 */
const options = {
  steps: Number(process.env.LIVE_STEPS ?? 60),
  perClass: Number(process.env.LIVE_PER_CLASS ?? 200),
  every: Number(process.env.LIVE_EVERY ?? 10),
};
const TRACE = process.env.LIVE_TRACE ?? path.join(process.env.E2E_ARTIFACTS ?? 'e2e/artifacts', 'live-views-trace.json');
const CAUSES = process.env.LIVE_CAUSES === '1';
const PROFILE = process.env.LIVE_PROFILE === '1';

test(`live views: main thread while training ${options.steps} steps with ${options.perClass * 10} probe points`, async ({ page, browser }) => {
  test.setTimeout(600_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  const { errors } = await openStudio(page, '?backend=wasm');
  await configureLiveRun(page, options);
  mkdirSync(path.dirname(TRACE), { recursive: true });
  await browser.startTracing(page, { path: TRACE, categories: ['devtools.timeline', 'v8.execute', 'disabled-by-default-devtools.timeline'] });
  const profiler = PROFILE ? await startCpuProfile(page) : null;

  const run = await trainWatched(page);
  await browser.stopTracing();
  const profile = profiler ? await stopCpuProfile(profiler) : [];

  const cpu = mainThreadCpu(TRACE);
  const line = `${liveRunLine(options, run)}; by main-thread CPU time (trace): ${cpu.over50} tasks over 50 ms, longest ${cpu.longestCpuMs} ms (bound ${CPU_LIMIT_MS} ms), ${cpu.busyCpuMs} ms busy in all`;
  console.log(line);
  console.log(`long tasks (ms after Start: duration): ${run.main.longTaskList.map((t) => `${t.atMs}: ${t.ms}`).join(', ') || 'none'}`);
  test.info().annotations.push({ type: 'main thread', description: line });
  if (CAUSES) for (const t of longTaskCauses(TRACE)) console.log(`trace ${t.atMs} ms: ${t.ms} ms = ${t.parts.join(' | ')}`);
  for (const row of profile) console.log(`profile ${row}`);

  expect(run.state).toBe('complete');
  expect(run.points, 'a real 2,000-point frame (perClass x 10 classes) on the student canvas').toBe(options.perClass * 10);
  expect(run.framesDrawn, 'embedding frames animated on the student canvas').toBeGreaterThanOrEqual(Math.floor(options.steps / options.every) - 1);
  expect(errors).toEqual([]);
  expect(cpu.longestCpuMs, 'CPU time of the longest main-thread task').toBeLessThan(CPU_LIMIT_MS);
  expect(run.main.longestTaskMs, 'wall time of the longest main-thread task').toBeLessThan(WALL_LIMIT_MS);
});
