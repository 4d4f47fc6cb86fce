import type { BackendTrialRow } from '../../protocol/messages';
import { queryWebGpuAdapter } from './webgpuAdapter';

/**
 * A WebGPU request that the GPU process answers only once it is free again. Work a killed
 * child had queued there (many seconds on SwiftShader) keeps running after terminate().
 */
export async function gpuRoundTrip(): Promise<void> {
  await queryWebGpuAdapter();
}

/** Waits out a stopped GPU child's queued work, so it does not slow what is timed next. */
export async function afterGpuWork(row: BackendTrialRow, waitForGpu: () => Promise<void>): Promise<BackendTrialRow> {
  if (row.status !== 'too slow' || row.kind === 'cpu' || row.kind === 'cpu-simd') return row;
  const started = performance.now();
  await waitForGpu();
  const ms = performance.now() - started;
  return ms < 100 ? row : { ...row, detail: `${row.detail}; its queued GPU work ran on for ${Math.round(ms)} ms after it was stopped` };
}
