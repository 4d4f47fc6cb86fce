import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../node/wasmBackend';
import { seededRandom } from '../random';
import { withOriginalWasmKernel } from './wasmKernelPatch';
import { installWasmMaxPoolGrad, poolGradOptions, wasmMaxPoolGradPatched } from './wasmMaxPoolGrad';

type Case = { shape: [number, number, number, number]; size: number; stride: number; pad: 'valid' | 'same' };
const cases: Case[] = [
  { shape: [3, 26, 26, 4], size: 2, stride: 2, pad: 'valid' },
  { shape: [2, 11, 11, 5], size: 2, stride: 2, pad: 'valid' }, // odd: the last row and column are dropped
  { shape: [2, 10, 9, 3], size: 3, stride: 3, pad: 'valid' }, // tiled 3 x 3: the loop with the offset table
  { shape: [2, 9, 8, 3], size: 3, stride: 2, pad: 'valid' }, // overlapping windows
  { shape: [1, 6, 7, 2], size: 2, stride: 1, pad: 'valid' },
  { shape: [2, 7, 7, 3], size: 2, stride: 2, pad: 'same' }, // padded at the bottom and right only: clipped windows
];

/** Positive values from {0.1, ..., 0.4}: nearly every window holds a tie, so the convention is tested. */
function tiedInput(shape: number[], seed: number): tf.Tensor4D {
  const rng = seededRandom(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor4d(Float32Array.from({ length: n }, () => (1 + Math.floor(rng() * 4)) / 10), shape as Case['shape']);
}

function gradient(c: Case, x: tf.Tensor4D, seed: number): Float32Array {
  return tf.tidy(() => {
    const weights = tf.randomNormal(tf.maxPool(x, c.size, c.stride, c.pad).shape, 0, 1, 'float32', seed);
    return tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(t as tf.Tensor4D, c.size, c.stride, c.pad), weights)))(x).dataSync() as Float32Array;
  });
}

describe('wasm MaxPoolGrad in JS', () => {
  beforeAll(async () => {
    await useNodeBackend('wasm');
  });

  it('is installed by installTrainingKernels (through useNodeBackend), once', () => {
    expect(wasmMaxPoolGradPatched()).toBe(true);
    expect(installWasmMaxPoolGrad()).toBe(false);
  });

  it.each(cases)('is bitwise the original kernel on positive tied inputs: %j', (c) => {
    for (const seed of [1, 2, 3]) {
      const x = tiedInput(c.shape, seed);
      const ours = gradient(c, x, seed);
      const theirs = withOriginalWasmKernel('MaxPoolGrad', () => gradient(c, x, seed));
      x.dispose();
      const differing = ours.findIndex((v, i) => !Object.is(v, theirs[i]));
      expect(differing, `first difference at ${differing}`).toBe(-1);
    }
  });

  /** The gradient with poolGradOptions set as given for this call only. */
  function gradientWith(options: Partial<typeof poolGradOptions>, c: Case, x: tf.Tensor4D): Float32Array {
    const saved = { ...poolGradOptions };
    Object.assign(poolGradOptions, options);
    try {
      return gradient(c, x, 4);
    } finally {
      Object.assign(poolGradOptions, saved);
    }
  }

  it.each(cases.slice(0, 3))('takes the tiled loops where windows tile the input, with the general loop’s bits: %j', (c) => {
    const x = tiedInput(c.shape, 4);
    const general = gradientWith({ tiled: false }, c, x);
    const variants = { unrolled: gradient(c, x, 4), offsetTable: gradientWith({ unrolled: false }, c, x) };
    x.dispose();
    for (const [name, g] of Object.entries(variants)) {
      expect(g.findIndex((v, i) => !Object.is(v, general[i])), name).toBe(-1);
    }
  });

  it('gives an all-zero window’s gradient to its last element (the original loses it)', () => {
    const x = tf.zeros([1, 2, 2, 1]) as tf.Tensor4D;
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.maxPool(t as tf.Tensor4D, 2, 2, 'valid')))(x);
    expect(Array.from(g.dataSync())).toEqual([0, 0, 0, 1]);
    tf.dispose([x, g]);
  });

  it('leaves no tensor behind', () => {
    const x = tiedInput([2, 8, 8, 3], 5);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      tf.grad((t: tf.Tensor) => tf.sum(tf.maxPool(t as tf.Tensor4D, 2, 2, 'valid')))(x);
    });
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
