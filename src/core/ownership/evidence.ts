import type * as tf from '@tensorflow/tfjs';

/**
 * What the builders may look at for a set of images: the frozen teachers' outputs and, for the
 * `agreement` score, each teacher's agreement under shifts (agreement.ts). No labels.
 */
export interface OwnershipEvidence {
  /** Per teacher [B, C_k]. */
  logits: tf.Tensor2D[];
  /** Per teacher [B, F_k]; needed only by cluster ownership in feature space. */
  features?: tf.Tensor2D[];
  /** [B, K]; needed only by builders with an `agreement` term. */
  agreement?: tf.Tensor2D;
}
