import * as tf from '@tensorflow/tfjs';
import { assertNonEmpty, assertPositive, assertSquareBatch } from './checks';
import { meanPositiveNegLogProb, sameLabelMask } from './positivePairs';
import { cosineSimilarityMatrix } from './similarity';

/**
 * InfoNCE with pseudo-label positives from a [B, B] anchor × candidate similarity matrix:
 * −1/B Σ_i 1/|P(i)| Σ_{p∈P(i)} log( exp(s_ip/τ) / Σ_j exp(s_ij/τ) ), P(i) = {j : y_j = y_i}.
 * Anchors and candidates come from different models, so j = i is a genuine positive (the
 * same image seen by both) and stays in P(i) and in the denominator; P(i) is never empty.
 */
export function infoNceFromSimilarity(similarity: tf.Tensor2D, labels: tf.Tensor1D, tau: number): tf.Scalar {
  assertSquareBatch(similarity, labels, 'infoNce');
  assertPositive(tau, 'tau');
  return tf.tidy(() => {
    // logSoftmax rather than x − logSumExp(x): same values, no slow max gradient on wasm (positivePairs.ts).
    const logProb = tf.logSoftmax(tf.div(similarity, tau) as tf.Tensor2D, 1);
    return meanPositiveNegLogProb(logProb, sameLabelMask(labels));
  });
}

/**
 * Symmetrised InfoNCE between the student and one teacher: student anchors against teacher
 * candidates and teacher anchors against student candidates, averaged. `studentByTeacher` is
 * v·u_kᵀ; the other direction is its transpose, so one matrix serves both.
 */
export function symmetricInfoNceFromSimilarity(
  studentByTeacher: tf.Tensor2D,
  labels: tf.Tensor1D,
  tau: number,
): tf.Scalar {
  return tf.tidy(() => {
    const studentAnchors = infoNceFromSimilarity(studentByTeacher, labels, tau);
    const teacherAnchors = infoNceFromSimilarity(tf.transpose(studentByTeacher), labels, tau);
    return tf.mul(tf.add(studentAnchors, teacherAnchors), 0.5);
  });
}

/** L_inter = 1/K Σ_k symmetric InfoNCE(v, u_k): the student's embedding pulled to each teacher's, class by class. */
export function interContrastiveLoss(
  student: tf.Tensor2D,
  teachers: tf.Tensor2D[],
  labels: tf.Tensor1D,
  tau: number,
): tf.Scalar {
  assertNonEmpty(teachers, 'interContrastiveLoss');
  return tf.tidy(() => {
    const perTeacher = teachers.map((u) => symmetricInfoNceFromSimilarity(cosineSimilarityMatrix(student, u), labels, tau));
    return tf.div(tf.addN(perTeacher), teachers.length);
  });
}
