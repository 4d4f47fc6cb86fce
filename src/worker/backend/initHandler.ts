import { installTrainingKernels } from '../../core/backend/trainingKernels';
import type { BackendAttempt, InitRequest, InitResult, SmokeCheckResult, WorkerEvent } from '../../protocol/messages';
import { backendPlan, selectionReason, type PlanStep } from './backendPlan';
import { WorkerFailure } from '../failure';
import { runSmokeCheck } from './smokeRun';
import { switchBackend, wasmFeatures } from './tfBackends';
import { queryWebGpuAdapter } from './webgpuAdapter';
import { errorMessage } from '../../protocol/errors';

export type Emit = (event: WorkerEvent) => void;

type StepOutcome = { attempt: BackendAttempt; smoke?: SmokeCheckResult };

/** Starts one backend and proves it with the matMul check; a wrong answer counts as a failure. */
async function tryStep(step: PlanStep): Promise<StepOutcome> {
  const { backend } = step;
  if (step.skip) return { attempt: { backend, outcome: 'skipped', detail: step.skip } };
  const failure = await switchBackend(backend);
  if (failure) return { attempt: { backend, outcome: 'failed', detail: failure } };
  try {
    const smoke = await runSmokeCheck();
    if (smoke.checksum !== smoke.expected) {
      const detail = `${smoke.operation} gave ${smoke.checksum}, expected ${smoke.expected}`;
      return { attempt: { backend, outcome: 'failed', detail } };
    }
    return { attempt: { backend, outcome: 'selected', detail: `${smoke.operation} ok` }, smoke };
  } catch (error) {
    const message = errorMessage(error);
    return { attempt: { backend, outcome: 'failed', detail: `matMul check threw: ${message}` } };
  }
}

/** `init`: pick and prove a tfjs backend, reporting each backend considered as it goes. */
export async function handleInit(request: InitRequest, emit: Emit): Promise<InitResult> {
  const started = performance.now();
  installTrainingKernels(); // before any backend exists, so every one trains convs the same way
  const adapterInfo = await queryWebGpuAdapter();
  const attempts: BackendAttempt[] = [];
  for (const step of backendPlan(request.backend, adapterInfo)) {
    const { attempt, smoke } = await tryStep(step);
    attempts.push(attempt);
    emit({ kind: 'backend-attempt', attempt });
    if (!smoke) continue;
    const wasm = attempt.backend === 'wasm' ? await wasmFeatures() : null;
    return {
      backend: attempt.backend,
      reason: selectionReason(attempt.backend, request.backend, attempts),
      attempts,
      threads: wasm?.threads ?? null,
      threadsCount: wasm?.threadsCount ?? null,
      simd: wasm?.simd ?? null,
      wasmBinary: wasm?.binary ?? null,
      crossOriginIsolated: self.crossOriginIsolated,
      adapterInfo,
      smoke,
      initMs: performance.now() - started,
    };
  }
  const tried = attempts.map((a) => `${a.backend} ${a.outcome}: ${a.detail}`).join('; ');
  throw new WorkerFailure('no-backend', `no tfjs backend works here (${tried})`);
}
