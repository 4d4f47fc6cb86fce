import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bytesPerImage, megabytes } from '../../src/core/data/dropBudget';
import { markdownTable } from '../../scripts/browserBench/benchReport';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/browserBench/chromiumLaunch';
import { colourFolder, FOLDER_SIDE } from '../../scripts/browserBench/colourFolder';
import { startMainThreadMonitor, stopMainThreadMonitor } from '../../scripts/browserBench/mainThreadMonitor';
import { fileStamp } from '../../scripts/cli/recordStamp';
import { CPU_LIMIT_MS, WALL_LIMIT_MS } from './mainThreadBounds';
import { inputTaskSplit, mainThreadCpu } from './traceTasks';
import { openStudio } from '../studio';

/**
 * Benchmark-style (issue 12): the worker's memory after it decodes a dropped folder of
 * 1,000 / 10,000 / 30,000 distinct 64 × 64 colour PNGs at working resolution 64, the time
 * from the drop to the summary on screen, and the page's longest main-thread task meanwhile
 * (by CPU time, from a trace, as the live-views bench measures it). Prints a table and writes a
 * record under runs/bench/ (the traces go with the artifacts).
 *
 * The task that gives the input its files is reported apart: in it the browser builds one File
 * object per file (649 ms of CPU for 30,000) before the page's change handler runs. The
 * live-views CPU bound (mainThreadBounds.ts) is asserted, after the table, on the page's own
 * work: that handler and every later task.
 *
 * Memory is performance.measureUserAgentSpecificMemory() in the page (the studio is
 * cross-origin isolated), the bytes it attributes to the DedicatedWorkerGlobalScope, before
 * the drop and after it; the measurement runs a full GC first, so garbage is not counted.
 * ForceEagerMeasureMemory makes it measure at once instead of at a random moment within 20 s.
 *
 * Not part of the suite: playwright.config.ts ignores it unless E2E_BENCH=drop-memory.
 * DROP_COUNTS=1000,10000 picks the folder sizes. The PNGs are written once under the
 * system temp folder and reused.
 */
const COUNTS = (process.env.DROP_COUNTS ?? '1000,10000,30000').split(',').map(Number);
const ARTIFACTS = process.env.E2E_ARTIFACTS ?? 'e2e/artifacts';

test.use({ launchOptions: { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--enable-blink-features=ForceEagerMeasureMemory'] } });

interface DropMemoryRow {
  images: number;
  computedBytes: number;
  workerBeforeBytes: number;
  workerAfterBytes: number;
  pageAfterBytes: number;
  decodeMs: number;
  longestCpuMs: number;
  longestWallMs: number;
  longTasks: number;
  /** The task that put the files on the input: CPU in all, and the page's change handler's CPU within it. */
  inputTaskCpuMs: number;
  handlerMs: number;
  /** The longest other main-thread task by CPU: what the page runs while the worker decodes. */
  longestOtherCpuMs: number;
}
const rows: DropMemoryRow[] = [];

/** Bytes the browser attributes to the page's dedicated worker(s), and to everything else. */
const MEASURE_SOURCE = `(async () => {
  if (!crossOriginIsolated) throw new Error('the page is not cross-origin isolated: measureUserAgentSpecificMemory is not available');
  const m = await performance.measureUserAgentSpecificMemory();
  let worker = 0;
  for (const b of m.breakdown) if (b.attribution.some((a) => a.scope === 'DedicatedWorkerGlobalScope')) worker += b.bytes;
  return { worker, total: m.bytes };
})()`;

async function measureMemory(page: Page): Promise<{ worker: number; total: number }> {
  return (await page.evaluate(MEASURE_SOURCE)) as { worker: number; total: number };
}

async function setWorkingResolution(page: Page, value: string): Promise<void> {
  const method = page.getByRole('region', { name: 'Method' });
  const details = method.locator('details.method-details');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
  await method.getByLabel('Working resolution').selectOption(value);
}

const mb = (bytes: number) => megabytes(bytes);

for (const count of COUNTS) {
  test(`drop memory: ${count.toLocaleString('en-US')} colour PNGs at ${FOLDER_SIDE} px`, async ({ page, browser }) => {
    test.setTimeout(1_500_000);
    const folder = colourFolder(count);
    const { errors } = await openStudio(page, '?backend=wasm');
    await setWorkingResolution(page, String(FOLDER_SIDE));
    const before = await measureMemory(page);

    const trace = path.join(ARTIFACTS, `drop-memory-${count}-trace.json`);
    mkdirSync(ARTIFACTS, { recursive: true });
    await browser.startTracing(page, { path: trace, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    await startMainThreadMonitor(page);
    const started = Date.now();
    await page.getByTestId('transfer-folder').setInputFiles(folder);
    const summary = page.locator('[data-field="transfer-summary"]');
    await expect(summary).toContainText(`${count.toLocaleString('en-US')} images at ${FOLDER_SIDE} × ${FOLDER_SIDE} colour`, { timeout: 1_400_000 });
    const decodeMs = Date.now() - started;
    const main = await stopMainThreadMonitor(page);
    await browser.stopTracing();
    const cpu = mainThreadCpu(trace);
    const split = inputTaskSplit(trace);
    const after = await measureMemory(page);

    const row: DropMemoryRow = {
      images: count,
      computedBytes: count * bytesPerImage({ height: FOLDER_SIDE, width: FOLDER_SIDE }, 3),
      workerBeforeBytes: before.worker,
      workerAfterBytes: after.worker,
      pageAfterBytes: after.total,
      decodeMs,
      longestCpuMs: cpu.longestCpuMs,
      longestWallMs: Math.round(main.longestTaskMs),
      longTasks: main.longTasks,
      ...split,
    };
    rows.push(row);
    console.log(`drop memory ${JSON.stringify(row)}`);
    expect(errors).toEqual([]);
    expect(after.worker - before.worker, 'the decoded images in the worker').toBeGreaterThanOrEqual(row.computedBytes * 0.9);
  });
}

test.afterAll(() => {
  // The bounds are checked here, after the table: a failed test restarts Playwright's worker
  // process, which would lose the rows of the sizes before it and skip none of the later ones.
  if (rows.length === 0) return;
  const table = markdownTable(
    ['images', 'computed (12,288 B each)', 'worker before drop', 'worker after decode', 'worker growth', 'growth / computed', 'drop to summary', 'longest main-thread task: CPU (trace) / wall', 'of which the task giving the input its files: CPU / page handler', 'longest other task (CPU)'],
    rows.map((r) => [
      r.images.toLocaleString('en-US'),
      mb(r.computedBytes),
      mb(r.workerBeforeBytes),
      mb(r.workerAfterBytes),
      mb(r.workerAfterBytes - r.workerBeforeBytes),
      ((r.workerAfterBytes - r.workerBeforeBytes) / r.computedBytes).toFixed(2),
      `${(r.decodeMs / 1000).toFixed(1)} s`,
      `${r.longestCpuMs} ms / ${r.longestWallMs || 'none over 50'}${r.longestWallMs ? ' ms' : ''}`,
      `${r.inputTaskCpuMs} ms / ${r.handlerMs} ms`,
      `${r.longestOtherCpuMs} ms`,
    ]),
  );
  console.log(`\n${table}\n(bounds: ${CPU_LIMIT_MS} ms CPU, ${WALL_LIMIT_MS} ms wall)`);
  const stamp = fileStamp(new Date().toISOString());
  mkdirSync('runs/bench', { recursive: true });
  writeFileSync(
    `runs/bench/drop-memory-${stamp}.json`,
    `${JSON.stringify({ bench: 'e2e/bench/dropMemory.spec.ts', side: FOLDER_SIDE, memory: 'performance.measureUserAgentSpecificMemory, DedicatedWorkerGlobalScope', bounds: { cpuMs: CPU_LIMIT_MS, wallMs: WALL_LIMIT_MS }, rows, table }, null, 2)}\n`,
  );
  // The bound holds the page's own work: its change handler and every task after it. The
  // browser's building of the FileList (the rest of the input's task) is reported, not bounded.
  const broken = rows.filter((r) => r.longestOtherCpuMs >= CPU_LIMIT_MS || r.handlerMs >= CPU_LIMIT_MS);
  expect(broken.map((r) => r.images), `sizes where a task of the page took ${CPU_LIMIT_MS} ms of CPU or more`).toEqual([]);
});
