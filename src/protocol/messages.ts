/**
 * The page <-> training-worker protocol. Both sides import only these types, so a
 * message that compiles on one side is understood by the other.
 */
import type { DataSetId, Split } from '../core/data/dataSets';
import type { TeacherErrorCode } from '../core/teachers/teacherLoadError';
import type { TeacherMetadata } from '../core/teachers/teacherMetadata';
import type { RunConfig } from '../core/method/config';
import type { EmbeddingSnapshot, ProjectionName } from '../core/method/embeddingSnapshot';
import type { CohesionMetrics } from '../core/evaluation';
import type { TeacherComparison } from '../core/method/evaluateStudent';
import type { LossTerms } from '../core/method/amalgamationLoss';

export type { DataSetId, Split, TeacherErrorCode, TeacherMetadata, RunConfig, EmbeddingSnapshot, LossTerms, ProjectionName };

export const BACKEND_NAMES = ['webgpu', 'wasm', 'webgl', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

export function isBackendName(value: unknown): value is BackendName {
  return typeof value === 'string' && (BACKEND_NAMES as readonly string[]).includes(value);
}

/** What the browser says about a WebGPU adapter (GPUAdapterInfo plus the fallback flag). */
export interface AdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  isFallbackAdapter: boolean;
}

/** One backend the worker considered while starting, in the order it considered them. */
export interface BackendAttempt {
  backend: BackendName;
  outcome: 'selected' | 'failed' | 'skipped';
  detail: string;
}

/** A tiny real computation on the chosen backend, with the value plain JS says it must give. */
export interface SmokeCheckResult {
  operation: string;
  checksum: number;
  expected: number;
  ms: number;
}

// ---- requests --------------------------------------------------------------

export interface InitRequest {
  kind: 'init';
  /** Tried first; when absent the worker picks the best backend this machine offers. */
  backend?: BackendName;
}

export interface InitResult {
  backend: BackendName;
  /** Why this backend, in words, for the status line. */
  reason: string;
  attempts: BackendAttempt[];
  /** WASM_HAS_MULTITHREAD_SUPPORT / WASM_HAS_SIMD_SUPPORT; null unless the backend is wasm. */
  threads: boolean | null;
  /**
   * XNNPACK's pool size (calling thread included). tfjs caps it at
   * navigator.hardwareConcurrency / 2, so a 2-core machine gets 1 despite threads on.
   */
  threadsCount: number | null;
  simd: boolean | null;
  /** File name of the .wasm build tfjs fetched (hashed by Vite); null unless wasm. */
  wasmBinary: string | null;
  crossOriginIsolated: boolean;
  adapterInfo: AdapterInfo | null;
  smoke: SmokeCheckResult;
  /** Time spent inside the worker handling init (imports excluded). */
  initMs: number;
}

export const SPLITS = ['train', 'test'] as const satisfies readonly Split[];

export function isSplit(value: unknown): value is Split {
  return typeof value === 'string' && (SPLITS as readonly string[]).includes(value);
}

/**
 * A teacher id is also a folder name under teachers/, so it must be one plain path
 * segment: letters, digits, '.', '_' and '-', not starting with a dot.
 */
export function isTeacherId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(value);
}

/** Load a shipped teacher (teachers/<id>/) into the worker's registry; loading twice reuses it. */
export interface LoadTeacherRequest {
  kind: 'loadTeacher';
  id: string;
}

export interface LoadTeacherResult {
  metadata: TeacherMetadata;
  /** Counted on the model tfjs built, not copied from the metadata. */
  parameters: number;
  /** False when the teacher was already in the registry. */
  loaded: boolean;
  /** Fetching and building the model (0 when it was already loaded). */
  ms: number;
}

/** Load a data set split into the worker (cached there) through the core IDX reader. */
export interface LoadDataRequest {
  kind: 'loadData';
  dataSet: DataSetId;
  split: Split;
}

/** What the worker reports about a loaded split; the e2e test computes the same from disk in Node. */
export interface ImagesSummary {
  count: number;
  height: number;
  width: number;
  channels: number;
  labelNames: string[];
  /** Samples per label id, indexed like labelNames. */
  labelHistogram: number[];
  /** FNV-1a over pixels then labels (8 hex digits): equal bytes on both sides give equal checksums. */
  checksum: string;
}

export interface LoadDataResult extends ImagesSummary {
  dataSet: DataSetId;
  split: Split;
  /** Fetching and decoding (0 when the split was already loaded). */
  ms: number;
}

/**
 * Accuracy of a teacher on its own classes (provenance.classes) of its own data set
 * (provenance.dataSet), as the Node script that recorded provenance.testAccuracy measured it.
 * Loads the teacher and the data on demand.
 */
export interface EvaluateTeacherRequest {
  kind: 'evaluateTeacher';
  id: string;
  split: Split;
}

export interface EvaluateTeacherResult {
  id: string;
  dataSet: DataSetId;
  split: Split;
  classes: number[];
  accuracy: number;
  samples: number;
  /** The tfjs backend that ran it. */
  backend: string;
  /** The evaluation alone, loading excluded. */
  ms: number;
}

// ---- dropped files, export and predictions (src/worker/teacherHandlers.ts, droppedData.ts, studentHandlers.ts)

/** A file the user dropped or picked; `name` keeps its folder path ("digits/3/a.png"). */
export interface DroppedFile {
  name: string;
  bytes: ArrayBuffer;
}

/**
 * Load a dropped tfjs LayersModel (model.json + shards in any order, with or without
 * metadata.json, a Teachable Machine export) into the teacher registry as 'dropped:<name>'.
 * A failed load leaves the registry as it was.
 */
export interface LoadTeacherFilesRequest {
  kind: 'loadTeacherFiles';
  /** Shown in messages and made into the id. */
  name: string;
  files: DroppedFile[];
  /** Typed by the user when no metadata gives label names (logit order). */
  labels?: string[];
  /** The layer whose output is the teacher's feature; guessed when absent. */
  featureLayer?: string;
}

export interface LoadTeacherFilesResult extends LoadTeacherResult {
  id: string;
  /** Dropped files the model does not use. */
  ignored: string[];
  /** Layer names, so the feature layer can be chosen. */
  layers: string[];
}

/** A folder or many PNG/JPEG files, decoded in the worker to 28 x 28 grayscale like the built-in sets. */
export interface LoadImageFilesRequest {
  kind: 'loadImageFiles';
  name: string;
  /** 'transfer': unlabelled training images; 'evaluation': one sub-folder per class, for a dropped transfer set. */
  role: 'transfer' | 'evaluation';
  files: DroppedFile[];
  /** For 'evaluation': the dropped transfer set ('dropped:<name>') it evaluates. */
  transferId?: string;
}

export interface LoadImageFilesResult extends ImagesSummary {
  /** For 'transfer', the value of RunConfig.data that names this set. */
  id: string;
  role: 'transfer' | 'evaluation';
  /** Files that are not images or could not be decoded. */
  skipped: { name: string; reason: string }[];
  ms: number;
}

/** A few images of a data set (built-in or dropped) for the preview grid. */
export interface PreviewImagesRequest {
  kind: 'previewImages';
  /** A RunConfig.data value. */
  data: string;
  count: number;
}

export interface PreviewImagesResult {
  height: number;
  width: number;
  channels: number;
  /** uint8 pixels of `labels.length` images, row-major. */
  pixels: Uint8Array;
  /** Each image's class name, or null for unlabelled images. */
  labels: (string | null)[];
  total: number;
}

/** The current student (paused or complete run) as tfjs LayersModel files. */
export interface ExportStudentRequest {
  kind: 'exportStudent';
}

export interface ExportStudentResult {
  /** model.json, weights.bin, metadata.json: loadable by tf.loadLayersModel and as a dropped teacher. */
  files: DroppedFile[];
  metadata: TeacherMetadata;
}

export interface Prediction {
  label: string;
  probability: number;
}

/** Top classes of the student (if a run has one) and of teachers for grayscale images. */
export interface PredictRequest {
  kind: 'predict';
  /** uint8 grayscale pixels of `count` images of height x width. */
  pixels: Uint8Array;
  count: number;
  height: number;
  width: number;
  teacherIds: string[];
  /** How many classes per image (default 3). */
  top?: number;
}

export interface PredictResult {
  /** Per image, best first; null when there is no student. */
  student: Prediction[][] | null;
  teachers: { id: string; predictions: Prediction[][] }[];
}

// ---- measured backend choice and benchmark ---------------------------------

/**
 * What runs a backend's kernels: a real GPU, a software GPU (SwiftShader and friends:
 * GPU APIs emulated on the CPU), wasm with SIMD, or plain scalar code.
 */
export type BackendKind = 'gpu' | 'software-gpu' | 'cpu-simd' | 'cpu';

/**
 * Times a few real CKA training steps (preset 'cka', the shipped mnist-0-4 + mnist-5-9
 * teachers, one batch of MNIST training images) on every backend that starts, each in a
 * short-lived child worker that is terminated once it overruns the cap, then switches the
 * worker to the best one. Opt-in: init stays a quick matMul check.
 */
export interface ProbeBackendsRequest {
  kind: 'probeBackends';
  /**
   * The user's override (?backend=): chosen whenever it trains at all, fastest or not.
   * When absent, the backend the last init request named, if any.
   */
  backend?: BackendName;
  /** Budget per backend from its start to the last timed step (default 4000, 500..60000). */
  capMs?: number;
}

export interface BackendProbeRow {
  backend: BackendName;
  /** Null when the backend never started, so what it would run on is unknown. */
  kind: BackendKind | null;
  /** The adapter, renderer or wasm build it ran on, in words. */
  device: string;
  /** 'too slow': it trains, but overran the cap; 'failed': it did not start or threw. */
  status: 'timed' | 'too slow' | 'failed';
  /** Median of the timed steps; null unless status is 'timed'. */
  msPerStep: number | null;
  /** The why of a 'too slow' or 'failed', or how it was timed. */
  detail: string;
  /** Total loss of the warm-up step: the first step on the same batch from the same weights. */
  firstLoss: number | null;
  /** From creating its child worker to the backend started (script, inputs, backend init); outside the cap. */
  startMs: number | null;
}

export interface ProbeBackendsResult {
  /** The backend the worker is on now. */
  backend: BackendName;
  reason: string;
  rows: BackendProbeRow[];
  batchSize: number;
  warmupSteps: number;
  timedSteps: number;
  capMs: number;
  adapterInfo: AdapterInfo | null;
  /** tf.memory().numTensors before and after: equal unless the probe leaked. */
  tensorsBefore: number;
  tensorsAfter: number;
  probeMs: number;
}

/**
 * Trains the same CKA setup as the probe on one backend for a benchmark: `warmup` steps,
 * then up to `steps` timed ones, stopping early once `capMs` is spent. The worker goes
 * back to the backend it was on.
 */
export interface BenchTrainRequest {
  kind: 'benchTrain';
  backend: BackendName;
  /** Timed steps, 1..500. */
  steps: number;
  /** Untimed steps first, 0..10 (default 1): shader compilation, first allocations. */
  warmup?: number;
  /** Stop timing after this much time in the call (default 60000, 500..600000); one timed step always runs. */
  capMs?: number;
}

export interface BenchTrainResult {
  backend: BackendName;
  kind: BackendKind;
  device: string;
  batchSize: number;
  /** Building teachers, student and batch on this backend. */
  setupMs: number;
  warmupMs: number[];
  stepMs: number[];
  medianMs: number;
  imagesPerSecond: number;
  /** Total loss of every step, warm-up included, in order. */
  losses: number[];
  /** Why timing stopped before `steps`, or null. */
  stoppedEarly: string | null;
}

/** Progress of a benchTrain: once its backend has started, then after every training step. */
export type BenchProgress =
  | { phase: 'started'; backend: BackendName; kind: BackendKind; device: string }
  | { phase: 'step'; backend: BackendName; warmup: boolean; ms: number; loss: number };

// ---- training (src/worker/trainingController.ts) ----------------------------

export type TrainingStateName = 'idle' | 'running' | 'paused' | 'stopped' | 'complete' | 'failed';

/** How often a run reports and saves, and how big its plot is; every field has a default (50, 100, 10, 'pca', 50). */
export interface TrainingCadence {
  /** Evaluate the student and take an embedding snapshot every this many steps. */
  evaluateEvery: number;
  /** Save a checkpoint to IndexedDB every this many steps (and always on pause). */
  checkpointEvery: number;
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
  kind: 'startTraining' | 'pause' | 'resume' | 'stepOnce' | 'stopTraining' | 'trainingState';
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

export interface TrainingStatusEvent {
  state: TrainingStateName;
  message?: string;
  runId: string | null;
  step: number;
}

// ---- recovery: a lost WebGPU device, a dead worker (src/worker/deviceLoss.ts, client.ts) ----

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

/** Request kind -> the request and the result it resolves to. */
export interface RequestMap {
  init: { request: InitRequest; result: InitResult };
  loadTeacher: { request: LoadTeacherRequest; result: LoadTeacherResult };
  loadData: { request: LoadDataRequest; result: LoadDataResult };
  evaluateTeacher: { request: EvaluateTeacherRequest; result: EvaluateTeacherResult };
  loadTeacherFiles: { request: LoadTeacherFilesRequest; result: LoadTeacherFilesResult };
  loadImageFiles: { request: LoadImageFilesRequest; result: LoadImageFilesResult };
  previewImages: { request: PreviewImagesRequest; result: PreviewImagesResult };
  exportStudent: { request: ExportStudentRequest; result: ExportStudentResult };
  predict: { request: PredictRequest; result: PredictResult };
  probeBackends: { request: ProbeBackendsRequest; result: ProbeBackendsResult };
  benchTrain: { request: BenchTrainRequest; result: BenchTrainResult };
  configure: { request: ConfigureRequest; result: ConfigureResult };
  startTraining: { request: TrainingControlRequest & { kind: 'startTraining' }; result: TrainingStateResult };
  pause: { request: TrainingControlRequest & { kind: 'pause' }; result: TrainingStateResult };
  resume: { request: TrainingControlRequest & { kind: 'resume' }; result: TrainingStateResult };
  stepOnce: { request: TrainingControlRequest & { kind: 'stepOnce' }; result: TrainingStateResult };
  stopTraining: { request: TrainingControlRequest & { kind: 'stopTraining' }; result: TrainingStateResult };
  trainingState: { request: TrainingControlRequest & { kind: 'trainingState' }; result: TrainingStateResult };
  snapshot: { request: SnapshotRequest; result: EmbeddingSnapshot };
  probeImages: { request: ProbeImagesRequest; result: ProbeImagesResult };
  latestCheckpoint: { request: CheckpointQueryRequest & { kind: 'latestCheckpoint' }; result: CheckpointSummary | null };
  listCheckpoints: { request: CheckpointQueryRequest & { kind: 'listCheckpoints' }; result: CheckpointSummary[] };
  resumeFromCheckpoint: { request: RunIdRequest & { kind: 'resumeFromCheckpoint' }; result: TrainingStateResult };
  deleteCheckpoint: { request: RunIdRequest & { kind: 'deleteCheckpoint' }; result: { deleted: boolean } };
  holdLifeLock: { request: HoldLifeLockRequest; result: { held: boolean } };
  destroyWebGpuDevice: { request: DestroyWebGpuDeviceRequest; result: { destroyed: boolean } };
}

export type RequestKind = keyof RequestMap;
export type WorkerRequest = RequestMap[RequestKind]['request'];
export type ResultOf<K extends RequestKind> = RequestMap[K]['result'];

// ---- errors, events, envelopes ---------------------------------------------

export type ErrorCode =
  | 'bad-request'
  | 'no-backend'
  | 'aborted'
  | 'worker-crashed'
  | 'internal'
  /** A request that needs tfjs arrived before a successful init. */
  | 'not-initialized'
  /** The id is not in teachers/index.json. */
  | 'unknown-teacher'
  /** A static file could not be fetched (network error or an HTTP status other than 200). */
  | 'fetch-failed'
  /** A data file is not served: `npm run data` has not prepared it. */
  | 'data-missing'
  /** A data file was served but is not a valid IDX file. */
  | 'bad-data'
  /** The teacher's metadata has no provenance, so there is no data set to evaluate it on. */
  | 'no-provenance'
  /** configure: the config is invalid; the message names the field (config.<field> ...). */
  | 'bad-config'
  /** A training request that the current training state does not allow (pause while idle, ...). */
  | 'training-state'
  /** resumeFromCheckpoint: no checkpoint stored under that run id. */
  | 'no-checkpoint'
  /** resumeFromCheckpoint: the stored checkpoint does not fit the teachers or data served now. */
  | 'checkpoint-mismatch'
  /** Dropped images: none could be decoded, or they do not fit their role. */
  | 'bad-images'
  /** exportStudent: there is no paused or finished run whose student could be exported. */
  | 'no-student'
  /** The core teacher loader's own codes, passed through unchanged. */
  | TeacherErrorCode;

export interface WorkerErrorInfo {
  code: ErrorCode;
  message: string;
}

/** Unprompted news from the worker (progress while a request runs). */
export type WorkerEvent =
  | { kind: 'backend-attempt'; attempt: BackendAttempt }
  /** One backend measured by probeBackends, as soon as it is done. */
  | { kind: 'probe-row'; row: BackendProbeRow }
  | { kind: 'bench-progress'; progress: BenchProgress }
  | { kind: 'training-step'; step: TrainingStepEvent }
  | { kind: 'training-evaluation'; evaluation: TrainingEvaluationEvent }
  | { kind: 'training-embedding'; snapshot: EmbeddingSnapshot }
  | { kind: 'training-status'; status: TrainingStatusEvent }
  /** The WebGPU device is gone: re-init (on another backend) and resume from the checkpoint. */
  | { kind: 'device-lost'; lost: DeviceLostInfo };

/** page -> worker */
export interface RequestEnvelope {
  id: number;
  request: WorkerRequest;
}

/** worker -> page */
export type WorkerMessage =
  | { type: 'result'; id: number; result: ResultOf<RequestKind> }
  | { type: 'error'; id: number; error: WorkerErrorInfo }
  | { type: 'event'; event: WorkerEvent };
