import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../node/wasmBackend';
import { CFL_SIGMAS, meanKernelByOps } from '../method/losses/cflLosses';
import { seededRandom } from '../random';
import { fusedMeanRbf, meanRbfFused } from './wasmMeanRbf';

const gammas = CFL_SIGMAS.map((s) => -1 / (2 * s * s));

/** L2-normalised rows, as CFL feeds them; `twins` rows of y repeat rows of x up to 1e-4 (inside σ = 0.001). */
function rows(n: number, d: number, seed: number): tf.Tensor2D {
  const rng = seededRandom(seed);
  return tf.tidy(() => {
    const t = tf.tensor2d(Float32Array.from({ length: n * d }, () => rng() - 0.5), [n, d]);
    return tf.div(t, tf.norm(t, 2, 1, true)) as tf.Tensor2D;
  });
}

function valueAndGrads(f: (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Scalar, x: tf.Tensor2D, y: tf.Tensor2D) {
  const { value, grads } = tf.valueAndGrads((a: tf.Tensor, b: tf.Tensor) => f(a as tf.Tensor2D, b as tf.Tensor2D))([x, y]);
  const out = { value: value.dataSync()[0], dx: grads[0].dataSync() as Float32Array, dy: grads[1].dataSync() as Float32Array };
  tf.dispose([value, ...grads]);
  return out;
}

const worst = (a: Float32Array, b: Float32Array) => {
  const scale = Math.max(...b.map(Math.abs), 1e-12);
  return Math.max(...a.map((v, i) => Math.abs(v - b[i]))) / scale;
};

describe('fused CFL RBF kernel mean on wasm', () => {
  beforeAll(async () => {
    await useNodeBackend('wasm');
  });

  it('is what the cfl loss uses on wasm', () => {
    expect(meanRbfFused()).toBe(true);
  });

  const cases = [
    { name: 'two batches', x: () => rows(20, 8, 1), y: () => rows(15, 8, 2) },
    { name: 'a batch with itself', x: () => rows(12, 8, 3), y: null },
    { name: 'near twins inside the narrowest bandwidth', x: () => rows(10, 6, 4), y: 'twins' as const },
  ];

  it.each(cases)('gives the tfjs ops’ value and gradients: $name', ({ x: makeX, y: makeY }) => {
    const x = makeX();
    const y = makeY === null ? x : makeY === 'twins' ? tf.tidy(() => tf.add(x, tf.mul(rows(10, 6, 5), 1e-4)) as tf.Tensor2D) : makeY();
    const ours = valueAndGrads((a, b) => fusedMeanRbf(a, b, gammas), x, y);
    const theirs = valueAndGrads((a, b) => meanKernelByOps(a, b, CFL_SIGMAS), x, y);
    tf.dispose([x, y]);
    expect(Math.abs(ours.value - theirs.value) / Math.abs(theirs.value)).toBeLessThan(1e-6);
    expect(worst(ours.dx, theirs.dx)).toBeLessThan(1e-4);
    expect(worst(ours.dy, theirs.dy)).toBeLessThan(1e-4);
  });

  it('would see other bandwidths (the comparison can fail)', () => {
    const x = rows(8, 4, 6);
    const y = rows(8, 4, 7);
    const ours = valueAndGrads((a, b) => fusedMeanRbf(a, b, gammas), x, y);
    const wider = valueAndGrads((a, b) => meanKernelByOps(a, b, CFL_SIGMAS.map((s) => 2 * s)), x, y);
    tf.dispose([x, y]);
    expect(worst(ours.dx, wider.dx)).toBeGreaterThan(1e-2);
  });

  it('leaves no tensor behind', () => {
    const x = rows(6, 4, 8);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      tf.grad((a: tf.Tensor) => fusedMeanRbf(a as tf.Tensor2D, x, gammas))(x);
    });
    expect(tf.memory().numTensors).toBe(before);
    fusedMeanRbf(x, x, gammas).dispose(); // no tape: the pair weights must not outlive the call either
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
