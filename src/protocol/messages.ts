/**
 * The page <-> training-worker protocol. Both sides import only these types, so a
 * message that compiles on one side is understood by the other.
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

/** Request kind -> the request and the result it resolves to. */
export interface RequestMap {
  init: { request: InitRequest; result: InitResult };
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
  | 'internal';

export interface WorkerErrorInfo {
  code: ErrorCode;
  message: string;
}

/** Unprompted news from the worker (progress while a request runs). */
export type WorkerEvent = { kind: 'backend-attempt'; attempt: BackendAttempt };

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
