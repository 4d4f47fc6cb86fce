import * as tf from '@tensorflow/tfjs';
import { assertNonEmpty, assertPositive } from './checks';

/** How the joint mode combines the teachers' tempered softmaxes into one target over the union Y. */
export type TargetCombiner = 'concat' | 'confidence';

/**
 * The `joint` soft target q over the union label space, [B, unionSize]; rows sum to 1.
 * labelMaps[k][c] is the union index of teacher k's class c (teachers sharing a label name
 * share the index).
 * - `concat` (CFL): one softmax over all teachers' logits / T side by side, then each entry's
 *   mass is added onto its union index, so a label known to several teachers sums their mass.
 * - `confidence`: each teacher's own tempered softmax, placed on the union, weighted per sample
 *   by softmax over teachers of their negative entropy.
 */
export function combineTeacherTargets(
  teacherLogits: tf.Tensor2D[],
  labelMaps: number[][],
  unionSize: number,
  temperature: number,
  combiner: TargetCombiner,
): tf.Tensor2D {
  checkTeachers(teacherLogits, labelMaps, unionSize);
  assertPositive(temperature, 'temperature');
  return tf.tidy(() =>
    combiner === 'concat'
      ? concatTarget(teacherLogits, labelMaps, unionSize, temperature)
      : confidenceTarget(teacherLogits, labelMaps, unionSize, temperature),
  );
}

/**
 * [C_k, unionSize] 0/1 matrix moving teacher k's classes onto the union: p_k · placement adds
 * each class's mass onto its union index (a matmul, so it runs and differentiates anywhere).
 */
export function unionPlacement(labelMap: number[], unionSize: number): tf.Tensor2D {
  return tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(labelMap, 'int32'), unionSize), 'float32') as tf.Tensor2D);
}

function concatTarget(logits: tf.Tensor2D[], labelMaps: number[][], unionSize: number, t: number): tf.Tensor2D {
  const joint = tf.softmax(tf.div(tf.concat(logits, 1), t));
  return tf.matMul(joint, unionPlacement(labelMaps.flat(), unionSize));
}

function confidenceTarget(logits: tf.Tensor2D[], labelMaps: number[][], unionSize: number, t: number): tf.Tensor2D {
  const logProbs = logits.map((z) => tf.logSoftmax(tf.div(z, t), 1));
  // Entropy over each teacher's own classes (its tempered softmax, before placement). It is not
  // normalised by log C_k, so at equal sharpness a teacher with fewer classes looks more confident.
  const negEntropy = tf.stack(logProbs.map((lp) => tf.sum(tf.mul(tf.exp(lp), lp), 1)), 1);
  const weights = tf.softmax(negEntropy, 1);
  const placed = logProbs.map((lp, k) => {
    const onUnion = tf.matMul(tf.exp(lp), unionPlacement(labelMaps[k], unionSize));
    return tf.mul(onUnion, tf.slice(weights, [0, k], [-1, 1]));
  });
  return tf.addN(placed) as tf.Tensor2D;
}

function checkTeachers(teacherLogits: tf.Tensor2D[], labelMaps: number[][], unionSize: number): void {
  assertNonEmpty(teacherLogits, 'combineTeacherTargets');
  if (teacherLogits.length !== labelMaps.length) {
    throw new Error(`combineTeacherTargets: ${teacherLogits.length} teachers but ${labelMaps.length} label maps`);
  }
  teacherLogits.forEach((z, k) => {
    if (z.shape[0] !== teacherLogits[0].shape[0]) throw new Error('combineTeacherTargets: batch sizes differ');
    checkLabelMap(labelMaps[k], z.shape[1], unionSize, k);
  });
}

/** A label map must cover the teacher's classes and point inside the union. */
export function checkLabelMap(labelMap: number[], classes: number, unionSize: number, teacher: number): void {
  if (labelMap.length !== classes) {
    throw new Error(`teacher ${teacher}: ${classes} logits but a label map of ${labelMap.length}`);
  }
  for (const index of labelMap) {
    if (!Number.isInteger(index) || index < 0 || index >= unionSize) {
      throw new Error(`teacher ${teacher}: union index ${index} outside [0, ${unionSize})`);
    }
  }
}
