import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../node/wasmBackend';
import { seededRandom } from '../../random';
import { softTargetLossPerTeacher } from './softTargetLoss';

/** The studio and the CLI train on wasm, which lacks some gradient kernels the cpu backend has (gather's UnsortedSegmentSum). */

function lossAndGradient(): number[] {
  const r = seededRandom(4);
  const m = (rows: number, cols: number) => tf.tensor2d(Array.from({ length: rows }, () => Array.from({ length: cols }, () => (r() * 2 - 1) * 3)));
  const teachers = [m(6, 3), m(6, 4)];
  const student = m(6, 6);
  const { value, grad } = tf.valueAndGrad((s: tf.Tensor) => softTargetLossPerTeacher(s as tf.Tensor2D, teachers, [[0, 1, 2], [2, 3, 4, 5]], 2))(student);
  const out = [...value.dataSync(), ...grad.dataSync()];
  tf.dispose([...teachers, student, value, grad]);
  return out;
}

describe('per-teacher soft-target term on wasm', () => {
  it('gives the cpu backend’s loss and gradient', async () => {
    await useNodeBackend('cpu');
    const cpu = lossAndGradient();
    await useNodeBackend('wasm');
    expect(tf.getBackend()).toBe('wasm');
    lossAndGradient().forEach((v, i) => expect([i, v]).toEqual([i, expect.closeTo(cpu[i], 4)]));
  });
});
