import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../node/wasmBackend';
import { setLearningRate } from '../method/learningRate';
import { seededRandom } from '../random';
import { FUSED_ADAM_KERNEL, FusedAdamOptimizer, adam } from './fusedAdam';

const SHAPES = [[3, 3, 1, 8], [8], [40, 16], [16], [5]];

function values(shape: number[], rng: () => number, scale: number): Float32Array {
  const n = shape.reduce((a, b) => a * b, 1);
  return Float32Array.from({ length: n }, () => (rng() - 0.5) * scale);
}

/** Trains fresh variables for five steps on fixed random gradients, with the rate changing; returns every weight's bits. */
async function train(optimizer: tf.Optimizer): Promise<Float32Array[]> {
  const rng = seededRandom(3);
  const vars = SHAPES.map((s, i) => tf.variable(tf.tensor(values(s, rng, 2), s), true, `fusedAdamTest${i}_${Math.random()}`));
  for (let step = 0; step < 5; step++) {
    setLearningRate(optimizer, 1e-3 * (1 + step));
    const grads = Object.fromEntries(vars.map((v) => [v.name, tf.tensor(values(v.shape, rng, 10 ** (step - 2)), v.shape)]));
    optimizer.applyGradients(grads);
    tf.dispose(Object.values(grads));
  }
  const slots = (await optimizer.getWeights()).map((w) => w.tensor);
  const out = [...vars, ...slots].map((t) => t.dataSync() as Float32Array);
  tf.dispose([...vars, ...slots]);
  optimizer.dispose();
  return out;
}

function firstDifference(a: Float32Array[], b: Float32Array[]): string | null {
  if (a.length !== b.length) return `${a.length} arrays against ${b.length}`;
  for (let k = 0; k < a.length; k++) {
    const i = a[k].findIndex((x, j) => !Object.is(x, b[k][j]));
    if (i >= 0) return `array ${k}, element ${i}: ${a[k][i]} against ${b[k][i]}`;
  }
  return null;
}

describe('fused Adam on wasm', () => {
  beforeAll(async () => {
    await useNodeBackend('wasm');
  });

  it('runs on the fused kernel on wasm', () => {
    adam(1e-3).dispose();
    expect(tf.getKernel(FUSED_ADAM_KERNEL, 'wasm')).toBeDefined();
  });

  it('gives tfjs Adam’s weights, moments and iterations bit for bit', async () => {
    const theirs = await train(tf.train.adam(1e-3));
    const ours = await train(adam(1e-3));
    expect(firstDifference(ours, theirs)).toBeNull();
  });

  it('would see another update (the bit check can fail)', async () => {
    const theirs = await train(tf.train.adam(1e-3, 0.9, 0.99));
    const ours = await train(adam(1e-3));
    expect(firstDifference(ours, theirs)).not.toBeNull();
  });

  it('leaves no tensor behind after a step', () => {
    const optimizer = adam(1e-3);
    const v = tf.variable(tf.ones([4]), true, `fusedAdamLeak_${Math.random()}`);
    const g = tf.ones([4]);
    optimizer.applyGradients([{ name: v.name, tensor: g }]);
    const before = tf.memory().numTensors;
    optimizer.applyGradients([{ name: v.name, tensor: g }]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([v, g]);
    optimizer.dispose();
  });

  it('is tfjs Adam where the backend has no fused kernel', async () => {
    await tf.setBackend('cpu');
    try {
      const theirs = await train(tf.train.adam(1e-3));
      const ours = await train(new FusedAdamOptimizer(1e-3, 0.9, 0.999));
      expect(firstDifference(ours, theirs)).toBeNull();
    } finally {
      await tf.setBackend('wasm');
    }
  });
});
