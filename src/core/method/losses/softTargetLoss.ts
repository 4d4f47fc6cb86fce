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

/** [union, classes] with a 1 where teacher class c sits in the union: z · S picks z[map]. */
function selection(map: number[], unionSize: number): tf.Tensor2D {
  const s = new Float32Array(unionSize * map.length);
  map.forEach((u, c) => (s[u * map.length + c] = 1));
  return tf.tensor2d(s, [unionSize, map.length]);
}

/**
 * `joint` per-teacher term: on every image, whoever owns it, the student's probabilities
 * restricted to teacher k's classes, softmax(z_s[maps_k] / T), match teacher k's own answer.
 * L = T² · mean over teachers of mean over the batch of KL(softmax(z_k/T) || that). The owned
 * union target scales a non-owner's distribution down to its smoothing share, so its ranking
 * of its own classes reaches the student only weakly; this term keeps it whole.
 */
export function softTargetLossPerTeacher(
  studentLogits: tf.Tensor2D,
  teacherLogits: tf.Tensor2D[],
  maps: number[][],
  temperature: number,
): tf.Scalar {
  assertNonEmpty(teacherLogits, 'softTargetLossPerTeacher');
  if (maps.length !== teacherLogits.length) throw new Error(`softTargetLossPerTeacher: ${maps.length} label maps for ${teacherLogits.length} teachers`);
  teacherLogits.forEach((z, k) => {
    if (z.shape[0] !== studentLogits.shape[0] || z.shape[1] !== maps[k].length) {
      throw new Error(`softTargetLossPerTeacher teacher ${k}: logits [${z.shape}] for ${studentLogits.shape[0]} images and ${maps[k].length} classes`);
    }
  });
  assertPositive(temperature, 'temperature');
  return tf.tidy(() => {
    const perTeacher = teacherLogits.map((zt, k) => {
      // A product with a 0/1 selection matrix, not tf.gather: gather's gradient needs
      // UnsortedSegmentSum, which the wasm backend lacks.
      const restricted = tf.matMul(studentLogits, selection(maps[k], studentLogits.shape[1]));
      return tf.mean(rowKlFromLogits(tf.div(zt, temperature), tf.div(restricted, temperature)));
    });
    return tf.mul(tf.div(tf.addN(perTeacher), teacherLogits.length), temperature * temperature);
  });
}
