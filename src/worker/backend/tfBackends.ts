import * as tf from '@tensorflow/tfjs';
// Importing a backend package registers that backend with tfjs (webgpu only where
// navigator.gpu exists).
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import type { BackendName } from '../../protocol/messages';
import { configureWasmPaths } from './wasmPaths';
import { errorMessage } from '../../protocol/errors';

/**
 * Switches tfjs to `name`. Returns null on success or why it failed: setBackend
 * resolves false when a backend's init fails (tfjs only warns), and throws for a
 * backend that was never registered (e.g. webgpu where navigator.gpu is missing).
 */
export async function switchBackend(name: BackendName): Promise<string | null> {
  if (name === 'wasm') configureWasmPaths();
  try {
    if (!(await tf.setBackend(name))) return 'initialization failed';
    await tf.ready();
  } catch (error) {
    return errorMessage(error);
  }
  const active = tf.getBackend();
  return active === name ? null : `tfjs stayed on '${active}'`;
}

export interface WasmFeatures {
  threads: boolean;
  threadsCount: number;
  simd: boolean;
  binary: string | null;
}

/**
 * The .wasm file tfjs actually fetched, read from resource timing: the feature flags
 * only say what the browser supports, this says which build tfjs chose.
 */
function fetchedWasmBinary(): string | null {
  const entry = performance
    .getEntriesByType('resource')
    .find((e) => /tfjs-backend-wasm[^/]*\.wasm$/.test(new URL(e.name).pathname));
  return entry ? new URL(entry.name).pathname.split('/').pop() ?? null : null;
}

/** Feature flags the wasm backend started with; call only after it is active. */
export async function wasmFeatures(): Promise<WasmFeatures> {
  const env = tf.env();
  return {
    threads: Boolean(await env.getAsync('WASM_HAS_MULTITHREAD_SUPPORT')),
    simd: Boolean(await env.getAsync('WASM_HAS_SIMD_SUPPORT')),
    threadsCount: getThreadsCount(),
    binary: fetchedWasmBinary(),
  };
}
