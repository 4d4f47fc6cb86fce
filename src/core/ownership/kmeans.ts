import * as tf from '@tensorflow/tfjs';
import { oneHotFloat } from './oneHotFloat';
import { seededRandom, shuffledIndices } from '../random';

/**
 * Plain Lloyd k-means on the rows of `points` [N, D], started from `count` distinct seeded rows.
 * A cluster that empties keeps its previous centre. Returns the centres [count, D].
 */
export function kMeans(points: tf.Tensor2D, count: number, iterations: number, seed: number): tf.Tensor2D {
  const n = points.shape[0];
  if (count < 1 || count > n) throw new Error(`kMeans: ${count} clusters for ${n} points`);
  const start = Array.from(shuffledIndices(n, seededRandom(seed)).subarray(0, count));
  let centres = tf.gather(points, start) as tf.Tensor2D;
  for (let i = 0; i < iterations; i++) {
    const next = tf.tidy(() => {
      const { means, sizes } = clusterMeans(points, nearestCentre(points, centres), count);
      return tf.where(tf.greater(sizes, 0), means, centres) as tf.Tensor2D;
    });
    centres.dispose();
    centres = next;
  }
  return centres;
}

/** Index of the nearest centre (squared Euclidean) per row, int32 [N]. */
export function nearestCentre(points: tf.Tensor2D, centres: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    // |x - c|² = |x|² - 2 x·c + |c|²; |x|² is the same for every centre, so it is left out.
    const cross = tf.matMul(points, centres, false, true);
    const norms = tf.sum(tf.square(centres), 1);
    return tf.argMin(tf.sub(norms, tf.mul(cross, 2)), 1) as tf.Tensor1D;
  });
}

/**
 * Per cluster the mean of `values` [N, D] over its members, [count, D] (0 for an empty cluster),
 * and its size [count, 1]. A one-hot matmul rather than unsortedSegmentSum, which the wasm
 * backend lacks.
 */
export function clusterMeans(values: tf.Tensor2D, assigned: tf.Tensor1D, count: number): { means: tf.Tensor2D; sizes: tf.Tensor2D } {
  return tf.tidy(() => {
    // oneHot refuses depth 1: with one cluster every row belongs to it.
    const members = count === 1 ? tf.ones([values.shape[0], 1]) : oneHotFloat(assigned, count);
    const sums = tf.matMul(members, values, true, false);
    const sizes = tf.reshape(tf.sum(members, 0), [count, 1]) as tf.Tensor2D;
    return { means: tf.div(sums, tf.maximum(sizes, 1)) as tf.Tensor2D, sizes };
  });
}
