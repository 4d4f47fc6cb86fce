import * as tf from '@tensorflow/tfjs';
import { assertNonEmpty, assertPositive } from './checks';
import { symmetricInfoNceFromSimilarity } from './interContrastive';
import { supConFromSimilarity } from './intraContrastive';
import { cosineSimilarityMatrix } from './similarity';

/**
 * Contrastive terms whose positives are the image itself, never a pseudo-label: they carry what
 * the teachers' embeddings (or the image's own augmentations) say about an image even where the
 * combined pseudo-label is wrong.
 */

/** 0, 1, …, n − 1 as int32: every image its own class. */
function identities(n: number, repeat = 1): tf.Tensor1D {
  return tf.tidy(() => tf.tile(tf.range(0, n, 1, 'int32'), [repeat]) as tf.Tensor1D);
}

/**
 * Instance-level inter-model contrast (CRD-style InfoNCE, symmetrised):
 * L = 1/K Σ_k ½ [ −1/B Σ_i log( exp(v_i·u_ki/τ) / Σ_j exp(v_i·u_kj/τ) ) + (same with v and u_k swapped) ].
 * The positive of the student's image i is teacher k's embedding of the same image i; the other
 * images of the batch are the negatives. Rows must be L2-normalised.
 */
export function instanceInterLoss(student: tf.Tensor2D, teachers: tf.Tensor2D[], tau: number): tf.Scalar {
  assertNonEmpty(teachers, 'instanceInterLoss');
  return tf.tidy(() => {
    const ids = identities(student.shape[0]);
    const perTeacher = teachers.map((u) => symmetricInfoNceFromSimilarity(cosineSimilarityMatrix(student, u), ids, tau));
    return tf.div(tf.addN(perTeacher), teachers.length);
  });
}

/**
 * Instance-level intra-model contrast over two views (NT-Xent, SimCLR): the 2B embeddings
 * z = [a; b] of two views of B images; anchor z_i's one positive is the other view of its image,
 * its negatives every other embedding but itself:
 * L = −1/2B Σ_i log( exp(z_i·z_{i'}/τ) / Σ_{a≠i} exp(z_i·z_a/τ) ). Rows must be L2-normalised.
 */
export function instanceIntraLoss(viewA: tf.Tensor2D, viewB: tf.Tensor2D, tau: number): tf.Scalar {
  if (viewA.shape[0] !== viewB.shape[0] || viewA.shape[1] !== viewB.shape[1]) {
    throw new Error(`instanceIntraLoss: views must have one row per image each ([${viewA.shape}] vs [${viewB.shape}])`);
  }
  assertPositive(tau, 'tau');
  return tf.tidy(() => {
    const both = tf.concat([viewA, viewB], 0) as tf.Tensor2D;
    // SupCon with each image its own class is exactly NT-Xent: one positive, self excluded.
    return supConFromSimilarity(cosineSimilarityMatrix(both), identities(viewA.shape[0], 2), tau);
  });
}
