import * as tf from '@tensorflow/tfjs';
import { oneHotFloat } from './oneHotFloat';
import type { OwnershipEvidence } from './evidence';
import { clusterMeans, kMeans, nearestCentre } from './kmeans';
import { teacherScores } from './scores';
import type { Sharpness, TargetBuilderSpec } from './spec';

/** Per teacher mean and standard deviation of one score over the transfer set. */
export interface ScoreStandard {
  /** [K]; tensors, so fitting never reads back synchronously (which can lose a WebGPU device). */
  mean: tf.Tensor1D;
  std: tf.Tensor1D;
}

/** What fitOwnership learnt from the (unlabelled) transfer set; owns its tensors (disposeOwnershipFit). */
export interface OwnershipFit {
  spec: TargetBuilderSpec;
  /** One per spec term, or null when the spec does not standardise. */
  standards: ScoreStandard[] | null;
  /** Cluster centres in the clustering space and each cluster's mean combined score [M, K]. */
  clusters: { centres: tf.Tensor2D; scores: tf.Tensor2D } | null;
}

/** Keeps a teacher whose score never varies from dividing by zero. */
const MIN_STD = 1e-6;

/**
 * The fit step: statistics of each score per teacher, then (cluster ownership) k-means and each
 * cluster's mean score, all over the transfer set's evidence given as one batch [N, ...]. Cheap
 * for builders without clusters; `seed` only places the first cluster centres.
 */
export function fitOwnership(spec: TargetBuilderSpec, transfer: OwnershipEvidence, seed = 0): OwnershipFit {
  const standards = spec.kind === 'scores' && spec.standardise ? spec.terms.map((t) => standardOf(teacherScores(transfer, t.score, spec.scoreTemperature))) : null;
  const fit: OwnershipFit = { spec, standards, clusters: null };
  if (spec.kind === 'scores' && spec.clusters) fit.clusters = fitClusters(fit, transfer, seed);
  return fit;
}

function standardOf(scores: tf.Tensor2D): ScoreStandard {
  const out = tf.tidy(() => {
    const { mean, variance } = tf.moments(scores, 0);
    return { mean: mean as tf.Tensor1D, std: tf.maximum(tf.sqrt(variance), MIN_STD) as tf.Tensor1D };
  });
  scores.dispose();
  return out;
}

function fitClusters(fit: OwnershipFit, transfer: OwnershipEvidence, seed: number): { centres: tf.Tensor2D; scores: tf.Tensor2D } {
  const options = fit.spec.clusters!;
  const points = clusterSpace(transfer, options.space);
  const count = Math.min(options.count, points.shape[0]);
  const centres = kMeans(points, count, options.iterations, seed);
  const scores = tf.tidy(() => {
    const sample = sampleScores(fit, transfer);
    return clusterMeans(sample, nearestCentre(points, centres), count).means;
  });
  points.dispose();
  return { centres, scores };
}

/** Each teacher's logits or features, L2-normalised per teacher so each teacher counts the same, side by side. */
function clusterSpace(evidence: OwnershipEvidence, space: 'logits' | 'features'): tf.Tensor2D {
  const parts = space === 'logits' ? evidence.logits : evidence.features;
  if (!parts) throw new Error('cluster ownership in feature space needs the teachers’ features (evidence.features)');
  return tf.tidy(() => tf.concat(parts.map((p) => tf.div(p, tf.maximum(tf.norm(p, 'euclidean', 1, true), 1e-12))), 1) as tf.Tensor2D);
}

/** Each image's own combined score [B, K]: the weighted sum of its (standardised) terms. */
export function sampleScores(fit: OwnershipFit, evidence: OwnershipEvidence): tf.Tensor2D {
  const { spec, standards } = fit;
  return tf.tidy(() => {
    const parts = spec.terms.map((term, i) => {
      const raw = teacherScores(evidence, term.score, spec.scoreTemperature);
      const scaled = standards ? tf.div(tf.sub(raw, standards[i].mean), standards[i].std) : raw;
      return term.weight === 1 ? scaled : tf.mul(scaled, term.weight);
    });
    return (parts.length === 1 ? parts[0] : tf.addN(parts)) as tf.Tensor2D;
  });
}

/** The score that decides ownership [B, K]: the image's own, blended with its cluster's when clustering. */
export function ownershipScores(fit: OwnershipFit, evidence: OwnershipEvidence): tf.Tensor2D {
  return tf.tidy(() => {
    const own = sampleScores(fit, evidence);
    if (!fit.clusters) return own;
    const { space, mix } = fit.spec.clusters!;
    const points = clusterSpace(evidence, space);
    const pooled = tf.gather(fit.clusters.scores, nearestCentre(points, fit.clusters.centres)) as tf.Tensor2D;
    return tf.add(tf.mul(pooled, mix), tf.mul(own, 1 - mix)) as tf.Tensor2D;
  });
}

/** Ownership weights over teachers [B, K], rows summing to 1. */
export function sharpen(scores: tf.Tensor2D, sharpness: Sharpness): tf.Tensor2D {
  return tf.tidy(() => {
    if (sharpness === 'hard') {
      const k = scores.shape[1];
      // oneHot refuses depth 1: a single teacher owns everything.
      return (k === 1 ? tf.onesLike(scores) : oneHotFloat(tf.argMax(scores, 1) as tf.Tensor1D, k)) as tf.Tensor2D;
    }
    if (!(sharpness > 0) || !Number.isFinite(sharpness)) throw new Error(`sharpness must be a positive number or 'hard', got ${sharpness}`);
    return tf.softmax(sharpness === 1 ? scores : tf.mul(scores, sharpness), 1) as tf.Tensor2D;
  });
}

/** Every tensor a fit holds (to keep past a tidy, or to dispose). */
export function fitTensors(fit: OwnershipFit): tf.Tensor[] {
  return [...(fit.standards ?? []).flatMap((s) => [s.mean, s.std]), ...(fit.clusters ? [fit.clusters.centres, fit.clusters.scores] : [])];
}

export function disposeOwnershipFit(fit: OwnershipFit): void {
  tf.dispose(fitTensors(fit));
}
