/**
 * Training in the worker (src/worker/training/trainingController.ts), and recovering from a lost
 * device or worker.
 * Part of the page <-> worker protocol; import it through messages.ts.
 */
import type { RunConfig } from '../../core/method/config';
import type { ProjectionName } from '../../core/method/embeddingSnapshot';
import type { CohesionMetrics } from '../../core/evaluation';
import type { TeacherComparison } from '../../core/method/evaluateStudent';
import type { LossTerms } from '../../core/method/amalgamationLoss';
import type { BackendName } from '../backend/backendMessages';

export type TrainingStateName = 'idle' | 'running' | 'paused' | 'stopped' | 'complete' | 'failed';

/** How often a run reports and saves, and how big its plot is; every field has a default (50, 100, 15 s, 10, 'pca', 50). */
export interface TrainingCadence {
  /** Evaluate the student and take an embedding snapshot every this many steps. */
  evaluateEvery: number;
  /** Save a checkpoint to IndexedDB every this many steps (and always on pause). */
  checkpointEvery: number;
  /**
   * Also save one once this many seconds of training have passed since the last (default 15),
   * so a reload loses seconds, not a hundred slow steps. Optional so older checkpoints still read.
   */
  checkpointSeconds?: number;
  /** At most this many training-step events a second; steps in between are coalesced. */
  stepEventsPerSecond: number;
  /** How embedding snapshots lay the probe set out in 2-D: PCA, or a UMAP layout (slower, computed in the worker). */
  projection: ProjectionName;
  /**
   * Test images per class in the embedding plot's probe set (default 50: 500 points for MNIST;
   * 200 gives 2,000, the most a frame carries). Cohesion is still measured on the default 50.
   * Optional so checkpoints saved before it existed still read.
   */
  probePerClass?: number;
}

/** Validates `config` in the worker (a partial one is completed from the defaults) and keeps it for startTraining. */
export interface ConfigureRequest {
  kind: 'configure';
  config: unknown;
  cadence?: Partial<TrainingCadence>;
}

export interface ConfigureResult {
  config: RunConfig;
  cadence: TrainingCadence;
}

/** Requests that name nothing and answer with the training state. */
export interface TrainingControlRequest {
  /** checkpointNow: save the run's checkpoint at once (the page is being hidden or left); a no-op without a run to save. */
  kind: 'startTraining' | 'pause' | 'resume' | 'stepOnce' | 'stopTraining' | 'trainingState' | 'checkpointNow';
}

/** The run's loss and evaluation histories, so a resumed run's charts show what came before. */
export interface TrainingHistoryRequest {
  kind: 'trainingHistory';
}

export interface TrainingHistoryResult {
  runId: string | null;
  /** Oldest first; the newest partial bucket included. */
  losses: LossSummary[];
  evaluations: TrainingEvaluationEvent[];
}

export interface RunIdRequest {
  kind: 'resumeFromCheckpoint' | 'deleteCheckpoint';
  runId: string;
}

export interface SnapshotRequest {
  kind: 'snapshot';
}

/** The pixels of the embedding plot's probe images (the configured run's), so hovering a point can show it. */
export interface ProbeImagesRequest {
  kind: 'probeImages';
}

export interface ProbeImagesResult {
  /** Points in every embedding snapshot of this config, in the same order. */
  count: number;
  height: number;
  width: number;
  channels: number;
  /** uint8, row-major [count, height, width, channels]. */
  pixels: Uint8Array;
}

export interface CheckpointQueryRequest {
  kind: 'latestCheckpoint' | 'listCheckpoints';
}

/** A stored checkpoint without its weights. */
export interface CheckpointSummary {
  runId: string;
  step: number;
  totalSteps: number;
  savedAt: string;
  config: RunConfig;
}

/** Mean loss of the most recent steps. */
export interface LossSummary {
  step: number;
  total: number;
  terms: LossTerms;
}

export interface TrainingStateResult {
  state: TrainingStateName;
  message: string | null;
  runId: string | null;
  /** Steps trained so far (continues across a checkpoint). */
  step: number;
  totalSteps: number;
  /** 1-based epoch the next step belongs to. */
  epoch: number;
  lastCheckpointStep: number | null;
  lastLoss: LossSummary | null;
  /** Points in the session's loss and evaluation histories. */
  lossPoints: number;
  evaluations: number;
  latestAccuracy: number | null;
  /** The step latestAccuracy was measured at (evaluations run every few steps, not at each). */
  latestAccuracyStep: number | null;
  config: RunConfig | null;
  cadence: TrainingCadence;
  /** tf.memory().numTensors in the worker, read between steps. */
  numTensors: number;
  /** The rest of tf.memory() at the same moment. */
  memory: WorkerMemory;
  /** The tfjs backend the worker is on (null before init or after a lost device). */
  backend: BackendName | null;
}

/** tf.memory() bytes: tensor bytes on every backend, plus what the backend itself holds. */
export interface WorkerMemory {
  numBytes: number;
  /** GPU buffer bytes WebGPU reports; null on other backends. */
  numBytesInGPU: number | null;
  /** The wasm backend's heap: it grows and never shrinks, so flat over a run means the backend holds no more. Null elsewhere. */
  wasmHeapBytes: number | null;
}

export interface TrainingStepEvent {
  step: number;
  totalSteps: number;
  epoch: number;
  terms: LossTerms;
  total: number;
  imagesPerSecond: number;
  etaSeconds: number;
}

export interface TrainingEvaluationEvent {
  step: number;
  jointAccuracy: number;
  perTeacher: TeacherComparison[];
  cohesion: { trueLabels: CohesionMetrics; pseudoLabels: CohesionMetrics };
  /** confusion[true][predicted] over the union classes (their order: the teachers' classes, first appearance). */
  confusion: number[][];
}

/** The target builder's pass over the transfer set before the first step (deciding who owns each image). */
export interface TrainingPreparingEvent {
  /** Transfer images the pass has read so far, of `total`. */
  done: number;
  total: number;
}

/**
 * How the run's target builder shares the transfer images out among the teachers, sent once the
 * pre-pass is done (and again when a paused run goes on). Builders without a pre-pass (concat,
 * confidence, least-ambiguity) send none.
 */
export interface TrainingOwnershipEvent {
  /** RunConfig.targetBuilder. */
  builder: string;
  /** Teacher ids, in the run's order. */
  teachers: string[];
  images: number;
  /** Images each teacher owns, in `teachers` order; sums to `images`. */
  owned: number[];
  /** Images the builder gives to another teacher than plain concatenation would. */
  changed: number;
}

export interface TrainingStatusEvent {
  state: TrainingStateName;
  message?: string;
  runId: string | null;
  step: number;
}

// ---- recovery: a lost WebGPU device, a dead worker (src/worker/backend/deviceLoss.ts, src/protocol/client.ts) ----

/**
 * Sent by the client first thing: the worker holds the Web Lock `name` for its whole life,
 * so the page's request for the same lock is granted exactly when the worker is gone
 * (terminated, crashed), which no worker event reports.
 */
export interface HoldLifeLockRequest {
  kind: 'holdLifeLock';
  name: string;
}

/**
 * Diagnostic: destroys the tfjs WebGPU backend's GPUDevice, which takes the same path as a
 * device the browser or driver lost (GPUDevice.lost resolves). Fails unless on webgpu.
 */
export interface DestroyWebGpuDeviceRequest {
  kind: 'destroyWebGpuDevice';
}

/** What the worker reports when its WebGPU device is lost; training has been stopped. */
export interface DeviceLostInfo {
  /** GPUDeviceLostInfo.reason: 'destroyed' or 'unknown'. */
  reason: string;
  message: string;
  /** The run that was training on it, and its last checkpoint to resume from (if any). */
  runId: string | null;
  lastCheckpointStep: number | null;
}
