import * as tf from '@tensorflow/tfjs';
import type { WorkerMemory } from '../../protocol/messages';

/** The wasm module's heap, when tfjs is on wasm: tfjs's own memory() says nothing about it. */
function wasmHeapBytes(): number | null {
  if (tf.getBackend() !== 'wasm') return null;
  const wasm = (tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } }).wasm;
  return wasm?.HEAPU8?.byteLength ?? null;
}

/**
 * tf.memory() for the protocol. The engine's counts need no backend: after a lost device
 * there is none, and tf.memory() would try to start one.
 */
export function workerMemory(): WorkerMemory & { numTensors: number } {
  const { numTensors, numBytes } = tf.engine().state;
  const gpu = tf.getBackend() ? (tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number }).numBytesInGPU : undefined;
  return { numTensors, numBytes, numBytesInGPU: gpu ?? null, wasmHeapBytes: wasmHeapBytes() };
}
