import { expect, type Page } from '@playwright/test';
import type { TrainingStateResult } from '../src/protocol/messages';
import { callWorkerOk } from './studio';

/** Helpers shared by the e2e/worker-*.spec.ts files: training driven through the page's worker hook. */

export const trainingState = (page: Page) => callWorkerOk(page, { kind: 'trainingState' });

/** Polls the worker until `check` holds for its training state; returns that state. */
export async function untilState(page: Page, check: (s: TrainingStateResult) => boolean, message: string, timeout = 60_000): Promise<TrainingStateResult> {
  let last: TrainingStateResult | null = null;
  // Polls to `true`; until then the value is the state seen, which a failure prints.
  const seen = async () => {
    last = await trainingState(page);
    return check(last) || `${last.state} at step ${last.step}: ${last.message ?? 'no message'}`;
  };
  await expect.poll(seen, { timeout, intervals: [200], message }).toBe(true);
  return last!;
}

export const untilStep = (page: Page, atLeast: number, timeout?: number) =>
  untilState(page, (s) => s.step >= atLeast, `training never reached step ${atLeast}`, timeout);

/** The recovery notice (src/ui/training/RecoveryNotice.tsx). */
export const recovery = (page: Page) => page.getByRole('region', { name: 'Recovery' });

export function note(description: string): void {
  console.log(description);
}
