import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import path from 'node:path';
import { installTrainingKernels } from '../core/backend/trainingKernels';

export type NodeBackend = 'wasm' | 'cpu';

/** The .wasm files beside the installed package; a bundled script passes its own folder. */
function defaultWasmDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
}

/**
 * Node has no tfjs-node here (it downloads a binary at install), so the CLI runs on the
 * wasm backend, made trainable for conv nets by the patched Conv2D gradient.
 */
export async function useNodeBackend(name: NodeBackend = 'wasm', wasmDir?: string): Promise<string> {
  installTrainingKernels();
  if (name === 'wasm') setWasmPaths(path.resolve(wasmDir ?? defaultWasmDir()) + path.sep);
  if (!(await tf.setBackend(name))) throw new Error(`tfjs backend '${name}' failed to start in Node`);
  await tf.ready();
  return tf.getBackend();
}
