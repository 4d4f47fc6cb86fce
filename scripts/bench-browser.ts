/**
 * `npm run bench:browser`: CKA training steps in the real worker, in Debian's Chromium, on
 * every backend that works here, timed in one run so the ratios between backends are fair;
 * meanwhile it watches the page's main thread, which must stay free (no task over 50 ms).
 * Then it trains from the studio's own controls with every live view on screen and 2,000
 * probe points a frame, and prints the main thread's longest task there too.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { benchTable, firstLossSpread, trialTable, type BenchRun } from './browserBench/benchReport';
import { configureLiveRun, liveRunLine, trainWatched, type LiveRunOptions } from './browserBench/liveRun';
import { startMainThreadMonitor, stopMainThreadMonitor } from './browserBench/mainThreadMonitor';
import { ensureBuild, freePort, startPreview } from './browserBench/previewServer';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './browserBench/chromiumLaunch';
import { callWorkerOk } from './browserBench/workerCall';
import { isBackendName, type BackendName } from '../src/protocol/messages';
import { parseArgs, UsageError } from './cli/args';
import { errorMessage } from '../src/protocol/errors';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const usage = `usage: npm run bench:browser -- [--backends wasm,webgpu,webgl,cpu] [--steps 20] [--cap-s 60] [--live-steps 40] [--no-trial]
  --steps    timed steps per backend after 1 warm-up step (default 20)
  --cap-s    stop timing a backend after this many seconds (default 60; cpu and webgl get a third of it)
  --live-steps  CKA steps trained from the page's controls with the live views and 2,000 probe points, on wasm (default 40; 0 skips)
  --no-trial skip the measured backend choice (trialBackends) at the end`;

interface Options {
  backends: BackendName[];
  steps: number;
  capMs: number;
  trial: boolean;
  liveSteps: number;
}

function options(argv: string[]): Options {
  const { flags, positionals } = parseArgs(argv, { backends: 'value', steps: 'value', 'cap-s': 'value', 'live-steps': 'value', 'no-trial': 'switch' });
  if (positionals.length > 0) throw new UsageError(`unexpected ${positionals.join(' ')}`);
  const backends = (flags.get('backends') ?? 'wasm,webgpu,webgl,cpu').split(',');
  const bad = backends.filter((b) => !isBackendName(b));
  if (bad.length > 0) throw new UsageError(`unknown backend ${bad.join(', ')}`);
  const steps = Number(flags.get('steps') ?? 20);
  const capS = Number(flags.get('cap-s') ?? 60);
  if (!Number.isInteger(steps) || steps < 1 || steps > 500) throw new UsageError('--steps must be a whole number in [1, 500]');
  if (!(capS >= 1 && capS <= 600)) throw new UsageError('--cap-s must be in [1, 600]');
  const liveSteps = Number(flags.get('live-steps') ?? 40);
  if (!Number.isInteger(liveSteps) || liveSteps < 0 || liveSteps > 500) throw new UsageError('--live-steps must be a whole number in [0, 500]');
  return { backends: backends as BackendName[], steps, capMs: capS * 1000, trial: !flags.has('no-trial'), liveSteps };
}

/** The browser the e2e tests run (their launch options come from the same module). */
function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] });
}

async function openPage(browser: Browser, url: string, query = ''): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  // No ?backend= for the benchmarks: the trial at the end would take it as the user's override.
  await page.goto(`${url}/${query}`);
  await page.getByRole('status').filter({ hasText: /worker (ready|failed)/ }).waitFor({ timeout: 60_000 });
  const status = await page.getByRole('status').textContent();
  if (!status?.includes('worker ready')) throw new Error(`the page's worker did not start: ${status}`);
  return page;
}

/** Software GPUs and plain JS kernels are seconds per step here: they get a shorter cap. */
const capFor = (backend: BackendName, capMs: number) => (backend === 'cpu' || backend === 'webgl' ? Math.round(capMs / 3) : capMs);

async function benchOne(page: Page, backend: BackendName, o: Options): Promise<BenchRun | null> {
  process.stdout.write(`${backend}: `);
  await startMainThreadMonitor(page);
  try {
    const result = await callWorkerOk(page, { kind: 'benchTrain', backend, steps: o.steps, warmup: 1, capMs: capFor(backend, o.capMs) });
    const mainThread = await stopMainThreadMonitor(page);
    console.log(`${result.stepMs.length} steps, median ${result.medianMs.toFixed(1)} ms${result.stoppedEarly ? ` (${result.stoppedEarly})` : ''}`);
    return { result, mainThread };
  } catch (error) {
    console.log(`skipped: ${errorMessage(error)}`);
    return null;
  }
}

async function trial(page: Page): Promise<void> {
  await startMainThreadMonitor(page);
  const result = await callWorkerOk(page, { kind: 'trialBackends' });
  const mainThread = await stopMainThreadMonitor(page);
  console.log(`\n## Measured backend choice (trialBackends: ${result.warmupSteps} warm-up + ${result.timedSteps} timed steps, cap ${result.capMs} ms each)\n`);
  console.log(trialTable(result));
  console.log(`\nchosen: ${result.backend} (${result.reason}); ${Math.round(result.trialMs)} ms in all; tensors ${result.tensorsBefore} -> ${result.tensorsAfter}`);
  console.log(`main thread during the trial: longest task ${mainThread.longestTaskMs.toFixed(0)} ms (${mainThread.longTasks} over 50 ms), longest frame gap ${mainThread.longestFrameGapMs.toFixed(0)} ms`);
}

/** Training as a user does it, on a page of its own (wasm), with the full live UI; the main thread's figures. */
async function liveViews(browser: Browser, url: string, steps: number): Promise<void> {
  const o: LiveRunOptions = { steps, perClass: 200, every: 10 };
  const page = await openPage(browser, url, '?backend=wasm');
  try {
    await configureLiveRun(page, o);
    const run = await trainWatched(page);
    const worst = run.main.longestTaskMs;
    console.log(`\n## Main thread while training with the live views (${run.state})\n\n${liveRunLine(o, run)}`);
    console.log(`longest main-thread task while training with the full live UI: ${worst > 0 ? `${worst.toFixed(0)} ms` : 'none over 50 ms'} (${worst <= 50 ? 'within' : 'OVER'} the 50 ms target)`);
  } finally {
    await page.close();
  }
}

function summary(runs: BenchRun[]): void {
  console.log(`\n## CKA training steps in the worker (batch ${runs[0].result.batchSize}, preset cka, mnist-0-4 + mnist-5-9)\n`);
  console.log(benchTable(runs));
  const worst = Math.max(...runs.map((r) => r.mainThread.longestTaskMs));
  const verdict = worst <= 50 ? 'within' : 'OVER';
  console.log(`\nlongest main-thread task while training: ${worst > 0 ? `${worst.toFixed(0)} ms` : 'none over 50 ms'} (${verdict} the 50 ms target)`);
  const spread = firstLossSpread(runs.map((r) => r.result.losses[0]));
  console.log(`first-step loss: largest relative gap from ${runs[0].result.backend} is ${spread.toExponential(2)}`);
}

async function main(): Promise<void> {
  const o = options(process.argv.slice(2));
  // E2E_DIST, as for the e2e suite: another build folder, so two checkouts' runs do not collide.
  const dist = process.env.E2E_DIST ?? 'dist';
  ensureBuild(ROOT, dist);
  const server = await startPreview(ROOT, await freePort(), dist);
  const browser = await launch().catch((error: unknown) => (server.stop(), Promise.reject(error)));
  try {
    const page = await openPage(browser, server.url);
    console.log(`Chromium ${browser.version()} at ${server.url}, ${o.steps} timed steps per backend after 1 warm-up`);
    const runs: BenchRun[] = [];
    for (const backend of o.backends) {
      const run = await benchOne(page, backend, o);
      if (run) runs.push(run);
    }
    if (runs.length > 0) summary(runs);
    if (o.liveSteps > 0) await liveViews(browser, server.url, o.liveSteps);
    if (o.trial) await trial(page);
  } finally {
    await browser.close();
    server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof UsageError ? `${error.message}\n${usage}` : error);
  process.exit(error instanceof UsageError ? 2 : 1);
});
