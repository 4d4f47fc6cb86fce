import { expect, test, type Page } from '@playwright/test';
import type { BackendName, BackendTrialRow } from '../../src/protocol/messages';
import { callWorkerOk, openStudio } from '../studio';
import { nodeFirstCkaLoss } from './nodeReference';
import { monitorClock, startMainThreadMonitor, stopMainThreadMonitor, type MainThreadReport } from '../../scripts/browserBench/mainThreadMonitor';

/**
 * The measured backend choice and the cross-backend numerics, in the real browser: wasm
 * trains, WebGPU runs on the SwiftShader fallback adapter, both give the same first loss,
 * and the page's main thread stays free while the worker computes.
 */

/**
 * Same weights (seeded), same batch, float32 everywhere: the browser's wasm and webgpu and
 * the Node CLI's wasm were measured 2e-7 apart. 1e-3 allows
 * for a GPU's different summation order and fast-math, and still catches a wrong kernel.
 */
const LOSS_TOLERANCE = 1e-3;

/**
 * The target is no task over 50 ms, and most runs report none. But 2 cores are shared here
 * with long experiment runs and with SwiftShader's software GPU, and a longtask entry is
 * wall time, so a small task the OS preempts can read longer: 3 of 9 monitored runs saw
 * one (52, 66 and 77 ms; a 66 ms run had two). 150 ms still fails real blocking work, such
 * as a tfjs step on the main thread (200+ ms here).
 */
const LONGEST_TASK_BOUND_MS = 150;

function note(description: string): void {
  test.info().annotations.push({ type: 'measured', description });
  console.log(description);
}

const rowOf = (rows: BackendTrialRow[], backend: BackendName) => rows.find((r) => r.backend === backend);

async function firstLoss(page: Page, backend: BackendName): Promise<number> {
  const result = await callWorkerOk(page, { kind: 'benchTrain', backend, steps: 1, warmup: 0 });
  note(`${backend} first step: loss ${result.losses[0]}, ${Math.round(result.stepMs[0])} ms (${result.device}); done at ${await monitorClock(page)} ms`);
  return result.losses[0];
}

const describeThread = (m: MainThreadReport) =>
  `longest task ${Math.round(m.longestTaskMs)} ms (${m.longTasks} over 50 ms${m.longTasks ? `: ${m.longTaskList.map((t) => `${t.ms} ms at ${t.atMs}`).join(', ')}` : ''}),` +
  ` longest frame gap ${Math.round(m.longestFrameGapMs)} ms over ${Math.round(m.observedMs)} ms`;

test('trialBackends times every backend, the worker keeps the choice, and the page stays responsive', async ({ page }) => {
  test.setTimeout(240_000);
  // No ?backend=: the trial would honour it as the user's override instead of choosing.
  const { errors } = await openStudio(page);
  // Loaded before the trial, used after it: the worker's registry must survive it.
  await callWorkerOk(page, { kind: 'loadTeacher', id: 'mnist-0-4' });
  await startMainThreadMonitor(page);

  const trial = await callWorkerOk(page, { kind: 'trialBackends' });
  for (const r of trial.rows) note(`trial ${r.backend} [${r.kind}] ${r.status} ${r.msPerStep?.toFixed(0) ?? ''}: ${r.detail}`);
  note(`trial chose ${trial.backend} (${trial.reason}) in ${Math.round(trial.trialMs)} ms; done at ${await monitorClock(page)} ms`);
  expect(rowOf(trial.rows, 'wasm')).toMatchObject({ status: 'timed', kind: 'cpu-simd', msPerStep: expect.any(Number) });
  // SwiftShader is seconds per step, so the cap stops it, but it must have started, as a software GPU.
  const webgpu = rowOf(trial.rows, 'webgpu');
  expect(webgpu).toMatchObject({ kind: 'software-gpu', device: expect.stringMatching(/swiftshader.*\(fallback\)$/i) });
  expect(webgpu?.status).not.toBe('failed');
  expect(trial.tensorsAfter).toBe(trial.tensorsBefore);
  const evaluated = await callWorkerOk(page, { kind: 'evaluateTeacher', id: 'mnist-0-4', split: 'test' });
  expect(evaluated.backend).toBe(trial.backend);
  expect(evaluated.accuracy).toBeGreaterThan(0.99);
  const losses = { wasm: await firstLoss(page, 'wasm'), webgpu: await firstLoss(page, 'webgpu') };

  const thread = await stopMainThreadMonitor(page);
  note(`main thread while the worker trained: ${describeThread(thread)}`);
  const node = await nodeFirstCkaLoss();
  const gap = (loss: number) => Math.abs(loss - node) / Math.abs(node);
  note(`first-step loss: Node CLI ${node}, wasm ${losses.wasm} (gap ${gap(losses.wasm).toExponential(2)}), webgpu ${losses.webgpu} (gap ${gap(losses.webgpu).toExponential(2)})`);
  expect(gap(losses.wasm)).toBeLessThanOrEqual(LOSS_TOLERANCE);
  expect(gap(losses.webgpu)).toBeLessThanOrEqual(LOSS_TOLERANCE);
  expect(thread.longestTaskMs).toBeLessThan(LONGEST_TASK_BOUND_MS);
  expect(errors).toEqual([]);
});
