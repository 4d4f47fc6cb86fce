import * as tf from '@tensorflow/tfjs';
import type { OwnershipEvidence } from './evidence';
import { ownershipScores, sharpen, type OwnershipFit } from './fit';
import { concatWeights, owners } from './unionTarget';

/** How a fitted builder shares a set of images out among the teachers, beside what concatenation would do. */
export interface OwnershipSummary {
  images: number;
  /** Images each teacher owns (largest ownership weight), in teacher order; sums to `images`. */
  owned: number[];
  /** Images whose owner differs from concat's (the teacher whose tempered logsumexp is largest). */
  changed: number;
}

/**
 * The builder's owner of every image in `evidence` against concat's at `temperature`. Pure: it
 * reads the fit and the evidence and disposes only what it makes. The owner is the same rule
 * ownershipTargets applies per batch, so this is what training will see.
 */
export async function ownershipSummary(fit: OwnershipFit, evidence: OwnershipEvidence, temperature: number): Promise<OwnershipSummary> {
  const teachers = evidence.logits.length;
  const [mine, base] = tf.tidy(() => [builderOwners(fit, evidence, temperature), owners(concatWeights(evidence.logits, temperature))]);
  const [a, b] = [await mine.data(), await base.data()];
  tf.dispose([mine, base]);
  return countOwners(a, b, teachers);
}

/** The owning teacher of each image under the fitted builder, int32 [B] (as ownershipTargets' weights decide it). */
export function builderOwners(fit: OwnershipFit, evidence: OwnershipEvidence, temperature: number): tf.Tensor1D {
  return tf.tidy(() => {
    const weights = fit.spec.kind === 'concat' ? concatWeights(evidence.logits, temperature) : sharpen(ownershipScores(fit, evidence), fit.spec.sharpness);
    return owners(weights);
  });
}

/** Per-teacher counts of `mine` and how many entries differ from `base`. */
export function countOwners(mine: ArrayLike<number>, base: ArrayLike<number>, teachers: number): OwnershipSummary {
  const owned = new Array<number>(teachers).fill(0);
  let changed = 0;
  for (let i = 0; i < mine.length; i++) {
    owned[mine[i]]++;
    if (mine[i] !== base[i]) changed++;
  }
  return { images: mine.length, owned, changed };
}
