import * as tf from '@tensorflow/tfjs';
import type { OwnershipEvidence } from './evidence';
import type { OwnershipScore } from './spec';

/**
 * One score per image and teacher, [B, K]; higher means the teacher more likely owns the image.
 * The negEntropy path repeats combineTeacherTargets' confidence weights op for op, so the
 * `confidence` builder reproduces today's target bit for bit.
 */
export function teacherScores(evidence: OwnershipEvidence, score: OwnershipScore, temperature: number): tf.Tensor2D {
  if (score === 'agreement') {
    if (!evidence.agreement) throw new Error('the agreement score needs the shift pre-pass (evidence.agreement)');
    const [rows, teachers] = evidence.agreement.shape;
    if (rows !== evidence.logits[0].shape[0] || teachers !== evidence.logits.length) {
      throw new Error(`agreement [${evidence.agreement.shape}] must hold one row per image and one column per teacher`);
    }
    return tf.clone(evidence.agreement);
  }
  return tf.tidy(() => tf.stack(evidence.logits.map((z) => perTeacher(z, score, temperature)), 1) as tf.Tensor2D);
}

function perTeacher(z: tf.Tensor2D, score: Exclude<OwnershipScore, 'agreement'>, t: number): tf.Tensor1D {
  switch (score) {
    case 'maxLogit':
      return tf.max(z, 1);
    case 'energy':
      return tf.logSumExp(z, 1);
    case 'negEntropy': {
      const lp = tf.logSoftmax(tf.div(z, t), 1);
      return tf.sum(tf.mul(tf.exp(lp), lp), 1);
    }
    case 'certainty': {
      const lp = tf.logSoftmax(tf.div(z, t), 1);
      const classes = z.shape[1];
      // A one-class teacher is never ambiguous.
      if (classes < 2) return tf.ones([z.shape[0]]);
      return tf.add(1, tf.div(tf.sum(tf.mul(tf.exp(lp), lp), 1), Math.log(classes)));
    }
  }
}
