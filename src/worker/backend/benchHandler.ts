import { installTrainingKernels } from '../../core/backend/trainingKernels';
import type { BackendName, BenchTrainRequest, BenchTrainResult } from '../../protocol/messages';
import { returnTo } from './backendTrial';
import { describeActiveBackend } from './backendTrialDevice';
import type { CkaFixture } from './backendTrialFixture';
import { median } from '../../core/median';
import { timeCkaSteps } from './backendTrialSteps';
import { WorkerFailure } from '../failure';
import type { Emit } from './initHandler';
import { switchBackend } from './tfBackends';
import { queryWebGpuAdapter } from './webgpuAdapter';

export const DEFAULT_BENCH_CAP_MS = 60_000;

export interface BenchContext {
  fixture: () => Promise<CkaFixture>;
  /** The backend the worker is on (null before init); the benchmark returns to it. */
  previous: BackendName | null;
  emit: Emit;
}

/**
 * `benchTrain`: real CKA training steps on one named backend. The benchmark calls it in the
 * page's worker; the trial calls it in a child worker it can terminate.
 */
export async function handleBenchTrain(request: BenchTrainRequest, ctx: BenchContext): Promise<BenchTrainResult> {
  installTrainingKernels();
  const fixture = await ctx.fixture();
  const failure = await switchBackend(request.backend);
  try {
    if (failure) throw new WorkerFailure('no-backend', `${request.backend} does not start here: ${failure}`);
    const adapter = request.backend === 'webgpu' ? await queryWebGpuAdapter() : null;
    const { backend } = request;
    const { kind, device } = await describeActiveBackend(backend, adapter);
    // The trial's parent starts its cap here and reads the first loss from the step events.
    ctx.emit({ kind: 'bench-progress', progress: { phase: 'started', backend, kind, device } });
    const plan = { warmup: request.warmup ?? 1, steps: request.steps, capMs: request.capMs ?? DEFAULT_BENCH_CAP_MS, minSteps: 1 };
    const t = await timeCkaSteps(fixture, plan, (step) => ctx.emit({ kind: 'bench-progress', progress: { phase: 'step', backend, ...step } }));
    const medianMs = median(t.stepMs);
    const { batchSize } = fixture.config;
    return {
      backend: request.backend,
      kind,
      device,
      batchSize,
      setupMs: t.setupMs,
      warmupMs: t.warmupMs,
      stepMs: t.stepMs,
      medianMs,
      imagesPerSecond: (batchSize * 1000) / medianMs,
      losses: t.losses,
      stoppedEarly: t.stoppedEarly,
    };
  } finally {
    await returnTo(ctx.previous);
  }
}
