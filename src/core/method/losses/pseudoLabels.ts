import * as tf from '@tensorflow/tfjs';
import { assertNonEmpty, assertPositive } from './checks';
import { checkLabelMap } from './unionTargets';

/** `joint` pseudo-label: the union index carrying most of the combined target's mass, int32 [B]. */
export function pseudoLabelsJoint(combinedTarget: tf.Tensor2D): tf.Tensor1D {
  return tf.argMax(combinedTarget, 1) as tf.Tensor1D;
}

/**
 * `multi-head` pseudo-label, int32 [B]: the argmax of the most confident teacher (highest
 * max probability), mapped to its union index. Confidence is read at `temperature` (default 1,
 * the teachers' own calibration), since tempering can reorder teachers. Ties go to the lower k.
 */
export function pseudoLabelsMultiHead(
  teacherLogits: tf.Tensor2D[],
  labelMaps: number[][],
  temperature = 1,
): tf.Tensor1D {
  assertNonEmpty(teacherLogits, 'pseudoLabelsMultiHead');
  assertPositive(temperature, 'temperature');
  if (teacherLogits.length !== labelMaps.length) throw new Error('pseudoLabelsMultiHead: one label map per teacher');
  const unionSize = Math.max(...labelMaps.flat()) + 1;
  teacherLogits.forEach((z, k) => checkLabelMap(labelMaps[k], z.shape[1], unionSize, k));
  return tf.tidy(() => {
    const confidence = tf.stack(teacherLogits.map((z) => tf.max(tf.softmax(tf.div(z, temperature)), 1)), 1);
    const unionLabels = tf.stack(
      teacherLogits.map((z, k) => tf.gather(tf.tensor1d(labelMaps[k], 'int32'), tf.argMax(z, 1))),
      1,
    );
    // A mask, not gather with batchDims: tfjs 4.22's wasm gather mis-indexes when batchDims > 0
    // (tensorflow/tfjs#8658). oneHot refuses depth 1, hence the single-teacher shortcut.
    if (teacherLogits.length === 1) return tf.reshape(unionLabels, [-1]) as tf.Tensor1D;
    const chosen = tf.oneHot(tf.argMax(confidence, 1), teacherLogits.length, 1, 0, 'int32');
    return tf.sum(tf.mul(unionLabels, chosen), 1).toInt() as tf.Tensor1D;
  });
}
