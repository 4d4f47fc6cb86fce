import * as tf from '@tensorflow/tfjs';

/** x·log x with the limit 0·log 0 = 0; the inner where keeps log's argument (and its gradient) finite. */
export function xLogX(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const positive = tf.greater(x, 0);
    const safe = tf.where(positive, x, tf.onesLike(x));
    return tf.where(positive, tf.mul(x, tf.log(safe)), tf.zerosLike(x));
  });
}

/** Per-row KL(p || softmax(studentLogits)) for a target given as probabilities p (rows summing to 1). */
export function rowKlFromProbabilities(p: tf.Tensor2D, studentLogits: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const negEntropy = tf.sum(xLogX(p), 1);
    const cross = tf.sum(tf.mul(p, tf.logSoftmax(studentLogits, 1)), 1);
    return tf.sub(negEntropy, cross);
  });
}

/**
 * Per-row KL(softmax(teacherLogits) || softmax(studentLogits)) entirely in log space: an
 * underflowed teacher probability multiplies a finite log-ratio, so 0·log 0 never appears.
 */
export function rowKlFromLogits(teacherLogits: tf.Tensor2D, studentLogits: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => rowKlFromLogProbabilities(tf.logSoftmax(teacherLogits, 1), tf.logSoftmax(studentLogits, 1)));
}

/** Per-row KL(p || q) from log p and log q. */
export function rowKlFromLogProbabilities(logP: tf.Tensor2D, logQ: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.sum(tf.mul(tf.exp(logP), tf.sub(logP, logQ)), 1));
}
