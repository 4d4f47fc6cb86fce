import * as tf from '@tensorflow/tfjs';
import { patchWasmKernel } from './wasmKernelPatch';

/**
 * tfjs-wasm 4.22's Identity kernel copies the tensor. The engine calls it for every tensor it
 * saves for the backward pass (tf.clone), 421 times in one cka step, copying every activation
 * once more: 6 ms of the profiled step at batch 256. Tensors are immutable and wasm's own
 * Reshape already shares its input's memory with a reference count, as the cpu backend's
 * Identity does; this Identity shares the same way. No kernel here writes into an input, so
 * sharing changes no value. String tensors go to the original (they live on the JS side).
 */

interface RefCountingBackend {
  incRef(dataId: object): void;
}

function shareIdentity(args: Parameters<tf.KernelFunc>[0], original: tf.KernelFunc): tf.TensorInfo | tf.TensorInfo[] {
  const { x } = args.inputs as { x: tf.TensorInfo };
  if (x.dtype === 'string') return original(args);
  (args.backend as unknown as RefCountingBackend).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

/** Replaces the wasm Identity kernel once; false when wasm is not loaded or it is done. */
export function installWasmIdentityShare(): boolean {
  return patchWasmKernel('Identity', (original) => (args) => shareIdentity(args, original));
}
