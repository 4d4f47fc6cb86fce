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

