import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../node/wasmBackend';
import { seededRandom } from '../random';
import { installWasmMatMulTranspose, wasmMatMulPatched } from './wasmMatMulTranspose';

/** References on the cpu backend, whose matmul handles the transpose flags itself. */
function random(shape: number[], seed: number): Float32Array {
  const rng = seededRandom(seed);
  return Float32Array.from({ length: shape.reduce((n, d) => n * d, 1) }, () => rng() * 2 - 1);
}

const cases: [number[], number[], boolean, boolean][] = [
  [[5, 7], [7, 3], false, false],
  [[7, 5], [7, 3], true, false],
  [[5, 7], [3, 7], false, true],
  [[7, 5], [3, 7], true, true],
  [[2, 7, 5], [2, 3, 7], true, true],
  [[1, 64, 9], [1, 64, 4], true, false],
  [[1, 5, 1], [1, 3, 1], false, true],
];

function run(backend: string, [sa, sb, ta, tb]: (typeof cases)[number], fused: boolean): Promise<Float32Array> {
  tf.setBackend(backend);
  return tf.tidy(() => {
    const a = tf.tensor(random(sa, 1), sa);
    const b = tf.tensor(random(sb, 2), sb);
    if (!fused) return tf.matMul(a, b, ta, tb);
    const n = tb ? sb[sb.length - 2] : sb[sb.length - 1];
    return tf.fused.matMul({ a, b, transposeA: ta, transposeB: tb, bias: tf.tensor1d(random([n], 3)), activation: 'relu' });
  }).data() as Promise<Float32Array>;
}

describe('wasm matmul with transposed operands', () => {
  beforeAll(async () => {
    await useNodeBackend('wasm');
  });

  it('is patched by installTrainingKernels (through useNodeBackend), once', () => {
    expect(wasmMatMulPatched()).toBe(true);
    expect(installWasmMatMulTranspose()).toEqual([]);
  });

  // Fused only at batch 1: wasm's own _FusedMatMul adds the bias wrongly when batch > 1, with
  // or without transposes (measured unpatched: 0.2 off); dense layers never batch it.
  const unbatched = (c: (typeof cases)[number]) => c[0].length === 2 || c[0][0] === 1;
  it.each(cases.flatMap((c) => (unbatched(c) ? [[c, false], [c, true]] as const : [[c, false]] as const)))('%j fused=%s matches cpu', async (c, fused) => {
    const expected = await run('cpu', c, fused);
    const actual = await run('wasm', c, fused);
    expect(actual.length).toBe(expected.length);
    actual.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThan(1e-5));
  });

  it('leaks no tensor memory on wasm', async () => {
    tf.setBackend('wasm');
    const a = tf.randomNormal([6, 4]);
    const b = tf.randomNormal([5, 4]);
    tf.matMul(a, b, false, true).dispose();
    const before = tf.memory().numBytes;
    for (let i = 0; i < 5; i++) tf.matMul(a, b, false, true).dispose();
    expect(tf.memory().numBytes).toBe(before);
    tf.dispose([a, b]);
  });
});
