import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../node/wasmBackend';
import { wasmKernelPatched, withOriginalWasmKernel } from './wasmKernelPatch';

interface Counted {
  refCount(dataId: object): number;
}
const refs = (t: tf.Tensor) => (tf.backend() as unknown as Counted).refCount(t.dataId);

describe('wasm Identity that shares memory', () => {
  beforeAll(async () => {
    await useNodeBackend('wasm');
  });

  it('is installed by installTrainingKernels (through useNodeBackend)', () => {
    expect(wasmKernelPatched('Identity')).toBe(true);
  });

  it('shares the input’s memory (the original copies it)', () => {
    const x = tf.tensor1d([1, 2, 3]);
    const shared = tf.clone(x);
    expect(refs(x)).toBe(2);
    const copied = withOriginalWasmKernel('Identity', () => tf.clone(x));
    expect(refs(x)).toBe(2);
    expect(refs(copied)).toBe(1);
    tf.dispose([shared, copied, x]);
  });

  it('keeps the values when the original is disposed, and frees the memory with the last holder', () => {
    const x = tf.tensor2d([[1, 2], [3, 4]]);
    const bytes = tf.memory().numBytes;
    const y = tf.clone(x);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3, 4]);
    y.dispose();
    expect(tf.memory().numBytes).toBe(bytes - 16);
  });

  it('leaves a gradient through saved tensors as it was', () => {
    const x = tf.tensor2d([[0.5, -1], [2, 3]]);
    const f = (t: tf.Tensor) => tf.sum(tf.mul(tf.relu(t), tf.exp(t)));
    const ours = tf.grad(f)(x);
    const theirs = withOriginalWasmKernel('Identity', () => tf.grad(f)(x));
    expect(Array.from(ours.dataSync())).toEqual(Array.from(theirs.dataSync()));
    tf.dispose([x, ours, theirs]);
  });

  it('sends strings to the original kernel', () => {
    const s = tf.tensor1d(['a', 'b'], 'string');
    const c = tf.clone(s);
    expect(c.dataSync()).toEqual(['a', 'b']);
    tf.dispose([s, c]);
  });
});
