import { describe, expect, it } from 'vitest';
import {
  accuracy,
  argmaxRows,
  confusionMatrix,
  perClassAccuracy,
  subsetAccuracyRestricted,
  subsetAccuracyUnrestricted,
} from './classificationMetrics';

// Worked by hand: correct at 0, 1, 3, 5 -> 4 of 7.
const pred = Int32Array.from([0, 1, 2, 2, 1, 0, 1]);
const truth = Int32Array.from([0, 1, 1, 2, 2, 0, 0]);

describe('accuracy', () => {
  it('counts matches over all samples', () => {
    expect(accuracy(pred, truth)).toBeCloseTo(4 / 7, 12);
    expect(accuracy(Uint8Array.from([3, 3]), Uint8Array.from([3, 3]))).toBe(1);
  });
  it('is NaN with no samples and rejects mismatched lengths', () => {
    expect(accuracy(new Int32Array(0), new Int32Array(0))).toBeNaN();
    expect(() => accuracy(new Int32Array(2), new Int32Array(3))).toThrow(RangeError);
  });
});

describe('confusionMatrix and perClassAccuracy', () => {
  it('puts truth on rows and prediction on columns', () => {
    // truth 0: preds 0, 0, 1; truth 1: preds 1, 2; truth 2: preds 2, 1; class 3 never occurs.
    expect(confusionMatrix(pred, truth, 4)).toEqual([
      [2, 1, 0, 0],
      [0, 1, 1, 0],
      [0, 1, 1, 0],
      [0, 0, 0, 0],
    ]);
  });
  it('gives recall per class and null for a class with no samples', () => {
    const acc = perClassAccuracy(confusionMatrix(pred, truth, 4));
    expect(acc[0]).toBeCloseTo(2 / 3, 12);
    expect(acc[1]).toBe(0.5);
    expect(acc[2]).toBe(0.5);
    expect(acc[3]).toBeNull();
  });
  it('rejects labels outside the matrix', () => {
    expect(() => confusionMatrix(Int32Array.from([0]), Int32Array.from([3]), 3)).toThrow(RangeError);
    expect(() => confusionMatrix(Int32Array.from([-1]), Int32Array.from([0]), 3)).toThrow(RangeError);
  });
});

describe('subset accuracy', () => {
  // Three classes; the teacher owns {0, 1}. Row by row:
  //   truth 0 [.1 .2 .7]: full argmax 2 (wrong), restricted argmax 1 (wrong)
  //   truth 0 [.3 .1 .6]: full 2 (wrong),        restricted 0 (right)
  //   truth 1 [.1 .5 .4]: full 1 (right),        restricted 1 (right)
  //   truth 2 [.9 .05 .05]: outside the subset, ignored by both
  //   truth 1 [.4 .4 .2]: tie -> lowest index 0 in both (wrong)
  // Restricted: 2 of 4. Unrestricted: 1 of 4.
  const scores = Float32Array.from([0.1, 0.2, 0.7, 0.3, 0.1, 0.6, 0.1, 0.5, 0.4, 0.9, 0.05, 0.05, 0.4, 0.4, 0.2]);
  const subsetTruth = Int32Array.from([0, 0, 1, 2, 1]);

  it('restricted takes the argmax over the subset columns only', () => {
    expect(subsetAccuracyRestricted(scores, subsetTruth, 3, [0, 1])).toBe(0.5);
  });
  it('unrestricted needs the full prediction to be right', () => {
    const full = argmaxRows(scores, 3);
    expect(Array.from(full)).toEqual([2, 2, 1, 0, 0]);
    expect(subsetAccuracyUnrestricted(full, subsetTruth, [0, 1])).toBe(0.25);
  });
  it('restricted resolves ties the same whatever order the subset is listed in', () => {
    expect(subsetAccuracyRestricted(scores, subsetTruth, 3, [1, 0])).toBe(0.5);
  });
  it('restricted gives the same answer on logits as on probabilities', () => {
    const logits = scores.map((p) => Math.log(p) + 7);
    expect(subsetAccuracyRestricted(logits, subsetTruth, 3, [0, 1])).toBe(0.5);
  });
  it('both equal plain accuracy when the subset is every class', () => {
    const full = argmaxRows(scores, 3);
    const all = [0, 1, 2];
    expect(subsetAccuracyRestricted(scores, subsetTruth, 3, all)).toBe(accuracy(full, subsetTruth));
    expect(subsetAccuracyUnrestricted(full, subsetTruth, all)).toBe(accuracy(full, subsetTruth));
  });
  it('are NaN when no sample belongs to the subset, and reject bad input', () => {
    expect(subsetAccuracyRestricted(scores, Int32Array.from([2, 2, 2, 2, 2]), 3, [0, 1])).toBeNaN();
    expect(subsetAccuracyUnrestricted(Int32Array.from([2]), Int32Array.from([2]), [0])).toBeNaN();
    expect(() => subsetAccuracyRestricted(scores, subsetTruth, 3, [])).toThrow(RangeError);
    expect(() => subsetAccuracyRestricted(scores, subsetTruth, 3, [0, 3])).toThrow(RangeError);
    expect(() => subsetAccuracyRestricted(scores, subsetTruth, 4, [0])).toThrow(RangeError);
  });
});
