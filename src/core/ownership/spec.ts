/**
 * What a target builder is made of. Every builder but `concat` scores each teacher per image
 * from unlabelled evidence only, optionally standardises each score per teacher over the
 * transfer set, optionally pools the scores over clusters of images, and turns the scores into
 * ownership weights over teachers (rows sum to 1).
 */

/**
 * Per image and teacher, higher = more likely that teacher's classes hold the image.
 * - maxLogit: the largest raw logit.
 * - energy: logsumexp of the raw logits (negative free energy; Liu et al., NeurIPS 2020).
 * - negEntropy: minus the entropy of the softmax at scoreTemperature, in nats (today's `confidence`).
 * - certainty: 1 − entropy / log(classes) at scoreTemperature, so teachers with different class
 *   counts compare (least ambiguity, Adaptive KA, Shen et al., ICCV 2019).
 * - agreement: the teacher's mean probability, under small shifts, of the class it picks on the
 *   unshifted image (from a pre-pass, agreement.ts).
 */
export type OwnershipScore = 'maxLogit' | 'energy' | 'negEntropy' | 'certainty' | 'agreement';

export interface ScoreTerm {
  score: OwnershipScore;
  weight: number;
}

/** Soft weights softmax(sharpness · score) over teachers, or 'hard': all weight on the best-scoring teacher. */
export type Sharpness = number | 'hard';

/** Cluster-level ownership: the transfer set is clustered and each image takes (part of) its cluster's mean score. */
export interface ClusterOptions {
  count: number;
  /** What is clustered: each teacher's logits or features, L2-normalised per teacher, side by side. */
  space: 'logits' | 'features';
  /** 1: the cluster's mean score only; 0: the image's own score only. */
  mix: number;
  iterations: number;
}

export interface TargetBuilderSpec {
  /** `concat`: CFL's one softmax over all teachers' logits (no ownership rule); `scores`: the rest. */
  kind: 'concat' | 'scores';
  terms: ScoreTerm[];
  /** Z-score each term per teacher over the transfer set before adding the terms. */
  standardise: boolean;
  /** The temperature at which negEntropy and certainty read the teachers. */
  scoreTemperature: number;
  sharpness: Sharpness;
  clusters?: ClusterOptions;
  /**
   * Ownership weights become (1 − s)·w + s/K: a hard owner otherwise erases every other
   * teacher's ranking of its own classes on the image (0 keeps the builder's weights).
   */
  smoothing?: number;
}

export function usesAgreement(spec: TargetBuilderSpec): boolean {
  return spec.kind === 'scores' && spec.terms.some((t) => t.score === 'agreement');
}

export function usesFeatures(spec: TargetBuilderSpec): boolean {
  return spec.kind === 'scores' && spec.clusters?.space === 'features';
}

/** Whether fitOwnership has work to do (statistics or clusters over the transfer set). */
export function needsFit(spec: TargetBuilderSpec): boolean {
  return spec.kind === 'scores' && (spec.standardise || spec.clusters !== undefined);
}
