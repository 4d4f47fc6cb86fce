import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../node/wasmBackend';
import { seededRandom } from '../random';
import { wasmKernelPatched, withOriginalWasmKernel } from './wasmKernelPatch';
import { installWasmSumBlock, summedBlock } from './wasmSumBlock';

type Case = { shape: number[]; axis: number | number[]; keepDims?: boolean; path: 'js' | 'original' };
const cases: Case[] = [
  { shape: [64, 26, 26, 32], axis: [0, 1, 2], path: 'js' }, // a conv layer's bias gradient
  { shape: [37, 256], axis: 0, path: 'js' }, // a dense layer's
  { shape: [5, 7, 3], axis: [0, 1], keepDims: true, path: 'js' },
  { shape: [4, 6, 5], axis: [-3, -2], path: 'js' }, // negative axes
  { shape: [9, 9, 16], axis: 1, path: 'js' }, // the broadcast difference's gradient: a middle axis
  { shape: [2, 3, 4, 5], axis: [1, 2], keepDims: true, path: 'js' }, // a middle block, kept dims
  { shape: [3, 1, 4], axis: [1], path: 'js' }, // a block of size 1
  { shape: [5, 7, 3], axis: [1, 0], path: 'original' }, // the original adds these in another order
  { shape: [6, 5], axis: 1, path: 'original' }, // innermost: the original's own case
  { shape: [4, 6, 5], axis: [0, 2], path: 'original' }, // not one block
  { shape: [3, 4], axis: [0, 1], path: 'original' }, // every axis
];

/** Values spread over many magnitudes, so that any change in the order of additions shows in the bits. */
function spread(shape: number[], seed: number): tf.Tensor {
  const rng = seededRandom(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: n }, () => (rng() - 0.5) * 10 ** Math.floor(rng() * 6 - 3)), shape);
}

function sumOf(x: tf.Tensor, c: Case): { shape: number[]; values: Float32Array } {
  const s = tf.sum(x, c.axis, c.keepDims);
  const result = { shape: s.shape, values: s.dataSync() as Float32Array };
  s.dispose();
  return result;
}

describe('wasm Sum over a block of axes in JS', () => {
  beforeAll(async () => {
    await useNodeBackend('wasm');
  });

  it('is installed by installTrainingKernels (through useNodeBackend), once', () => {
    expect(wasmKernelPatched('Sum')).toBe(true);
    expect(installWasmSumBlock()).toBe(false);
  });

  it.each(cases)('gives the original kernel’s shape and bits: %j', (c) => {
    expect(summedBlock(tf.util.parseAxisParam(c.axis, c.shape), c.shape) === null ? 'original' : 'js').toBe(c.path);
    const x = spread(c.shape, 7);
    const ours = sumOf(x, c);
    const theirs = withOriginalWasmKernel('Sum', () => sumOf(x, c));
    x.dispose();
    expect(ours.shape).toEqual(theirs.shape);
    const differing = ours.values.findIndex((v, i) => !Object.is(v, theirs.values[i]));
    expect(differing, `first difference at ${differing}`).toBe(-1);
  });

  it('would see a different order of additions (the bit check can fail)', () => {
    const x = spread([200, 3], 7);
    const rowsReversed = tf.reverse(x, 0);
    const forward = sumOf(x, { shape: [200, 3], axis: 0, path: 'js' }).values;
    const backward = sumOf(rowsReversed, { shape: [200, 3], axis: 0, path: 'js' }).values;
    tf.dispose([x, rowsReversed]);
    expect(Array.from(forward)).not.toEqual(Array.from(backward));
  });

  it('sums int32 tensors through the original kernel', () => {
    const x = tf.tensor2d([[1, 2], [3, 4]], [2, 2], 'int32');
    const s = tf.sum(x, 0);
    expect(s.dtype).toBe('int32');
    expect(Array.from(s.dataSync())).toEqual([4, 6]);
    tf.dispose([x, s]);
  });
});
