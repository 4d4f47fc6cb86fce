/**
 * The teachers' evidence over one image set, read once and kept as plain arrays so that every
 * target builder of ownership-accuracy.ts is scored on the same numbers: logits, features, and
 * for each of the eight ±2 px neighbour shifts each teacher's probability of its own answer.
 */
import * as tf from '@tensorflow/tfjs';
import { neighbourShifts, shiftImages } from '../../src/core/augment';
import { batchToTensor } from '../../src/core/data/imageTensors';
import type { LabelledImages } from '../../src/core/data/labelledImages';
import { gatherPixels } from '../../src/core/data/transferSet';
import type { OwnershipEvidence } from '../../src/core/ownership';
import { ownAnswerProbability } from '../../src/core/ownership';
import type { Teacher } from '../../src/core/teachers/loadTeacher';

export const SHIFTS = neighbourShifts(2);
/** Positions in SHIFTS of the four axis shifts (left, right, up, down). */
export const AXIS_SHIFTS = SHIFTS.map(([dx, dy], i) => (dx === 0 || dy === 0 ? i : -1)).filter((i) => i >= 0);

export interface EvidenceArrays {
  count: number;
  logits: Float32Array[];
  features: Float32Array[];
  /** perShift[s] is [count, K]: ownAnswerProbability under SHIFTS[s]. */
  perShift: Float32Array[];
  widths: { logits: number; features: number }[];
}

const BATCH = 1000;

export async function collectEvidence(teachers: Teacher[], images: LabelledImages, indices: Int32Array): Promise<EvidenceArrays> {
  const widths = teachers.map((t) => ({ logits: t.metadata.labels.length, features: t.metadata.featureSize }));
  const n = indices.length;
  const k = teachers.length;
  const out: EvidenceArrays = {
    count: n,
    widths,
    logits: widths.map((w) => new Float32Array(n * w.logits)),
    features: widths.map((w) => new Float32Array(n * w.features)),
    perShift: SHIFTS.map(() => new Float32Array(n * k)),
  };
  for (let start = 0; start < n; start += BATCH) {
    const slice = indices.subarray(start, start + BATCH);
    const x = batchToTensor(gatherPixels(images.pixels, images.height * images.width * images.channels, slice), images);
    const base = teachers.map((t) => t.run(x));
    for (let j = 0; j < k; j++) {
      out.logits[j].set(await base[j].logits.data(), start * widths[j].logits);
      out.features[j].set(await base[j].features.data(), start * widths[j].features);
    }
    for (let s = 0; s < SHIFTS.length; s++) {
      const p = tf.tidy(() => {
        const moved = shiftImages(x, SHIFTS[s][0], SHIFTS[s][1]);
        return ownAnswerProbability(base.map((o) => o.logits), teachers.map((t) => t.run(moved).logits));
      });
      out.perShift[s].set(await p.data(), start * k);
      p.dispose();
    }
    tf.dispose([x, ...base.flatMap((o) => [o.features, o.logits])]);
  }
  return out;
}

/** The mean own-answer probability over the shifts at `which` (positions in SHIFTS), [count, K]. */
function meanOver(e: EvidenceArrays, which: number[]): Float32Array {
  const k = e.widths.length;
  const mean = new Float32Array(e.count * k);
  for (const s of which) for (let i = 0; i < mean.length; i++) mean[i] += e.perShift[s][i] / which.length;
  return mean;
}

/** Tensors for the builders; `shifts` picks which shifts the agreement averages. The caller disposes them. */
export function toEvidence(e: EvidenceArrays, shifts: number[]): OwnershipEvidence {
  return {
    logits: e.widths.map((w, j) => tf.tensor2d(e.logits[j], [e.count, w.logits])),
    features: e.widths.map((w, j) => tf.tensor2d(e.features[j], [e.count, w.features])),
    agreement: tf.tensor2d(meanOver(e, shifts), [e.count, e.widths.length]),
  };
}

export function disposeEvidence(e: OwnershipEvidence): void {
  tf.dispose([...e.logits, ...(e.features ?? []), ...(e.agreement ? [e.agreement] : [])]);
}
