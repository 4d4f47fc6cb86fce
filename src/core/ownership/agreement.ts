import * as tf from '@tensorflow/tfjs';
import { oneHotFloat } from './oneHotFloat';
import { shiftImages } from '../augment';

/**
 * Per image and teacher [B, K]: the probability (softmax at T = 1) that the teacher gives, on a
 * perturbed view, to the class it picks on the original. A teacher that knows the image's class
 * keeps its answer under a two-pixel shift; one that is guessing on a foreign image tends not to.
 */
export function ownAnswerProbability(original: tf.Tensor2D[], perturbed: tf.Tensor2D[]): tf.Tensor2D {
  return tf.tidy(() =>
    tf.stack(
      original.map((z, k) => {
        const answer = oneHotFloat(tf.argMax(z, 1) as tf.Tensor1D, z.shape[1]);
        return tf.sum(tf.mul(tf.softmax(perturbed[k]), answer), 1);
      }),
      1,
    ) as tf.Tensor2D,
  );
}

/** The teachers' logits on a batch, one [B, C_k] per teacher (e.g. runTeachers(...).logits). */
export type TeacherLogits = (images01: tf.Tensor4D) => tf.Tensor2D[];

/**
 * The `agreement` evidence of a batch, [B, K]: ownAnswerProbability averaged over `shifts`
 * (neighbourShifts / axisShifts). Costs one teacher pass per shift, so training computes it once
 * per transfer image in a pre-pass (ImageTable) rather than per step.
 */
export function shiftAgreement(run: TeacherLogits, images01: tf.Tensor4D, shifts: readonly [number, number][], original?: tf.Tensor2D[]): tf.Tensor2D {
  if (shifts.length === 0) throw new Error('shiftAgreement needs at least one shift');
  return tf.tidy(() => {
    const base = original ?? run(images01);
    const perShift = shifts.map(([dx, dy]) => {
      const moved = shiftImages(images01, dx, dy);
      return ownAnswerProbability(base, run(moved));
    });
    return tf.div(tf.addN(perShift), shifts.length) as tf.Tensor2D;
  });
}

/**
 * A per-image table of K numbers for the whole transfer set (row = transfer image index), filled
 * by a pre-pass and read per batch by the images' indices (ImageBatch.indices, as TeacherCache).
 */
export class ImageTable {
  readonly values: Float32Array;

  constructor(readonly count: number, readonly width: number) {
    this.values = new Float32Array(count * width);
  }

  set(indices: ArrayLike<number>, rows: Float32Array): void {
    if (rows.length !== indices.length * this.width) throw new Error(`ImageTable.set: ${rows.length} values for ${indices.length} rows of ${this.width}`);
    for (let j = 0; j < indices.length; j++) this.values.set(rows.subarray(j * this.width, (j + 1) * this.width), indices[j] * this.width);
  }

  /** The rows of `indices` as a [B, width] tensor (the caller disposes it). */
  rows(indices: ArrayLike<number>): tf.Tensor2D {
    const out = new Float32Array(indices.length * this.width);
    for (let j = 0; j < indices.length; j++) out.set(this.values.subarray(indices[j] * this.width, (indices[j] + 1) * this.width), j * this.width);
    return tf.tensor2d(out, [indices.length, this.width]);
  }
}
