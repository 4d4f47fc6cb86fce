import type { LabelArray } from './types';

/**
 * Accuracy, confusion matrix and per-teacher subset accuracy over plain typed arrays.
 * Ties in every argmax go to the lowest class index, matching tf.argMax.
 */

function assertSameLength(a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) throw new RangeError(`length mismatch: ${a.length} vs ${b.length}`);
}

/** Fraction of samples with pred === truth; NaN for no samples (undefined, not 0 %). */
export function accuracy(pred: LabelArray, truth: LabelArray): number {
  assertSameLength(pred, truth);
  let correct = 0;
  for (let i = 0; i < truth.length; i++) if (pred[i] === truth[i]) correct++;
  return truth.length === 0 ? NaN : correct / truth.length;
}

/** counts[t][p] = samples with truth t predicted p (rows = truth, columns = prediction). */
export function confusionMatrix(pred: LabelArray, truth: LabelArray, numClasses: number): number[][] {
  assertSameLength(pred, truth);
  const counts = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i];
    const p = pred[i];
    // A label outside the matrix means the caller mixed label spaces; fail loudly.
    if (t >= numClasses || p >= numClasses || t < 0 || p < 0) {
      throw new RangeError(`label out of range at ${i}: truth ${t}, pred ${p}, numClasses ${numClasses}`);
    }
    counts[t][p]++;
  }
  return counts;
}

/** Recall of each class (diagonal / row sum); null for a class with no samples rather than NaN. */
export function perClassAccuracy(confusion: number[][]): (number | null)[] {
  return confusion.map((row, c) => {
    const total = row.reduce((s, v) => s + v, 0);
    return total === 0 ? null : row[c] / total;
  });
}

function subsetSet(classSubset: readonly number[]): Set<number> {
  if (classSubset.length === 0) throw new RangeError('classSubset is empty');
  return new Set(classSubset);
}

/**
 * Accuracy on the samples whose truth is in `classSubset`, the prediction being the argmax over
 * only the subset's columns of `scores` ([n, numClasses] row-major logits or probabilities;
 * softmax is monotone so either gives the same argmax). This is the fair student-vs-teacher
 * comparison: the teacher can only ever answer within its own classes, so the student is
 * asked the same restricted question. NaN when no sample's truth is in the subset.
 */
export function subsetAccuracyRestricted(
  scores: Float32Array,
  truth: LabelArray,
  numClasses: number,
  classSubset: readonly number[],
): number {
  if (scores.length !== truth.length * numClasses) {
    throw new RangeError(`scores has ${scores.length} values, expected ${truth.length} x ${numClasses}`);
  }
  // Ascending order so ties resolve to the lowest class index, whatever order the caller lists.
  const classes = [...subsetSet(classSubset)].sort((a, b) => a - b);
  if (classes[0] < 0 || classes[classes.length - 1] >= numClasses) {
    throw new RangeError(`classSubset outside 0..${numClasses - 1}`);
  }
  const inSubset = new Set(classes);
  let seen = 0;
  let correct = 0;
  for (let i = 0; i < truth.length; i++) {
    if (!inSubset.has(truth[i])) continue;
    seen++;
    const row = i * numClasses;
    let best = classes[0];
    for (const c of classes) if (scores[row + c] > scores[row + best]) best = c;
    if (best === truth[i]) correct++;
  }
  return seen === 0 ? NaN : correct / seen;
}

/**
 * Accuracy on the samples whose truth is in `classSubset`, with the model's full prediction
 * (argmax over all classes): a slip into another teacher's class counts as wrong.
 * NaN when no sample's truth is in the subset.
 */
export function subsetAccuracyUnrestricted(
  pred: LabelArray,
  truth: LabelArray,
  classSubset: readonly number[],
): number {
  assertSameLength(pred, truth);
  const inSubset = subsetSet(classSubset);
  let seen = 0;
  let correct = 0;
  for (let i = 0; i < truth.length; i++) {
    if (!inSubset.has(truth[i])) continue;
    seen++;
    if (pred[i] === truth[i]) correct++;
  }
  return seen === 0 ? NaN : correct / seen;
}

/** Row-wise argmax of [n, numClasses] scores (lowest index on ties), for unrestricted predictions. */
export function argmaxRows(scores: Float32Array, numClasses: number): Int32Array {
  if (numClasses <= 0 || scores.length % numClasses !== 0) {
    throw new RangeError(`scores length ${scores.length} is not a multiple of ${numClasses}`);
  }
  const n = scores.length / numClasses;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const row = i * numClasses;
    let best = 0;
    for (let c = 1; c < numClasses; c++) if (scores[row + c] > scores[row + best]) best = c;
    out[i] = best;
  }
  return out;
}
