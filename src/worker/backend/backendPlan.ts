import type { AdapterInfo, BackendAttempt, BackendName } from '../../protocol/messages';
import { describeAdapter } from './webgpuAdapter';

/** One step of the start-up plan: a backend to try, or one to pass over and why. */
export interface PlanStep {
  backend: BackendName;
  skip?: string;
}

const DEFAULT_ORDER: readonly BackendName[] = ['webgpu', 'wasm', 'webgl', 'cpu'];

/**
 * The order to try backends in. A requested backend goes first and is tried whatever
 * the adapter; otherwise WebGPU only leads on a real GPU, because on a software
 * fallback adapter (SwiftShader) multithreaded wasm is far faster.
 */
export function backendPlan(preferred: BackendName | undefined, adapter: AdapterInfo | null): PlanStep[] {
  const rest = DEFAULT_ORDER.filter((name) => name !== preferred).map((backend): PlanStep => {
    if (backend !== 'webgpu') return { backend };
    if (!adapter) return { backend, skip: 'no WebGPU adapter' };
    if (adapter.isFallbackAdapter) return { backend, skip: `fallback adapter only (${describeAdapter(adapter)})` };
    return { backend };
  });
  return preferred ? [{ backend: preferred }, ...rest] : rest;
}

/** Why the worker ended up on `selected`, for the status line. */
export function selectionReason(
  selected: BackendName,
  preferred: BackendName | undefined,
  attempts: readonly BackendAttempt[],
): string {
  if (selected === preferred) return 'requested';
  const passedOver = attempts
    .filter((a) => a.outcome !== 'selected')
    .map((a) => `${a.backend} ${a.outcome}: ${a.detail}`);
  return passedOver.length > 0 ? passedOver.join('; ') : 'first choice';
}
