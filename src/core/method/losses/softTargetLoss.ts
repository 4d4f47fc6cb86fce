import * as tf from '@tensorflow/tfjs';
import { assertNonEmpty, assertPositive, assertSameShape } from './checks';
import { rowKlFromLogits, rowKlFromProbabilities } from './divergence';

/**
 * `joint` L_kd = T² · mean over the batch of KL(q || softmax(z_s / T)), with q the combined
 * target (already tempered by T, see combineTeacherTargets). T² keeps the gradient scale
 * independent of T (Hinton et al.).
 */
export function softTargetLossJoint(studentLogits: tf.Tensor2D, target: tf.Tensor2D, temperature: number): tf.Scalar {
  assertSameShape(studentLogits, target, 'softTargetLossJoint');
  assertPositive(temperature, 'temperature');
  return tf.tidy(() => {
    const kl = rowKlFromProbabilities(target, tf.div(studentLogits, temperature));
    return tf.mul(tf.mean(kl), temperature * temperature);
  });
}

/** `multi-head` L_kd = Σ_k T² · mean over the batch of KL(softmax(z_k/T) || softmax(z_s^k/T)), one student head per teacher. */
export function softTargetLossMultiHead(
  studentLogits: tf.Tensor2D[],
  teacherLogits: tf.Tensor2D[],
  temperature: number,
): tf.Scalar {
  assertNonEmpty(teacherLogits, 'softTargetLossMultiHead');
  if (studentLogits.length !== teacherLogits.length) {
    throw new Error(`softTargetLossMultiHead: ${studentLogits.length} student heads for ${teacherLogits.length} teachers`);
  }
  studentLogits.forEach((z, k) => assertSameShape(z, teacherLogits[k], `softTargetLossMultiHead head ${k}`));
  assertPositive(temperature, 'temperature');
  return tf.tidy(() => {
    const perTeacher = teacherLogits.map((zt, k) =>
      tf.mean(rowKlFromLogits(tf.div(zt, temperature), tf.div(studentLogits[k], temperature))),
    );
    return tf.mul(tf.addN(perTeacher), temperature * temperature);
  });
}
