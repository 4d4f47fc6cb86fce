import { expect, type Page } from '@playwright/test';
import type { ResultOf, WorkerRequest } from '../src/protocol/messages';
import type { CallOutcome } from '../src/ui/testHook';

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

/** Calls the page's worker through `window.__ckaStudio` (see src/ui/testHook.ts). */
export async function callWorker<R extends WorkerRequest>(page: Page, request: R): Promise<CallOutcome<R['kind']>> {
  await page.waitForFunction(() => window.__ckaStudio !== undefined);
  return page.evaluate((r) => window.__ckaStudio!.call(r), request) as Promise<CallOutcome<R['kind']>>;
}

/** Like callWorker, for calls that must succeed: fails the test with the worker's error. */
export async function callWorkerOk<R extends WorkerRequest>(page: Page, request: R): Promise<ResultOf<R['kind']>> {
  const outcome = await callWorker(page, request);
  if (!outcome.ok) throw new Error(`${request.kind} failed: ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.result;
}
