import { expect, test } from '@playwright/test';
import { configFromPreset } from '../src/core/method/resolveConfig';
import { callWorkerOk, openStudio } from './studio';
import { note, recovery, trainingState, untilState, untilStep } from './workerTraining';

/**
 * Training that stops on its own, on wasm: a loss that goes non-finite, and a worker that is
 * killed under a running session. Either way the page says so in words and resumes the last
 * checkpoint from IndexedDB through its Recovery notice.
 */

const SMALL = { teachers: ['mnist-0-4', 'mnist-5-9'], data: 'mnist' as const, batchSize: 8, studentWidth: 8, transferLimit: 800, epochs: 5 };

/**
 * A config a user can type: plain SGD at the largest learning rate validateConfig allows, every
 * CKA weight at its maximum, KD at temperature 100 and contrastive terms at tau 0.01. The
 * student's logits blow up within a few steps (the Node CLI sees NaN at step 2 with this seed).
 */
const DIVERGING = configFromPreset('cka', {
  ...SMALL,
  optimizer: 'sgd',
  learningRate: 1,
  temperature: 100,
  tau: 0.01,
  weights: { kd: 1000, intra: 1000, inter: 1000, align: 1000 },
});

test('a NaN/Inf loss stops training with a message in the page, keeping the last good checkpoint to resume', async ({ page }) => {
  test.setTimeout(90_000);
  const { errors } = await openStudio(page, '?backend=wasm');
  await callWorkerOk(page, { kind: 'configure', config: DIVERGING, cadence: { checkpointEvery: 1, evaluateEvery: 1000 } });
  await callWorkerOk(page, { kind: 'startTraining' });

  const failed = await untilState(page, (s) => s.state === 'failed', 'the diverging run never failed');
  const stopped = /Training stopped: loss became (NaN|-?Infinity) at step (\d+); weights were not updated\. The last good checkpoint \(step (\d+)\) is kept\./;
  await expect(recovery(page)).toContainText(stopped);
  const [, , badStep, keptStep] = (await recovery(page).textContent())!.match(stopped)!;
  note(`loss went non-finite at step ${badStep}; checkpoint kept at step ${keptStep}`);
  // Every step before the bad one was good and checkpointed (checkpointEvery 1); the bad one changed nothing.
  expect(Number(keptStep)).toBe(Number(badStep));
  expect(failed).toMatchObject({ step: Number(badStep), lastCheckpointStep: Number(badStep) });
  const stored = await callWorkerOk(page, { kind: 'listCheckpoints' });
  expect(stored.find((c) => c.runId === failed.runId)?.step).toBe(Number(keptStep));

  // Offered for resume: resuming replays the same batch from the same weights, so it fails again at the same step.
  const offer = recovery(page).getByRole('button', { name: `Resume from step ${keptStep}` });
  await offer.click();
  await expect(recovery(page)).toContainText(`Resumed on wasm from step ${keptStep}`);
  await expect(recovery(page)).toContainText(`loss became`);
  expect(await untilState(page, (s) => s.state === 'failed', 'the resumed run never failed again')).toMatchObject({ step: Number(badStep), runId: failed.runId });
  expect(errors).toEqual([]);
});

test('a worker killed mid-run is reported in the page and training resumes on wasm from its checkpoint', async ({ page }) => {
  test.setTimeout(90_000);
  // Keep the page's Worker objects, so the test can terminate the real one the way the browser would kill it.
  await page.addInitScript(() => {
    const Native = window.Worker;
    const made: Worker[] = [];
    Object.assign(window, { __pageWorkers: made });
    window.Worker = class extends Native {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        made.push(this);
      }
    };
  });
  const { errors } = await openStudio(page, '?backend=wasm');
  await callWorkerOk(page, { kind: 'configure', config: configFromPreset('cka', SMALL), cadence: { checkpointEvery: 5, evaluateEvery: 1000 } });
  await callWorkerOk(page, { kind: 'startTraining' });
  const before = await untilState(page, (s) => (s.lastCheckpointStep ?? 0) >= 10, 'no checkpoint at step 10');
  const killed = Date.now();
  const count = await page.evaluate(() => {
    const workers = (window as unknown as { __pageWorkers: Worker[] }).__pageWorkers;
    for (const worker of workers) worker.terminate();
    return workers.length;
  });
  expect(count).toBe(1);

  await expect(recovery(page)).toContainText('The training worker stopped unexpectedly (it ended without a word: terminated, or crashed).');
  note(`crash reported ${Date.now() - killed} ms after terminate()`);
  const offer = recovery(page).getByRole('button', { name: /^Resume from step \d+$/ });
  const offered = Number((await offer.textContent())!.match(/\d+$/)![0]);
  expect(offered).toBeGreaterThanOrEqual(before.lastCheckpointStep!);
  await recovery(page).getByRole('combobox', { name: 'Backend' }).selectOption('wasm');
  await offer.click();
  await expect(recovery(page)).toContainText(`Resumed on wasm from step ${offered}`, { timeout: 30_000 });
  const resumed = await untilStep(page, offered + 3);
  expect(resumed).toMatchObject({ state: 'running', backend: 'wasm', runId: before.runId });
  expect((await callWorkerOk(page, { kind: 'stopTraining' })).state).toBe('stopped');
  expect((await trainingState(page)).state).toBe('stopped');
  expect(errors).toEqual([]);
});
