import * as tf from '@tensorflow/tfjs';
import { assertNonEmpty, assertPositive, assertSameShape } from './checks';
import { rowKlFromLogProbabilities, rowKlFromLogits } from './divergence';
import { logSoftmaxWithoutSelf } from './positivePairs';
import { cosineSimilarityMatrix } from './similarity';

/** Which distribution per sample the alignment matches: over embedding dimensions, or over the batch. */
export type AlignmentVariant = 'sample' | 'relational';

/**
 * Sample-level alignment (CKA's answer to CFL's batch-level MMD):
 * L_align = 1/K Σ_k 1/B Σ_i KL( softmax(u_{k,i}/τ_a) || softmax(v_i/τ_a) ), the softmax taken
 * over the m dimensions of the common space, teacher as the target distribution.
 */
export function sampleAlignmentLoss(student: tf.Tensor2D, teachers: tf.Tensor2D[], tauA: number): tf.Scalar {
  checkEmbeddings(student, teachers, tauA);
  return tf.tidy(() => {
    const studentLogits = tf.div(student, tauA) as tf.Tensor2D;
    const perTeacher = teachers.map((u) => tf.mean(rowKlFromLogits(tf.div(u, tauA) as tf.Tensor2D, studentLogits)));
    return tf.div(tf.addN(perTeacher), teachers.length);
  });
}

/**
 * Relational variant: each sample's similarity distribution over the rest of the batch,
 * softmax over j ≠ i of u_i·u_j/τ_a (teacher) against v_i·v_j/τ_a (student), KL teacher || student,
 * averaged over samples and teachers.
 */
export function relationalAlignmentLoss(student: tf.Tensor2D, teachers: tf.Tensor2D[], tauA: number): tf.Scalar {
  checkEmbeddings(student, teachers, tauA);
  return tf.tidy(() => {
    const studentSim = cosineSimilarityMatrix(student);
    const perTeacher = teachers.map((u) => relationalAlignmentFromSimilarity(cosineSimilarityMatrix(u), studentSim, tauA));
    return tf.div(tf.addN(perTeacher), teachers.length);
  });
}

/** One teacher's relational term from precomputed [B, B] self-similarities (the ones SupCon uses too). */
export function relationalAlignmentFromSimilarity(
  teacherSimilarity: tf.Tensor2D,
  studentSimilarity: tf.Tensor2D,
  tauA: number,
): tf.Scalar {
  assertSameShape(teacherSimilarity, studentSimilarity, 'relationalAlignment');
  assertPositive(tauA, 'tauA');
  return tf.tidy(() => {
    const teacherLogProb = logSoftmaxWithoutSelf(tf.div(teacherSimilarity, tauA));
    const studentLogProb = logSoftmaxWithoutSelf(tf.div(studentSimilarity, tauA));
    return tf.mean(rowKlFromLogProbabilities(teacherLogProb, studentLogProb));
  });
}

/** L_align in the chosen variant; `sample` is the method's own reading, `relational` the option measured against it. */
export function alignmentLoss(
  student: tf.Tensor2D,
  teachers: tf.Tensor2D[],
  tauA: number,
  variant: AlignmentVariant = 'sample',
): tf.Scalar {
  return variant === 'sample'
    ? sampleAlignmentLoss(student, teachers, tauA)
    : relationalAlignmentLoss(student, teachers, tauA);
}

function checkEmbeddings(student: tf.Tensor2D, teachers: tf.Tensor2D[], tauA: number): void {
  assertNonEmpty(teachers, 'alignment');
  teachers.forEach((u, k) => assertSameShape(student, u, `alignment teacher ${k}`));
  assertPositive(tauA, 'tauA');
}
