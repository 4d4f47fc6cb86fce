import * as tf from '@tensorflow/tfjs';

/**
 * One way to replace a wasm kernel with a faster one: the replacement is registered under the
 * kernel's own name (so every op and gradient that calls it gets it), once, and the original
 * is kept for the replacement's fallback and for tests that compare the two.
 */

/** The parts of tfjs-backend-wasm's backend a JS kernel on its heap needs. */
export interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  /** A view of the tensor's bytes on the wasm heap; take it after the last allocation. */
  typedArrayFromHeap(t: tf.TensorInfo): Float32Array;
}

const PATCHED = new Set<tf.KernelFunc>();
const originals = new Map<string, tf.KernelFunc>();

/** Registers `replace(original)` for the wasm kernel `name`; false when wasm is not loaded or it is done. */
export function patchWasmKernel(name: string, replace: (original: tf.KernelFunc) => tf.KernelFunc): boolean {
  const config = tf.getKernel(name, 'wasm');
  if (!config || PATCHED.has(config.kernelFunc)) return false;
  originals.set(name, config.kernelFunc);
  const patched = replace(config.kernelFunc);
  PATCHED.add(patched);
  tf.unregisterKernel(name, 'wasm');
  tf.registerKernel({ ...config, kernelFunc: patched });
  return true;
}

/** Whether the wasm kernel `name` now registered is a replacement. */
export function wasmKernelPatched(name: string): boolean {
  const config = tf.getKernel(name, 'wasm');
  return config !== undefined && PATCHED.has(config.kernelFunc);
}

/** The kernel a replacement took the place of, for tests that compare the two. */
export function originalWasmKernel(name: string): tf.KernelFunc | null {
  return originals.get(name) ?? null;
}

/** Runs f with the original kernel registered under `name`, then puts the replacement back. */
export function withOriginalWasmKernel<T>(name: string, f: () => T): T {
  const patched = tf.getKernel(name, 'wasm');
  const original = originals.get(name);
  if (!patched || !original) throw new Error(`wasm kernel ${name} is not patched`);
  tf.unregisterKernel(name, 'wasm');
  tf.registerKernel({ ...patched, kernelFunc: original });
  try {
    return f();
  } finally {
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel(patched);
  }
}
