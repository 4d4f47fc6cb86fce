import * as tf from '@tensorflow/tfjs';
import { installTrainingKernels } from '../../core/backend/trainingKernels';
import type { BackendName, BackendTrialRow, TrialBackendsRequest, TrialBackendsResult } from '../../protocol/messages';
import { trialInChild, type ChildWorker } from './backendTrialChild';
import { chooseBackend } from './backendTrialChoice';
import { afterGpuWork, gpuRoundTrip } from './backendTrialDrain';
import { TRIAL_BATCH_SIZE } from './backendTrialFixture';
import { WorkerFailure } from '../failure';
import type { Emit } from './initHandler';
import { switchBackend } from './tfBackends';
import { queryWebGpuAdapter } from './webgpuAdapter';

export const TRIAL_WARMUP = 1;
export const TRIAL_STEPS = 3;
export const DEFAULT_TRIAL_CAP_MS = 4000;
/** Loading tfjs, two teachers and a batch into a fresh worker, and starting its backend. */
const CHILD_START_MS = 30_000;
/**
 * Kernels that run on this CPU first: a terminated child's GPU work may still drain in the
 * GPU process for a moment, which would slow whatever is timed next.
 */
export const TRIAL_ORDER: readonly BackendName[] = ['wasm', 'cpu', 'webgl', 'webgpu'];

export interface TrialContext {
  /** The backend the worker is on (null before init): where a failed trial leaves it. */
  previous: BackendName | null;
  emit: Emit;
  /** A fresh training worker; the default is another copy of this one. */
  spawn?: () => ChildWorker;
  /** Resolves once the GPU process is idle; the default asks it for an adapter. */
  waitForGpu?: () => Promise<void>;
}

/** Counted by the engine itself: tf.memory() would start a backend if none is active yet. */
export const liveTensors = () => tf.engine().state.numTensors;

/** Back to `previous` after timing others; a no-op when it is already active or unknown. */
export async function returnTo(previous: BackendName | null): Promise<void> {
  if (previous && tf.getBackend() !== previous) await switchBackend(previous);
}

const spawnCopy = (): ChildWorker => new Worker(self.location.href, { type: 'module' }) as unknown as ChildWorker;

/**
 * `trialBackends`: times real CKA steps on every backend, one child worker at a time (so
 * the timings do not compete), then moves this worker to the backend chosen from the table.
 */
export async function handleTrialBackends(request: TrialBackendsRequest, ctx: TrialContext): Promise<TrialBackendsResult> {
  const started = performance.now();
  const capMs = request.capMs ?? DEFAULT_TRIAL_CAP_MS;
  const adapterInfo = await queryWebGpuAdapter();
  const tensorsBefore = liveTensors();
  const rows: BackendTrialRow[] = [];
  for (const backend of TRIAL_ORDER) {
    const plan = { backend, warmup: TRIAL_WARMUP, steps: TRIAL_STEPS, capMs, startMs: CHILD_START_MS };
    const row = await afterGpuWork(await trialInChild(ctx.spawn ?? spawnCopy, plan), ctx.waitForGpu ?? gpuRoundTrip);
    rows.push(row);
    ctx.emit({ kind: 'trial-row', row });
  }
  const choice = chooseBackend(rows, request.backend);
  installTrainingKernels(); // as init does, in case the trial is the first to start a backend here
  const failure = choice ? await switchBackend(choice.backend) : 'no backend completed its timed steps';
  if (!choice || failure) {
    await returnTo(ctx.previous);
    const table = rows.map((r) => `${r.backend} ${r.status}: ${r.detail}`).join('; ');
    throw new WorkerFailure('no-backend', `trial found no backend to train on: ${failure} (${table})`);
  }
  return {
    ...choice,
    rows,
    batchSize: TRIAL_BATCH_SIZE,
    warmupSteps: TRIAL_WARMUP,
    timedSteps: TRIAL_STEPS,
    capMs,
    adapterInfo,
    tensorsBefore,
    tensorsAfter: liveTensors(),
    trialMs: performance.now() - started,
  };
}
