import type { Page } from '@playwright/test';
import type { ResultOf, WorkerRequest } from '../../src/protocol/messages';
import type { CallOutcome } from '../../src/ui/testHook';

/**
 * Calls the page's worker through `window.__ckaStudio` (see src/ui/testHook.ts). Here, not in
 * e2e/, because the browser bench drives the worker the same way and scripts never import e2e.
 */
export async function callWorker<R extends WorkerRequest>(page: Page, request: R): Promise<CallOutcome<R['kind']>> {
  await page.waitForFunction(() => window.__ckaStudio !== undefined);
  return page.evaluate((r) => window.__ckaStudio!.call(r), request) as Promise<CallOutcome<R['kind']>>;
}

/** Like callWorker, for calls that must succeed: throws with the worker's error. */
export async function callWorkerOk<R extends WorkerRequest>(page: Page, request: R): Promise<ResultOf<R['kind']>> {
  const outcome = await callWorker(page, request);
  if (!outcome.ok) throw new Error(`${request.kind} failed: ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.result;
}
