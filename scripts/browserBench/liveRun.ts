import type { Page } from '@playwright/test';
import { startMainThreadMonitor, stopMainThreadMonitor, type MainThreadReport } from './mainThreadMonitor';

/**
 * A CKA run started from the studio's own controls, with every live view on screen: the
 * setting liveViews.spec.ts and `npm run bench:browser` measure the page's main thread in.
 * Locators and source-text checks only (no functions into page.evaluate: see mainThreadMonitor.ts).
 */
export interface LiveRunOptions {
  steps: number;
  /** Probe images per class: 200 gives MNIST's 2,000 points a frame. */
  perClass: number;
  /** Evaluate (and take an embedding frame) every this many steps. */
  every: number;
}

export interface LiveRunReport {
  main: MainThreadReport;
  seconds: number;
  /** Frames the student's canvas animated into, and the points in its last one. */
  framesDrawn: number;
  points: number;
  state: string;
}

const BATCH = 64;
const DONE = `['complete', 'failed', 'stopped'].includes(document.querySelector('dd[data-field="training-state"]')?.textContent ?? '')`;

/** Picks the two MNIST teachers and CKA, sized to `steps` steps of one epoch, with the plot's probe size. */
export async function configureLiveRun(page: Page, o: LiveRunOptions): Promise<void> {
  const pick = (scope: string) => page.locator(scope).getByRole('checkbox', { name: /^Pick .* for the run$/ });
  for (const box of await pick('li[data-teacher]').all()) await box.uncheck();
  for (const id of ['mnist-0-4', 'mnist-5-9']) await pick(`li[data-teacher="${id}"]`).check();
  const method = page.getByRole('region', { name: 'Method' });
  await method.getByLabel('Preset').selectOption('cka');
  await method.getByLabel('Transfer images').fill(String(o.steps * BATCH));
  await method.getByLabel('Epochs').fill('1');
  await page.getByLabel('Evaluate every').fill(String(o.every));
  // The default (50) is left untouched: the run a user gets, and a build without the control can be measured too.
  if (o.perClass !== 50) await page.getByLabel('Probe images per class').fill(String(o.perClass));
  // The live views in sight, so charts and canvases really paint (off-screen work is cheaper).
  await page.getByRole('heading', { name: 'Live views' }).scrollIntoViewIfNeeded();
}

/** Starts training and watches the main thread until the run ends. */
export async function trainWatched(page: Page, timeoutMs = 480_000): Promise<LiveRunReport> {
  const started = Date.now();
  await startMainThreadMonitor(page);
  await page.getByRole('button', { name: 'Start training' }).click();
  // One cheap check a second: Playwright's expect polls build an aria snapshot of the page on
  // the main thread, which would show up here as the page's own long tasks.
  await page.waitForFunction(DONE, undefined, { polling: 1_000, timeout: timeoutMs });
  await page.waitForTimeout(1_000); // the last frame's animation
  const main = await stopMainThreadMonitor(page);
  const student = page.locator('[data-chart="embedding-student"] canvas');
  return {
    main,
    seconds: (Date.now() - started) / 1000,
    framesDrawn: Number(await student.getAttribute('data-frames-drawn')),
    points: Number(await student.getAttribute('data-points')),
    state: (await page.locator('dd[data-field="training-state"]').textContent()) ?? '',
  };
}

/** The report in one line, the 50 ms target beside it. */
export function liveRunLine(o: LiveRunOptions, r: LiveRunReport): string {
  const { main } = r;
  return `live views, ${o.steps} CKA steps on wasm, ${r.points} probe points, a frame every ${o.every} steps (${r.framesDrawn} drawn), ${r.seconds.toFixed(0)} s: ${main.longTasks} main-thread tasks over 50 ms (target 0), longest ${Math.round(main.longestTaskMs)} ms, longest frame gap ${Math.round(main.longestFrameGapMs)} ms`;
}
