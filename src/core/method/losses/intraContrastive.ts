import * as tf from '@tensorflow/tfjs';
import { assertNonEmpty, assertPositive, assertSquareBatch } from './checks';
import { logSoftmaxWithoutSelf, meanPositiveNegLogProb, sameLabelMask } from './positivePairs';
import { cosineSimilarityMatrix } from './similarity';

/**
 * Supervised contrastive loss (Khosla et al.) with pseudo-labels, on L2-normalised rows:
 * SupCon(e) = −1/|A| Σ_{i∈A} 1/|P(i)| Σ_{p∈P(i)} log( exp(e_i·e_p/τ) / Σ_{a≠i} exp(e_i·e_a/τ) ),
 * P(i) = {p ≠ i : y_p = y_i}, A = anchors with P(i) non-empty; 0 when A is empty.
 */
export function supCon(embeddings: tf.Tensor2D, labels: tf.Tensor1D, tau: number): tf.Scalar {
  return tf.tidy(() => supConFromSimilarity(cosineSimilarityMatrix(embeddings), labels, tau));
}

/** SupCon from a precomputed [B, B] self-similarity matrix (shareable with the relational alignment). */
export function supConFromSimilarity(similarity: tf.Tensor2D, labels: tf.Tensor1D, tau: number): tf.Scalar {
  assertSquareBatch(similarity, labels, 'supCon');
  assertPositive(tau, 'tau');
  return tf.tidy(() => {
    const logProb = logSoftmaxWithoutSelf(tf.div(similarity, tau));
    const notSelf = tf.sub(1, tf.eye(similarity.shape[0]));
    return meanPositiveNegLogProb(logProb, tf.mul(sameLabelMask(labels), notSelf));
  });
}

/** L_intra = SupCon(v) + 1/K Σ_k SupCon(u_k): cohesion inside the student's and each teacher's embedding. */
export function intraContrastiveLoss(
  student: tf.Tensor2D,
  teachers: tf.Tensor2D[],
  labels: tf.Tensor1D,
  tau: number,
): tf.Scalar {
  assertNonEmpty(teachers, 'intraContrastiveLoss');
  return tf.tidy(() => {
    const teacherMean = tf.div(tf.addN(teachers.map((u) => supCon(u, labels, tau))), teachers.length);
    return tf.add(supCon(student, labels, tau), teacherMean);
  });
}
