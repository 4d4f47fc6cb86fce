import * as tf from '@tensorflow/tfjs';

/**
 * Added to a similarity logit to take it out of a softmax. Finite (not −Infinity) so that a
 * row with nothing left (a batch of one) gives finite numbers that a zero mask then cancels.
 */
export const EXCLUDED_LOGIT = 1e9;

/**
 * [B, B] float mask, 1 where two samples share a pseudo-label (the diagonal included).
 * Built as 1 − min(|y_i − y_j|, 1) on float labels (exact for integer ids below 2^24), not
 * with tf.equal: wasm's Equal kernel takes ~19 ms at B = 256 where these float kernels take
 * well under 1 ms, and the losses build this mask seven times per CKA step with two teachers.
 */
export function sameLabelMask(labels: tf.Tensor1D): tf.Tensor2D {
  return tf.tidy(() => {
    const y = tf.cast(labels, 'float32');
    const distance = tf.abs(tf.sub(tf.expandDims(y, 1), tf.expandDims(y, 0)));
    return tf.sub(1, tf.minimum(distance, 1)) as tf.Tensor2D;
  });
}

/** Row-wise log-softmax of the logits, with the diagonal left out of each denominator. */
export function logSoftmaxWithoutSelf(logits: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const masked = tf.sub(logits, tf.mul(tf.eye(logits.shape[0]), EXCLUDED_LOGIT));
    // logSoftmax, not x − logSumExp(x): the same values, but logSumExp's gradient goes through
    // max's, a broadcast tf.equal that is slow on wasm (see sameLabelMask).
    return tf.logSoftmax(masked, 1) as tf.Tensor2D;
  });
}

/**
 * −1/|A| Σ_{i∈A} 1/|P(i)| Σ_{p∈P(i)} logProb[i, p], where P(i) is row i of `positives` and A
 * the rows with at least one positive. An empty A gives 0 (not 0/0): a batch without any
 * pair carries no contrastive signal, and must not poison the total loss with NaN.
 */
export function meanPositiveNegLogProb(logProb: tf.Tensor2D, positives: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const count = tf.sum(positives, 1);
    const perAnchor = tf.div(tf.sum(tf.mul(positives, logProb), 1), tf.maximum(count, 1));
    const isAnchor = tf.cast(tf.greater(count, 0), 'float32');
    const anchors = tf.maximum(tf.sum(isAnchor), 1);
    return tf.neg(tf.div(tf.sum(tf.mul(perAnchor, isAnchor)), anchors)) as tf.Scalar;
  });
}
