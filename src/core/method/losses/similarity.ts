import * as tf from '@tensorflow/tfjs';

/**
 * Pairwise dot products a·bᵀ, [n, m]. Every embedding the CKA losses take is L2-normalised,
 * so this is the cosine similarity; it is its own function so that one matrix per
 * (student, teacher) pair can be computed once and fed to several losses.
 */
export function cosineSimilarityMatrix(a: tf.Tensor2D, b: tf.Tensor2D = a): tf.Tensor2D {
  assertSameWidth(a, b, 'cosineSimilarityMatrix');
  return tf.matMul(a, b, false, true);
}

/** Rows scaled to unit length; like PyTorch's F.normalize, a row shorter than eps is divided by eps. */
export function l2Normalize(x: tf.Tensor2D, eps = 1e-12): tf.Tensor2D {
  return tf.tidy(() => {
    const squaredNorm = tf.sum(tf.square(x), 1, true);
    // rsqrt of the clamped square keeps value and gradient finite for an all-zero row.
    return tf.mul(x, tf.rsqrt(tf.maximum(squaredNorm, eps * eps)));
  });
}

/**
 * ||a_i − b_j||², [n, m], from explicit differences. The shortcut |a|² + |b|² − 2a·b cancels
 * to ~1e-7 in float32; CFL's narrowest bandwidth (σ = 0.001, kernel exp(−d²/2e-6)) turns that
 * into a kernel error of several percent, so the O(n·m·d) memory is worth it.
 */
export function squaredDistanceMatrix(a: tf.Tensor2D, b: tf.Tensor2D = a): tf.Tensor2D {
  assertSameWidth(a, b, 'squaredDistanceMatrix');
  return tf.tidy(() => tf.sum(tf.square(tf.sub(tf.expandDims(a, 1), tf.expandDims(b, 0))), 2));
}

function assertSameWidth(a: tf.Tensor2D, b: tf.Tensor2D, caller: string): void {
  if (a.shape[1] !== b.shape[1]) {
    throw new Error(`${caller}: feature sizes differ (${a.shape[1]} vs ${b.shape[1]})`);
  }
}
