import { expect, test, type Page } from '@playwright/test';
import { configFromPreset } from '../src/core/method/resolveConfig';
import { callWorkerOk, field, openStudio } from './studio';
import { note, recovery, trainingState, untilState, untilStep } from './workerTraining';

/**
 * The real worker on WebGPU, which here is SwiftShader (Vulkan on the CPU): about 17 s a
 * step at batch 64, so a tiny run, batch 8 and a width-8 student, and no evaluation (one
 * pass over the 10k test images would take minutes).
 */
// cka-concat: this checks pause, resume, reload and device loss on WebGPU; the cluster builder's
// pre-pass (five teacher passes over the transfer set) takes minutes on software WebGPU.
const TINY = configFromPreset('cka-concat', { teachers: ['mnist-0-4', 'mnist-5-9'], data: 'mnist', batchSize: 8, studentWidth: 8, projectionSize: 16, transferLimit: 800, epochs: 5 });

async function openOnWebGpu(page: Page) {
  const opened = await openStudio(page, '?backend=webgpu');
  await expect(field(page, 'backend')).toHaveText('webgpu');
  return opened;
}

test('train, pause, resume, reload and resume, stop on webgpu, with no tensor growth', async ({ page }) => {
  test.setTimeout(180_000);
  const { errors } = await openOnWebGpu(page);
  await callWorkerOk(page, { kind: 'configure', config: TINY, cadence: { checkpointEvery: 1000, evaluateEvery: 1_000_000 } });
  const started = Date.now();
  expect(await callWorkerOk(page, { kind: 'startTraining' })).toMatchObject({ state: 'running', backend: 'webgpu' });
  await untilStep(page, 2, 120_000);
  note(`2 webgpu steps in ${Date.now() - started} ms (shader compilation included)`);

  const paused = await callWorkerOk(page, { kind: 'pause' });
  expect(paused).toMatchObject({ state: 'paused', backend: 'webgpu', lastCheckpointStep: paused.step });
  expect(paused.memory.numBytesInGPU).toBeGreaterThan(0); // WebGPU reports its buffers: it really is on the GPU backend
  await page.waitForTimeout(1_000);
  expect((await trainingState(page)).step).toBe(paused.step);

  const resumedAt = Date.now();
  expect((await callWorkerOk(page, { kind: 'resume' })).state).toBe('running');
  await untilStep(page, paused.step + 3, 90_000);
  note(`3 webgpu steps in ${Date.now() - resumedAt} ms after resume`);
  const later = await callWorkerOk(page, { kind: 'pause' });
  expect(later.step).toBeGreaterThanOrEqual(paused.step + 3);
  expect(later.numTensors, `tensors leaked over ${later.step - paused.step} steps`).toBe(paused.numTensors);
  expect(later.memory.numBytes).toBe(paused.memory.numBytes);
  expect(Number.isFinite(later.lastLoss!.total)).toBe(true);

  // Reload: a new page and worker, on webgpu again, resume the checkpoint the pause saved to IndexedDB.
  await page.reload();
  await expect(page.getByRole('status')).toContainText('worker ready', { timeout: 45_000 });
  await expect(field(page, 'backend')).toHaveText('webgpu');
  expect(await callWorkerOk(page, { kind: 'latestCheckpoint' })).toMatchObject({ runId: later.runId, step: later.step });
  const reloadedAt = Date.now();
  const restored = await callWorkerOk(page, { kind: 'resumeFromCheckpoint', runId: later.runId! });
  expect(restored).toMatchObject({ state: 'running', backend: 'webgpu', step: later.step });
  const resumed = await untilStep(page, later.step + 1, 90_000);
  note(`first webgpu step after reload and resume in ${Date.now() - reloadedAt} ms`);
  expect(Number.isFinite(resumed.lastLoss!.total)).toBe(true);

  const stopped = await callWorkerOk(page, { kind: 'stopTraining' });
  expect(stopped.state).toBe('stopped');
  await page.waitForTimeout(1_000);
  expect(await trainingState(page)).toMatchObject({ state: 'stopped', step: stopped.step });
  expect(errors).toEqual([]);
});

test('a lost WebGPU device is reported in the page and training resumes on wasm from the checkpoint', async ({ page }) => {
  test.setTimeout(180_000);
  const { errors } = await openOnWebGpu(page);
  await callWorkerOk(page, { kind: 'configure', config: TINY, cadence: { checkpointEvery: 1, evaluateEvery: 1_000_000 } });
  await callWorkerOk(page, { kind: 'startTraining' });
  const before = await untilState(page, (s) => (s.lastCheckpointStep ?? 0) >= 2, 'no checkpoint at step 2', 120_000);

  // The diagnostic request destroys tfjs's real GPUDevice; GPUDevice.lost then resolves as for a driver reset.
  expect(await callWorkerOk(page, { kind: 'destroyWebGpuDevice' })).toEqual({ destroyed: true });
  await expect(recovery(page)).toContainText(/The WebGPU device was lost \(destroyed: .+\)\. Training stopped\./);
  const lost = await trainingState(page);
  expect(lost).toMatchObject({ state: 'failed', backend: null, runId: before.runId });
  expect(lost.message).toMatch(/^Training stopped: the WebGPU device was lost .*The last good checkpoint \(step \d+\) is kept\. Resume it on another backend\.$/);

  const offer = recovery(page).getByRole('button', { name: /^Resume from step \d+$/ });
  const offered = Number((await offer.textContent())!.match(/\d+$/)![0]);
  expect(offered).toBeGreaterThanOrEqual(before.lastCheckpointStep!);
  await recovery(page).getByRole('combobox', { name: 'Backend' }).selectOption('wasm');
  await offer.click();
  await expect(recovery(page)).toContainText(`Resumed on wasm from step ${offered}`, { timeout: 60_000 });
  const resumed = await untilStep(page, offered + 3);
  expect(resumed).toMatchObject({ state: 'running', backend: 'wasm', runId: before.runId });
  expect(Number.isFinite(resumed.lastLoss!.total)).toBe(true);
  expect((await callWorkerOk(page, { kind: 'stopTraining' })).state).toBe('stopped');
  expect(errors).toEqual([]);
});
