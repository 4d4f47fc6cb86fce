import * as tf from '@tensorflow/tfjs';
import { median } from '../../src/core/median';

export interface MicroResult {
  name: string;
  gflops: number;
}

async function gflopsOf(name: string, flops: number, reps: number, f: () => tf.Tensor): Promise<MicroResult> {
  const times: number[] = [];
  for (let i = 0; i < reps + 2; i++) {
    const start = performance.now();
    const out = f();
    await out.data();
    const ms = performance.now() - start;
    out.dispose();
    if (i >= 2) times.push(ms);
  }
  return { name, gflops: flops / (median(times) * 1e6) };
}

/**
 * What the backend reaches on this machine: a large square matmul (the best case) and the
 * student's own conv2 forward at the bench batch (a shape the step really runs).
 */
export async function microBench(batchSize: number, reps = 10): Promise<MicroResult[]> {
  const n = 512;
  const a = tf.randomNormal([n, n]);
  const b = tf.randomNormal([n, n]);
  const x = tf.randomNormal([batchSize, 13, 13, 32]) as tf.Tensor4D;
  const w = tf.randomNormal([3, 3, 32, 64]) as tf.Tensor4D;
  try {
    return [
      await gflopsOf(`matmul ${n}x${n}x${n}`, 2 * n ** 3, reps, () => tf.matMul(a, b)),
      await gflopsOf(`conv 3x3 32->64 on ${batchSize}x13x13`, 2 * batchSize * 11 * 11 * 64 * 9 * 32, reps, () => tf.conv2d(x, w, 1, 'valid')),
    ];
  } finally {
    tf.dispose([a, b, x, w]);
  }
}
