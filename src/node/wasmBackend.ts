import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import path from 'node:path';
import { installConv2dGradient } from '../core/backend/conv2dGradient';

export type NodeBackend = 'wasm' | 'cpu';

/**
 * Node has no tfjs-node here (it downloads a binary at install), so the CLI runs on the
 * wasm backend, made trainable for conv nets by the patched Conv2D gradient.
 */
export async function useNodeBackend(name: NodeBackend = 'wasm'): Promise<string> {
  installConv2dGradient();
  if (name === 'wasm') {
    const require = createRequire(import.meta.url);
    const pkg = require.resolve('@tensorflow/tfjs-backend-wasm/package.json');
    setWasmPaths(path.join(path.dirname(pkg), 'dist') + path.sep);
  }
  if (!(await tf.setBackend(name))) throw new Error(`tfjs backend '${name}' failed to start in Node`);
  await tf.ready();
  return tf.getBackend();
}
