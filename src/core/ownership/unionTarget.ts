import * as tf from '@tensorflow/tfjs';
import { combineTeacherTargets, unionPlacement } from '../method/losses';
import type { OwnershipEvidence } from './evidence';
import { ownershipScores, sharpen, type OwnershipFit } from './fit';

/**
 * The union target from ownership weights, [B, unionSize], rows summing to 1:
 * q = Σ_k w_k · place_k(softmax(z_k / T)). A class two teachers share receives mass from both,
 * in proportion to their weights; with hard weights only the owner's classes get mass.
 */
export function ownedUnionTarget(logits: tf.Tensor2D[], labelMaps: number[][], unionSize: number, temperature: number, weights: tf.Tensor2D): tf.Tensor2D {
  if (logits.length !== labelMaps.length || weights.shape[1] !== logits.length) {
    throw new Error(`ownedUnionTarget: ${logits.length} teachers, ${labelMaps.length} label maps, weights over ${weights.shape[1]}`);
  }
  return tf.tidy(() => {
    // The same ops, in the same order, as combineTeacherTargets' confidence target.
    const placed = logits.map((z, k) => {
      const onUnion = tf.matMul(tf.exp(tf.logSoftmax(tf.div(z, temperature), 1)), unionPlacement(labelMaps[k], unionSize));
      return tf.mul(onUnion, tf.slice(weights, [0, k], [-1, 1]));
    });
    return tf.addN(placed) as tf.Tensor2D;
  });
}

/**
 * The weights that `concat` implies: its one softmax over all logits splits as
 * softmax over teachers of logsumexp(z_k / T) times each teacher's own tempered softmax.
 */
export function concatWeights(logits: tf.Tensor2D[], temperature: number): tf.Tensor2D {
  return tf.tidy(() => tf.softmax(tf.stack(logits.map((z) => tf.logSumExp(tf.div(z, temperature), 1)), 1), 1) as tf.Tensor2D);
}

export interface OwnedTargets {
  /** [B, unionSize], rows sum to 1. */
  target: tf.Tensor2D;
  /** `joint` pseudo-labels: argmax of the target, int32 [B]. */
  pseudo: tf.Tensor1D;
  /** Ownership over teachers [B, K], rows sum to 1 (for the ownership view and the embedding colours). */
  weights: tf.Tensor2D;
}

/**
 * The per-batch step of every builder: ownership weights from the batch's evidence and the fit,
 * then the union target and its pseudo-labels. `concat` goes through combineTeacherTargets so
 * its target is today's bit for bit; its weights are the ones that target implies.
 */
export function ownershipTargets(fit: OwnershipFit, evidence: OwnershipEvidence, labelMaps: number[][], unionSize: number, temperature: number): OwnedTargets {
  return tf.tidy(() => {
    const { logits } = evidence;
    const isConcat = fit.spec.kind === 'concat';
    const weights = isConcat ? concatWeights(logits, temperature) : smoothWeights(sharpen(ownershipScores(fit, evidence), fit.spec.sharpness), fit.spec.smoothing ?? 0);
    const target = isConcat ? combineTeacherTargets(logits, labelMaps, unionSize, temperature, 'concat') : ownedUnionTarget(logits, labelMaps, unionSize, temperature, weights);
    return { target, pseudo: tf.argMax(target, 1) as tf.Tensor1D, weights };
  });
}

/** (1 − s)·w + s/K per row: each teacher keeps at least s/K of every image's target. */
export function smoothWeights(weights: tf.Tensor2D, smoothing: number): tf.Tensor2D {
  if (smoothing <= 0) return weights;
  return tf.tidy(() => tf.add(tf.mul(weights, 1 - smoothing), smoothing / weights.shape[1]) as tf.Tensor2D);
}

/** The owning teacher per image (largest weight; ties to the lower index), int32 [B]. */
export function owners(weights: tf.Tensor2D): tf.Tensor1D {
  return tf.argMax(weights, 1) as tf.Tensor1D;
}
