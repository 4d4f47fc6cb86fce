import { expect, type Page } from '@playwright/test';
// The worker calls live with the browser bench, which drives the worker the same way.
export { callWorker, callWorkerOk } from '../scripts/browserBench/workerCall';

export interface OpenedStudio {
  /** Console errors and uncaught exceptions from the page and its workers. */
  errors: string[];
  /** Milliseconds from navigation to the "worker ready" status. */
  readyMs: number;
}

/** Opens the studio (optionally with a query) and waits until the worker is ready. */
export async function openStudio(page: Page, query = ''): Promise<OpenedStudio> {
  const errors: string[] = [];
  // Playwright reports worker console calls on the page too, so one listener covers both.
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  const started = Date.now();
  await page.goto(`/${query}`);
  await expect(page.getByRole('status')).toContainText(/worker (ready|failed)/, { timeout: 45_000 });
  const readyMs = Date.now() - started;
  // Fail with what the console said, not just the status line.
  await expect(page.getByRole('status'), errors.join('\n')).toContainText('worker ready', { timeout: 1 });
  return { errors, readyMs };
}

export function field(page: Page, name: string) {
  return page.locator(`dd[data-field="${name}"]`);
}

export async function fieldText(page: Page, name: string): Promise<string> {
  return (await field(page, name).textContent()) ?? '';
}


/** Hovers over a grid of spots of the student's embedding plot until one is over a point (its hover card shows). */
export async function hoverSomePoint(page: Page): Promise<void> {
  const canvas = page.locator('[data-chart="embedding-student"] canvas').first();
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  for (let i = 1; i < 12; i++) {
    for (let j = 1; j < 12; j++) {
      await page.mouse.move(box.x + (box.width * i) / 12, box.y + (box.height * j) / 12);
      if (await page.locator('[data-chart="embedding-student"] [data-field="plot-hover"]').isVisible()) return;
    }
  }
  throw new Error('no probe point under any of 121 spots of the student plot');
}

/** A vertical stroke down the middle of Try it's drawing area, then Predict. */
export async function drawStrokeAndPredict(page: Page): Promise<void> {
  const box = (await page.getByLabel(/^Drawing area/).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.15);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.85, { steps: 12 });
  await page.mouse.up();
  await page.getByRole('button', { name: 'Predict', exact: true }).click();
}
