import { expect, test, type Page } from '@playwright/test';
import { configFromPreset } from '../src/core/method/resolveConfig';
import type { TrainingStateResult } from '../src/protocol/messages';
import { callWorkerOk, openStudio } from './studio';
import { note, untilStep } from './workerTraining';

/**
 * A long run on wasm with everything a run does (steps, evaluations with embedding snapshots,
 * checkpoints, pauses, an epoch boundary): the worker's tensor count and tensor bytes must be
 * the same at every pause. Batch 8 and a width-8 student keep 300+ steps quick.
 */
const LONG = configFromPreset('cka', { teachers: ['mnist-0-4', 'mnist-5-9'], data: 'mnist', batchSize: 8, studentWidth: 8, transferLimit: 1600, epochs: 3 });
const CADENCE = { evaluateEvery: 100, checkpointEvery: 50 };

type Memory = Pick<TrainingStateResult, 'step' | 'numTensors'> & TrainingStateResult['memory'];

async function pauseAt(page: Page, step: number): Promise<Memory> {
  await untilStep(page, step, 120_000);
  const s = await callWorkerOk(page, { kind: 'pause' });
  expect(s.state).toBe('paused');
  return { step: s.step, numTensors: s.numTensors, ...s.memory };
}

test('tensor count, tensor bytes and the wasm heap stay flat over 200+ training steps on wasm', async ({ page }) => {
  test.setTimeout(180_000);
  const { errors } = await openStudio(page, '?backend=wasm');
  await callWorkerOk(page, { kind: 'configure', config: LONG, cadence: CADENCE });
  const started = Date.now();
  expect(await callWorkerOk(page, { kind: 'startTraining' })).toMatchObject({ state: 'running', backend: 'wasm' });

  // After the first evaluation and snapshot, so every tensor a run keeps exists.
  const marks = [await pauseAt(page, 105)];
  // Relative to where the first pause landed: a pause lands at the next step boundary, later on a loaded machine.
  for (const step of [marks[0].step + 100, marks[0].step + 210]) {
    expect((await callWorkerOk(page, { kind: 'resume' })).state).toBe('running');
    marks.push(await pauseAt(page, step));
  }
  note(`memory at pauses: ${JSON.stringify(marks)} (${Date.now() - started} ms)`);
  const last = marks.at(-1)!;
  expect(last.wasmHeapBytes).toBeGreaterThan(0); // on wasm, so the heap is reported and compared too
  expect(last.step - marks[0].step).toBeGreaterThanOrEqual(200);
  const flat = marks.map(({ numTensors, numBytes, numBytesInGPU, wasmHeapBytes }) => ({ numTensors, numBytes, numBytesInGPU, wasmHeapBytes }));
  expect(flat, 'tensors, tensor bytes or the wasm heap grew between pauses').toEqual(flat.map(() => flat[0]));
  expect((await callWorkerOk(page, { kind: 'stopTraining' })).state).toBe('stopped');
  expect(errors).toEqual([]);
});
