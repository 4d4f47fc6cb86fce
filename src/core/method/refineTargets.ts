import * as tf from '@tensorflow/tfjs';
import { augmentImages, type AugmentOptions } from '../augment';
import { batchToTensor } from '../data/imageTensors';
import type { TransferSet } from '../data/transferSet';
import type { TeacherOutputs } from './amalgamationLoss';
import { builderOwners, type TargetSource } from './batchTargets';
import { knownBy, type Refinement } from './refinement';

/**
 * Self-refinement across epochs (in the manner of Noisy Student): at an epoch's end the student
 * looks at every transfer image, on the image itself and on a few seeded shifts of it. Where it
 * is sure of one class on all of them and the target builder gave the image to a teacher that
 * does not know that class, the image is handed to the teachers that do. The guards against the
 * student confirming its own mistakes: it only ever picks the owner (the owning teacher's
 * softmax still gives the class distribution), it must be confident and stable under shifts,
 * and at most `maxShare` of the images change owner, the surest first. Each refinement starts
 * again from the builder's owners, so a reassignment the student no longer backs is dropped.
 */

export interface RefineOptions {
  /** The student's probability of its class, on the image and on every shifted view, must reach this. */
  threshold: number;
  /** At most this share of the transfer images changes owner (the surest first). */
  maxShare: number;
  /** The run's seed; with `epoch` it fixes the shifted views. */
  seed: number;
  /** The epoch (1-based) just closed. */
  epoch: number;
  /** Shifted views besides the image itself (default 2). */
  views?: number;
  /** Images per student and teacher call (default 256). */
  batchSize?: number;
}

export interface RefineModels {
  /** The student's probabilities over the union classes, [B, union] (predictUnion). */
  predict: (images01: tf.Tensor4D) => tf.Tensor2D;
  /** The frozen teachers on transfer images (a TeacherCache or a plain run); refineTargets disposes what it gets. */
  teachers: (indices: Int32Array, images01: tf.Tensor4D) => Promise<TeacherOutputs>;
  /** The frozen teachers on any images (for builders that measure agreement now). */
  run: (images01: tf.Tensor4D) => TeacherOutputs;
}

/** Whole-pixel shifts only: they keep a digit's class, and a student that flips its answer under them is guessing. */
export const REFINE_SHIFTS: AugmentOptions = { maxShift: 2, maxRotationDegrees: 0, noiseStd: 0 };
const DEFAULT_VIEWS = 2;
const DEFAULT_BATCH = 256;

interface Candidate {
  index: number;
  cls: number;
  confidence: number;
}

/** The views' seed: fixed by the run's seed, the epoch, the batch and the view, so a rerun draws the same shifts. */
function viewSeed(seed: number, epoch: number, start: number, view: number): number {
  return (Math.imul(seed + 1, 0x85ebca6b) ^ Math.imul(epoch + 1, 0xc2b2ae35) ^ Math.imul(start + 1, 0x27d4eb2f) ^ (view + 1)) >>> 0;
}

/**
 * Per image of a batch: the student's class on the image, its smallest probability of that class
 * over the image and its views (0 where a view's answer differs), and the builder's owner.
 */
function judgeBatch(source: TargetSource, models: RefineModels, teachers: TeacherOutputs, x: tf.Tensor4D, indices: Int32Array, views: number, seedOf: (view: number) => number) {
  return tf.tidy(() => {
    const first = models.predict(x);
    const cls = tf.argMax(first, 1) as tf.Tensor1D;
    const pick = tf.oneHot(cls, first.shape[1]).asType('float32');
    let confidence = tf.sum(tf.mul(first, pick), 1);
    for (let v = 0; v < views; v++) {
      const p = models.predict(augmentImages(x, REFINE_SHIFTS, seedOf(v)));
      const same = tf.equal(tf.argMax(p, 1), cls).asType('float32');
      confidence = tf.minimum(confidence, tf.mul(tf.sum(tf.mul(p, pick), 1), same));
    }
    const owner = builderOwners(source, teachers, x, models.run, indices);
    if (!owner) throw new Error('self-refinement needs a target builder (a joint, unsupervised run)');
    return [cls, confidence, owner] as const;
  });
}

/**
 * One refinement over the whole transfer set, in index order; deterministic for a given student,
 * teachers, builder fit and options. Costs one teacher pass and 1 + views student passes.
 */
export async function refineTargets(source: TargetSource, transfer: TransferSet, models: RefineModels, options: RefineOptions): Promise<Refinement> {
  if (!(options.threshold > 0 && options.threshold <= 1)) throw new RangeError(`refine threshold must be in (0, 1], got ${options.threshold}`);
  if (!(options.maxShare >= 0 && options.maxShare <= 1)) throw new RangeError(`refine max share must be in [0, 1], got ${options.maxShare}`);
  const known = knownBy(source.union);
  const size = options.batchSize ?? DEFAULT_BATCH;
  const views = options.views ?? DEFAULT_VIEWS;
  const candidates: Candidate[] = [];
  for (let start = 0; start < transfer.count; start += size) {
    const indices = Int32Array.from({ length: Math.min(size, transfer.count - start) }, (_, j) => start + j);
    const x = batchToTensor(transfer.gather(indices), transfer);
    const teachers = await models.teachers(indices, x);
    try {
      const judged = judgeBatch(source, models, teachers, x, indices, views, (v) => viewSeed(options.seed, options.epoch, start, v));
      const [cls, confidence, owner] = await Promise.all(judged.map((t) => t.data()));
      tf.dispose([...judged]);
      indices.forEach((index, j) => {
        const c = cls[j];
        if (confidence[j] >= options.threshold && !known[c][owner[j]]) candidates.push({ index, cls: c, confidence: confidence[j] });
      });
    } finally {
      tf.dispose([x, ...teachers.features, ...teachers.logits]);
    }
    // Lets a browser's event loop breathe between batches of a long pass.
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
  const kept = candidates
    .sort((a, b) => b.confidence - a.confidence || a.index - b.index)
    .slice(0, Math.floor(options.maxShare * transfer.count))
    .sort((a, b) => a.index - b.index);
  return { epoch: options.epoch, indices: kept.map((c) => c.index), classes: kept.map((c) => c.cls), candidates: candidates.length };
}
