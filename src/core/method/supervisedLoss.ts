import * as tf from '@tensorflow/tfjs';
import type { RunConfig } from './config';
import type { UnionLabels } from './unionLabels';

/**
 * The oracle's loss: cross-entropy with true labels. Joint: over the union. Multi-head: each
 * head on the samples of its own classes (a masked mean), as if each task were labelled.
 */
export function supervisedLoss(config: RunConfig, union: UnionLabels, heads: tf.Tensor2D[], trueLabels: Int32Array | undefined): tf.Scalar {
  if (!trueLabels) throw new Error('the supervised oracle needs true labels for each batch');
  if (config.taskMode === 'joint') {
    return tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d(trueLabels, 'int32'), union.names.length), heads[0]) as tf.Scalar;
  }
  const perHead = heads.map((logits, k) => {
    const local = new Map(union.maps[k].map((u, c) => [u, c]));
    const targets = Array.from(trueLabels, (u) => local.get(u) ?? -1);
    const present = targets.filter((t) => t >= 0).length;
    const oneHot = tf.oneHot(tf.tensor1d(targets, 'int32'), logits.shape[1]);
    const nll = tf.neg(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits))));
    return tf.div(nll, Math.max(1, present));
  });
  return tf.addN(perHead) as tf.Scalar;
}
