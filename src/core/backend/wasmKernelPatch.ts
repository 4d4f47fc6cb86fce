import * as tf from '@tensorflow/tfjs';

/**
 * One way to replace a wasm kernel with a faster one: the replacement is registered under the
 * kernel's own name (so every op and gradient that calls it gets it), once, and the original
 * is kept for the replacement's fallback and for tests that compare the two. Kernels of the
 * studio's own (names tfjs does not have) are added once with addWasmKernels.
 */

/** The parts of tfjs-backend-wasm's backend a JS kernel on its heap needs. */
export interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  /** A view of the tensor's bytes on the wasm heap; take it after the last allocation. */
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
}

const PATCHED = new Set<tf.KernelFunc>();
const kernels = new Map<string, { original: tf.KernelFunc; replacement: tf.KernelFunc }>();

/** Registers `replace(original)` for the wasm kernel `name`; false when wasm is not loaded or it is done. */
export function patchWasmKernel(name: string, replace: (original: tf.KernelFunc) => tf.KernelFunc): boolean {
  const config = tf.getKernel(name, 'wasm');
  if (!config || PATCHED.has(config.kernelFunc)) return false;
  const replacement = replace(config.kernelFunc);
  kernels.set(name, { original: config.kernelFunc, replacement });
  PATCHED.add(replacement);
  tf.unregisterKernel(name, 'wasm');
  tf.registerKernel({ ...config, kernelFunc: replacement });
  return true;
}

/** Registers each of the studio's own wasm kernels that is not registered yet; false when none was missing. */
export function addWasmKernels(kernels: Record<string, tf.KernelFunc>): boolean {
  const missing = Object.entries(kernels).filter(([name]) => !tf.getKernel(name, 'wasm'));
  missing.forEach(([kernelName, kernelFunc]) => tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc }));
  return missing.length > 0;
}

/** Whether the wasm kernel `name` now registered is a replacement. */
export function wasmKernelPatched(name: string): boolean {
  const config = tf.getKernel(name, 'wasm');
  return config !== undefined && PATCHED.has(config.kernelFunc);
}

/**
 * Registers the replacement (on) or the original (off) under a patched kernel's name; tensors
 * and state are untouched, so A/B timing can switch between steps (scripts/ab-kernels.ts).
 */
export function useWasmKernelReplacement(name: string, on: boolean): void {
  const config = tf.getKernel(name, 'wasm');
  const pair = kernels.get(name);
  if (!config || !pair) throw new Error(`wasm kernel ${name} is not patched`);
  tf.unregisterKernel(name, 'wasm');
  tf.registerKernel({ ...config, kernelFunc: on ? pair.replacement : pair.original });
}

/** Runs f with the original kernel registered under `name`, then puts the replacement back. */
export function withOriginalWasmKernel<T>(name: string, f: () => T): T {
  useWasmKernelReplacement(name, false);
  try {
    return f();
  } finally {
    useWasmKernelReplacement(name, true);
  }
}
