/**
 * Choosing and measuring the worker's tfjs backend: init, the measured trial, the benchmark.
 * Part of the page <-> worker protocol; import it through messages.ts.
 */

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

// ---- init ------------------------------------------------------------------

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
export interface TrialBackendsRequest {
  kind: 'trialBackends';
  /**
   * The user's override (?backend=): chosen whenever it trains at all, fastest or not.
   * When absent, the backend the last init request named, if any.
   */
  backend?: BackendName;
  /** Budget per backend from its start to the last timed step (default 4000, 500..60000). */
  capMs?: number;
}

export interface BackendTrialRow {
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

export interface TrialBackendsResult {
  /** The backend the worker is on now. */
  backend: BackendName;
  reason: string;
  rows: BackendTrialRow[];
  batchSize: number;
  warmupSteps: number;
  timedSteps: number;
  capMs: number;
  adapterInfo: AdapterInfo | null;
  /** tf.memory().numTensors before and after: equal unless the trial leaked. */
  tensorsBefore: number;
  tensorsAfter: number;
  trialMs: number;
}

/**
 * Trains the same CKA setup as the trial on one backend for a benchmark: `warmup` steps,
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
